/**
 * Format-preserving edits. Each edit is a pure function of a parsed document that returns the new
 * text: only the characters of the values it replaces change, added lines copy the file's own
 * style, and every result is re-parsed and checked against what the edit promised before it is
 * returned, so a surprise in the file becomes an error instead of a damaged file.
 */
import { findProfile, parseCredentialsText, sdkView } from './document';
import { CredentialsEditError, CredentialsFileError } from './errors';
import type { CredentialsDocument, DocumentLine, Profile } from './model';
import { accessKeyIdOf } from './profiles';
import { detectStyle } from './style';

interface Splice {
  start: number;
  end: number;
  text: string;
}

const KEY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
// Profile names the SDK reads back unchanged from both `[name]` and `[profile name]`.
const PROFILE_NAME = /^[\w\-@+.%:/]+$/;

function applySplices(text: string, splices: readonly Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** The same document with new text, keeping the hash of what is on disk for the lost-update check. */
export function withText(doc: CredentialsDocument, text: string): CredentialsDocument {
  return parseCredentialsText(text, { path: doc.path, kind: doc.kind, hash: doc.hash, exists: doc.exists });
}

function requireProfile(doc: CredentialsDocument, name: string): Profile {
  const profile = findProfile(doc, name);
  if (!profile) throw new CredentialsEditError('profile-not-found', `Profile "${name}" is not in ${doc.path}`, name);
  return profile;
}

function checkValues(values: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(values)) {
    if (!KEY_NAME.test(key)) throw new CredentialsEditError('invalid-key', `"${key}" is not a valid setting name`);
    // Anything the SDK would trim, split or cut as a comment would not read back as written.
    if (value === '' || value !== value.trim() || /[\r\n\0]/.test(value) || /(^|\s)[;#]/.test(value)) {
      throw new CredentialsEditError('invalid-value', `The value for "${key}" cannot be stored: it is empty, has surrounding spaces, a line break, or would start a comment`);
    }
  }
}

function profileLines(doc: CredentialsDocument, profile: Profile): DocumentLine[] {
  const sections = new Set(profile.sections.map((s) => s.index));
  return doc.lines.filter((l) => l.section !== undefined && sections.has(l.section));
}

function topLevelKeyLines(lines: readonly DocumentLine[], key: string): DocumentLine[] {
  const lower = key.toLowerCase();
  return lines.filter((l) => l.property && l.property.parent === undefined && l.property.key.toLowerCase() === lower);
}

/** Throws when `line` opens nested settings (`s3 =` followed by indented keys): editing it would move them. */
function refuseNested(doc: CredentialsDocument, line: DocumentLine, profile: string): void {
  for (const next of doc.lines.slice(line.number)) {
    if (next.section !== line.section || (next.property && next.property.parent === undefined)) return;
    if (next.property?.parent === line.property?.key) {
      throw new CredentialsEditError('nested-settings', `"${line.property?.key}" in profile "${profile}" holds nested settings; edit it by hand`, profile);
    }
  }
}

/** Re-parses `text` and checks every other section is unchanged and the profile holds `expected`. */
function verified(doc: CredentialsDocument, text: string, name: string, expected: Record<string, string> | undefined): string {
  let after: CredentialsDocument;
  try {
    after = withText(doc, text);
  } catch (error) {
    if (error instanceof CredentialsFileError) throw new CredentialsEditError('verification-failed', `The edit of profile "${name}" would make the file unreadable`, name);
    throw error;
  }
  const before = sdkView(doc);
  const now = sdkView(after);
  const same = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) =>
    JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
  const others = new Set([...Object.keys(before), ...Object.keys(now)].filter((k) => k !== name));
  if ([...others].some((k) => !same(before[k], now[k])) || !same(now[name], expected)) {
    throw new CredentialsEditError('verification-failed', `The edit of profile "${name}" would not read back as intended; the file was left unchanged`, name);
  }
  return text;
}

function withoutKeys(properties: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const lower = new Set(keys.map((k) => k.toLowerCase()));
  return Object.fromEntries(Object.entries(properties).filter(([k]) => !lower.has(k.toLowerCase())));
}

/**
 * Sets keys in a profile. An existing key keeps its spelling, case and spacing and only its value
 * changes (in every section of a duplicated profile, so every reader agrees); a missing key gets a
 * new line after the profile's last key line, in the file's style. Returns the new text.
 */
