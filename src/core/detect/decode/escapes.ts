/**
 * Escaped values: JSON/JS string escapes (`\/`, `\u002F`, `\u002B`, `\"`, `\\`, and the doubled
 * escapes of JSON inside JSON) and HTML/XML character entities (`&#x2F;`, `&#47;`, `&quot;`). Each
 * escape opens a window on its line (bounded); the window is unescaped at most twice.
 */
import type { DerivedText } from './derived';

/** Escapes that can sit inside a credential or around its name (not `\n`, `\t`: those end values). */
const TRIGGER = /\\(?:u00[0-9A-Fa-f]{2}|[/\\"])|&(?:#\d{2,3}|#[xX][0-9A-Fa-f]{2}|[a-z]{2,6});/y;
/**
 * The character after `\` or `&` that TRIGGER can accept: checked first, because minified code holds
 * 100,000s of `&&` and a regex call per ampersand costs more than the rest of the pass.
 */
function mayTrigger(c: number, next: number): boolean {
  if (c === 92) return next === 117 || next === 47 || next === 92 || next === 34; // u / \ "
  return next === 35 || (next >= 97 && next <= 122); // # a-z
}
/** Half-width of the window around an escape, in characters of its line. */
const WINDOW = 512;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", sol: '/', plus: '+', equals: '=', colon: ':', lowbar: '_' };

function hexValue(text: string, at: number, digits: number): number {
  let v = 0;
  for (let i = at; i < at + digits; i++) {
    const c = text.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/**
 * One escape at `i` in `s`, as `(decoded character code << 4) | length`, or -1 when it is not one we
 * undo. A number, not a pair: escape-dense text would otherwise allocate one per character.
 */
function escapeAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 92) {
    const n = s.charCodeAt(i + 1);
    if (n === 47 || n === 92 || n === 34 || n === 39) return (n << 4) | 2; // / \ " '
    if (n === 117) {
      const v = hexValue(s, i + 2, 4); // \u00XX
      return v >= 32 && v < 127 ? (v << 4) | 6 : -1;
    }
    return -1;
  }
  if (c !== 38) return -1;
  // The `;` within the longest entity we undo, never searched for further (linear on `&&&&…`).
  let semi = i + 2;
  while (semi < s.length && semi - i <= 9 && s.charCodeAt(semi) !== 59) semi++;
  if (semi >= s.length || semi - i > 9) return -1;
  const body = s.slice(i + 1, semi);
  let v = -1;
  if (body[0] === '#') v = body[1] === 'x' || body[1] === 'X' ? hexValue(body, 2, body.length - 2) : /^#\d{1,4}$/.test(body) ? Number(body.slice(1)) : -1;
  else if (NAMED[body] !== undefined) v = NAMED[body].charCodeAt(0);
  return v >= 32 && v < 127 ? (v << 4) | (semi - i + 1) : -1;
}

/** Text unescaped once, with the source span of each of its characters. */
interface Unescaped {
  text: string;
  srcStart: Int32Array;
  srcEnd: Int32Array;
  changed: boolean;
}

/**
 * Unescapes `s` once. Character `i` of `s` came from source span [starts[i], ends[i]), or from
 * [offset + i, offset + i + 1) when no spans are given (a window of the source itself). Plain runs
 * are copied as slices and the spans written to typed arrays: one pass, no per-character objects.
 */
function unescapeOnce(s: string, offset: number, starts?: Int32Array, ends?: Int32Array): Unescaped {
  const units = new Uint16Array(s.length);
  const srcStart = new Int32Array(s.length);
  const srcEnd = new Int32Array(s.length);
  let n = 0;
  let changed = false;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    const e = c === 92 || c === 38 ? escapeAt(s, i) : -1;
    const length = e === -1 ? 1 : e & 15;
    units[n] = e === -1 ? c : e >> 4;
    srcStart[n] = starts ? starts[i] : offset + i;
    srcEnd[n] = ends ? ends[i + length - 1] : offset + i + length;
    n++;
    if (e !== -1) changed = true;
    i += length;
  }
  if (!changed) return { text: s, srcStart, srcEnd, changed };
  const text = Buffer.from(units.buffer, 0, n * 2).toString('utf16le');
  return { text, srcStart: srcStart.subarray(0, n), srcEnd: srcEnd.subarray(0, n), changed };
}

function lineBounds(text: string, at: number): [number, number] {
  const min = Math.max(0, at - WINDOW);
  let from = at;
  while (from > min && text.charCodeAt(from - 1) !== 10) from--;
  const max = Math.min(text.length, at + WINDOW);
  let to = at;
  while (to < max && text.charCodeAt(to) !== 10) to++;
  return [from, to];
}

/** Unescaped windows around the escapes in `text` (windows never overlap: linear in the text). */
export function escapedTexts(text: string): DerivedText[] {
  const out: DerivedText[] = [];
  // Candidates by indexOf (native, fast on text without any), confirmed with a sticky regex.
  let slash = text.indexOf('\\');
  let amp = text.indexOf('&');
  let done = 0;
  while (slash !== -1 || amp !== -1) {
    const at = slash === -1 ? amp : amp === -1 ? slash : Math.min(slash, amp);
    if (at === slash) slash = text.indexOf('\\', at + 1);
    else amp = text.indexOf('&', at + 1);
    if (at < done || !mayTrigger(text.charCodeAt(at), text.charCodeAt(at + 1))) continue;
    TRIGGER.lastIndex = at;
    if (!TRIGGER.test(text)) continue;
    const [from, to] = lineBounds(text, at);
    done = to;
    let pass = unescapeOnce(text.slice(from, to), from);
    if (!pass.changed) continue;
    // Doubled escapes (JSON inside a JSON string): one more pass, never more.
    const again = unescapeOnce(pass.text, 0, pass.srcStart, pass.srcEnd);
    if (again.changed) pass = again;
    out.push({ encoding: 'escapes', text: pass.text + '\n', from: 0, srcStart: pass.srcStart, srcEnd: pass.srcEnd });
  }
  return out;
}
