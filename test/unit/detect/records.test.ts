import assert from 'node:assert/strict';
import * as fake from './fakes';
import { detectSpans, spanOf } from './helpers';

/**
 * A secret named by the `name` of a name/value record (SSM parameters, container env entries) sits
 * in the record's `value` entry a few lines below; a value on the next line may follow comments.
 */
describe('detector: secrets in name/value records', () => {
  const rng = new fake.FakeRandom(9090);
  const secret = fake.fakeSecretAccessKey(rng);
  const nonce = fake.fakeSecretAccessKey(rng);
  const hex32 = fake.fakeSha256(rng).slice(0, 32);
  const vercel = fake.fakeVercelToken(rng);

  it('SSM get-parameter output: Name, then Type, then Value', () => {
    const text = `{\n  "Parameter": {\n    "Name": "/prod/aws_secret_access_key",\n    "Type": "SecureString",\n    "Value": "${secret}",\n    "Version": 1\n  }\n}\n`;
    assert.deepEqual(detectSpans(text), [spanOf(text, secret, 'aws-secret-access-key')]);
  });

  it('the same with CRLF line ends and the name as ParameterKey', () => {
    const text = `[\r\n  {\r\n    "ParameterKey": "AwsSecretAccessKey",\r\n    "UsePreviousValue": false,\r\n    "ParameterValue": "${secret}"\r\n  }\r\n]\r\n`;
    assert.deepEqual(detectSpans(text), [spanOf(text, secret, 'aws-secret-access-key')]);
  });

  it('a container env entry with comments between name and value, for AWS, Slack and Vercel names', () => {
    const text = [
      'env:',
      '  - name: AWS_SECRET_ACCESS_KEY',
      '    # rotated every 90 days',
      '    # by the platform team',
      `    value: "${secret}"`,
      '  - name: SLACK_SIGNING_SECRET',
      `    value: ${hex32}`,
      '  - name: VERCEL_TOKEN',
      '    // from the dashboard',
      `    value: '${vercel}'`,
      '',
    ].join('\n');
    assert.deepEqual(detectSpans(text), [
      spanOf(text, secret, 'aws-secret-access-key'),
      spanOf(text, hex32, 'slack-signing-secret'),
      spanOf(text, vercel, 'vercel-token'),
    ]);
  });

  it('a record ends at a brace, a new list item or the next name: a later value is not its value', () => {
    const braces = `[{\n  "Name": "/prod/aws_secret_access_key",\n  "Type": "SecureString"\n}, {\n  "Name": "/prod/cache",\n  "Value": "${nonce}"\n}]\n`;
    const items = `- name: AWS_SECRET_ACCESS_KEY\n  valueFrom: {secretKeyRef: {name: aws, key: secret}}\n- name: CACHE_SEED\n  value: "${nonce}"\n`;
    const sameItem = `- name: AWS_SECRET_ACCESS_KEY\n  type: secure\n  name: CACHE_SEED\n  value: "${nonce}"\n`;
    for (const text of [braces, items, sameItem]) assert.deepEqual(detectSpans(text), [], text);
  });

  it('looks only a few lines down: a value five lines below its record name, or past four comments, is not taken', () => {
    const far = `- name: AWS_SECRET_ACCESS_KEY\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  value: "${nonce}"\n`;
    const comments = `aws_secret_access_key:\n  # 1\n  # 2\n  # 3\n  # 4\n  ${nonce}\n`;
    assert.deepEqual(detectSpans(far), []);
    assert.deepEqual(detectSpans(comments), []);
  });

  it('names of non-secrets stay quiet: digests, versions, paths, files', () => {
    for (const name of ['AWS_SECRET_ACCESS_KEY_SHA1', 'aws_secret_access_key_version', 'AWS_SECRET_ACCESS_KEY_FILE', 'SLACK_SIGNING_SECRET_DIGEST']) {
      const text = `- name: ${name}\n  # note\n  value: "${name.startsWith('SLACK') ? hex32 : nonce}"\n`;
      assert.deepEqual(detectSpans(text), [], name);
    }
  });
});
