/**
 * Cross-check with the real AWS CLI (Debian's awscli 2.9.19 at /usr/bin/aws; the CI installs it).
 * Part 1: files we wrote read back with the new key in the CLI. Part 2: where the CLI reads a file
 * differently from the SDK, what it reads after our edit. Part 3: what `aws configure set` itself
 * does to the same files, measured, so the differences in the notes stay true.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addProfile, editCredentialsFile, setProperties, updateProfile, type CredentialsDocument } from '../../../src/core/credentials';
import { AWS_CLI, awsCli, fakeKeyId, fakeSecret, NEW_ID, OLD_ID, OLD_SECRET, runCleanups, sdkLoad, tempDir } from './helpers';

const TOK = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN';

interface Exported {
  AccessKeyId?: string;
  SecretAccessKey?: string;
  SessionToken?: string;
}

/** The credentials the CLI resolves for a profile, or the CLI's error. */
function cliCredentials(file: string, profile: string): Exported | { error: string } {
  const result = awsCli(['configure', 'export-credentials', '--profile', profile, '--format', 'process'], file);
  return result.status === 0 ? (JSON.parse(result.stdout) as Exported) : { error: result.stderr.trim().split('\n').pop() ?? '' };
}

describe('AWS CLI cross-check', function () {
  this.timeout(120_000);
  const cleanups: Array<() => void> = [];
  afterEach(() => runCleanups(cleanups));
  const fileWith = (text: string) => {
    const file = path.join(tempDir(cleanups), 'credentials');
    fs.writeFileSync(file, text, { mode: 0o600 });
    return file;
  };

  it(`${AWS_CLI} is installed (the CI installs Debian's awscli)`, () => {
    assert.ok(fs.existsSync(AWS_CLI), `${AWS_CLI} is missing: apt-get install awscli`);
    assert.match(awsCli(['--version'], fileWith('')).stdout, /^aws-cli\/2\./);
  });

  const readable: Array<[string, string]> = [
    ['LF, "key = value", stale token', `[default]\naws_access_key_id = ${OLD_ID}\naws_secret_access_key = ${OLD_SECRET}\naws_session_token = ${TOK}\n`],
    ['"key=value", CRLF, no final newline', `[work]\r\nregion=eu-west-1\r\naws_access_key_id=${OLD_ID}\r\naws_secret_access_key=${OLD_SECRET}`],
    ['mixed endings, comments, tabs, indentation', `# c\n; c\n[default]\r\n\taws_access_key_id\t=\t${OLD_ID}\n\taws_secret_access_key\t=\t${OLD_SECRET}\r\n\n[x]\nk = v\n`],
    ['upper-case keys', `[default]\nAWS_ACCESS_KEY_ID = ${OLD_ID}\nAWS_SECRET_ACCESS_KEY = ${OLD_SECRET}\nAWS_SESSION_TOKEN = ${TOK}\n`],
    ['keys added to a profile that lacks them', `[default]\nregion = us-east-1\n# keys below\n\n[other]\nregion = x\n`],
  ];
  for (const [name, input] of readable) {
    it(`reads our write: ${name}`, () => {
      const file = fileWith(input);
      const profile = input.includes('[work]') ? 'work' : 'default';
      const id = fakeKeyId();
      const secret = fakeSecret();
      editCredentialsFile(file, 'credentials', (d) => updateProfile(d, profile, { set: { aws_access_key_id: id, aws_secret_access_key: secret }, remove: ['aws_session_token'] }));
      assert.deepEqual(cliCredentials(file, profile), { Version: 1, AccessKeyId: id, SecretAccessKey: secret });
      if (name.startsWith('LF') || name.startsWith('upper')) {
        assert.equal(awsCli(['configure', 'get', 'aws_access_key_id', '--profile', profile], file).stdout.trim(), id);
        assert.equal(awsCli(['configure', 'get', 'aws_session_token', '--profile', profile], file).status, 1, 'the stale token is gone');
      }
    });
  }

  it('reads a profile we added', () => {
    const file = fileWith(`[default]\r\nregion=x`);
    const id = fakeKeyId();
    const secret = fakeSecret();
    editCredentialsFile(file, 'credentials', (d) => addProfile(d, 'new', { aws_access_key_id: id, aws_secret_access_key: secret }));
    assert.deepEqual(cliCredentials(file, 'new'), { Version: 1, AccessKeyId: id, SecretAccessKey: secret });
  });

  describe('files the CLI reads differently from the SDK (we follow the SDK)', () => {
    const set = (d: CredentialsDocument) => setProperties(d, 'default', { aws_access_key_id: NEW_ID });
    it('inline comment: the CLI reads it as part of the value, before and after our edit', async () => {
      const file = fileWith(`[default]\naws_access_key_id = ${OLD_ID} # work\naws_secret_access_key = ${OLD_SECRET}\n`);
      editCredentialsFile(file, 'credentials', set);
      assert.equal((cliCredentials(file, 'default') as Exported).AccessKeyId, `${NEW_ID} # work`);
      assert.equal((await sdkLoad(file, 'credentials')).default.aws_access_key_id, NEW_ID);
    });
    for (const [name, input] of [
      ['BOM', `\uFEFF[default]\naws_access_key_id = ${OLD_ID}\n`],
      ['duplicate sections', `[default]\naws_access_key_id = ${OLD_ID}\n[default]\nregion = x\n`],
      ['duplicate keys', `[default]\naws_access_key_id = ${OLD_ID}\naws_access_key_id = ${OLD_ID}\n`],
    ]) {
      it(`${name}: the CLI refuses the file before and after our edit; the SDK reads the new key`, async () => {
        const file = fileWith(input);
        assert.match(awsCli(['configure', 'get', 'region'], file).stderr, /Unable to parse config file/);
        editCredentialsFile(file, 'credentials', set);
        assert.match(awsCli(['configure', 'get', 'region'], file).stderr, /Unable to parse config file/);
        assert.equal((await sdkLoad(file, 'credentials')).default.aws_access_key_id, NEW_ID);
      });
    }
    it('indented section header after a key: the CLI sees no such profile, before and after', async () => {
      const file = fileWith(`[a]\nk = v\n  [default]\naws_access_key_id = ${OLD_ID}\n`);
      assert.equal(awsCli(['configure', 'get', 'aws_access_key_id', '--profile', 'default'], file).status, 255);
      editCredentialsFile(file, 'credentials', set);
      assert.equal(awsCli(['configure', 'get', 'aws_access_key_id', '--profile', 'default'], file).status, 255);
      assert.equal((await sdkLoad(file, 'credentials')).default.aws_access_key_id, NEW_ID);
    });
  });

  describe('what `aws configure set` does to the same files (measured on 2.9.19)', () => {
    const cliSet = (file: string, key: string, value: string, profile = 'default') => awsCli(['configure', 'set', key, value, '--profile', profile], file);
    it('turns CRLF into LF and "key=value" into "key = value", drops inline comments, keeps a stale token', () => {
      const file = fileWith(`[default]\r\naws_access_key_id=${OLD_ID} # work\r\naws_session_token=${TOK}\r\n`);
      cliSet(file, 'aws_access_key_id', NEW_ID);
      assert.equal(fs.readFileSync(file, 'utf8'), `[default]\naws_access_key_id = ${NEW_ID}\naws_session_token=${TOK}\n`);
    });
    it('upper-case key: appends a lower-case duplicate and the file becomes unreadable for the CLI', () => {
      const file = fileWith(`[default]\nAWS_ACCESS_KEY_ID = ${OLD_ID}\n`);
      assert.equal(cliSet(file, 'aws_access_key_id', NEW_ID).status, 0);
      assert.equal(fs.readFileSync(file, 'utf8'), `[default]\nAWS_ACCESS_KEY_ID = ${OLD_ID}\naws_access_key_id = ${NEW_ID}\n`);
      assert.match(awsCli(['configure', 'get', 'region'], file).stderr, /Unable to parse config file/);
    });
    it('indented section header: appends a second [default], a duplicate section for the SDK', () => {
      const file = fileWith(`[a]\nk = v\n  [default]\naws_access_key_id = ${OLD_ID}\n`);
      cliSet(file, 'aws_access_key_id', NEW_ID);
      assert.equal(fs.readFileSync(file, 'utf8'), `[a]\nk = v\n  [default]\naws_access_key_id = ${OLD_ID}\n[default]\naws_access_key_id = ${NEW_ID}\n`);
    });
    it('BOM or duplicate sections: refuses to write', () => {
      for (const input of [`\uFEFF[default]\naws_access_key_id = ${OLD_ID}\n`, `[default]\naws_access_key_id = ${OLD_ID}\n[default]\nregion = x\n`]) {
        const file = fileWith(input);
        assert.notEqual(cliSet(file, 'aws_access_key_id', NEW_ID).status, 0);
        assert.equal(fs.readFileSync(file, 'utf8'), input);
      }
    });
    it('replaces the file in place (same inode: truncate and write, not atomic); ours renames a new file in', () => {
      const file = fileWith(`[default]\naws_access_key_id = ${OLD_ID}\n`);
      const inode = fs.statSync(file).ino;
      cliSet(file, 'aws_access_key_id', NEW_ID);
      assert.equal(fs.statSync(file).ino, inode);
      editCredentialsFile(file, 'credentials', (d) => setProperties(d, 'default', { aws_access_key_id: OLD_ID }));
      assert.notEqual(fs.statSync(file).ino, inode);
    });
  });
});
