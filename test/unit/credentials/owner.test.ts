/**
 * A file that belongs to another user: replacing it would hand it to the writer (rename keeps the
 * temp file's owner), so a write that cannot keep the owner is refused and changes nothing.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCleanups, tempDir } from './helpers';

const NOBODY = 65534;
const TEXT = '[work]\nregion = us-east-1\n';

describe('credentials: the file owner is kept or the write is refused', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => runCleanups(cleanups));

  it('a writer that cannot give the new file to its owner refuses, and the file stays as it was', () => {
    assert.equal(process.getuid?.(), 0, 'this test starts the writer as another user, which needs root');
    const dir = tempDir(cleanups);
    fs.chmodSync(dir, 0o777); // the other user may create its temp file here...
    const file = path.join(dir, 'credentials');
    fs.writeFileSync(file, TEXT, { mode: 0o644 }); // ...and read this root-owned file
    const child = spawnSync(process.execPath, [path.join(__dirname, 'owner-child.js'), file], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /^owner-not-kept: The file belongs to another user \(uid 0\) and its owner could not be kept \(EPERM\); nothing was written/);
    assert.equal(fs.readFileSync(file, 'utf8'), TEXT);
    assert.equal(fs.statSync(file).uid, 0, 'the file still belongs to its owner');
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n !== 'credentials'), [], 'no temp or lock file is left');
  });
});
