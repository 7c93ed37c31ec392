import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { PRE_COMMIT_HOOK } from '../../../src/cli/installHook';
import { unquoteGitPath } from '../../../src/core/scan/git';
import * as fake from './fakes';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(cwd: string, ...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, env: GIT_ENV, encoding: 'utf8' }).trim();
}

function write(repo: string, name: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
  fs.writeFileSync(path.join(repo, name), text);
}

function commit(repo: string, message: string, date: string): string {
  execFileSync('git', ['add', '-A'], { cwd: repo, env: GIT_ENV });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: repo, env: { ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  return git(repo, 'rev-parse', 'HEAD');
}

interface JsonFinding {
  path: string;
  ruleId: string;
  line: number;
  commit?: string;
  authorDate?: string;
}

describe('cli: git scans (--staged, --history) and install-hook on real repositories', () => {
  const rng = new fake.FakeRandom(1313);
  const keyId = fake.fakeKeyId(rng);
  const secret = fake.fakeSecretAccessKey(rng);
  const github = fake.fakeGithubToken(rng);
  const repos: string[] = [];
  const repo = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-git-'));
    repos.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    return dir;
  };
  after(() => {
    for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
  });
  const json = (r: Run): JsonFinding[] => (JSON.parse(r.out) as { findings: JsonFinding[] }).findings;

  it('--staged: a secret in an untouched old line of a changed file does not block the commit', async () => {
    const dir = repo();
    write(dir, 'app.cfg', `name = demo\naws_access_key_id = ${keyId}\nregion = eu-west-1\n`);
    commit(dir, 'legacy', '2020-01-01T00:00:00Z');
    write(dir, 'app.cfg', `name = demo\naws_access_key_id = ${keyId}\nregion = eu-west-1\nretries = 3\n`);
    git(dir, 'add', 'app.cfg');
    const staged = await cli(dir, 'scan', '--staged');
    assert.equal(staged.code, 0, staged.out + staged.err);
    assert.equal(staged.out, '');
    assert.equal((await cli(dir, 'scan')).code, 1, 'a full scan still reports the old line');

    write(dir, 'app.cfg', `name = demo\naws_access_key_id = ${keyId}\nregion = eu-west-1\nretries = 3\ntoken = "${github}"\n`);
    git(dir, 'add', 'app.cfg');
    const leak = await cli(dir, 'scan', '--staged', '--format', 'json');
    assert.equal(leak.code, 1);
    assert.deepEqual(
      json(leak).map((f) => `${f.path}:${f.line}:${f.ruleId}`),
      ['app.cfg:5:github-classic-token'],
    );
    assert.ok(!leak.out.includes(github) && !leak.err.includes(github));
  });

  it('--staged: scans the index, not the working copy, with the staged paths and lines', async () => {
    const dir = repo();
    write(dir, 'README.md', 'hello\n');
    commit(dir, 'init', '2021-01-01T00:00:00Z');
    // Staged with the secret on line 3, then removed from the working copy (and lines shifted).
    write(dir, 'sub dir/creds.ini', `[default]\n# note\naws_secret_access_key = ${secret}\n`);
    git(dir, 'add', '--', 'sub dir/creds.ini');
    write(dir, 'sub dir/creds.ini', `[default]\n\n\n\n# cleaned up, not staged\n`);
    const r = await cli(path.join(dir, 'sub dir'), 'scan', '--staged', '--format', 'json');
    assert.equal(r.code, 1, r.err);
    assert.deepEqual(
      json(r).map((f) => `${f.path}:${f.line}:${f.ruleId}`),
      ['creds.ini:3:aws-secret-access-key'],
    );
    assert.equal((await cli(dir, 'scan')).code, 0, 'the working copy is clean');
    // Once the cleanup is staged too, the commit passes.
    git(dir, 'add', '-A');
    assert.equal((await cli(dir, 'scan', '--staged')).code, 0);
  });

  it('--staged: refuses paths, and outside a repository exits 2', async () => {
    const dir = repo();
    assert.equal((await cli(dir, 'scan', '--staged', 'x')).code, 2);
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-nogit-'));
    repos.push(plain);
    const r = await cli(plain, 'scan', '--staged');
    assert.equal(r.code, 2);
    assert.match(r.err, /needs a git repository/);
  });

  it('--history: each secret once, at the commit that introduced it, with sha, path, line and author date', async () => {
    const dir = repo();
    write(dir, 'a.txt', 'one\ntwo\n');
    const c1 = commit(dir, 'c1', '2022-03-04T05:06:07Z');
    write(dir, 'a.txt', `one\ntwo\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\n`);
    const c2 = commit(dir, 'c2', '2022-04-01T00:00:00Z');
    write(dir, 'b/copy.txt', `x\ny\nsecret = ${secret}\n`);
    const c3 = commit(dir, 'c3', '2022-05-01T00:00:00Z');
    write(dir, 'a.txt', 'one\ntwo\n');
    write(dir, 'c.txt', `+++ b/evil\n++ x\n@@ -1 +1 @@\ntoken: ${github}\n`);
    const c4 = commit(dir, 'c4: remove the keys', '2022-06-01T00:00:00Z');

    const r = await cli(dir, 'scan', '--history', '--format', 'json');
    assert.equal(r.code, 1, r.err);
    const found = json(r).map((f) => `${f.commit}:${f.path}:${f.line}:${f.ruleId}:${f.authorDate}`);
    assert.deepEqual(found, [
      `${c2}:a.txt:3:aws-access-key-id:2022-04-01T00:00:00+00:00`,
      `${c2}:a.txt:4:aws-secret-access-key:2022-04-01T00:00:00+00:00`,
      `${c4}:c.txt:4:github-classic-token:2022-06-01T00:00:00+00:00`,
    ]);
    for (const v of [keyId, secret, github]) assert.ok(!r.out.includes(v) && !r.err.includes(v));

    // A range starts later: the copy in c3 is then the first sighting of the secret.
    const ranged = await cli(dir, 'scan', '--history', `${c2}..${c3}`, '--format', 'json');
    assert.deepEqual(json(ranged).map((f) => `${f.commit}:${f.path}:${f.line}`), [`${c3}:b/copy.txt:3`]);
    assert.equal((await cli(dir, 'scan', '--history', `${c1}..${c1}`)).code, 0);

    const text = await cli(dir, 'scan', '--history');
    assert.equal(text.out.split('\n')[0], `${c2}:a.txt:3:21  aws-access-key-id  AKIA************${keyId.slice(-4)}  2022-04-01T00:00:00+00:00`);
    const sarif = JSON.parse((await cli(dir, 'scan', '--history', '--format', 'sarif')).out) as {
      runs: Array<{ results: Array<{ properties?: { commit: string } }> }>;
    };
    assert.deepEqual(sarif.runs[0].results.map((x) => x.properties?.commit), [c2, c2, c4]);
  });

  it('--history: a bad range exits 2 and an option-like range is a usage error', async () => {
    const dir = repo();
    write(dir, 'a.txt', 'x\n');
    commit(dir, 'c', '2022-01-01T00:00:00Z');
    const bad = await cli(dir, 'scan', '--history', 'no-such-branch..HEAD');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /git failed/);
    assert.equal((await cli(dir, 'scan', '--history=--output=/tmp/x')).code, 2);
  });

  it('unquotes the paths git quotes', () => {
    assert.equal(unquoteGitPath('"a\\tb\\"c\\\\d"'), 'a\tb"c\\d');
    assert.equal(unquoteGitPath('"\\303\\251t\\303\\251.txt"'), 'été.txt');
    assert.equal(unquoteGitPath('plain name'), 'plain name');
  });

  it('install-hook writes an executable hook that blocks a leak, and never replaces a different hook', async () => {
    const dir = repo();
    const r = await cli(dir, 'install-hook');
    assert.equal(r.code, 0, r.err);
    const hook = path.join(dir, '.git/hooks/pre-commit');
    assert.equal(fs.readFileSync(hook, 'utf8'), PRE_COMMIT_HOOK);
    assert.equal(fs.statSync(hook).mode & 0o111, 0o111);
    assert.equal((await cli(dir, 'install-hook')).code, 0, 'the same hook again is fine');
    assert.match((await cli(dir, 'install-hook')).out, /already installed/);

    fs.writeFileSync(hook, '#!/bin/sh\nmake lint\n');
    const refused = await cli(dir, 'install-hook');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /already exists/);
    assert.equal(fs.readFileSync(hook, 'utf8'), '#!/bin/sh\nmake lint\n');

    // A hooks path outside the repository is refused (a repository's config must not aim our write).
    const other = repo();
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-hooks-'));
    repos.push(elsewhere);
    git(other, 'config', 'core.hooksPath', elsewhere);
    assert.equal((await cli(other, 'install-hook')).code, 1);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it('the installed hook, run by git commit, blocks a staged secret', () => {
    const dir = repo();
    const r = spawnSync(process.execPath, [path.resolve(__dirname, '../../../src/cli/main.js'), 'install-hook'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    // The hook calls npx; point it at this build through a shim on PATH.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-bin-'));
    repos.push(bin);
    fs.writeFileSync(
      path.join(bin, 'npx'),
      `#!/bin/sh\nshift 2\nexec "${process.execPath}" "${path.resolve(__dirname, '../../../src/cli/main.js')}" "$@"\n`,
      { mode: 0o755 },
    );
    write(dir, 'leak.env', `AWS_SECRET_ACCESS_KEY=${secret}\n`);
    git(dir, 'add', 'leak.env');
    const c = spawnSync('git', ['commit', '-q', '-m', 'leak'], { cwd: dir, env: { ...GIT_ENV, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
    assert.notEqual(c.status, 0, 'the commit was blocked');
    assert.match(c.stdout + c.stderr, /leak\.env:1:\d+ {2}aws-secret-access-key/);
    assert.ok(!c.stdout.includes(secret) && !c.stderr.includes(secret));
  });
});
