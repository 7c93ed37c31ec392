/**
 * Splits a file into lines without losing a byte and classifies each line exactly as
 * `parseIni` in @smithy/shared-ini-file-loader does (see the comments for each rule), so that the
 * model resolves what the SDK resolves and edits can replace only a value's characters.
 */
import { CredentialsFileError } from './errors';
import type { Ambiguity, DocumentLine, IniSection, LineKind, PropertyLine, SectionType } from './model';

// The SDK's own patterns, copied verbatim: a comment starts at `#`/`;` at the line start or after
// whitespace; `[prefix name]` headers must match PREFIX_KEY to count as prefixed sections.
const INLINE_COMMENT = /(^|\s)[;#]/;
const PREFIX_KEY = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const SECTION_PREFIXES = ['profile', 'sso-session', 'services'];
// The SDK throws on these (prototype pollution guard), which makes it ignore the whole file.
const BLOCKED_SECTION_NAMES = ['__proto__', 'profile __proto__'];

export interface LexResult {
  readonly lines: DocumentLine[];
  /** Sections with their SDK key; `type`/`name` are refined by the caller per file kind. */
  readonly sections: Array<Omit<IniSection, 'type' | 'name'>>;
  readonly ambiguities: Ambiguity[];
}

interface RawLine {
  start: number;
  end: number;
  eol: '' | '\n' | '\r\n';
}

/** Splits at LF and CRLF only, like the SDK's `split(/\r?\n/)`; no empty line after a final newline. */
export function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  while (start < text.length) {
    const lf = text.indexOf('\n', start);
    if (lf === -1) {
      lines.push({ start, end: text.length, eol: '' });
      break;
    }
    const crlf = lf > start && text[lf - 1] === '\r';
    lines.push({ start, end: crlf ? lf - 1 : lf, eol: crlf ? '\r\n' : '\n' });
    start = lf + 1;
  }
  return lines;
}

/** The key the SDK files a section under, or undefined when the SDK ignores its keys. */
export function sdkSectionKey(rawName: string): string | undefined {
  const match = PREFIX_KEY.exec(rawName);
  if (match) {
    const [, prefix, , name] = match;
    return SECTION_PREFIXES.includes(prefix) ? `${prefix}.${name}` : undefined;
  }
  // An empty name is falsy in the SDK, so its keys are ignored too.
  return rawName === '' ? undefined : rawName;
}

function leadingWhitespace(s: string): string {
  return s.slice(0, s.length - s.trimStart().length);
}

