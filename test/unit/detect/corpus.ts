/**
 * The labelled corpus: templates under test/fixtures/detect/corpus whose placeholders are filled
 * with seeded fake values. A placeholder's kind is its label: positives become expected findings
 * at the exact place they were rendered; negatives (IAM ids, hashes, UUIDs, JWTs, nonces, bad
 * checksums) must produce nothing. Used by the corpus unit test and by the bench.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fake from './fakes';

export const CORPUS_DIR = path.resolve(__dirname, '../../../../test/fixtures/detect/corpus');
export const EXPECTATIONS_FILE = path.resolve(__dirname, '../../../../test/fixtures/detect/expectations.json');

type Generator = (rng: fake.FakeRandom, arg: string) => string;

/** Placeholders that render a secret: the rule expected to report it. */
const POSITIVES: Record<string, [string, Generator]> = {
  AKIA: ['aws-access-key-id', (r) => fake.fakeKeyId(r, 'AKIA')],
  ASIA: ['aws-access-key-id', (r) => fake.fakeKeyId(r, 'ASIA')],
  SECRET: ['aws-secret-access-key', (r) => fake.fakeSecretAccessKey(r)],
  SECRET_URLENC: ['aws-secret-access-key', (r) => fake.fakeSecretAccessKey(r).replace(/\//g, '%2F').replace(/\+/g, '%2B')],
  SESSION: ['aws-session-token', (r) => fake.fakeSessionToken(r)],
  GHP: ['github-classic-token', (r) => fake.fakeGithubToken(r, 'ghp_')],
  GHO: ['github-classic-token', (r) => fake.fakeGithubToken(r, 'gho_')],
  GHS: ['github-classic-token', (r) => fake.fakeGithubToken(r, 'ghs_')],
  GITHUB_PAT: ['github-fine-grained-token', (r) => fake.fakeFineGrainedToken(r)],
  GLPAT: ['gitlab-token', (r) => fake.fakeGitlabToken(r)],
  XOXB: ['slack-token', (r) => fake.fakeSlackBotToken(r)],
  XOXP: ['slack-token', (r) => fake.fakeSlackUserToken(r)],
  SLACK_WEBHOOK: ['slack-webhook', (r) => fake.fakeSlackWebhook(r)],
  SK_LIVE: ['stripe-live-key', (r) => fake.fakeStripeKey(r, 'sk_live_')],
  RK_LIVE: ['stripe-live-key', (r) => fake.fakeStripeKey(r, 'rk_live_')],
  AIZA: ['google-api-key', (r) => fake.fakeGoogleApiKey(r)],
  NPM: ['npm-token', (r) => fake.fakeNpmToken(r)],
  PEM: ['private-key', (r, label) => fake.fakePrivateKeyBlock(r, label || 'RSA PRIVATE KEY')],
  // A key block inside a JSON string: escaped newlines, one line.
  PEM_JSON: ['private-key', (r, label) => fake.fakePrivateKeyBlock(r, label || 'PRIVATE KEY', 6, '\\n')],
  // The private key of a Google Cloud service-account key file (JSON with client_email): one finding.
  GCP_PEM_JSON: ['gcp-service-account-key', (r) => fake.fakePrivateKeyBlock(r, 'PRIVATE KEY', 6, '\\n')],
  OPENAI: ['openai-api-key', (r, kind) => fake.fakeOpenAiKey(r, (kind || 'proj') as 'proj')],
  ANTHROPIC: ['anthropic-api-key', (r, kind) => fake.fakeAnthropicKey(r, (kind || 'api03') as 'api03')],
  HF: ['huggingface-token', (r) => fake.fakeHuggingFaceToken(r)],
  GROQ: ['groq-api-key', (r) => fake.fakeGroqKey(r)],
  AZURE_SECRET: ['azure-client-secret', (r) => fake.fakeAzureClientSecret(r)],
  AZURE_STORAGE: ['azure-storage-key', (r) => fake.fakeAzureStorageKey(r)],
  SAS_SIG: ['azure-sas-token', (r) => fake.fakeSasSignature(r)],
  CLOUDFLARE: ['cloudflare-api-token', (r) => fake.fakeCloudflareToken(r)],
  DATABRICKS: ['databricks-token', (r) => fake.fakeDatabricksToken(r)],
  VAULT: ['vault-token', (r, prefix) => fake.fakeVaultToken(r, (prefix || 'hvs.') as 'hvs.')],
  TAILSCALE: ['tailscale-key', (r, kind) => fake.fakeTailscaleKey(r, kind || 'auth')],
  DOCKER: ['docker-hub-token', (r) => fake.fakeDockerHubToken(r)],
  GRAFANA: ['grafana-token', (r, kind) => fake.fakeGrafanaToken(r, (kind || 'glsa') as 'glsa')],
  VERCEL: ['vercel-token', (r) => fake.fakeVercelToken(r)],
  OPS: ['onepassword-service-account-token', (r) => fake.fakeOnePasswordToken(r)],
  SENDGRID: ['sendgrid-api-key', (r) => fake.fakeSendgridKey(r)],
  SHOPIFY: ['shopify-token', (r, prefix) => fake.fakeShopifyToken(r, prefix || 'shpat_')],
  LINEAR: ['linear-api-key', (r) => fake.fakeLinearKey(r)],
  NOTION: ['notion-token', (r, legacy) => fake.fakeNotionToken(r, legacy === 'legacy')],
  FIGMA: ['figma-token', (r) => fake.fakeFigmaToken(r)],
  XAPP: ['slack-app-token', (r) => fake.fakeSlackAppToken(r)],
  XOXE: ['slack-refresh-token', (r, kind) => fake.fakeSlackRefreshToken(r, kind === 'access')],
  GHS_APP: ['github-app-installation-token', (r) => fake.fakeGithubInstallationToken(r)],
  URL_PASSWORD: ['url-credentials', (r) => fake.fakePassword(r)],
  // Encoded forms: reported on the encoded span.
  AKIA_B64: ['aws-access-key-id', (r) => Buffer.from(fake.fakeKeyId(r, 'AKIA')).toString('base64')],
  SECRET_B64: ['aws-secret-access-key', (r) => Buffer.from(fake.fakeSecretAccessKey(r)).toString('base64')],
  SECRET_JSON_ESCAPED: ['aws-secret-access-key', (r) => withSlash(fake.fakeSecretAccessKey(r)).replace('/', '\\/')],
  SECRET_HTML_ESCAPED: ['aws-secret-access-key', (r) => withSlash(fake.fakeSecretAccessKey(r)).replace('/', '&#x2F;')],
  // Known by their name only.
  SLACK_SIGNING: ['slack-signing-secret', (r) => fake.fakeSha256(r).slice(0, 32)],
  SES_SMTP: ['aws-ses-smtp-password', (r) => Buffer.concat([Buffer.from([4]), Buffer.from(fake.fakeSha256(r), 'hex')]).toString('base64')],
  EX_B64: ['aws-example-key', (_r, literal) => Buffer.from(literal).toString('base64')],
  // Base64 blobs that decode to a credentials file, shell exports, a registry login: one finding on the blob.
  CREDS_B64: ['aws-secret-access-key', (r) => b64(`[default]\naws_access_key_id = ${fake.fakeKeyId(r, 'AKIA')}\naws_secret_access_key = ${fake.fakeSecretAccessKey(r)}\n`)],
  ENV_B64: ['aws-secret-access-key', (r) => b64(`export AWS_REGION=eu-west-1\nexport AWS_SECRET_ACCESS_KEY=${fake.fakeSecretAccessKey(r)}\n`)],
  DOCKERCONFIG_B64: ['github-classic-token', (r) => b64(JSON.stringify({ auths: { 'ghcr.io': { username: 'ci', password: fake.fakeGithubToken(r, 'ghp_') } } }))],
  // Split literals: the whole expression, from inside its first quote to inside its last.
  AKIA_SPLIT: ['aws-access-key-id', (r, style) => splitLiteral(fake.fakeKeyId(r, 'AKIA'), style)],
  SECRET_SPLIT: ['aws-secret-access-key', (r, style) => splitLiteral(fake.fakeSecretAccessKey(r), style)],
  AKIA_CHARCODES: ['aws-access-key-id', (r) => [...fake.fakeKeyId(r, 'AKIA')].map((c) => c.charCodeAt(0)).join(', ')],
  EX_SPLIT: ['aws-example-key', (_r, literal) => splitLiteral(literal, 'js')],
  // A literal documentation example, reported as kind `example`.
  EX: ['aws-example-key', (_r, literal) => literal],
};

/** Placeholders that render look-alikes that must not be reported. */
const NEGATIVES: Record<string, Generator> = {
  AIDA: (r) => fake.fakeKeyId(r, 'AIDA'),
  AROA: (r) => fake.fakeKeyId(r, 'AROA'),
  AGPA: (r) => fake.fakeKeyId(r, 'AGPA'),
  ANPA: (r) => fake.fakeKeyId(r, 'ANPA'),
  SHA1: (r) => fake.fakeSha1(r),
  SHA256: (r) => fake.fakeSha256(r),
  UUID: (r) => fake.fakeUuid(r),
  JWT: (r) => fake.fakeJwt(r),
  NONCE40: (r) => fake.fakeSecretAccessKey(r),
  B64: (r, n) => fake.fakeBase64(r, Number(n)),
  GHP_BADSUM: (r) => fake.fakeGithubTokenBadChecksum(r),
  // Values that look like the new providers' tokens but are not: cut short, hex, or without their name.
  PASSWORD: (r) => fake.fakePassword(r),
  HEX: (r, n) => fake.fakeSha256(r).slice(0, Number(n) || 64),
  ALNUM: (r, n) => fake.fakeVercelToken(r).padEnd(Number(n) || 24, fake.fakeVercelToken(r)).slice(0, Number(n) || 24),
  // Base64 of ordinary text and of image bytes: decoded or not, nothing to report.
  B64_TEXT: (_r, words) => Buffer.from(words || 'listen on port 8080 and log to stdout in json').toString('base64'),
  B64_PNG: (r) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), Buffer.from(fake.fakeBase64(r, 200), 'base64')]).toString('base64'),
  B64_WOFF2: (r) => Buffer.concat([Buffer.from('wOF2\0\x01\0\0', 'latin1'), Buffer.from(fake.fakeBase64(r, 400), 'base64')]).toString('base64'),
  B64_CERT: (r) => b64(`-----BEGIN CERTIFICATE-----\n${fake.fakeBase64(r, 64)}\n${fake.fakeBase64(r, 64)}\n-----END CERTIFICATE-----\n`),
  B64_PUBKEY: (r) => b64(`ssh-ed25519 ${fake.fakeBase64(r, 68)} deploy@ci\n`),
  // Look-alikes split into literals: IAM ids and hashes stay what they are when joined.
  AIDA_SPLIT: (r, style) => splitLiteral(fake.fakeKeyId(r, 'AIDA'), style),
  AROA_SPLIT: (r, style) => splitLiteral(fake.fakeKeyId(r, 'AROA'), style),
  SHA1_SPLIT: (r, style) => splitLiteral(fake.fakeSha1(r), style),
};