export function setProperties(doc: CredentialsDocument, profileName: string, values: Readonly<Record<string, string>>): string {
  checkValues(values);
  const profile = requireProfile(doc, profileName);
  const lines = profileLines(doc, profile);
  const style = detectStyle(doc, profile);
  const splices: Splice[] = [];
  const missing: string[] = [];
  const expected = withoutKeys(sdkView(doc)[profileName] ?? {}, Object.keys(values));
  for (const [key, value] of Object.entries(values)) {
    const matches = topLevelKeyLines(lines, key);
    if (matches.length === 0) missing.push(key);
    for (const line of matches) {
      const p = line.property!;
      refuseNested(doc, line, profileName);
      expected[p.key] = value;
      // An empty value has no characters to replace: put the value after "=" with the file's spacing.
      splices.push(p.value === '' ? { start: p.equalsAt + 1, end: p.contentEnd, text: style.separator.replace(/^[^=]*=/, '') + value } : { start: p.valueStart, end: p.valueEnd, text: value });
    }
  }
  if (missing.length > 0) {
    const last = profile.sections[profile.sections.length - 1];
    const own = doc.lines.slice(last.headerLine - 1, last.lastLine);
    const anchor = [...own].reverse().find((l) => l.kind === 'property' || l.kind === 'continuation') ?? own[0];
    const lastKey = [...own].reverse().find((l) => l.property)?.property;
    const lastKeyLine = [...own].reverse().find((l) => l.property);
    // Never indent deeper than the previous key (the AWS CLI would read a continuation) and never
    // indent under an open nested block (the SDK would read a nested key).
    const indent = !lastKey ? style.indent : lastKey.parent !== undefined || lastKey.value === '' ? '' : lastKeyLine!.indent;
    const newLines = missing.map((key) => `${indent}${key}${style.separator}${values[key]}`);
    for (const key of missing) expected[key] = values[key];
    const eol = anchor.eol || style.eol;
    splices.push(
      anchor.eol === ''
        ? { start: anchor.end, end: anchor.end, text: newLines.map((l) => eol + l).join('') }
        : { start: anchor.end + eol.length, end: anchor.end + eol.length, text: newLines.map((l) => l + eol).join('') },
    );
  }
  return verified(doc, applySplices(doc.text, splices), profileName, expected);
}

/** A splice removing whole lines `first..last` (0-based) with their endings, keeping a missing final newline missing. */
function removeLines(doc: CredentialsDocument, first: number, last: number): Splice {
  const end = doc.lines[last];
  if (end.eol === '' && first > 0) return { start: doc.lines[first - 1].end, end: end.end, text: '' };
  return { start: Math.max(doc.lines[first].start, doc.hasBom ? 1 : 0), end: end.end + end.eol.length, text: '' };
}

/**
 * Removes keys from a profile (e.g. a stale aws_session_token): the whole line with its ending,
 * plus any continuation lines below it. Absent keys are ignored. Returns the new text.
 */
export function removeProperties(doc: CredentialsDocument, profileName: string, keys: readonly string[]): string {
  const profile = requireProfile(doc, profileName);
  const lines = profileLines(doc, profile);
  const remove = new Set<number>();
  for (const key of keys) {
    for (const line of topLevelKeyLines(lines, key)) {
      refuseNested(doc, line, profileName);
      remove.add(line.number - 1);
      for (let i = line.number; i < doc.lines.length && doc.lines[i].kind === 'continuation'; i++) remove.add(i);
    }
  }
  if (remove.size === 0) return doc.text;
  const sorted = [...remove].sort((a, b) => a - b);
  const splices: Splice[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    splices.push(removeLines(doc, sorted[i], sorted[j]));
    i = j + 1;
  }
  return verified(doc, applySplices(doc.text, splices), profileName, withoutKeys(sdkView(doc)[profileName] ?? {}, keys));
}

/** Sets and removes keys in one step (set first); returns the new text. */
export function updateProfile(doc: CredentialsDocument, profileName: string, change: { set?: Readonly<Record<string, string>>; remove?: readonly string[] }): string {
  const afterSet = change.set && Object.keys(change.set).length > 0 ? setProperties(doc, profileName, change.set) : doc.text;
  return change.remove && change.remove.length > 0 ? removeProperties(withText(doc, afterSet), profileName, change.remove) : afterSet;
}

/**
 * Appends a new profile (`[name]` in the credentials file, `[profile name]` or `[default]` in the
 * config file) with the file's line ending, spacing and section separation. Refuses an existing name.
 */
