import { maskKeyId } from './keys';

/**
 * Redacts anything shaped like a credential from free text before it reaches a log or the
 * terminal. This is the last line of defence: callers should never pass secrets in the first
 * place, but an SDK error message or a stack trace may quote one.
 */
// Key ids anywhere, also glued to other characters (X_AKIA…, "…AKIA…").
const KEY_ID = /(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z2-7])/g;
// A value after a name that says it is secret: `aws_secret_access_key=…`, `SessionToken: …`,
// `X-Amz-Security-Token=…`, `password = "…"`. The value is everything up to a delimiter.
const NAMED_SECRET =
  /((?:secret|token|password|passwd|credential|private[_-]?key|api[_-]?key)[A-Za-z0-9_.-]*["']?\s*[=:]\s*["']?)([^\s"'&,;}]{8,})/gi;
// 40 base64 characters standing alone (after `=` too): the shape of a secret access key.
const SECRET_40 = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g;
// Long base64 runs such as session tokens.
const LONG_TOKEN = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{100,}={0,2}(?![A-Za-z0-9+/=])/g;
// Common provider token shapes (GitHub, Slack, Stripe, npm, GitLab, Google).
const PROVIDER_TOKEN =
  /(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|xox[abposr]-[A-Za-z0-9-]{10,}|[sr]k_live_[A-Za-z0-9]{16,}|npm_[A-Za-z0-9]{36}|glpat-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})/g;
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;

export function redactSecrets(text: string): string {
  return text
    .replace(PRIVATE_KEY_BLOCK, '[private key redacted]')
    .replace(PROVIDER_TOKEN, '[token redacted]')
    .replace(NAMED_SECRET, (_m, name: string, value: string) => (/^AKIA|^ASIA/.test(value) ? name + value : `${name}[redacted]`))
    .replace(KEY_ID, (id) => maskKeyId(id))
    .replace(LONG_TOKEN, '[token redacted]')
    .replace(SECRET_40, '[secret redacted]');
}
