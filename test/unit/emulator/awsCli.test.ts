/**
 * A second, independent client: the AWS CLI v2 (Debian's awscli, at /usr/bin/aws; a different
 * `aws` may come first on PATH). CI installs it; when it is missing these tests fail, not skip.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Credentials, useEmulator } from './helpers';

const AWS_CLI = '/usr/bin/aws';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('emulator: AWS CLI v2 as a client', function () {
  // The CLI takes about a second to start.
  this.timeout(30_000);
  const env = useEmulator();
  let dir = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
    writeFileSync(join(dir, 'config'), '');
    writeFileSync(join(dir, 'credentials'), '');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function aws(credentials: Credentials, args: string[]): Promise<CliResult> {
    assert.ok(existsSync(AWS_CLI), `The AWS CLI is missing at ${AWS_CLI}: install Debian's awscli (CI does).`);
    const cliEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    };
    return new Promise((resolve) => {
      execFile(AWS_CLI, ['--endpoint-url', env.emulator.url, '--output', 'json', ...args], { env: cliEnv }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  }

  it('creates a user and a key as the admin, then lists keys as that user', async () => {
    const created = await aws(env.emulator.admin, ['iam', 'create-user', '--user-name', 'cli-user']);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(JSON.parse(created.stdout).User.Arn, 'arn:aws:iam::111122223333:user/cli-user');

    const keyResult = await aws(env.emulator.admin, ['iam', 'create-access-key', '--user-name', 'cli-user']);
    assert.equal(keyResult.code, 0, keyResult.stderr);
    const key = JSON.parse(keyResult.stdout).AccessKey as { AccessKeyId: string; SecretAccessKey: string; Status: string; CreateDate: string };
    assert.equal(key.Status, 'Active');
    assert.match(key.CreateDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    const user = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };

    const listed = await aws(user, ['iam', 'list-access-keys']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      JSON.parse(listed.stdout).AccessKeyMetadata.map((k: { UserName: string; AccessKeyId: string }) => [k.UserName, k.AccessKeyId]),
      [['cli-user', key.AccessKeyId]],
    );
    const who = await aws(user, ['sts', 'get-caller-identity']);
    assert.equal(JSON.parse(who.stdout).Arn, 'arn:aws:iam::111122223333:user/cli-user');
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const wrong = { ...env.emulator.admin, secretAccessKey: env.emulator.admin.secretAccessKey.slice(0, -1) + (env.emulator.admin.secretAccessKey.endsWith('A') ? 'B' : 'A') };
    const result = await aws(wrong, ['iam', 'list-access-keys']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /An error occurred \(SignatureDoesNotMatch\) when calling the ListAccessKeys operation/);
  });

  it('refuses a third key with LimitExceeded', async () => {
    const second = await aws(env.emulator.admin, ['iam', 'create-access-key', '--user-name', 'alice']);
    assert.equal(second.code, 0, second.stderr);
    const third = await aws(env.emulator.admin, ['iam', 'create-access-key', '--user-name', 'alice', '--cli-read-timeout', '5']);
    assert.notEqual(third.code, 0);
    assert.match(third.stderr, /\(LimitExceeded\) when calling the CreateAccessKey operation: Cannot exceed quota for AccessKeysPerUser: 2/);
    assert.equal(env.emulator.accessKeys('alice').length, 2);
  });

  it('puts, gets (decoded by the CLI), lists and deletes an inline user policy', async () => {
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });
    const put = await aws(env.emulator.admin, ['iam', 'put-user-policy', '--user-name', 'bob', '--policy-name', 'DenyAll', '--policy-document', document]);
    assert.equal(put.code, 0, put.stderr);
    const got = await aws(env.emulator.admin, ['iam', 'get-user-policy', '--user-name', 'bob', '--policy-name', 'DenyAll']);
    assert.equal(got.code, 0, got.stderr);
    assert.deepEqual(JSON.parse(got.stdout).PolicyDocument, JSON.parse(document));
    const listed = await aws(env.emulator.admin, ['iam', 'list-user-policies', '--user-name', 'bob']);
    assert.deepEqual(JSON.parse(listed.stdout).PolicyNames, ['DenyAll']);
    const deleted = await aws(env.emulator.admin, ['iam', 'delete-user-policy', '--user-name', 'bob', '--policy-name', 'DenyAll']);
    assert.equal(deleted.code, 0, deleted.stderr);
    const missing = await aws(env.emulator.admin, ['iam', 'get-user-policy', '--user-name', 'bob', '--policy-name', 'DenyAll']);
    assert.match(missing.stderr, /\(NoSuchEntity\) when calling the GetUserPolicy operation/);
  });
});
