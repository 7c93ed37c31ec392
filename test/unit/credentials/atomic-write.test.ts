import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CredentialsFileError,
  editCredentialsFile,
  hashText,
  listTempFiles,
  readCredentialsDocument,
  removeOrphanTempFiles,
  setProperties,
  writeCredentialsFileAtomic,
} from '../../../src/core/credentials';
import { NEW_ID, OLD_ID, runCleanups, tempDir } from './helpers';

const OLD = `[default]\naws_access_key_id = ${OLD_ID}\n`;
const NEW = `[default]\naws_access_key_id = ${NEW_ID}\n`;

function fileError(fn: () => void): CredentialsFileError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof CredentialsFileError, String(error));
    return error;
  }
  assert.fail('expected a CredentialsFileError');
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('atomic credentials write', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => runCleanups(cleanups));

  function existing(mode = 0o600): { dir: string; file: string } {
    const dir = tempDir(cleanups);
    const file = path.join(dir, 'credentials');
    fs.writeFileSync(file, OLD);
    fs.chmodSync(file, mode);
    return { dir, file };
  }

  it('replaces the content, keeps the mode, leaves no temp or backup file', () => {
    const { dir, file } = existing(0o640);
    writeCredentialsFileAtomic(file, NEW, { expectedHash: hashText(OLD) });
    assert.equal(fs.readFileSync(file, 'utf8'), NEW);
    assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
    assert.deepEqual(fs.readdirSync(dir), ['credentials']);
  });

  it('keeps the owner (chown as root)', function () {
    const { file } = existing();
    const isRoot = process.getuid?.() === 0;
    const owner = isRoot ? 12345 : fs.statSync(file).uid;
    if (isRoot) fs.chownSync(file, owner, owner);
    writeCredentialsFileAtomic(file, NEW, { expectedHash: hashText(OLD) });
    assert.deepEqual([fs.statSync(file).uid, fs.statSync(file).gid], isRoot ? [owner, owner] : [owner, fs.statSync(file).gid]);
  });

  it('writes through a chain of symlinks; the link stays a link', () => {
    const { dir, file: target } = existing(0o600);
    const linkDir = tempDir(cleanups);
    const hop = path.join(linkDir, 'hop');
    const link = path.join(linkDir, 'credentials');
    fs.symlinkSync(target, hop);
    fs.symlinkSync('hop', link); // relative link
    const result = editCredentialsFile(link, 'credentials', (d) => setProperties(d, 'default', { aws_access_key_id: NEW_ID }));
    assert.equal(result.changed, true);
    assert.ok(fs.lstatSync(link).isSymbolicLink() && fs.lstatSync(hop).isSymbolicLink());
    assert.equal(fs.readlinkSync(link), 'hop');
    assert.equal(fs.readFileSync(target, 'utf8'), NEW);
    assert.deepEqual(fs.readdirSync(dir), ['credentials']);
    assert.deepEqual(fs.readdirSync(linkDir).sort(), ['credentials', 'hop']);
  });

  it('refuses when the file changed on disk since it was read (edited, deleted or created)', () => {
    const { dir, file } = existing();
    const doc = readCredentialsDocument(file, 'credentials');
    const theirs = OLD + 'region = eu-west-1\n';
    fs.writeFileSync(file, theirs);
    const error = fileError(() => writeCredentialsFileAtomic(file, NEW, { expectedHash: doc.hash }));
    assert.equal(error.code, 'changed-on-disk');
    assert.match(error.message, /changed on disk since it was read/);
    assert.equal(fs.readFileSync(file, 'utf8'), theirs, 'the other edit is kept');
    fs.rmSync(file);
    assert.equal(fileError(() => writeCredentialsFileAtomic(file, NEW, { expectedHash: doc.hash })).code, 'changed-on-disk');
    assert.ok(!fs.existsSync(file));
    fs.writeFileSync(file, theirs);
    assert.equal(fileError(() => writeCredentialsFileAtomic(file, NEW, { expectedHash: null })).code, 'changed-on-disk');
    assert.deepEqual(fs.readdirSync(dir), ['credentials']);
  });

  it('an injected failure before the rename leaves the old file and no temp file', () => {
    const { dir, file } = existing();
    let sawTemp = '';
    const error = fileError(() =>
      writeCredentialsFileAtomic(file, NEW, {
        expectedHash: hashText(OLD),
        beforeRename: (temp) => {
          sawTemp = temp;
          assert.equal(fs.readFileSync(temp, 'utf8'), NEW);
          assert.equal(fs.statSync(temp).mode & 0o777, 0o600);
          throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        },
      }),
    );
    assert.equal(error.code, 'write-failed');
    assert.match(error.message, /ENOSPC/);
    assert.equal(path.dirname(sawTemp), dir, 'the temp file is in the same directory');
    assert.equal(fs.readFileSync(file, 'utf8'), OLD);
    assert.deepEqual(fs.readdirSync(dir), ['credentials']);
  });

  it('a target that is a directory fails cleanly', () => {
    const dir = tempDir(cleanups);
    const target = path.join(dir, 'credentials');
    fs.mkdirSync(target);
    assert.equal(fileError(() => writeCredentialsFileAtomic(target, NEW, { expectedHash: null })).code, 'unreadable');
    assert.deepEqual(fs.readdirSync(dir), ['credentials']);
  });

  it('creates a new file 0600 and a new ~/.aws folder 0700, whatever the umask', () => {
    const home = tempDir(cleanups);
    const file = path.join(home, '.aws', 'credentials');
    const umask = process.umask(0o000);
    try {
      writeCredentialsFileAtomic(file, NEW, { expectedHash: null });
    } finally {
      process.umask(umask);
    }
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.equal(fs.readFileSync(file, 'utf8'), NEW);
  });

  it('removes orphan temp files of dead writers and old ones, keeps a live writer\'s fresh one', async () => {
    const { dir, file } = existing();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    cleanups.push(() => sleeper.kill('SIGKILL'));
    const orphan = (pid: number) => path.join(dir, `.credentials.${pid}.${'0123456789abcdef'}.akg-tmp`);
    const dead = orphan(deadPid());
    const live = orphan(sleeper.pid!);
    const stale = path.join(dir, `.credentials.${sleeper.pid}.fedcba9876543210.akg-tmp`);
    const unrelated = path.join(dir, '.credentials.swp');
    for (const f of [dead, live, stale, unrelated]) fs.writeFileSync(f, 'old secret');
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    fs.utimesSync(stale, twoMinutesAgo, twoMinutesAgo);
    assert.equal(listTempFiles(file).length, 3);
    writeCredentialsFileAtomic(file, NEW, { expectedHash: hashText(OLD) });
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.credentials.swp', path.basename(live), 'credentials'].sort());
    sleeper.kill('SIGKILL');
    await new Promise((resolve) => sleeper.once('exit', resolve));
    assert.equal(removeOrphanTempFiles(file), 1);
    assert.deepEqual(listTempFiles(file), []);
  });

  it('refuses to write content that would not parse', () => {
    const { file } = existing();
    assert.equal(fileError(() => writeCredentialsFileAtomic(file, `${OLD}\u0000`, { expectedHash: hashText(OLD) })).code, 'binary');
    assert.equal(fileError(() => writeCredentialsFileAtomic(file, `${OLD}[__proto__]\n`, { expectedHash: hashText(OLD) })).code, 'invalid-section');
    assert.equal(fs.readFileSync(file, 'utf8'), OLD);
  });
});
