/**
 * Keeps a document's findings current as it is edited, rescanning only the changed lines plus the
 * context the detector needs. This is the editor's hot path (every keystroke in a large file), so
 * it is pure, measured in the bench, and never rescans the whole text after the first scan.
 */
import { CONTEXT_LINES, detectSecrets, detectSecretsInLines, type DetectOptions, type Finding } from '../detect';

/** One edit at line granularity: old lines [startLine, oldEndLine] were replaced by `newLines`. */
export interface LineEdit {
  startLine: number;
  oldEndLine: number;
  newLines: readonly string[];
}

const LINE_BREAK = /\r\n|\r|\n/;

function shiftFinding(finding: Finding, by: number): Finding {
  if (by === 0) return finding;
  const range = { ...finding.range, line: finding.range.line + by, endLine: finding.range.endLine + by };
  const pairedWith = finding.pairedWith && {
    ...finding.pairedWith,
    range: { ...finding.pairedWith.range, line: finding.pairedWith.range.line + by, endLine: finding.pairedWith.range.endLine + by },
  };
  return pairedWith ? { ...finding, range, pairedWith } : { ...finding, range };
}

export class DocumentFindings {
  private lines: string[] = [];
  private current: Finding[] = [];

  constructor(private readonly options: DetectOptions = {}) {}

  /** Full scan: the first time a document is seen, or when it is replaced wholesale. */
  reset(text: string): readonly Finding[] {
    this.lines = text.split(LINE_BREAK);
    this.current = detectSecrets(text, this.options);
    return this.current;
  }

  /** Full scan done elsewhere (off the editor's thread): adopt its findings for `text`. */
  resetWith(text: string, findings: Finding[]): readonly Finding[] {
    this.lines = text.split(LINE_BREAK);
    this.current = findings;
    return this.current;
  }

  /** The options full scans must use, so a scan done elsewhere matches one done here. */
  get detectOptions(): DetectOptions {
    return this.options;
  }

  get findings(): readonly Finding[] {
    return this.current;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /**
   * Applies one line-level edit and rescans the window around it. Findings outside the window are
   * kept (shifted when the edit changed the line count); findings inside it are recomputed.
   */
  applyEdit(edit: LineEdit): readonly Finding[] {
    const delta = edit.newLines.length - (edit.oldEndLine - edit.startLine + 1);
    this.lines.splice(edit.startLine, edit.oldEndLine - edit.startLine + 1, ...edit.newLines);

    // Old-coordinate window whose findings may change; widened to whole multi-line findings
    // (private key blocks) that overlap it, so none is left half-stale.
    let windowStart = edit.startLine - CONTEXT_LINES;
    let windowEnd = edit.oldEndLine + CONTEXT_LINES;
    for (const f of this.current) {
      if (f.range.line <= windowEnd && f.range.endLine >= windowStart) {
        windowStart = Math.min(windowStart, f.range.line);
        windowEnd = Math.max(windowEnd, f.range.endLine);
      }
    }
    const before: Finding[] = [];
    const after: Finding[] = [];
    for (const f of this.current) {
      if (f.range.endLine < windowStart) before.push(f);
      else if (f.range.line > windowEnd) after.push(shiftFinding(f, delta));
    }
    const rescanned = detectSecretsInLines(this.lines, windowStart, windowEnd + delta, this.options);
    this.current = before.concat(rescanned, after);
    return this.current;
  }
}