/** Lexes `text`; throws CredentialsFileError only where the SDK itself refuses the file. */
export function lex(text: string, path: string): LexResult {
  const lines: DocumentLine[] = [];
  const sections: Array<Omit<IniSection, 'type' | 'name'>> = [];
  const ambiguities: Ambiguity[] = [];
  const flag = (code: Ambiguity['code'], line: number, message: string) => ambiguities.push({ code, line, message });
  let sdkSection: string | undefined;
  let nestedParent: string | undefined;
  // The AWS CLI (Python configparser) reads a line indented deeper than the previous key line as
  // part of that key's value; track that indentation to flag lines the two readers see differently.
  let cliKeyIndent: number | undefined;

  splitLines(text).forEach((raw, i) => {
    const number = i + 1;
    const content = text.slice(raw.start, raw.end);
    // A BOM is not indentation; the SDK's trim() drops it from the first line like whitespace.
    const indent = leadingWhitespace(i === 0 ? content.replace(/^\uFEFF/, '') : content);
    const comment = INLINE_COMMENT.exec(content);
    const beforeComment = comment ? content.slice(0, comment.index) : content;
    const trimmed = beforeComment.trim();
    const lead = beforeComment.length - beforeComment.trimStart().length;
    const sectionIndex = sections.length > 0 ? sections.length - 1 : undefined;
    const push = (kind: LineKind, property?: PropertyLine, section = sectionIndex) =>
      lines.push({ number, start: raw.start, end: raw.end, eol: raw.eol, kind, indent, section, property });

    if (content.includes('\r')) {
      flag('lone-carriage-return', number, 'A lone carriage return is not a line break for the AWS SDK, but is one for the AWS CLI');
    }
    if (trimmed === '') {
      push(comment ? 'comment' : 'blank');
      return;
    }
    if (comment) flag('inline-comment', number, 'Inline comment: the AWS SDK drops it, the AWS CLI keeps it as part of the value');

    if (trimmed.startsWith('[') && trimmed.endsWith(']') && trimmed.length >= 2) {
      const rawName = trimmed.slice(1, -1);
      if (BLOCKED_SECTION_NAMES.includes(rawName)) {
        throw new CredentialsFileError('invalid-section', path, 'The AWS SDK refuses a file with this section name; rename or remove the section', number);
      }
      sdkSection = sdkSectionKey(rawName);
      nestedParent = undefined;
      cliKeyIndent = undefined;
      if (sections.length > 0) sections[sections.length - 1] = { ...sections[sections.length - 1], lastLine: number - 1 };
      sections.push({ index: sections.length, headerLine: number, lastLine: number, rawName, sdkKey: sdkSection });
      if (rawName !== rawName.trim()) flag('section-name', number, 'Whitespace inside the brackets is part of the section name for the AWS SDK but not for the AWS CLI');
      if (indent !== '') flag('section-name', number, 'Indented section header: the AWS CLI may read it as part of the previous value');
      push('section', undefined, sections.length - 1);
      return;
    }
    if (sdkSection === undefined) {
      push('outside');
      if (trimmed.includes('=')) {
        flag('outside-section', number, sections.length === 0 ? 'Setting before the first section header: ignored' : 'Setting under a section the AWS SDK ignores');
      }
      return;
    }

    const equalsIndex = trimmed.indexOf('=');
    if (equalsIndex <= 0) {
      const continuation = indent !== '';
      push(continuation ? 'continuation' : 'unparseable');
      flag(
        continuation ? 'continuation-line' : 'unparseable-line',
        number,
        continuation
          ? 'Indented line without "=": the AWS CLI appends it to the previous value, the AWS SDK ignores it'
          : `Line without "key = value"${trimmed.includes(':') ? ' (":" is a separator only for the AWS CLI)' : ''}: the AWS SDK ignores it`,
      );
      return;
    }
    const key = trimmed.slice(0, equalsIndex).trim();
    const afterEquals = trimmed.slice(equalsIndex + 1);
    const value = afterEquals.trim();
    const keyStart = raw.start + lead;
    const equalsAt = keyStart + equalsIndex;
    const valueStart = value === '' ? keyStart + trimmed.length : equalsAt + 1 + (afterEquals.length - afterEquals.trimStart().length);
    let parent: string | undefined;
    if (value === '') {
      // The SDK records no value here; it opens nested settings for the indented lines below.
      nestedParent = key;
    } else {
      if (nestedParent !== undefined && indent === '') nestedParent = undefined;
      parent = nestedParent;
    }
    if (parent === undefined && cliKeyIndent !== undefined && indent.length > cliKeyIndent) {
      flag('indented-key', number, 'Setting indented deeper than the one above: the AWS CLI reads it as part of that value');
    }
    cliKeyIndent = indent.length;
    push('property', {
      key,
      fullKey: parent === undefined ? key : `${parent}.${key}`,
      parent,
      value,
      keyStart,
      keyEnd: keyStart + trimmed.slice(0, equalsIndex).trimEnd().length,
      equalsAt,
      valueStart,
      valueEnd: valueStart + value.length,
      contentEnd: raw.start + beforeComment.length,
    });
  });
  if (sections.length > 0) sections[sections.length - 1] = { ...sections[sections.length - 1], lastLine: lines.length };
  return { lines, sections, ambiguities };
}

export type { SectionType };
