import { strict as assert } from 'node:assert';
import { detectSecrets } from '../../../src/core/detect';
import { DocumentFindings, type LineEdit } from '../../../src/core/editing/documentFindings';

// Fake credentials with the right shapes (never real): base32 key ids, base64 secrets.
const KEY_ID = 'AKIAY34FZKBOKMUTWXYZ';
const KEY_ID_2 = 'AKIAY34FZKBOKMUTQRST';
const SECRET = 'k9Xq2LmP8vRt4YwZ7bNc1DfGhJ3sQeUa6VoIpE0r';

function filler(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `const value${i} = compute(${i}); // ordinary code`);
}

function apply(text: string[], edit: LineEdit): string[] {
  const next = text.slice();
  next.splice(edit.startLine, edit.oldEndLine - edit.startLine + 1, ...edit.newLines);
  return next;
}

type Summarised = { ruleId: string; range: { line: number; startColumn: number; endLine: number }; pairedWith?: { range: { line: number; startColumn: number } } };

/** Rule and position of each finding, and of its pair (the move-to-profile quick fix relies on those). */
function summary(findings: readonly Summarised[]) {
  return findings.map((f) => {
    const pair = f.pairedWith ? ` paired@${f.pairedWith.range.line}:${f.pairedWith.range.startColumn}` : '';
    return `${f.ruleId}@${f.range.line}:${f.range.startColumn}-${f.range.endLine}${pair}`;
  });
}

describe('DocumentFindings (incremental rescans)', () => {
  it('finds the same as a full scan after the first scan', () => {
    const lines = [...filler(50), `aws_access_key_id = ${KEY_ID}`, `aws_secret_access_key = ${SECRET}`, ...filler(50)];
    const doc = new DocumentFindings();
    const found = doc.reset(lines.join('\n'));
    assert.deepEqual(summary(found), summary(detectSecrets(lines.join('\n'))));
    assert.equal(found.length, 2);
  });

  it('adds a finding typed into the middle and shifts the ones below when lines are inserted', () => {
    let lines = [...filler(100), `key = "${KEY_ID}"`, ...filler(100)];
    const doc = new DocumentFindings();
    doc.reset(lines.join('\n'));
    const edit: LineEdit = { startLine: 20, oldEndLine: 20, newLines: [lines[20], `other = "${KEY_ID_2}"`, ''] };
    lines = apply(lines, edit);
    const after = doc.applyEdit(edit);
    assert.deepEqual(summary(after), summary(detectSecrets(lines.join('\n'))));
    assert.deepEqual(after.map((f) => f.range.line), [21, 102]);
  });

  it('drops a finding whose secret was edited away', () => {
    let lines = [...filler(30), `token = "${KEY_ID}"`, ...filler(30)];
    const doc = new DocumentFindings();
    doc.reset(lines.join('\n'));
    const edit: LineEdit = { startLine: 30, oldEndLine: 30, newLines: ['token = process.env.AWS_ACCESS_KEY_ID'] };
    lines = apply(lines, edit);
    assert.deepEqual(doc.applyEdit(edit), []);
  });

  it('re-pairs a key id with a secret added on the next line', () => {
    let lines = [...filler(10), `aws_access_key_id = ${KEY_ID}`, ...filler(10)];
    const doc = new DocumentFindings();
    doc.reset(lines.join('\n'));
    const edit: LineEdit = { startLine: 10, oldEndLine: 10, newLines: [lines[10], `aws_secret_access_key = ${SECRET}`] };
    lines = apply(lines, edit);
    const after = doc.applyEdit(edit);
    assert.deepEqual(summary(after), summary(detectSecrets(lines.join('\n'))));
    assert.ok(after.find((f) => f.ruleId === 'aws-access-key-id')?.pairedWith, 'the key id is now paired with its secret');
  });

  it('matches a full scan after many random edits', () => {
    let lines = filler(300);
    const doc = new DocumentFindings();
    doc.reset(lines.join('\n'));
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const snippets = [`id = "${KEY_ID}"`, `aws_secret_access_key = "${SECRET}"`, 'plain text', '', `x = "${KEY_ID_2}"`];
    for (let i = 0; i < 200; i++) {
      const start = random(lines.length);
      const end = Math.min(lines.length - 1, start + random(3));
      const newLines = Array.from({ length: random(4) }, () => snippets[random(snippets.length)]);
      if (newLines.length === 0 && lines.length - (end - start + 1) < 1) continue;
      const edit = { startLine: start, oldEndLine: end, newLines };
      lines = apply(lines, edit);
      doc.applyEdit(edit);
      assert.deepEqual(summary(doc.findings), summary(detectSecrets(lines.join('\n'))), `after edit ${i}`);
    }
  });
});
