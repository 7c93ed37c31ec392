/**
 * Upper-case key names in the credentials file (botocore and the AWS CLI read them, the AWS SDK for
 * JavaScript does not): a rotation succeeds and keeps them, says so, and lower-casing is its own action.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fromIni } from '@aws-sdk/credential-providers';
import { runCli } from '../../../src/cli/main';
import { rotateProfileKey } from '../../../src/core/rotation';
import { assertFileKeyWorks, assertNoSecrets, demoKey, emulatorSecrets, fastDeps, fileKey, iamKeys, sandbox, useDemoEmulator } from './helpers';

describe('rotation: upper-case key names', function () {
  this.timeout(20_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const alice = demoKey('alice');
  const original = `[work]\nAWS_ACCESS_KEY_ID=${alice.id}\nAWS_SECRET_ACCESS_KEY = ${alice.secret}\nregion = eu-west-1\n`;

  it('a rotation verifies with the values our parser reads, keeps the names as written and says JavaScript-SDK tools cannot read them', async () => {
    const box = sandbox(cleanups, original);
    const deps = fastDeps(box);
    const result = await rotateProfileKey({ profile: 'work' }, deps);
    const now = fileKey(box.credentialsFile, 'work');
    assert.equal(now.id, result.newAccessKeyId);
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), original.replace(alice.id, now.id).replace(alice.secret, now.secret), 'only the values changed');
    await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Inactive`, `${now.id}:Active`]);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0], /"work" .*\(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY\).*AWS SDK for JavaScript do not.*aws-key-guard rotate --lowercase-keys --profile work/);
    assertNoSecrets(deps.recorder.text(), [...emulatorSecrets(env.emulator), alice.secret]);
  });

  it('rotate --lowercase-keys lower-cases only the names, and the JavaScript SDK then reads the key', async () => {
    const box = sandbox(cleanups, original);
    const out: string[] = [];
    const code = await runCli(['rotate', '--lowercase-keys', '--profile', 'work'], { out: (t) => out.push(t), err: (t) => out.push(t), env: { HOME: box.home }, cwd: box.home });
    assert.equal(code, 0, out.join('\n'));
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), original.replace('AWS_ACCESS_KEY_ID', 'aws_access_key_id').replace('AWS_SECRET_ACCESS_KEY', 'aws_secret_access_key'));
    assert.match(out.join('\n'), /Lower-cased AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY of profile "work"/);
    const creds = await fromIni({ profile: 'work', filepath: box.credentialsFile, configFilepath: box.configFile, ignoreCache: true })();
    assert.equal(creds.accessKeyId, alice.id);
    assert.equal(env.emulator.calls().length, 0, 'nothing was asked of AWS');
    assertNoSecrets(out.join('\n'), [alice.secret]);
  });
});
