import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { RULES } from '../../../src/core/detect';
import * as fake from './fakes';

const PACKAGE_VERSION = (JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as { version: string }).version;

interface Run {
  code: number;
  out: string;
  err: string;
}

async function scan(cwd: string, ...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['scan', ...args], { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function tree(files: Record<string, string | Buffer>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'akg-scan-'));
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await fs.writeFile(path.join(root, name), content);
  }
  return root;
}

describe('cli: aws-key-guard scan', () => {
  const rng = new fake.FakeRandom(99);
  const keyId = fake.fakeKeyId(rng);
  const secret = fake.fakeSecretAccessKey(rng);
  const github = fake.fakeGithubToken(rng);
  const creds = `[default]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\n`;
  const roots: string[] = [];
  const make = async (files: Record<string, string | Buffer>): Promise<string> => {
    const root = await tree(files);
    roots.push(root);
    return root;
  };
  after(async () => {
    for (const root of roots) await fs.rm(root, { recursive: true, force: true });
  });

  it('exits 0 with no output on a clean tree', async () => {
    const root = await make({ 'a.txt': 'hello\n', 'docs/readme.md': 'AKIAIOSFODNN7EXAMPLE\n' });
    const r = await scan(root);
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
    assert.match(r.err, /0 secrets found in 2 files/);
  });

  it('exits 1 and prints file:line:col, rule and masked value (1-based)', async () => {
    const root = await make({ 'config/credentials': creds, 'src/app.js': `\n  const t = "${github}";\n` });
    const r = await scan(root);
    assert.equal(r.code, 1);
    assert.deepEqual(r.out.split('\n'), [
      `config/credentials:2:21  aws-access-key-id  AKIA************${keyId.slice(-4)}`,
      `config/credentials:3:25  aws-secret-access-key  ${secret.slice(0, 2)}${'*'.repeat(36)}${secret.slice(-2)}`,
      `src/app.js:2:14  github-classic-token  gh${'*'.repeat(36)}${github.slice(-2)}`,
    ]);
    for (const value of [keyId, secret, github]) assert.ok(!r.out.includes(value) && !r.err.includes(value));
  });

  it('honours nested .gitignore files, always skips .git, and scans ignored paths with --no-gitignore', async () => {
    const root = await make({
      '.gitignore': 'build/\n*.secret\n',
      'build/out.js': creds,
      'a.secret': creds,
      'sub/.gitignore': '!keep.secret\nlocal.env\n',
      'sub/keep.secret': creds,
      'sub/local.env': creds,
      '.git/config': creds,
      'node_modules/pkg/index.js': creds,
    });
    const r = await scan(root, '--format', 'json');
    const paths = [...new Set((JSON.parse(r.out) as { findings: Array<{ path: string }> }).findings.map((f) => f.path))];
    assert.deepEqual(paths, ['node_modules/pkg/index.js', 'sub/keep.secret']);
    const all = await scan(root, '--format', 'json', '--no-gitignore');
    const allPaths = new Set((JSON.parse(all.out) as { findings: Array<{ path: string }> }).findings.map((f) => f.path));
    assert.deepEqual([...allPaths].sort(), ['a.secret', 'build/out.js', 'node_modules/pkg/index.js', 'sub/keep.secret', 'sub/local.env']);
  });

  it('honours the .gitignore of the enclosing repository when scanning a subfolder', async () => {
    const root = await make({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'gen/\n', 'pkg/gen/x.txt': creds, 'pkg/y.txt': creds });
    const r = await scan(root, 'pkg', '--format', 'json');
    const paths = new Set((JSON.parse(r.out) as { findings: Array<{ path: string }> }).findings.map((f) => f.path));
    assert.deepEqual([...paths], ['pkg/y.txt']);
  });

  it('skips binary files and files over --max-file-size', async () => {
    const root = await make({ 'img.bin': Buffer.concat([Buffer.from([0x89, 0x50, 0, 0]), Buffer.from(creds)]), 'big.txt': creds + 'x'.repeat(2048) });
    const r = await scan(root, '--max-file-size', '1KB');
    assert.equal(r.code, 0);
    assert.match(r.err, /2 skipped: 1 binary, 1 too large/);
    assert.equal((await scan(root, '--max-file-size=1MB')).code, 1);
  });

  it('names a file skipped for its size in every format, and scans a 6 MB minified bundle by default', async () => {
    const bundle = 'var a=1;'.repeat((6 * 1024 * 1024) / 8) + `var k="${keyId}";`;
    const root = await make({ 'dist/app.min.js': bundle, 'big.txt': creds + 'x'.repeat(2048), 'img.bin': Buffer.from([0x89, 0x50, 0, 0]) });
    const byDefault = await scan(root, '--format', 'json');
    assert.equal(byDefault.code, 1);
    assert.ok((JSON.parse(byDefault.out) as { findings: Array<{ path: string }> }).findings.some((f) => f.path === 'dist/app.min.js'));

    const text = await scan(root, '--max-file-size', '1KB');
    assert.match(text.err, /skipped big\.txt: larger than --max-file-size \(1024 bytes\)/);
    const json = JSON.parse((await scan(root, '--max-file-size', '1KB', '--format', 'json')).out) as { skipped: Array<{ path: string; reason: string }> };
    assert.deepEqual(json.skipped.map((s) => s.path), ['big.txt', 'dist/app.min.js', 'img.bin']);
    const sarif = JSON.parse((await scan(root, '--max-file-size', '1KB', '--format', 'sarif')).out) as {
      runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }>;
    };
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.map((n) => `${n.level}: ${n.message.text}`);
    assert.ok(notes.includes('note: Skipped big.txt: larger than --max-file-size (1024 bytes)'), notes.join('\n'));
    assert.ok(notes.some((n) => n.startsWith('note: Skipped dist/app.min.js')));
  });

  it('reports an unreadable path on stderr, goes on, and exits 2 when nothing was found', async () => {
    const root = await make({ 'ok.txt': 'fine\n' });
    const r = await scan(root, 'ok.txt', 'missing.txt');
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot read missing\.txt: no such file or directory/);
    assert.match(r.err, /in 1 file\b/);
    await fs.writeFile(path.join(root, 'leak.txt'), creds);
    assert.equal((await scan(root, 'leak.txt', 'missing.txt')).code, 1, 'findings win over read errors');
  });

  it('skips a dangling symlink with a note, not exit 2', async () => {
    const root = await make({ 'ok.txt': 'fine\n' });
    await fs.symlink(path.join(root, 'missing-target'), path.join(root, 'dangling.txt'));
    const r = await scan(root);
    assert.equal(r.code, 0);
    assert.match(r.err, /skipped dangling\.txt: dangling symbolic link/);
    assert.match(r.err, /1 symbolic links/);
  });

  it('never follows a symlink to a file outside the scanned folders, named or found', async () => {
    const outside = await make({ 'credentials': creds });
    const root = await make({ 'ok.txt': 'fine\n', 'inside.env': creds });
    await fs.symlink(path.join(outside, 'credentials'), path.join(root, 'escape.txt'));
    await fs.symlink(path.join(root, 'inside.env'), path.join(root, 'alias.env'));
    const r = await scan(root, '--format', 'json');
    const files = (JSON.parse(r.out) as { findings: Array<{ path: string }> }).findings.map((f) => f.path);
    assert.ok(!files.includes('escape.txt'), r.out);
    assert.ok(files.includes('alias.env'), 'a link inside the tree is still scanned');
    assert.match(r.err, /skipped escape\.txt: symbolic link to a file outside the scanned folders/);
    const named = await scan(root, 'escape.txt');
    assert.equal(named.code, 0);
    assert.match(named.err, /skipped escape\.txt/);
  });

  it('treats every argument after -- as a file, so hostile staged names cannot change the scan', async () => {
    const root = await make({ '--max-file-size=1': creds, '-h': creds, '--format=json': 'x' });
    const r = await scan(root, '--', '--max-file-size=1', '-h', '--format=json');
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^--max-file-size=1:2:21 {2}aws-access-key-id/m);
    assert.match(r.out, /^-h:2:21 {2}aws-access-key-id/m);
  });

  it('never echoes an argument value that may be a secret', async () => {
    const root = await make({ 'a.txt': 'x' });
    for (const args of [['--max-file-size', secret], [`--max-file-size=${secret}`], ['--format', secret], [`--${secret}`], [`-${keyId}`]]) {
      const r = await scan(root, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.ok(!(r.out + r.err).includes(secret.slice(0, 12)) && !(r.out + r.err).includes(keyId.slice(4, 16)), r.err.split('\n')[0]);
    }
    const out: string[] = [];
    const code = await runCli([secret], { out: (t) => out.push(t), err: (t) => out.push(t), env: {}, cwd: root });
    assert.equal(code, 2);
    assert.ok(!out.join('\n').includes(secret.slice(0, 12)));
  });

  it('exits 2 for a missing path and for usage errors', async () => {
    const root = await make({ 'a.txt': 'x' });
    assert.equal((await scan(root, 'nope')).code, 2);
    for (const args of [['--format', 'xml'], ['--max-file-size', 'big'], ['--frobnicate'], ['--format']]) {
      const r = await scan(root, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /Usage: aws-key-guard scan/);
    }
    const help = await scan(root, '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /--format text\|json\|sarif/);
  });

  it('applies inline markers and .awskeyguardignore fingerprints and globs', async () => {
    const root = await make({
      'a.env': `AWS_ACCESS_KEY_ID=${keyId} # aws-key-guard-ignore\n`,
      'fixtures/x.txt': creds,
      'b.txt': `token=${github}\n`,
    });
    assert.equal((await scan(root)).code, 1);
    const json = JSON.parse((await scan(root, '--format', 'json')).out) as { findings: Array<{ path: string; fingerprint: string }> };
    const gh = json.findings.find((f) => f.path === 'b.txt');
    assert.ok(gh);
    await fs.writeFile(path.join(root, '.awskeyguardignore'), `# reviewed\n${gh.fingerprint}  # github-classic-token\nfixtures/\n`);
    const r = await scan(root);
    assert.equal(r.code, 0, r.out);
    assert.match(r.err, /1 ignored/);
  });

  it('writes JSON with exact 1-based columns and pairing', async () => {
    const root = await make({ 'c.ini': creds });
    const r = await scan(root, '--format', 'json');
    const doc = JSON.parse(r.out) as { version: number; findings: Array<Record<string, unknown>>; errors: unknown[] };
    assert.equal(doc.version, 1);
    assert.deepEqual(
      doc.findings.map((f) => [f.path, f.ruleId, f.line, f.column, f.endLine, f.endColumn, f.confidence]),
      [
        ['c.ini', 'aws-access-key-id', 2, 21, 2, 41, 'high'],
        ['c.ini', 'aws-secret-access-key', 3, 25, 3, 65, 'high'],
      ],
    );
    assert.deepEqual(doc.findings[0].pairedWith, { ruleId: 'aws-secret-access-key', line: 3, column: 25 });
    assert.match(String(doc.findings[0].accountId), /^\d{12}$/);
    assert.deepEqual(doc.errors, []);
  });

  it('writes SARIF 2.1.0 that GitHub code scanning accepts', async () => {
    const root = await make({ 'dir with space/c.ini': creds, 'k.pem': fake.fakePrivateKeyBlock(rng, 'OPENSSH PRIVATE KEY', 2) });
    const r = await scan(root, '--format', 'sarif');
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    const driver = sarif.runs[0].tool.driver;
    assert.equal(driver.name, 'aws-key-guard');
    assert.deepEqual(driver.rules.map((x: { id: string }) => x.id), RULES.map((x) => x.id));
    assert.equal(driver.version, PACKAGE_VERSION, 'SARIF2005: the tool carries its version');
    assert.equal(driver.semanticVersion, PACKAGE_VERSION);
    assert.equal(driver.informationUri, undefined, 'no address that does not exist');
    for (const [i, rule] of driver.rules.entries()) {
      assert.equal(rule.shortDescription.text, RULES[i].title);
      assert.equal(rule.fullDescription.text, RULES[i].description);
      assert.ok(rule.help.text.startsWith(RULES[i].description) && rule.help.text.length > RULES[i].description.length + 40, rule.id);
      assert.ok(rule.help.markdown.includes(`\`${rule.id}\``), rule.id);
      assert.equal(rule.helpUri, undefined, `${rule.id}: no helpUri until the project has a real address`);
    }
    const results = sarif.runs[0].results;
    assert.deepEqual(
      results.map((x: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: unknown } }> }) => [
        x.ruleId,
        x.level,
        x.locations[0].physicalLocation.artifactLocation.uri,
        x.locations[0].physicalLocation.region,
      ]),
      [
        ['aws-access-key-id', 'error', 'dir%20with%20space/c.ini', { startLine: 2, startColumn: 21, endLine: 2, endColumn: 41 }],
        ['aws-secret-access-key', 'error', 'dir%20with%20space/c.ini', { startLine: 3, startColumn: 25, endLine: 3, endColumn: 65 }],
        ['private-key', 'error', 'k.pem', { startLine: 1, startColumn: 1, endLine: 5, endColumn: 34 }],
      ],
    );
    for (const x of results) {
      assert.equal(driver.rules[x.ruleIndex].id, x.ruleId);
      assert.match(x.partialFingerprints['awsKeyGuardFingerprint/v1'], /^[0-9a-f]{16}$/);
      assert.ok(!x.message.text.includes(secret) && !x.message.text.includes(keyId));
    }
  });

  it('runs as a process with the documented exit codes', async () => {
    const root = await make({ 'leak.env': creds, 'clean.txt': 'nothing\n' });
    const main = path.resolve(__dirname, '../../../src/cli/main.js');
    const run = (...args: string[]): Promise<{ code: number; stdout: string }> =>
      new Promise((resolve) => {
        execFile(process.execPath, [main, 'scan', ...args], { cwd: root }, (error, stdout) => {
          resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout });
        });
      });
    assert.equal((await run('clean.txt')).code, 0);
    const leak = await run('leak.env');
    assert.equal(leak.code, 1);
    assert.match(leak.stdout, /^leak\.env:2:21 {2}aws-access-key-id {2}AKIA\*{12}/);
    assert.equal((await run('--format', 'yaml')).code, 2);
  });
});

