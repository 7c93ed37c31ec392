import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  detectSecrets,
  ignoreLineFor,
  isPathIgnored,
  isSuppressed,
  loadIgnoreFile,
  parseIgnoreFile,
} from '../../../src/core/detect';
import { FakeRandom, fakeKeyId, fakeSecretAccessKey } from './fakes';
import { spans } from './helpers';

describe('detector: suppressions', () => {
  const rng = new FakeRandom(66);

  it('drops findings on a marked line and on the line below a marker, in any comment syntax', () => {
    const id = fakeKeyId(rng);
    for (const comment of ['# aws-key-guard-ignore', '// aws-key-guard-ignore', '<!-- aws-key-guard-ignore -->', '-- aws-key-guard-ignore']) {
      assert.deepEqual(detectSecrets(`key = ${id} ${comment}`), [], comment);
      assert.deepEqual(detectSecrets(`${comment}\nkey = ${id}`), [], comment);
    }
    assert.equal(detectSecrets(`# aws-key-guard-ignore\n\nkey = ${id}`).length, 1, 'two lines below is not covered');
    assert.equal(detectSecrets(`key = ${id} # aws-key-guard-ignore`, { honourInlineMarkers: false }).length, 1);
  });

  it('fingerprints are stable, 16 hex digits, and do not contain the secret', () => {
    const secret = fakeSecretAccessKey(rng);
    const a = detectSecrets(`aws_secret_access_key=${secret}`)[0];
    const b = detectSecrets(`\n\n  "aws_secret_access_key": "${secret}"`)[0];
    assert.match(a.fingerprint, /^[0-9a-f]{16}$/);
    assert.equal(a.fingerprint, b.fingerprint, 'moving the secret keeps its fingerprint');
    assert.ok(!secret.toLowerCase().includes(a.fingerprint));
  });

  it('parses fingerprints, globs and comments from the ignore file', () => {
    const list = parseIgnoreFile('# comment\n0123456789abcdef  # aws-access-key-id AKIA****\r\ndocs/**\n!docs/keep.md\n*.snap\n\n');
    assert.deepEqual([...list.fingerprints], ['0123456789abcdef']);
    assert.deepEqual(list.patterns, ['docs/**', '!docs/keep.md', '*.snap']);
    assert.equal(isPathIgnored(list, 'docs/a/b.md'), true);
    assert.equal(isPathIgnored(list, 'docs/keep.md'), false);
    assert.equal(isPathIgnored(list, 'src/x.snap'), true);
    assert.equal(isPathIgnored(list, 'src/x.ts'), false);
    assert.equal(isPathIgnored(list, '../outside/x.snap'), false);
  });

  it('decides suppression by fingerprint or path, and builds the line to add', () => {
    const [finding] = detectSecrets(`id=${fakeKeyId(rng)}`);
    const line = ignoreLineFor(finding);
    assert.equal(line, `${finding.fingerprint}  # aws-access-key-id ${finding.masked}`);
    const list = parseIgnoreFile(line + '\nfixtures/\n');
    assert.equal(isSuppressed(list, finding, 'src/a.ts'), true);
    assert.equal(isSuppressed(parseIgnoreFile('fixtures/\n'), finding, 'fixtures/a.ts'), true);
    assert.equal(isSuppressed(parseIgnoreFile('fixtures/\n'), finding, 'src/a.ts'), false);
    assert.equal(isSuppressed(parseIgnoreFile('fixtures/\n'), finding), false);
  });

  it('loads the ignore file from a folder, and treats a missing one as empty', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'akg-ignore-'));
    try {
      assert.equal((await loadIgnoreFile(dir)).patterns.length, 0);
      await fs.writeFile(path.join(dir, '.awskeyguardignore'), 'build/\n');
      assert.deepEqual((await loadIgnoreFile(dir)).patterns, ['build/']);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('never puts a secret in a finding except through its range', () => {
    const secret = fakeSecretAccessKey(rng);
    const id = fakeKeyId(rng);
    const found = detectSecrets(`aws_access_key_id=${id}\naws_secret_access_key=${secret}`);
    const json = JSON.stringify(found);
    assert.ok(!json.includes(secret));
    assert.ok(!json.includes(id));
    assert.equal(spans(found).length, 2);
  });
});