export function addProfile(doc: CredentialsDocument, name: string, properties: Readonly<Record<string, string>>): string {
  if (!PROFILE_NAME.test(name) || name in Object.prototype) throw new CredentialsEditError('invalid-profile-name', `"${name}" cannot be used as a profile name`, name);
  if (findProfile(doc, name)) throw new CredentialsEditError('profile-exists', `Profile "${name}" already exists in ${doc.path}`, name);
  checkValues(properties);
  const style = detectStyle(doc);
  const header = doc.kind === 'credentials' || name === 'default' ? `[${name}]` : `[profile ${name}]`;
  const block = [header, ...Object.entries(properties).map(([k, v]) => `${style.indent}${k}${style.separator}${v}`)].join(style.eol);
  const last = doc.lines[doc.lines.length - 1];
  let text: string;
  if (!last || doc.text === '\uFEFF') text = doc.text + block + style.eol;
  else {
    const blank = style.blankBetweenSections && last.kind !== 'blank' ? style.eol : '';
    // Without a final newline the file keeps having none: the new block ends the file the same way.
    text = last.eol === '' ? doc.text + style.eol + blank + block : doc.text + blank + block + style.eol;
  }
  return verified(doc, text, name, { ...properties });
}

/**
 * Deletes every section of a profile: header through its last key line and the blank lines after
 * it. Comments directly above the next header describe that section and stay. Returns the new text.
 */
export function deleteProfile(doc: CredentialsDocument, name: string): string {
  const profile = requireProfile(doc, name);
  const splices = profile.sections.map((section) => {
    let first = section.headerLine - 1;
    let last = section.lastLine - 1;
    if (last < doc.lines.length - 1) {
      while (last > first && doc.lines[last].kind === 'comment') last--;
    } else {
      // The file ends here: drop the blank lines that separated this section from the one before.
      while (first > 0 && doc.lines[first - 1].kind === 'blank') first--;
    }
    return removeLines(doc, first, last);
  });
  return verified(doc, applySplices(doc.text, splices), name, undefined);
}

/**
 * Updates every profile whose access key id is `oldKeyId` (e.g. the same key copied into several
 * profiles) and removes keys made stale by the change (by default aws_session_token).
 */
export function replaceKeyEverywhere(
  doc: CredentialsDocument,
  oldKeyId: string,
  newValues: Readonly<Record<string, string>>,
  options: { remove?: readonly string[] } = {},
): { text: string; profiles: string[] } {
  const set = new Set(Object.keys(newValues).map((k) => k.toLowerCase()));
  const remove = (options.remove ?? ['aws_session_token']).filter((k) => !set.has(k.toLowerCase()));
  let current = doc;
  const profiles: string[] = [];
  for (const profile of doc.profiles) {
    if (accessKeyIdOf(profile) !== oldKeyId) continue;
    current = withText(current, updateProfile(current, profile.name, { set: newValues, remove }));
    profiles.push(profile.name);
  }
  return { text: current.text, profiles };
}

/**
 * Lower-cases the key names of a profile (`AWS_ACCESS_KEY_ID` → `aws_access_key_id`): the AWS CLI
 * and botocore read either spelling, the AWS SDK for JavaScript only the lower-case one. Only the
 * names' characters change. Refuses when a lower-cased name would repeat a key the profile has.
 * Returns the new text (the same text when every name is lower-case already).
 */
export function lowerCaseKeys(doc: CredentialsDocument, profileName: string): string {
  const profile = requireProfile(doc, profileName);
  const lines = profileLines(doc, profile).filter((l) => l.property && l.property.parent === undefined);
  const splices: Splice[] = [];
  const expected: Record<string, string> = {};
  const seen = new Set<string>();
  for (const line of lines) {
    const p = line.property!;
    const lower = p.key.toLowerCase();
    if (seen.has(lower) && p.key !== lower) {
      throw new CredentialsEditError('verification-failed', `Profile "${profileName}" sets "${lower}" twice in different cases; fix it by hand`, profileName);
    }
    seen.add(lower);
    if (p.key !== lower) splices.push({ start: p.keyStart, end: p.keyEnd, text: lower });
  }
  if (splices.length === 0) return doc.text;
  for (const [key, value] of Object.entries(sdkView(doc)[profileName] ?? {})) expected[key.toLowerCase()] = value;
  return verified(doc, applySplices(doc.text, splices), profileName, expected);
}

/** The key names of a profile that are not lower-case (the AWS SDK for JavaScript does not read them). */
export function upperCaseKeyNames(doc: CredentialsDocument, profileName: string): string[] {
  const profile = findProfile(doc, profileName);
  if (!profile) return [];
  return profileLines(doc, profile)
    .map((l) => l.property)
    .filter((p) => p !== undefined && p.parent === undefined && p.key !== p.key.toLowerCase())
    .map((p) => p!.key);
}
