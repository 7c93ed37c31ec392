/**
 * Builds the CredentialsDocument model from text: sections typed per file kind, profiles with the
 * values the AWS SDK resolves, and every ambiguity flagged with its line.
 */
import { createHash } from 'node:crypto';
import { lex } from './lexer';
import type { Ambiguity, CredentialsDocument, CredentialsFileKind, DocumentLine, IniSection, Profile, ProfileKind } from './model';

export type SdkView = Record<string, Record<string, string>>;

/** SHA-256 (hex) of the UTF-8 bytes of `text`, the hash the lost-update check compares. */
export function hashText(text: string | Buffer): string {
  return createHash('sha256').update(typeof text === 'string' ? Buffer.from(text, 'utf8') : text).digest('hex');
}

// Names the SDK's plain-object maps cannot hold as their own keys.
function isPrototypeName(name: string): boolean {
  return name in Object.prototype;
}

/**
 * The map `parseIni` builds: section key → key → value, created only when a non-empty value appears
 * (empty sections and `key =` lines are absent, later values win, duplicate sections merge).
 */
function sdkIniMap(lines: readonly DocumentLine[], sections: ReadonlyArray<{ sdkKey?: string }>): SdkView {
  const map: SdkView = {};
  for (const line of lines) {
    const sdkKey = line.section === undefined ? undefined : sections[line.section].sdkKey;
    if (line.kind !== 'property' || !line.property || line.property.value === '' || sdkKey === undefined) continue;
    if (isPrototypeName(sdkKey) || line.property.fullKey === '__proto__') continue;
    (map[sdkKey] ??= {})[line.property.fullKey] = line.property.value;
  }
  return map;
}

/** `getConfigData`: keeps `default`, `profile.x` (as `x`), `sso-session.x` and `services.x`. */
function sdkConfigView(map: SdkView): SdkView {
  const view: SdkView = map.default ? { default: map.default } : {};
  for (const [key, value] of Object.entries(map)) {
    const dot = key.indexOf('.');
    if (dot === -1) continue;
    const prefix = key.slice(0, dot);
    if (prefix === 'profile') view[key.slice(dot + 1)] = value;
    else if (prefix === 'sso-session' || prefix === 'services') view[key] = value;
  }
  return view;
}

/** Looks a key up the way the AWS CLI does (case-insensitively), preferring the exact spelling. */
export function getProperty(properties: Readonly<Record<string, string>>, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(properties, key)) return properties[key];
  const lower = key.toLowerCase();
  let found: string | undefined;
  for (const [k, v] of Object.entries(properties)) if (k.toLowerCase() === lower) found = v;
  return found;
}

