/**
 * After a key pair moved into a profile, the code must pick the profile up. Setting AWS_PROFILE
 * does not fill AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, so replacing the literals with those
 * lookups would leave the code without credentials. What works is to stop passing credentials
 * explicitly: the SDK's default chain then reads the profile named by AWS_PROFILE. This module
 * removes the two credential arguments / properties (and a `credentials: {}` left empty) where
 * they are named arguments or properties, and in env files puts `AWS_PROFILE=name` in their place.
 * Anything else (a variable used elsewhere, positional arguments) is left for the user: undefined.
 */
import type { SecretRange } from '../detect';

/** Replace [start, end) of one line (end may be the next line's column 0, to delete the line). */
export interface LineReplacement {
  readonly line: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly text: string;
}

export interface ProfileRewrite {
  readonly edits: readonly LineReplacement[];
  /** What the rewritten code does now, for the message. */
  readonly how: 'default-chain' | 'aws-profile-variable';
}

/** Names an SDK takes credentials under (lowercased, without `_`, `-` and `.`). */
const CREDENTIAL_NAMES = new Set(['accesskeyid', 'awsaccesskeyid', 'secretaccesskey', 'awssecretaccesskey', 'accesskey', 'secretkey', 'awsaccesskey', 'awssecretkey', 'secret']);
const ENV_LANGUAGES = new Set(['dotenv', 'shellscript', 'properties']);
const ENV_KEY_ID = 'AWS_ACCESS_KEY_ID';
const ENV_SECRET = 'AWS_SECRET_ACCESS_KEY';
const QUOTES = new Set(['"', "'", '`']);
const NAME_CHAR = /[\w.-]/;

interface Element {
  /** Span to remove on the line: the name, separator, value and one adjacent comma. */
  start: number;
  end: number;
  name: string;
  separator: ':' | '=';
  /** Only whitespace (or `export `) before the name. */
  startsLine: boolean;
  /** What stood before the element (trimmed), for telling declarations from arguments. */
  before: string;
  trailingComma: boolean;
}

/** `name = 'value'` / `"name": value` around the literal at [start, end), scanning by hand (linear). */
function elementAround(text: string, start: number, end: number): Element | undefined {
  let s = start;
  let e = end;
  if (QUOTES.has(text[s - 1]) && text[e] === text[s - 1]) {
    s--;
    e++;
  }
  let i = s - 1;
  while (i >= 0 && text[i] === ' ') i--;
  const separator = text[i];
  if (separator !== ':' && separator !== '=') return undefined;
  i--;
  // Go's `:=` and other compound operators are declarations or statements, not arguments.
  if (separator === '=' && /[:!<>=+\-*/]/.test(text[i] ?? '')) return undefined;
  while (i >= 0 && text[i] === ' ') i--;
  const quote = QUOTES.has(text[i]) ? text[i] : undefined;
  if (quote) i--;
  const nameEnd = i + 1;
  while (i >= 0 && NAME_CHAR.test(text[i])) i--;
  const name = text.slice(i + 1, nameEnd);
  if (!name) return undefined;
  if (quote) {
    if (text[i] !== quote) return undefined;
    i--;
  }
  let elementStart = i + 1;
  let before = text.slice(0, elementStart);
  if (/(?:^|\s)export\s+$/.test(before)) {
    elementStart = before.lastIndexOf('export');
    before = text.slice(0, elementStart);
  }
  let j = e;
  while (j < text.length && text[j] === ' ') j++;
  const trailingComma = text[j] === ',';
  let elementEnd = e;
  if (trailingComma) {
    j++;
    while (j < text.length && text[j] === ' ') j++;
    elementEnd = j;
  } else if (text[j] === ';') elementEnd = j + 1;
  return { start: elementStart, end: elementEnd, name, separator, startsLine: before.trim() === '', before: before.trimEnd(), trailingComma };
}

const normalise = (name: string) => name.toLowerCase().replace(/[_.-]/g, '');

/** The line with `spans` removed; a span without a trailing comma takes the comma before it instead. */
function removeSpans(text: string, spans: Array<{ start: number; end: number; trailingComma: boolean }>): string {
  const ranges = spans
    .map((span) => {
      const before = text.slice(0, span.start).trimEnd();
      return { start: !span.trailingComma && before.endsWith(',') ? before.length - 1 : span.start, end: span.end };
    })
    .sort((a, b) => a.start - b.start);
  // Two elements side by side may both claim the comma between them: merge what overlaps.
  const merged: Array<{ start: number; end: number }> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  for (const range of merged) {
    // The last argument or property gone: the comma before it goes too (`f(a, k=v)` → `f(a)`).
    const closes = /^\s*[)}\]]/.test(text.slice(range.end));
    const before = text.slice(0, range.start).trimEnd();
    if (closes && before.endsWith(',')) range.start = before.length - 1;
  }
  let out = text;
  for (const range of merged.reverse()) out = out.slice(0, range.start) + out.slice(range.end);
  return out;
}