describe('cli: decoded values in every format', () => {
  it('say what the value decodes to once, without naming the rule twice', async () => {
    const rng = new fake.FakeRandom(405);
    const encoded = Buffer.from(fake.fakeSecretAccessKey(rng)).toString('base64');
    const root = await tree({ 'secret.yaml': `data:\n  AWS_SECRET_ACCESS_KEY: ${encoded}\n` });
    const json = JSON.parse((await scan(root, '--format', 'json')).out) as { findings: Array<{ masked: string; encoded?: string; column: number }> };
    assert.equal(json.findings.length, 1);
    assert.equal(json.findings[0].encoded, 'base64');
    assert.equal(json.findings[0].column, 26);
    assert.match(json.findings[0].masked, /^base64 of AWS secret access key: \S{2}\*{36}\S{2}$/);
    const sarif = JSON.parse((await scan(root, '--format', 'sarif')).out) as { runs: Array<{ results: Array<{ message: { text: string } }> }> };
    assert.match(sarif.runs[0].results[0].message.text, /^Found base64 of AWS secret access key: \S{2}\*{36}\S{2}$/);
    const text = (await scan(root)).out;
    assert.match(text, /^secret\.yaml:2:26 {2}aws-secret-access-key {2}base64 of AWS secret access key: /);
    for (const out of [JSON.stringify(json), JSON.stringify(sarif), text]) assert.ok(!out.includes(encoded), 'the encoded value is never printed');
  });
});

