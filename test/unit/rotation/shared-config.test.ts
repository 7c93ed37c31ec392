/**
 * A key shared with a `[profile x]` section of the config file: offered like a shared profile of
 * the credentials file, written byte-exactly in both files, and rolled back in both together.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CreateAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam';
import { runCli } from '../../../src/cli/main';
import { accessKeyIdOf, findProfile, getProperty, readCredentialsDocument } from '../../../src/core/credentials';
import { LifecycleError, rotateProfileKey } from '../../../src/core/rotation';
import { assertNoSecrets, demoKey, emulatorSecrets, fastDeps, fileKey, iamKeys, makeDirectoryUnwritable, sandbox, section, useDemoEmulator } from './helpers';

describe('rotation: a key shared with a profile of the config file', function () {
  this.timeout(20_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const alice = demoKey('alice');
  const bob = demoKey('bob');
  const config = `# tools\r\n[profile x]\r\nregion=eu-west-1\r\n  ; same key as dev\r\nAWS_ACCESS_KEY_ID =${alice.id}\r\naws_secret_access_key\t= ${alice.secret}\r\n\r\n[profile y]\r\naws_access_key_id = ${bob.id}\r\naws_secret_access_key = ${bob.secret}\r\n`;

  function configKey(file: string, profile: string): { id?: string; secret?: string } {
    const p = findProfile(readCredentialsDocument(file, 'config'), profile);
    return { id: p && accessKeyIdOf(p), secret: p && getProperty(p.properties, 'aws_secret_access_key') };
  }

  it('rotate --profile dev --yes --retire delete also updates [profile x] of the config file, changing only the values', async () => {
    const box = sandbox(cleanups, section('dev', alice), config);
    const out: string[] = [];
    const code = await runCli(['rotate', '--profile', 'dev', '--yes', '--retire', 'delete'], { out: (t) => out.push(t), err: (t) => out.push(t), env: { HOME: box.home }, cwd: box.home });
    assert.equal(code, 0, out.join('\n'));
    const dev = fileKey(box.credentialsFile, 'dev');
    const x = configKey(box.configFile, 'x');
    assert.notEqual(dev.id, alice.id);
    assert.equal(x.id, dev.id, '[profile x] holds the new key');
    assert.equal(fs.readFileSync(box.configFile, 'utf8'), config.replace(alice.id, dev.id).replace(alice.secret, dev.secret), 'only the two values changed in the config file');
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${dev.id}:Active`]);
    assert.match(out.join('\n'), /also used by profile "x" in .*config/);
    assertNoSecrets(out.join('\n'), [...emulatorSecrets(env.emulator), alice.secret]);
  });

  it('verification fails: both files are put back byte for byte and the new key is deleted', async () => {
    const credentials = section('dev', alice);
    const box = sandbox(cleanups, credentials, config);
    const deps = fastDeps(box, { checkpoint: (point) => void (point === 'after-write' && env.emulator.injectFault({ action: 'GetCallerIdentity', error: 'AccessDenied' })) });
    let configDuringVerify: string | undefined;
    const watched = { ...deps, onEvent: (e: Parameters<NonNullable<typeof deps.onEvent>>[0]) => void (e.type === 'step' && e.step === 'verify' && (configDuringVerify = configKey(box.configFile, 'x').id)) };
    await assert.rejects(rotateProfileKey({ profile: 'dev' }, watched), (e: unknown) => e instanceof LifecycleError && e.state === 'unchanged' && e.step === 'verify');
    assert.ok(configDuringVerify && configDuringVerify !== alice.id, 'the config file held the new key before the rollback');
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), credentials);
    assert.equal(fs.readFileSync(box.configFile, 'utf8'), config);
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
    assert.deepEqual(box.journal.entries(), []);
  });

  it('the config file cannot be written: the credentials file is put back and the new key deleted', async () => {
    const credentials = section('dev', alice);
    const box = sandbox(cleanups, credentials);
    const configDir = path.join(box.home, 'elsewhere');
    fs.mkdirSync(configDir);
    const configFile = path.join(configDir, 'config');
    fs.writeFileSync(configFile, config);
    cleanups.push(makeDirectoryUnwritable(configDir));
    const deps = fastDeps({ ...box, files: { credentialsFile: box.credentialsFile, configFile } });
    await assert.rejects(
      rotateProfileKey({ profile: 'dev' }, deps),
      (e: unknown) => e instanceof LifecycleError && e.state === 'unchanged' && e.step === 'write' && /config failed.*was put back/.test(e.message),
    );
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), credentials);
    assert.equal(fs.readFileSync(configFile, 'utf8'), config);
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
  });

  it('a rotation interrupted between the two writes: Finish Interrupted Rotation puts the new key into [profile x] before retiring the old one', async () => {
    const iam = new IAMClient({ region: 'us-east-1', endpoint: env.emulator.url, credentials: { accessKeyId: alice.id, secretAccessKey: alice.secret } });
    const made = (await iam.send(new CreateAccessKeyCommand({}))).AccessKey!;
    iam.destroy();
    const fresh = { user: 'alice', id: made.AccessKeyId!, secret: made.SecretAccessKey! };
    const box = sandbox(cleanups, section('dev', fresh), config);
    const at = new Date().toISOString();
    box.journal.put({
      id: 'j1', profile: 'dev', file: box.credentialsFile, userArn: 'arn:aws:iam::123456789012:user/alice', oldAccessKeyId: alice.id, keysBefore: [alice.id],
      newAccessKeyId: fresh.id, sharedProfiles: [], sharedElsewhere: { file: box.configFile, profiles: ['x'] }, retire: 'deactivate', step: 'created', startedAt: at, updatedAt: at,
    });
    const out: string[] = [];
    const code = await runCli(['rotate', '--recover', '--yes'], { out: (t) => out.push(t), err: (t) => out.push(t), env: { HOME: box.home }, cwd: box.home });
    assert.equal(code, 0, out.join('\n'));
    assert.equal(configKey(box.configFile, 'x').id, fresh.id);
    assert.equal(fs.readFileSync(box.configFile, 'utf8'), config.replace(alice.id, fresh.id).replace(alice.secret, fresh.secret));
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Inactive`, `${fresh.id}:Active`]);
  });
});
