/**
 * Values whose name sits one level up: an HCL `variable "aws_secret_access_key" { default = "…" }`
 * or a CloudFormation/SAM parameter whose `Default:` sits under a secret-named parameter. The value
 * is re-read as `NAME = VALUE`, so the name rules see the name; the value keeps its source span.
 */
import { DerivedBuilder, type DerivedText } from './derived';

// `default =`, `Default:`, `"Default":`: found by indexOf('fault') (a rarer first letter than 'e'), confirmed here (sticky).
const DEFAULT_VALUE = /(?<![\w-])[Dd]efault"?[ \t]{0,8}[:=][ \t]{0,8}/y;
/** How far above a `default` its block's name may be. */
const MAX_LINES_UP = 8;
const MAX_CHARS_UP = 800;
const NAME = /^[ \t]*(?:variable[ \t]{1,8}"([\w.-]{1,64})"|"?([\w.-]{1,64})"?[ \t]{0,8}:[ \t]{0,8}\{?[ \t]*$)/;

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** `NAME = VALUE` texts for default values under a named block. */
export function contextTexts(text: string): DerivedText[] {
  const out: DerivedText[] = [];
  for (let hit = text.indexOf('fault', 2); hit !== -1; hit = text.indexOf('fault', hit + 5)) {
    DEFAULT_VALUE.lastIndex = hit - 2;
    const m = DEFAULT_VALUE.exec(text);
    if (!m) continue;
    const valueStart = m.index + m[0].length;
    let valueEnd = text.indexOf('\n', valueStart);
    if (valueEnd < 0) valueEnd = text.length;
    if (valueEnd - valueStart > 200) continue;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const indent = indentOf(text.slice(lineStart, m.index));
    // Walk up to the first line indented less than the `default` line: its block's header.
    let end = lineStart - 1;
    let name: string | undefined;
    for (let n = 0; n < MAX_LINES_UP && end > 0 && lineStart - end < MAX_CHARS_UP; n++) {
      const start = text.lastIndexOf('\n', end - 1) + 1;
      const line = text.slice(start, end);
      end = start - 1;
      if (line.trim() === '' || indentOf(line) >= indent) continue;
      const h = NAME.exec(line);
      name = h ? (h[1] ?? h[2]) : undefined;
      break;
    }
    if (!name) continue;
    const b = new DerivedBuilder();
    b.push(text.slice(valueStart, valueEnd), valueStart, valueStart + 1);
    const d = b.build('context', `${name} = `, '\n');
    // Verbatim value: each character maps to itself.
    for (let i = 0; i < d.srcStart.length; i++) {
      d.srcStart[i] = valueStart + i;
      d.srcEnd[i] = valueStart + i + 1;
    }
    out.push(d);
  }
  return out;
}
