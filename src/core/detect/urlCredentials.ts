/**
 * Passwords inside URLs and connection strings: `scheme://user:password@host` (RFC 3986 userinfo),
 * as used by http(s), ftp(s), postgres, mysql, mongodb(+srv), redis, amqp, jdbc URLs and most
 * database drivers. Only the password is reported. Placeholders (`user:password@`, `<password>`),
 * environment lookups (`${DB_PASSWORD}`, `$PASS`, `%s`, `{{ .pass }}`), empty passwords
 * (`user:@host`) and documentation hosts (example.com, RFC 2606) are not.
 */
import type { RawFinding } from './raw';
import { isAlnum, looksLikePlaceholder } from './text';

/** Longest scheme looked back for; longer ones are not URL schemes. */
const SCHEME_MAX = 24;
/** Longest `user:password@host` part examined; the cap keeps each anchor's work constant. */
const AUTHORITY_MAX = 256;
const MIN_PASSWORD = 3;

// Words people put where the password goes in examples and templates.
const PLACEHOLDER_PASSWORD = /^(?:pass(?:word|wd|phrase)?\d*|pwd|pw|mypass(?:word)?|user(?:name)?|admin|root|guest|foo|bar|baz|token|api[_-]?key|key|secret|xxx+|\*+|\.+|null|none|undefined)$/i;
// Lookups and templating: $VAR, ${VAR}, $(cmd), %s, %(name)s, {name}, {{ .x }}, <password>, [password], #{x}.
const TEMPLATED = /[$%{}<>[\]]|#\{/;
/** Hosts reserved for documentation by RFC 2606 / RFC 6761: example.com/.org/.net, *.example, *.invalid, *.test. */
function isDocumentationHost(host: string): boolean {
  const labels = host.replace(/:[0-9]*$/, '').toLowerCase().split('.');
  const tld = labels[labels.length - 1];
  if (tld === 'example' || tld === 'invalid' || tld === 'test') return true;
  return labels.length >= 2 && labels[labels.length - 2] === 'example' && (tld === 'com' || tld === 'org' || tld === 'net');
}

function isSchemeChar(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 45 || c === 46; // + - .
}

/** Characters that end the authority part of a URL (or the string around it). */
function endsAuthority(c: number): boolean {
  // / ? # whitespace " ' ` < > \ and control characters
  return c <= 32 || c === 47 || c === 63 || c === 35 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 92;
}

/** The password of the URL whose `://` matched at `sepOffset`, if it has a real one. */
export function urlPasswordAt(text: string, sepOffset: number): RawFinding | undefined {
  let schemeStart = sepOffset;
  while (schemeStart > 0 && sepOffset - schemeStart < SCHEME_MAX && isSchemeChar(text.charCodeAt(schemeStart - 1))) schemeStart--;
  if (schemeStart === sepOffset || sepOffset - schemeStart > SCHEME_MAX - 1) return undefined;
  const first = text.charCodeAt(schemeStart);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return undefined;

  const from = sepOffset + 3;
  const limit = Math.min(text.length, from + AUTHORITY_MAX);
  let colon = -1;
  let at = -1;
  let end = from;
  for (; end < limit; end++) {
    const c = text.charCodeAt(end);
    if (endsAuthority(c)) break;
    if (c === 64) at = end; // the last @ ends the userinfo (passwords may hold a raw @)
    else if (c === 58 && colon === -1 && at === -1) colon = end;
  }
  if (at === -1 || colon === -1 || colon > at) return undefined;
  const start = colon + 1;
  const password = text.slice(start, at);
  const user = text.slice(from, colon);
  const host = text.slice(at + 1, end);
  if (password.length < MIN_PASSWORD || !/^[A-Za-z0-9[]/.test(host)) return undefined;
  // Percent-encoded bytes (%40, %2F) are real password characters; anything else templated is not.
  if (TEMPLATED.test(password.replace(/%[0-9A-Fa-f]{2}/g, ''))) return undefined;
  if (PLACEHOLDER_PASSWORD.test(password) || looksLikePlaceholder(password) || password === user) return undefined;
  if (isDocumentationHost(host)) return undefined;
  // Passwords are short and often guessable: show none of their characters.
  return { ruleId: 'url-credentials', start, end: at, value: password, masked: '*'.repeat(Math.min(password.length, 16)), confidence: 'medium' };
}
