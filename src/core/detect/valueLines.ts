/**
 * Lines below a secret's name that may hold its value: the next line when the value wraps, past
 * comment lines, and the `value` entry of a name/value record (an SSM parameter, a Kubernetes or ECS
 * environment entry) whose `name` is the secret's name. Every walk is bounded in lines and
 * characters, so a name costs a constant amount of work however long the text is.
 */
import { localLineEnd } from './text';

export interface LineSpan {
  start: number;
  end: number;
}

const MAX_LINE = 240;
/** How many lines below the name a record's value may sit (SSM puts `Type` between `Name` and `Value`). */
const MAX_RECORD_LINES = 4;
const MAX_COMMENT_LINES = 3;
const MAX_BEFORE_NAME = 120;

// The name is itself the value of a name-like key: `- name: `, `"Name": "/prod/app/`, `Key=`.
const NAME_KEY_BEFORE = /(?:^|[\s{,"'])(?:[Nn]ame|NAME|[Kk]ey|KEY|Parameter(?:Name|Key))["']?[ \t]{0,8}[:=][ \t]{0,8}["']?[\w./:-]{0,100}$/;
// A record's value entry: `value:`, `"Value":`, `ParameterValue=`.
const VALUE_KEY = /^[ \t]{0,64}(?:-[ \t]{1,8})?["']?(?:[Vv]alue|VALUE|ParameterValue)["']?[ \t]{0,8}[:=]/;
// Where a record ends: a brace, a new list item, or the next record's name.
const RECORD_END = /[{}]|^[ \t]{0,64}-[ \t]|^[ \t]{0,64}["']?(?:[Nn]ame|NAME|ParameterKey|ParameterName)["']?[ \t]{0,8}[:=]/;
const COMMENT = /^[ \t]{0,64}(?:#|\/\/|;)/;
/** After a name, only what leads to a value on the next line: quotes, `:`, `=`, `>`, `|`, brackets. */
const VALUE_ON_NEXT_LINE = /^[\s"'`:=>|,([{-]*$/;
/** What may stand before a value on its line. */
const VALUE_LEAD = /[\s"'`>|-]/;

/** The line starting after the line break at `lineEnd` (`\r\n` or `\n`), if there is one. */
function lineAfter(text: string, lineEnd: number): LineSpan | undefined {
  const code = text.charCodeAt(lineEnd);
  const start = code === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : code === 10 ? lineEnd + 1 : -1;
  if (start < 0 || start >= text.length) return undefined;
  return { start, end: localLineEnd(text, start, MAX_LINE) };
}

/** The first line below the one ending at `lineEnd` that is not a comment (a wrapped value's line). */
function nextValueLine(text: string, lineEnd: number): LineSpan | undefined {
  let line = lineAfter(text, lineEnd);
  for (let n = 0; line && n < MAX_COMMENT_LINES && COMMENT.test(text.slice(line.start, line.end)); n++) {
    line = lineAfter(text, line.end);
  }
  return line;
}

/**
 * The `value` line of the record whose name entry holds the secret name at [nameStart, …), when the
 * name is the value of a name-like key on a line that ends at `lineEnd`.
 */
function recordValueLine(text: string, lineStart: number, nameStart: number, lineEnd: number): LineSpan | undefined {
  if (!NAME_KEY_BEFORE.test(text.slice(Math.max(lineStart, nameStart - MAX_BEFORE_NAME), nameStart))) return undefined;
  let line = lineAfter(text, lineEnd);
  for (let n = 0; line && n < MAX_RECORD_LINES; n++) {
    const content = text.slice(line.start, line.end);
    if (VALUE_KEY.test(content)) return line;
    if (!COMMENT.test(content) && RECORD_END.test(content)) return undefined;
    line = lineAfter(text, line.end);
  }
  return undefined;
}

/**
 * Lines below a name at [nameStart, nameEnd) that may hold its value, nearest first: the next line
 * (past comments) when nothing but punctuation follows the name, and the value entry of the record
 * the name is the name of. `lineStart` and `lineEnd` bound the name's line (`lineEnd` at its break).
 */
export function valueLinesBelow(text: string, lineStart: number, nameStart: number, nameEnd: number, lineEnd: number): LineSpan[] {
  // A line cut short by a cap has no break at `lineEnd`: nothing below belongs to this name.
  if (lineEnd - nameEnd >= 200) return [];
  const lines: LineSpan[] = [];
  const below = VALUE_ON_NEXT_LINE.test(text.slice(nameEnd, lineEnd)) ? nextValueLine(text, lineEnd) : undefined;
  if (below) lines.push(below);
  const record = recordValueLine(text, lineStart, nameStart, lineEnd);
  if (record && record.start !== below?.start) lines.push(record);
  return lines;
}

/**
 * Where the value on a value line starts: past indentation, a list dash, a `value:` key and quotes;
 * -1 when the line holds no value.
 */
export function valueStartIn(text: string, line: LineSpan): number {
  const key = VALUE_KEY.exec(text.slice(line.start, line.end));
  let i = line.start + (key ? key[0].length : 0);
  while (i < line.end && VALUE_LEAD.test(text[i])) i++;
  return i < line.end ? i : -1;
}