describe('cli: an unexpected error', () => {
  it('is printed redacted, with exit code 2 (the redaction is loaded only then)', async () => {
    const rng = new fake.FakeRandom(404);
    const keyId = fake.fakeKeyId(rng);
    const secret = fake.fakeSecretAccessKey(rng);
    const root = await tree({ 'leak.env': `aws_access_key_id = ${fake.fakeKeyId(rng)}\n` });
    // A preload that breaks path.relative, which the scan calls outside its own error handling
    // (to show where the finding is).
    const preload = path.join(root, 'break.js');
    await fs.writeFile(preload, `require('node:path').relative = () => { throw new Error(${JSON.stringify(`failed near aws_secret_access_key=${secret} ${keyId}`)}); };\n`);
    const main = path.resolve(__dirname, '../../../src/cli/main.js');
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--require', preload, main, 'scan', 'leak.env'], { cwd: root }, (error, _stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code) : 0, stderr });
      });
    });
    assert.equal(code, 2);
    assert.match(stderr, /^aws-key-guard: failed near aws_secret_access_key=/);
    assert.ok(!stderr.includes(secret) && !stderr.includes(keyId), 'neither the secret nor the key id is printed');
    assert.ok(stderr.includes(`${keyId.slice(0, 4)}************${keyId.slice(-4)}`), 'the key id is shown masked');
  });
});

describe('cli: aws-key-guard --version', () => {
  for (const flag of ['--version', '-v']) {
    it(`prints the package version for ${flag} and exits 0`, async () => {
      const out: string[] = [];
      const code = await runCli([flag], { out: (t) => out.push(t), err: (t) => out.push(`stderr: ${t}`), env: {}, cwd: process.cwd() });
      assert.equal(code, 0);
      assert.deepEqual(out, [PACKAGE_VERSION]);
    });
  }
});
