/**
 * The environment-lookup quick fix leaves code that compiles and runs: each language's result is
 * parsed or run with the toolchain on the machine (python3, javac, node, bash), and the import it
 * needs is checked as text where no toolchain is installed (Go, C#).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { environmentLookupFix } from '../../../src/core/editing/fixes';

const SECRET = 'k9Xq2LmP8vRt4YwZ7bNc1DfGhJ3sQeUa6VoIpE0r';
const VARIABLE = 'AWS_SECRET_ACCESS_KEY';

/** Applies the fix for the first occurrence of SECRET in `source`. */
function fixed(languageId: string, source: string): string {
  const lines = source.split('\n');
  const line = lines.findIndex((l) => l.includes(SECRET));
  const start = lines[line].indexOf(SECRET);
  const fix = environmentLookupFix(languageId, lines[line], line, start, start + SECRET.length, VARIABLE, () => lines);
  assert.ok(fix, `a fix for ${languageId}`);
  const text = lines[line];
  lines[line] = text.slice(0, fix.replacement.start) + fix.replacement.text + text.slice(fix.replacement.end);
  if (fix.insertion) {
    const at = lines[fix.insertion.line] ?? '';
    const joined = at.slice(0, fix.insertion.column) + fix.insertion.text + at.slice(fix.insertion.column);
    lines.splice(fix.insertion.line, fix.insertion.line < lines.length ? 1 : 0, ...joined.split('\n'));
  }
  return lines.join('\n');
}

function has(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}

function run(tool: string, args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(tool, args, { cwd, encoding: 'utf8', env: { ...process.env, [VARIABLE]: 'from-the-environment' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('environment lookups compile and run', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-lookup-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const python: Array<[string, string]> = [
    ['no imports at all', `secret = "${SECRET}"\nprint(secret)\n`],
    ['an import block', `import json\nimport sys\n\nsecret = "${SECRET}"\nprint(json.dumps(secret))\n`],
    ['a docstring and a __future__ import', `#!/usr/bin/env python3\n"""Upload reports.\n\nTwo lines."""\nfrom __future__ import annotations\n\ndef key() -> str:\n    return "${SECRET}"\n\nprint(key())\n`],
    ['os already imported', `import os.path\nsecret = '${SECRET}'\nprint(secret)\n`],
  ];
  for (const [what, source] of python) {
    it(`Python (${what}): imports os once and runs`, () => {
      const result = fixed('python', source);
      assert.equal(result.split('\n').filter((l) => l === 'import os').length, source.includes('import os') ? 0 : 1, result);
      const file = path.join(dir, 'app.py');
      fs.writeFileSync(file, result);
      if (has('python3')) {
        const r = run('python3', [file], dir);
        assert.equal(r.status, 0, r.out);
        assert.match(r.out, /from-the-environment/);
      } else assert.match(result, /os\.environ\["AWS_SECRET_ACCESS_KEY"\]/);
    });
  }

  it('Java: compiles without an import', () => {
    const result = fixed('java', `public class App {\n  static final String SECRET = "${SECRET}";\n  public static void main(String[] a) { System.out.println(SECRET); }\n}\n`);
    fs.writeFileSync(path.join(dir, 'App.java'), result);
    if (has('javac')) {
      const r = run('javac', ['App.java'], dir);
      assert.equal(r.status, 0, r.out);
    } else assert.match(result, /System\.getenv\("AWS_SECRET_ACCESS_KEY"\)/);
  });

  it('TypeScript: compiles in strict mode where a string is required', () => {
    const result = fixed('typescript', `declare const process: { env: Record<string, string | undefined> };\nfunction connect(secretAccessKey: string): number { return secretAccessKey.length; }\nconnect("${SECRET}");\n`);
    const file = path.join(dir, 'app.ts');
    fs.writeFileSync(file, result);
    const program = ts.createProgram([file], { strict: true, noEmit: true, types: [], lib: ['lib.es2022.d.ts'] });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(errors, [], result);
  });

  it('JavaScript: runs', () => {
    const result = fixed('javascript', `const config = { secretAccessKey: '${SECRET}' };\nconsole.log(config.secretAccessKey);\n`);
    fs.writeFileSync(path.join(dir, 'app.js'), result);
    const r = run(process.execPath, ['app.js'], dir);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /from-the-environment/);
  });

  it('shell: runs', () => {
    const result = fixed('shellscript', `#!/bin/sh\nSECRET=${SECRET}\necho "$SECRET"\n`);
    fs.writeFileSync(path.join(dir, 'app.sh'), result);
    const r = run('sh', ['app.sh'], dir);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /from-the-environment/);
  });

  it('Go: adds "os" to the import block, to a single import, or after the package clause', () => {
    assert.equal(fixed('go', `package main\n\nimport (\n\t"fmt"\n)\n\nvar s = "${SECRET}"\n`), `package main\n\nimport (\n\t"os"\n\t"fmt"\n)\n\nvar s = os.Getenv("${VARIABLE}")\n`);
    assert.equal(fixed('go', `package main\n\nimport "fmt"\n\nvar s = "${SECRET}"\n`), `package main\n\nimport "fmt"\nimport "os"\n\nvar s = os.Getenv("${VARIABLE}")\n`);
    assert.equal(fixed('go', `package main\n\nvar s = "${SECRET}"\n`), `package main\n\nimport "os"\n\nvar s = os.Getenv("${VARIABLE}")\n`);
    assert.equal(fixed('go', `package main\n\nimport (\n\t"os"\n)\n\nvar s = "${SECRET}"\n`), `package main\n\nimport (\n\t"os"\n)\n\nvar s = os.Getenv("${VARIABLE}")\n`);
  });

  it('C#: fully qualified without `using System;`, short with it', () => {
    assert.match(fixed('csharp', `class A { string s = "${SECRET}"; }\n`), /= System\.Environment\.GetEnvironmentVariable\("AWS_SECRET_ACCESS_KEY"\);/);
    assert.match(fixed('csharp', `using System;\nclass A { string s = "${SECRET}"; }\n`), /= Environment\.GetEnvironmentVariable\("AWS_SECRET_ACCESS_KEY"\);/);
  });
});
