/**
 * Product code reaches the emulator only through the SDK's standard endpoint configuration:
 * AWS_ENDPOINT_URL_IAM / _STS, AWS_ENDPOINT_URL, or endpoint_url in a profile. These tests build
 * clients with no options at all, as product code would, and check they land on the emulator.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ALICE, useEmulator } from './helpers';

const TOUCHED = [
  'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_STS', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
];

/** Runs `body` with exactly `vars` among the AWS variables, in a fresh directory of config files. */
async function withAwsEnvironment(files: { config?: string; credentials?: string }, vars: Record<string, string>, body: () => Promise<void>): Promise<void> {
  const saved = new Map(TOUCHED.map((name) => [name, process.env[name]]));
  const dir = mkdtempSync(join(tmpdir(), 'emulator-endpoint-'));
  try {
    writeFileSync(join(dir, 'config'), files.config ?? '');
    writeFileSync(join(dir, 'credentials'), files.credentials ?? '');
    for (const name of TOUCHED) delete process.env[name];
    Object.assign(process.env, { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' }, vars);
    await body();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('emulator: reached through standard SDK endpoint configuration', () => {
  const env = useEmulator();

  it('AWS_ENDPOINT_URL_IAM and AWS_ENDPOINT_URL_STS with keys from the environment (default credential chain)', async () => {
    await withAwsEnvironment(
      {},
      {
        AWS_ENDPOINT_URL_IAM: env.emulator.url,
        AWS_ENDPOINT_URL_STS: env.emulator.url,
        AWS_ACCESS_KEY_ID: ALICE.accessKeyId,
        AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey,
        AWS_REGION: 'us-east-1',
      },
      async () => {
        const iam = new IAMClient({ maxAttempts: 1 });
        const sts = new STSClient({ maxAttempts: 1 });
        try {
          const keys = await iam.send(new ListAccessKeysCommand({}));
          assert.equal(keys.AccessKeyMetadata?.[0].AccessKeyId, ALICE.accessKeyId);
          const who = await sts.send(new GetCallerIdentityCommand({}));
          assert.equal(who.Arn, 'arn:aws:iam::111122223333:user/alice');
        } finally {
          iam.destroy();
          sts.destroy();
        }
      },
    );
    assert.deepEqual(env.emulator.calls().map((c) => [c.service, c.action, c.userName]), [
      ['iam', 'ListAccessKeys', 'alice'],
      ['sts', 'GetCallerIdentity', 'alice'],
    ]);
  });

  it('AWS_ENDPOINT_URL for every service', async () => {
    await withAwsEnvironment(
      {},
      { AWS_ENDPOINT_URL: env.emulator.url, AWS_ACCESS_KEY_ID: ALICE.accessKeyId, AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey, AWS_REGION: 'eu-west-1' },
      async () => {
        const sts = new STSClient({ maxAttempts: 1 });
        try {
          assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, '111122223333');
        } finally {
          sts.destroy();
        }
      },
    );
    assert.equal(env.emulator.accessKeys('alice')[0].lastUsed?.region, 'eu-west-1');
  });

  it('endpoint_url in a services section of the profile, with the profile\'s static keys', async () => {
    const config = `[profile emu]\nregion = us-east-1\nservices = local-aws\n\n[services local-aws]\niam =\n  endpoint_url = ${env.emulator.url}\nsts =\n  endpoint_url = ${env.emulator.url}\n`;
    const credentials = `[emu]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}\n`;
    await withAwsEnvironment({ config, credentials }, { AWS_PROFILE: 'emu' }, async () => {
      const iam = new IAMClient({ maxAttempts: 1 });
      try {
        assert.equal((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata?.[0].UserName, 'alice');
      } finally {
        iam.destroy();
      }
    });
    assert.equal(env.emulator.calls().length, 1);
  });
});