function b64(text: string): string {
  return Buffer.from(text).toString('base64');
}

/**
 * `value` cut into literal pieces, written as the inside of a quoted expression (the template
 * supplies the outer quotes): `js` "a" + "b", `sq` 'a' + 'b', `nl` + at line ends, `py` adjacent
 * literals, `join` "a", "b", "c" (in a list), `tpl` a${''}b inside a template literal.
 */
function splitLiteral(value: string, style: string): string {
  const third = Math.ceil(value.length / 3);
  const [a, b, c] = [value.slice(0, third), value.slice(third, 2 * third), value.slice(2 * third)];
  switch (style || 'js') {
    case 'js':
      return `${a}${b}" + "${c}`;
    case 'sq':
      return `${a}' + '${b}${c}`;
    case 'nl':
      return `${a}" +\n      "${b}" +\n      "${c}`;
    case 'py':
      return `${a}"\n    "${b}${c}`;
    case 'join':
      return `${a}", "${b}", "${c}`;
    case 'tpl':
      return `${a}\${''}${b}\${""}${c}`;
    default:
      throw new Error(`unknown split style ${style}`);
  }
}

/** A secret with a '/' in it (where escaping shows). */
function withSlash(secret: string): string {
  return secret.slice(0, 12) + '/' + secret.slice(13);
}

