/**
 * XML whose name and value sit on different lines: a Hadoop/Spark `<property>` with `<name>` and
 * `<value>` children, an `<entry>` with `<key>` and `<value>`, a plist `<key>` followed by its
 * `<string>`, an element named by a `name=`/`key=` attribute whose `value=` attribute or text
 * content is lines below. Each value is re-read as `NAME = VALUE` (like context.ts), so the name
 * rules see the name; the value keeps its source span, character entities undone.
 *
 * Linear: anchors are found by indexOf, and each is examined within fixed windows (names, the
 * siblings between a name and its value, the value itself), never by a search to the end of the text.
 */
import { DerivedBuilder, type DerivedText } from './derived';

/** Elements that hold a name: Hadoop/Spark `<name>`, `<entry>`/plist `<key>`. */
const NAME_ELEMENTS = ['name', 'key'];
/** Elements that hold a value: `<value>` (Hadoop, `<entry>`, Spring), plist `<string>`. */
const VALUE_ELEMENTS = new Set(['value', 'string']);
/** Attributes that hold a name: `<property name=…>`, `<entry key=…>`, `<add key=…>`. */
const NAME_ATTRIBUTES = ['name', 'key'];
/** Names worth re-reading: only the rules that need a name (secrets, tokens, passwords) gain from one. */
const WORTH_A_LOOK = /secret|token|pass/i;
const NAME_MAX = 128;
/** How far after a name its value element may start (a `<description>` or a comment may sit between). */
const SIBLINGS_MAX_CHARS = 600;
const SIBLINGS_MAX = 4;
/** How far back a `name=` attribute's tag may start, and how far on it may end. */
const TAG_MAX_CHARS = 600;
/** Longest value read (session tokens run to a few thousand characters). */
const VALUE_MAX = 8192;
const TAG_NAME = /^[A-Za-z_][\w.:-]{0,63}/;
const VALUE_ATTRIBUTE = /\svalue[ \t\r\n]{0,8}=[ \t\r\n]{0,8}(["'])/;
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Index of `needle` in text[from, to), or -1: the search never runs past `to`. */
function indexWithin(text: string, needle: string, from: number, to: number): number {
  const i = text.slice(from, Math.min(to, text.length)).indexOf(needle);
  return i < 0 ? -1 : from + i;
}

/** `fs.s3a.session.token` → `fs_s3a_session_token`: the rules' name patterns join words with `_` or `-`. */
function asRuleName(name: string): string {
  return name.replace(/[.:/ ]/g, '_');
}

/**
 * The source span [start, end) under `name`, with XML character entities undone (each maps to its
 * source span; the finding then says the value was escaped).
 */
function namedValue(name: string, text: string, start: number, end: number): DerivedText {
  const b = new DerivedBuilder();
  let escaped = false;
  for (let i = start; i < end; ) {
    if (text.charCodeAt(i) === 38) {
      const semi = indexWithin(text, ';', i + 2, Math.min(end, i + 9));
      const decoded = semi < 0 ? undefined : entity(text.slice(i + 1, semi));
      if (decoded !== undefined) {
        b.push(decoded, i, semi + 1);
        escaped = true;
        i = semi + 1;
        continue;
      }
    }
    b.push(text[i], i, i + 1);
    i++;
  }
  const d = b.build(escaped ? 'escapes' : 'context', `${asRuleName(name)} = `, '\n');
  d.named = true;
  return d;
}

function entity(body: string): string | undefined {
  if (XML_ENTITIES[body] !== undefined) return XML_ENTITIES[body];
  const code = body.startsWith('#x') || body.startsWith('#X') ? parseInt(body.slice(2), 16) : body.startsWith('#') ? Number(body.slice(1)) : NaN;
  return code >= 32 && code < 127 ? String.fromCharCode(code) : undefined;
}

/**
 * The text content of the element whose start tag ends just before `from` (`<tag …>` then text,
 * or a CDATA section, then `</tag`), trimmed: [start, end) in the source, or undefined. The content
 * runs to the next `<` (a value we look for holds none), so each search stops at the next tag and
 * the work stays linear however the anchors are packed.
 */
function contentOf(text: string, from: number, tag: string): [number, number] | undefined {
  const limit = Math.min(text.length, from + VALUE_MAX);
  let start = from;
  while (start < limit && isSpace(text.charCodeAt(start))) start++;
  const cdata = text.startsWith('<![CDATA[', start);
  if (cdata) start += 9;
  const close = indexWithin(text, '<', start, limit);
  if (close < 0 || !text.startsWith(`</${tag}`, close)) return undefined;
  let end = close;
  if (cdata) {
    if (!text.startsWith(']]>', close - 3) || close - 3 < start) return undefined;
    end = close - 3;
  }
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end > start ? [start, end] : undefined;
}

/**
 * The value element among the siblings after a name element (ending at `from`): the first
 * `<value>`/`<string>`, skipping comments and other complete elements (`<description>`), stopping at
 * the next name or at the parent's end tag. The content's source span, or undefined.
 */
function valueElementAfter(text: string, from: number): [number, number] | undefined {
  const limit = Math.min(text.length, from + SIBLINGS_MAX_CHARS);
  let i = from;
  for (let sibling = 0; sibling < SIBLINGS_MAX; sibling++) {
    while (i < limit && isSpace(text.charCodeAt(i))) i++;
    if (i >= limit || text.charCodeAt(i) !== 60) return undefined; // not `<`: text, not a sibling element
    if (text.startsWith('<!--', i)) {
      const end = indexWithin(text, '-->', i + 4, limit);
      if (end < 0) return undefined;
      i = end + 3;
      continue;
    }
    const tag = TAG_NAME.exec(text.slice(i + 1, i + 65))?.[0];
    if (!tag || NAME_ELEMENTS.includes(tag)) return undefined; // an end tag (the parent's) or the next name
    const gt = indexWithin(text, '>', i, limit);
    if (gt < 0) return undefined;
    if (VALUE_ELEMENTS.has(tag)) return text.charCodeAt(gt - 1) === 47 ? undefined : contentOf(text, gt + 1, tag);
    if (text.charCodeAt(gt - 1) === 47) {
      i = gt + 1; // `<empty/>`
      continue;
    }
    const end = indexWithin(text, `</${tag}>`, gt + 1, limit);
    if (end < 0) return undefined;
    i = end + tag.length + 3;
  }
  return undefined;
}

/** `<name>N</name> … <value>V</value>` and `<key>N</key> … <string>V</string>`. */
function nameElementPairs(text: string, out: DerivedText[]): void {
  for (const tag of NAME_ELEMENTS) {
    // Searched without its `>`: V8 finds a needle under 7 characters by its first character (a rare
    // `<`), which is several times faster than the longer needle's search.
    const needle = `</${tag}`;
    const close = `${needle}>`;
    for (let hit = text.indexOf(needle); hit !== -1; hit = text.indexOf(needle, hit + needle.length)) {
      if (text.charCodeAt(hit + needle.length) !== 62) continue;
      const from = Math.max(0, hit - NAME_MAX);
      const open = text.slice(from, hit).lastIndexOf(`<${tag}>`);
      if (open < 0) continue;
      const name = text.slice(from + open + tag.length + 2, hit).trim();
      if (name.includes('<') || !WORTH_A_LOOK.test(name)) continue;
      const value = valueElementAfter(text, hit + close.length);
      if (value) out.push(namedValue(name, text, value[0], value[1]));
    }
  }
}

/**
 * `<tag … name="N" … value="V" …/>` and `<tag key="N">V</tag>` (or `<tag name="N"><value>V</value>`),
 * whatever lines the parts are on.
 */
function nameAttributePairs(text: string, out: DerivedText[]): void {
  // One sweep over `=` (a rare first character; `name=` would be searched by its common `n`).
  for (let eq = text.indexOf('='); eq !== -1; eq = text.indexOf('=', eq + 1)) {
    const quote = text[eq + 1];
    if (quote !== '"' && quote !== "'") continue;
    const hit = nameAttributeBefore(text, eq);
    if (hit < 0) continue;
    const nameStart = eq + 2;
    const nameEnd = indexWithin(text, quote, nameStart, nameStart + NAME_MAX);
    if (nameEnd < 0) continue;
    const name = text.slice(nameStart, nameEnd).trim();
    if (!WORTH_A_LOOK.test(name)) continue;
    // The tag around the attribute: its `<` with no `>` between, and its `>`.
    const before = text.slice(Math.max(0, hit - TAG_MAX_CHARS), hit);
    const lt = before.lastIndexOf('<');
    if (lt < 0 || before.lastIndexOf('>') > lt) continue;
    const tagStart = hit - before.length + lt;
    const tag = TAG_NAME.exec(text.slice(tagStart + 1, tagStart + 65))?.[0];
    const gt = indexWithin(text, '>', nameEnd, nameEnd + TAG_MAX_CHARS);
    if (!tag || gt < 0) continue;
    const value = valueAttribute(text, tagStart, gt) ?? (text.charCodeAt(gt - 1) === 47 ? undefined : elementValue(text, gt + 1, tag));
    if (value) out.push(namedValue(name, text, value[0], value[1]));
  }
}

/** The `value="…"` attribute's content within the tag [tagStart, gt). */
function valueAttribute(text: string, tagStart: number, gt: number): [number, number] | undefined {
  const m = VALUE_ATTRIBUTE.exec(text.slice(tagStart, gt));
  if (!m) return undefined;
  const start = tagStart + m.index + m[0].length;
  const end = indexWithin(text, m[1], start, gt);
  return end > start ? [start, end] : undefined;
}

/** The content of an element named by an attribute: its text, or its `<value>`/`<string>` child's. */
function elementValue(text: string, from: number, tag: string): [number, number] | undefined {
  const own = contentOf(text, from, tag);
  if (own) return own;
  let i = from;
  const limit = Math.min(text.length, from + SIBLINGS_MAX_CHARS);
  while (i < limit && isSpace(text.charCodeAt(i))) i++;
  const child = TAG_NAME.exec(text.slice(i + 1, i + 65))?.[0];
  if (text.charCodeAt(i) !== 60 || !child || !VALUE_ELEMENTS.has(child)) return undefined;
  const gt = indexWithin(text, '>', i, limit);
  return gt < 0 || text.charCodeAt(gt - 1) === 47 ? undefined : contentOf(text, gt + 1, child);
}

/** Where the `name`/`key` attribute whose `=` is at `eq` starts (after whitespace), or -1. */
function nameAttributeBefore(text: string, eq: number): number {
  for (const attribute of NAME_ATTRIBUTES) {
    const at = eq - attribute.length;
    if (at > 0 && isSpace(text.charCodeAt(at - 1)) && text.startsWith(attribute, at)) return at;
  }
  return -1;
}

/** `NAME = VALUE` texts for XML values named by an element or attribute, on the same line or not. */
export function xmlTexts(text: string): DerivedText[] {
  const out: DerivedText[] = [];
  if (text.indexOf('<') === -1) return out;
  nameElementPairs(text, out);
  nameAttributePairs(text, out);
  return out;
}
