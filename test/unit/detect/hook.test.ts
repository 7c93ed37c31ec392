import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fake from './fakes';

const repoRoot = path.resolve(__dirname, '../../../..');
const cli = path.join(repoRoot, 'out/src/cli/main.js');

/** The pre-commit hook exactly as the README gives it, run against the CLI built from this tree. */
function readmeHook(): string {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /A pre-commit hook[^\n]*\n\n```sh\n([^`]*)```/.exec(readme);
  assert.ok(block, 'the README has a pre-commit hook block');
  assert.ok(block[1].includes('npx --no-install aws-key-guard'), block[1]);
  return block[1].replace('npx --no-install aws-key-guard', `"${process.execPath}" "${cli}"`);
}

describe("README's pre-commit hook", () => {
  it('blocks a commit whose staged file names look like options', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-hook-'));
    try {
      const rng = new fake.FakeRandom(12);
      const creds = `[default]\naws_access_key_id = ${fake.fakeKeyId(rng)}\naws_secret_access_key = ${fake.fakeSecretAccessKey(rng)}\n`;
      execFileSync('git', ['init', '-q'], { cwd: repo });
      for (const name of ['--max-file-size=1', '-h']) fs.writeFileSync(path.join(repo, name), creds);
      execFileSync('git', ['add', '--', '--max-file-size=1', '-h'], { cwd: repo });
      const hook = path.join(repo, 'hook.sh');
      fs.writeFileSync(hook, readmeHook());
      const run = spawnSync('sh', [hook], { cwd: repo, encoding: 'utf8' });
      assert.notEqual(run.status, 0, `the hook let the leak through: ${run.stdout}${run.stderr}`);
      assert.match(run.stdout, /aws-access-key-id/);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});
