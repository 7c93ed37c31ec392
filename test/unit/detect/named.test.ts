import assert from 'node:assert/strict';
import { detectSecrets } from '../../../src/core/detect';
import * as fake from './fakes';

function rules(text: string): string[] {
  return detectSecrets(text).map((f) => `${f.ruleId}@${f.range.line}:${f.range.startColumn}`);
}

describe('detector: secrets known by their name (Slack signing secret, SES SMTP password, terraform state)', () => {
  const rng = new fake.FakeRandom(4242);
  const hex32 = fake.fakeSha256(rng).slice(0, 32);
  const sesPassword = Buffer.concat([Buffer.from([4]), Buffer.from(fake.fakeSha256(rng), 'hex')]).toString('base64');
  const keyId = fake.fakeKeyId(rng);
  const secret = fake.fakeSecretAccessKey(rng);

  it('a Slack signing secret under its name, in env, YAML and JSON', () => {
    assert.deepEqual(rules(`SLACK_SIGNING_SECRET=${hex32}\n`), ['slack-signing-secret@0:21']);
    assert.deepEqual(rules(`slack:\n  signingSecret: "${hex32}"\n`), ['slack-signing-secret@1:18']);
    assert.deepEqual(rules(`{"signing_secret": "${hex32}"}`), ['slack-signing-secret@0:20']);
  });

  it('an SES SMTP password under its name, and in a terraform state aws_iam_access_key', () => {
    assert.equal(sesPassword.length, 44);
    assert.deepEqual(rules(`SMTP_PASSWORD=${sesPassword}\n`), ['aws-ses-smtp-password@0:14']);
    const state = JSON.stringify(
      {
        resources: [
          {
            type: 'aws_iam_access_key',
            name: 'smtp',
            instances: [{ attributes: { id: keyId, user: 'smtp', secret, ses_smtp_password_v4: sesPassword } }],
          },
        ],
      },
      null,
      2,
    );
    const found = rules(state);
    assert.ok(found.some((f) => f.startsWith('aws-ses-smtp-password@')), found.join());
    assert.ok(found.some((f) => f.startsWith('aws-secret-access-key@')), found.join());
    assert.ok(found.some((f) => f.startsWith('aws-access-key-id@')), found.join());
  });

  it('hard negatives: hashes and ids under other names, a signing secret hash, a 44-character value that is not SES v4', () => {
    const text = [
      `SLACK_SIGNING_SECRET_HASH=${hex32}`,
      `md5: ${hex32}`,
      `request_id = "${hex32}"`,
      `SMTP_PASSWORD=${fake.fakeBase64(rng, 44)}`,
      `SMTP_PASSWORD_FILE=/run/secrets/${fake.fakeBase64(rng, 44)}`,
      `SLACK_SIGNING_SECRET=${'0'.repeat(32)}`,
      `SLACK_SIGNING_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
    ].join('\n');
    assert.deepEqual(rules(text), []);
  });
});
