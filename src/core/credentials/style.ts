/**
 * The file's own formatting habits, so that lines we add look like the lines already there.
 */
import type { CredentialsDocument, DocumentLine, Profile } from './model';

export interface FileStyle {
  readonly eol: '\n' | '\r\n';
  /** Text between key and value, e.g. " = " or "=". */
  readonly separator: string;
  /** Indentation of top-level key lines. */
  readonly indent: string;
  /** Whether sections are separated by a blank line. */
  readonly blankBetweenSections: boolean;
}

function mostCommon<T>(items: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestCount = 0;
  for (const item of items) {
    const count = (counts.get(item) ?? 0) + 1;
    counts.set(item, count);
    if (count > bestCount) [best, bestCount] = [item, count];
  }
  return best;
}

function keyLines(doc: CredentialsDocument, profile?: Profile): DocumentLine[] {
  const sections = profile ? new Set(profile.sections.map((s) => s.index)) : undefined;
  return doc.lines.filter(
    (l) => l.property && l.property.parent === undefined && l.property.value !== '' && (!sections || (l.section !== undefined && sections.has(l.section))),
  );
}

/** Detects the style, preferring the profile's own lines over the rest of the file. */
export function detectStyle(doc: CredentialsDocument, profile?: Profile): FileStyle {
  const own = profile ? keyLines(doc, profile) : [];
  const all = keyLines(doc);
  const separatorOf = (l: DocumentLine) => doc.text.slice(l.property!.keyEnd, l.property!.valueStart);
  const eol = mostCommon(doc.lines.map((l) => l.eol).filter((e): e is '\n' | '\r\n' => e !== '')) ?? '\n';
  // A comment right above a header describes that section, so look above it for the separator.
  const headers = doc.sections.filter((s) => s.index > 0);
  const blankBefore = headers.filter((s) => {
    let i = s.headerLine - 2;
    while (i > 0 && doc.lines[i].kind === 'comment') i--;
    return doc.lines[i].kind === 'blank';
  }).length;
  return {
    eol,
    separator: mostCommon(own.map(separatorOf)) ?? mostCommon(all.map(separatorOf)) ?? ' = ',
    indent: mostCommon(own.map((l) => l.indent)) ?? mostCommon(all.map((l) => l.indent)) ?? '',
    blankBetweenSections: headers.length === 0 || blankBefore * 2 >= headers.length,
  };
}