/** The credential source, in the order the SDK's fromIni tries them. */
export function profileKind(properties: Readonly<Record<string, string>>): ProfileKind {
  const has = (key: string) => getProperty(properties, key) !== undefined;
  if (has('role_arn') && (has('source_profile') || has('credential_source'))) return 'role';
  if (has('aws_access_key_id') && has('aws_secret_access_key')) return 'static';
  if (has('role_arn') && has('web_identity_token_file')) return 'role';
  if (has('credential_process')) return 'process';
  if (['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some(has)) return 'sso';
  return 'other';
}

interface Typed {
  type: IniSection['type'];
  name: string;
}

function typeSection(kind: CredentialsFileKind, sdkKey: string | undefined, rawName: string, map: SdkView): Typed {
  if (sdkKey === undefined || isPrototypeName(sdkKey)) return { type: 'ignored', name: rawName };
  if (kind === 'credentials') return { type: 'profile', name: sdkKey };
  // getConfigData lets a `[profile default]` with values replace `[default]` wholesale.
  if (sdkKey === 'default') return map['profile.default'] ? { type: 'ignored', name: rawName } : { type: 'profile', name: 'default' };
  const dot = sdkKey.indexOf('.');
  const prefix = dot === -1 ? '' : sdkKey.slice(0, dot);
  if (prefix === 'profile') return { type: 'profile', name: sdkKey.slice(dot + 1) };
  if (prefix === 'sso-session' || prefix === 'services') return { type: prefix, name: sdkKey.slice(dot + 1) };
  return { type: 'ignored', name: rawName };
}

/** Parses `text` (already decoded, BOM kept) into the model. Throws only where the SDK refuses the file. */
export function parseCredentialsText(
  text: string,
  options: { path: string; kind: CredentialsFileKind; hash?: string | null; exists?: boolean },
): CredentialsDocument {
  const { path, kind } = options;
  const lexed = lex(text, path);
  const map = sdkIniMap(lexed.lines, lexed.sections);
  const ambiguities: Ambiguity[] = [...lexed.ambiguities];
  const hasBom = text.startsWith('\uFEFF');
  if (hasBom) ambiguities.push({ code: 'byte-order-mark', line: 1, message: 'UTF-8 byte order mark: the AWS SDK reads the file, the AWS CLI refuses it' });

  const sections: IniSection[] = lexed.sections.map((s) => ({ ...s, ...typeSection(kind, s.sdkKey, s.rawName, map) }));
  const groups = new Map<string, IniSection[]>();
  for (const section of sections) {
    if (section.type === 'ignored') {
      if (kind === 'config' && section.sdkKey === 'default') {
        ambiguities.push({ code: 'default-and-profile-default', line: section.headerLine, message: 'Both [default] and [profile default]: the AWS SDK uses only [profile default], the AWS CLI the later one' });
      } else {
        ambiguities.push({ code: 'ignored-section', line: section.headerLine, message: 'The AWS SDK ignores this section (name not valid for this file)' });
      }
      continue;
    }
    if (kind === 'credentials' && /^(profile|sso-session|services)\./.test(section.name) && section.rawName.includes(' ')) {
      ambiguities.push({ code: 'section-name', line: section.headerLine, message: 'A prefixed section in the credentials file: the AWS SDK names it with a dot, the AWS CLI with a space' });
    }
    const groupKey = `${section.type}\u0000${section.name}`;
    groups.set(groupKey, [...(groups.get(groupKey) ?? []), section]);
  }

  const view = kind === 'config' ? sdkConfigView(map) : map;
  const profiles: Profile[] = [];
  const otherSections: Array<{ section: IniSection; properties: Record<string, string> }> = [];
  for (const group of groups.values()) {
    const first = group[0];
    const own: Ambiguity[] = [];
    for (const dup of group.slice(1)) {
      own.push({ code: 'duplicate-section', line: dup.headerLine, message: 'Section appears more than once: the AWS SDK merges them (later values win), the AWS CLI refuses the file' });
    }
    const seen = new Set<string>();
    const indexes = new Set(group.map((s) => s.index));
    for (const line of lexed.lines) {
      if (line.section === undefined || !indexes.has(line.section) || !line.property) continue;
      const { key, fullKey, value } = line.property;
      const lower = fullKey.toLowerCase();
      if (seen.has(lower)) own.push({ code: 'duplicate-key', line: line.number, message: `Key "${key}" is set more than once: the AWS SDK uses the last one, the AWS CLI refuses the file` });
      seen.add(lower);
      if (key !== key.toLowerCase()) own.push({ code: 'uppercase-key', line: line.number, message: `Key "${key}" has upper-case letters: the AWS CLI reads it, the AWS SDK for JavaScript does not` });
      if (value === '' && lexed.lines[line.number]?.property?.parent !== key) own.push({ code: 'empty-value', line: line.number, message: `Key "${key}" has no value: the AWS SDK ignores it` });
    }
    ambiguities.push(...own.map((a) => ({ ...a, profile: first.name })));
    const viewKey = first.type === 'profile' ? first.name : first.sdkKey ?? first.name;
    const properties = { ...(view[viewKey] ?? {}) };
    if (first.type !== 'profile') {
      otherSections.push({ section: first, properties });
      continue;
    }
    profiles.push({
      name: first.name,
      file: kind,
      path,
      sections: group,
      firstLine: first.headerLine,
      lastLine: Math.max(...group.map((s) => s.lastLine)),
      kind: profileKind(properties),
      properties,
      hasSessionToken: getProperty(properties, 'aws_session_token') !== undefined,
      ambiguities: [],
    });
  }
  // Line-level flags belong to the profile whose section holds the line.
  const named = ambiguities
    .map((a) => {
      const index = lexed.lines[a.line - 1]?.section;
      const section = index === undefined ? undefined : sections[index];
      return a.profile === undefined && section?.type === 'profile' ? { ...a, profile: section.name } : a;
    })
    .sort((a, b) => a.line - b.line);
  const withAmbiguities = profiles.map((p) => ({ ...p, ambiguities: named.filter((a) => a.profile === p.name) }));
  return {
    path,
    kind,
    text,
    hash: options.hash === undefined ? hashText(text) : options.hash,
    exists: options.exists ?? true,
    hasBom,
    lines: lexed.lines,
    sections,
    profiles: withAmbiguities,
    otherSections,
    ambiguities: named,
  };
}

/** What `loadSharedConfigFiles` returns for this one file (configFile or credentialsFile). */
export function sdkView(doc: CredentialsDocument): SdkView {
  const map = sdkIniMap(doc.lines, doc.sections);
  return doc.kind === 'config' ? sdkConfigView(map) : map;
}

/** Finds a profile by name in one document. */
export function findProfile(doc: CredentialsDocument, name: string): Profile | undefined {
  return doc.profiles.find((p) => p.name === name);
}
