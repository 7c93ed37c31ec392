import assert from 'node:assert/strict';
import { detectSecrets, isSuppressed, parseIgnoreFile, type Finding } from '../../../src/core/detect';
import { environmentLookupReplacement, environmentVariableFor, inlineIgnoreComment } from '../../../src/core/editing/fixes';
import * as fake from './fakes';

/** The editor's quick fixes, computed as the code action provider does, applied to the line. */
function lookupFix(language: string, line: string, f: Finding): string | undefined {
  const r = environmentLookupReplacement(language, line, f.range.startColumn, f.range.endColumn, environmentVariableFor(f.kind));
  return r && line.slice(0, r.start) + r.text + line.slice(r.end);
}

describe('quick fixes for the provider rules', () => {
  const rng = new fake.FakeRandom(1521);
  const samples: Array<[string, string]> = [
    ['openai-api-key', fake.fakeOpenAiKey(rng)],
    ['anthropic-api-key', fake.fakeAnthropicKey(rng)],
    ['huggingface-token', fake.fakeHuggingFaceToken(rng)],
    ['groq-api-key', fake.fakeGroqKey(rng)],
    ['azure-client-secret', fake.fakeAzureClientSecret(rng)],
    ['databricks-token', fake.fakeDatabricksToken(rng)],
    ['vault-token', fake.fakeVaultToken(rng)],
    ['tailscale-key', fake.fakeTailscaleKey(rng)],
    ['docker-hub-token', fake.fakeDockerHubToken(rng)],
    ['grafana-token', fake.fakeGrafanaToken(rng)],
    ['onepassword-service-account-token', fake.fakeOnePasswordToken(rng)],
    ['sendgrid-api-key', fake.fakeSendgridKey(rng)],
    ['shopify-token', fake.fakeShopifyToken(rng)],
    ['linear-api-key', fake.fakeLinearKey(rng)],
    ['notion-token', fake.fakeNotionToken(rng)],
    ['figma-token', fake.fakeFigmaToken(rng)],
    ['slack-app-token', fake.fakeSlackAppToken(rng)],
    ['slack-refresh-token', fake.fakeSlackRefreshToken(rng)],
    ['github-app-installation-token', fake.fakeGithubInstallationToken(rng)],
  ];
  const lines: Array<[string, (v: string) => string]> = [
    ['typescript', (v) => `const client = new Client({ token: "${v}" });`],
    ['python', (v) => `TOKEN = '${v}'`],
    ['dotenv', (v) => `TOKEN=${v}`],
    ['yaml', (v) => `  token: "${v}"`],
    ['shellscript', (v) => `export TOKEN=${v}`],
  ];
  for (const [ruleId, value] of samples) {
    it(`${ruleId}: the environment lookup and the ignore comment both clear the finding`, () => {
      for (const [language, make] of lines) {
        const line = make(value);
        const [f] = detectSecrets(line);
        assert.equal(f?.ruleId, ruleId, `${language}: found`);
        const fixed = lookupFix(language, line, f);
        assert.ok(fixed, `${language}: a lookup is offered`);
        assert.ok(!fixed.includes(value), `${language}: the literal is gone`);
        assert.deepEqual(detectSecrets(fixed), [], `${language}: nothing left after the lookup`);
        const comment = inlineIgnoreComment(language);
        assert.ok(comment);
        assert.deepEqual(detectSecrets(line + comment), [], `${language}: the ignore comment suppresses it`);
        assert.ok(isSuppressed(parseIgnoreFile(`${f.fingerprint}\n`), f), `${language}: the ignore file suppresses it`);
      }
    });
  }

  it('url-credentials: replaces only the password in text formats, and offers no code edit inside a string', () => {
    const password = fake.fakePassword(rng);
    const dotenv = `DATABASE_URL=postgres://app:${password}@db.internal/app`;
    const [f] = detectSecrets(dotenv);
    assert.equal(f.ruleId, 'url-credentials');
    const fixed = lookupFix('dotenv', dotenv, f);
    assert.equal(fixed, `DATABASE_URL=postgres://app:\${${environmentVariableFor(f.kind)}}@db.internal/app`);
    assert.deepEqual(detectSecrets(fixed!), []);
    const code = `const url = "postgres://app:${password}@db.internal/app";`;
    const [g] = detectSecrets(code);
    assert.equal(lookupFix('typescript', code, g), undefined, 'pasting a lookup inside the string would break the code');
    assert.deepEqual(detectSecrets(code + inlineIgnoreComment('typescript')), []);
  });

  it('named tokens (Cloudflare, Vercel, Vault, Azure storage): the lookup replaces the value after the name', () => {
    const cases = [
      `CLOUDFLARE_API_TOKEN=${fake.fakeCloudflareToken(rng)}`,
      `VERCEL_TOKEN=${fake.fakeVercelToken(rng)}`,
      `VAULT_TOKEN=${fake.fakeVaultToken(rng, 's.')}`,
      `AZURE_STORAGE_KEY=${fake.fakeAzureStorageKey(rng)}`,
    ];
    for (const line of cases) {
      const [f] = detectSecrets(line);
      assert.ok(f, line.split('=')[0]);
      const fixed = lookupFix('dotenv', line, f);
      assert.equal(fixed, `${line.split('=')[0]}=\${${environmentVariableFor(f.kind)}}`);
      assert.deepEqual(detectSecrets(fixed!), []);
    }
  });
});