export interface ExpectedFinding {
  ruleId: string;
  /** `line:col-endLine:endCol`, 1-based, end exclusive. */
  at: string;
}

export interface CorpusFile {
  name: string;
  text: string;
  expected: ExpectedFinding[];
}

const PLACEHOLDER = /\{\{([A-Z0-9_]+)(?::([^}#]*))?(?:#(\w+))?\}\}/g;

function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

/** Renders one template; the same `#tag` renders the same value again. */
export function renderTemplate(name: string, template: string, seed: number): CorpusFile {
  const rng = new fake.FakeRandom(seed);
  const tagged = new Map<string, string>();
  const labels: Array<{ ruleId: string; start: number; end: number }> = [];
  let text = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const [whole, kind, arg = '', tag] = m;
    text += template.slice(last, m.index);
    last = (m.index ?? 0) + whole.length;
    const positive = POSITIVES[kind];
    const negative = NEGATIVES[kind];
    if (!positive && !negative) throw new Error(`${name}: unknown placeholder ${kind}`);
    const key = tag ? `${kind}#${tag}` : undefined;
    const value = (key && tagged.get(key)) ?? (positive ? positive[1](rng, arg) : negative(rng, arg));
    if (key) tagged.set(key, value);
    if (positive) labels.push({ ruleId: positive[0], start: text.length, end: text.length + value.length });
    text += value;
  }
  text += template.slice(last);
  const expected = labels.map((l) => ({ ruleId: l.ruleId, at: `${position(text, l.start)}-${position(text, l.end)}` }));
  return { name, text, expected };
}

function seedOf(name: string): number {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** Every corpus file, rendered deterministically (the seed is derived from the file name). */
export function loadCorpus(): CorpusFile[] {
  return fs
    .readdirSync(CORPUS_DIR)
    .sort()
    .map((name) => renderTemplate(name, fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8'), seedOf(name)));
}

/** A finding in the corpus's `line:col-endLine:endCol` notation (1-based, end exclusive). */
export function corpusNotation(f: { ruleId: string; range: { line: number; startColumn: number; endLine: number; endColumn: number } }): ExpectedFinding {
  const r = f.range;
  return { ruleId: f.ruleId, at: `${r.line + 1}:${r.startColumn + 1}-${r.endLine + 1}:${r.endColumn + 1}` };
}
