/**
 * Escaped values: JSON/JS string escapes (`\/`, `\u002F`, `\u002B`, `\"`, `\\`, and the doubled
 * escapes of JSON inside JSON) and HTML/XML character entities (`&#x2F;`, `&#47;`, `&quot;`). Each
 * escape opens a window on its line (bounded); the window is unescaped at most twice.
 */
import { DerivedBuilder, type DerivedText } from './derived';

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

/** One escape at `i` in `s`: [decoded character, length], or undefined when it is not one we undo. */
function escapeAt(s: string, i: number): [string, number] | undefined {
  const c = s.charCodeAt(i);
  if (c === 92) {
    const n = s[i + 1];
    if (n === '/' || n === '\\' || n === '"' || n === "'") return [n, 2];
    if (n === 'u') {
      const v = hexValue(s, i + 2, 4);
      return v >= 32 && v < 127 ? [String.fromCharCode(v), 6] : undefined;
    }
    return undefined;
  }
  if (c !== 38) return undefined;
  const semi = s.indexOf(';', i + 2);
  if (semi < 0 || semi - i > 9) return undefined;
  const body = s.slice(i + 1, semi);
  let v = -1;
  if (body[0] === '#') v = body[1] === 'x' || body[1] === 'X' ? hexValue(body, 2, body.length - 2) : /^#\d{1,4}$/.test(body) ? Number(body.slice(1)) : -1;
  else if (NAMED[body] !== undefined) return [NAMED[body], semi - i + 1];
  return v >= 32 && v < 127 ? [String.fromCharCode(v), semi - i + 1] : undefined;
}

/** Unescapes `s` once; the spans are composed with `starts`/`ends` (the source spans of `s`'s characters). */
function unescapeOnce(s: string, starts: ArrayLike<number>, ends: ArrayLike<number>): { b: DerivedBuilder; changed: boolean; text: string } {
  const b = new DerivedBuilder();
  let changed = false;
  const parts: string[] = [];
  for (let i = 0; i < s.length; ) {
    const e = s.charCodeAt(i) === 92 || s.charCodeAt(i) === 38 ? escapeAt(s, i) : undefined;
    if (e) {
      b.push(e[0], starts[i], ends[i + e[1] - 1]);
      parts.push(e[0]);
      changed = true;
      i += e[1];
    } else {
      b.push(s[i], starts[i], ends[i]);
      parts.push(s[i]);
      i++;
    }
  }
  return { b, changed, text: parts.join('') };
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
    const window = text.slice(from, to);
    const starts = Int32Array.from({ length: window.length }, (_, i) => from + i);
    const ends = Int32Array.from({ length: window.length }, (_, i) => from + i + 1);
    let pass = unescapeOnce(window, starts, ends);
    if (!pass.changed) continue;
    // Doubled escapes (JSON inside a JSON string): one more pass, never more.
    const built = pass.b.build('escapes', '');
    const again = unescapeOnce(built.text, built.srcStart, built.srcEnd);
    if (again.changed) pass = again;
    out.push(pass.b.build('escapes', '', '\n'));
  }
  return out;
}
