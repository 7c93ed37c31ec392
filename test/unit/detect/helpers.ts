/** Small assertions helpers shared by the detector tests. */
import { detectSecrets } from '../../../src/core/detect';
import type { DetectOptions, Finding } from '../../../src/core/detect';

/** `rule@line:start-end` (0-based) for each finding: compact, exact, and never the secret itself. */
export function spans(findings: readonly Finding[]): string[] {
  return findings.map((f) => {
    const r = f.range;
    const end = r.endLine === r.line ? `${r.endColumn}` : `${r.endLine}:${r.endColumn}`;
    return `${f.ruleId}@${r.line}:${r.startColumn}-${end}`;
  });
}

export function detectSpans(text: string, options?: DetectOptions): string[] {
  return spans(detectSecrets(text, options));
}

/** The expected span of `value` inside `text` (first occurrence on a single line). */
export function spanOf(text: string, value: string, ruleId: string, occurrence = 0): string {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(value, at + 1);
  if (at < 0) throw new Error(`value not in text (${ruleId})`);
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  const col = at - (before.lastIndexOf('\n') + 1);
  return `${ruleId}@${line}:${col}-${col + value.length}`;
}