/** Drops a JS/TS `credentials: { }` left empty by the removal. */
function dropEmptyWrapper(text: string): string {
  return text.replace(/,?\s*credentials\s*:\s*\{\s*\}\s*,?/, (match) => (match.startsWith(',') && match.trimEnd().endsWith(',') ? ',' : ''));
}

function deleteLine(lines: readonly string[], line: number): LineReplacement {
  return line + 1 < lines.length
    ? { line, startColumn: 0, endLine: line + 1, endColumn: 0, text: '' }
    : { line: Math.max(0, line - 1), startColumn: lines[line - 1]?.length ?? 0, endLine: line, endColumn: lines[line].length, text: '' };
}

/**
 * Rewrites the code around a moved key pair so the profile `profileName` is what it uses, or
 * undefined when the shape is not one this can change safely.
 */
export function rewriteForProfile(languageId: string, lines: readonly string[], keyId: SecretRange, secret: SecretRange, profileName: string): ProfileRewrite | undefined {
  if (keyId.line !== keyId.endLine || secret.line !== secret.endLine) return undefined;
  const keyElement = elementAround(lines[keyId.line] ?? '', keyId.startColumn, keyId.endColumn);
  const secretElement = elementAround(lines[secret.line] ?? '', secret.startColumn, secret.endColumn);
  if (!keyElement || !secretElement) return undefined;

  if (ENV_LANGUAGES.has(languageId)) {
    // `export AWS_ACCESS_KEY_ID=…` lines: AWS_PROFILE takes the key id's line, the secret's goes.
    if (keyElement.name !== ENV_KEY_ID || secretElement.name !== ENV_SECRET || !keyElement.startsLine || !secretElement.startsLine || keyId.line === secret.line) return undefined;
    const keyLine = lines[keyId.line];
    const exported = keyLine.slice(keyElement.start).startsWith('export') ? 'export ' : '';
    return {
      how: 'aws-profile-variable',
      edits: [{ line: keyId.line, startColumn: keyElement.start, endLine: keyId.line, endColumn: keyLine.length, text: `${exported}AWS_PROFILE=${profileName}` }, deleteLine(lines, secret.line)],
    };
  }

  for (const element of [keyElement, secretElement]) {
    if (!CREDENTIAL_NAMES.has(normalise(element.name))) return undefined;
    // Before an argument or property stands `(`, `{`, `,`, or nothing (a line of its own).
    if (!element.startsLine && !/[({[,]$/.test(element.before)) return undefined;
    if (element.separator === '=' && element.startsLine) {
      // A line of its own with `=`: a keyword argument (a comma follows, or the call closes next) or a variable (left alone).
      const line = element === keyElement ? keyId.line : secret.line;
      const next = lines.slice(line + 1).find((l) => l.trim() !== '')?.trim() ?? '';
      if (!element.trailingComma && !next.startsWith(')')) return undefined;
    }
  }

  const byLine = new Map<number, Element[]>();
  for (const [line, element] of [[keyId.line, keyElement], [secret.line, secretElement]] as const) byLine.set(line, [...(byLine.get(line) ?? []), element]);
  const newText = new Map<number, string>();
  for (const [line, elements] of byLine) newText.set(line, dropEmptyWrapper(removeSpans(lines[line], elements)));

  const edits: LineReplacement[] = [];
  const deleted = new Set<number>();
  for (const [line, text] of newText) {
    if (text.trim() === '' || text.trim() === ',') deleted.add(line);
    else edits.push({ line, startColumn: 0, endLine: line, endColumn: lines[line].length, text });
  }
  // `credentials: {` … `},` around property lines that are all gone: the wrapper goes too.
  if (deleted.size > 0) {
    const first = Math.min(...deleted);
    const last = Math.max(...deleted);
    const inner = lines.slice(first, last + 1).every((l, k) => deleted.has(first + k) || l.trim() === '');
    if (inner && /credentials\s*:\s*\{\s*$/.test(lines[first - 1] ?? '') && /^\s*\}\s*,?\s*$/.test(lines[last + 1] ?? '')) {
      deleted.add(first - 1);
      deleted.add(last + 1);
    }
  }
  for (const line of [...deleted].sort((a, b) => b - a)) edits.push(deleteLine(lines, line));
  return { how: 'default-chain', edits };
}
