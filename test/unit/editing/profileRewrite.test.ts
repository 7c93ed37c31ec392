import { strict as assert } from 'node:assert';
import { rewriteForProfile, type LineReplacement } from '../../../src/core/editing/profileRewrite';

const KEY = 'AKIAY34FZKBOKMUTWXYZ';
const SECRET = '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';

function rangeOf(lines: string[], value: string) {
  const line = lines.findIndex((l) => l.includes(value));
  const startColumn = lines[line].indexOf(value);
  return { line, startColumn, endLine: line, endColumn: startColumn + value.length };
}

/** Applies line replacements (given in any order, non-overlapping) to `text`. */
function apply(text: string, edits: readonly LineReplacement[]): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + column;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.line, b.startColumn) - offset(a.line, a.startColumn))) {
    out = out.slice(0, offset(e.line, e.startColumn)) + e.text + out.slice(offset(e.endLine, e.endColumn));
  }
  return out;
}

function rewrite(languageId: string, text: string): string | undefined {
  const lines = text.split('\n');
  const result = rewriteForProfile(languageId, lines, rangeOf(lines, KEY), rangeOf(lines, SECRET), 'moved');
  return result && apply(text, result.edits);
}

describe('rewriting code to use the moved profile', () => {
  it('Python keyword arguments on their own lines are removed (boto3 then reads AWS_PROFILE)', () => {
    assert.equal(rewrite('python', `s = boto3.Session(\n    aws_access_key_id="${KEY}",\n    aws_secret_access_key="${SECRET}",\n)\n`), 's = boto3.Session(\n)\n');
    assert.equal(rewrite('python', `c = boto3.client("s3", aws_access_key_id="${KEY}", aws_secret_access_key="${SECRET}")\n`), 'c = boto3.client("s3")\n');
  });

  it('a JS credentials object on one line or several goes with its properties', () => {
    assert.equal(rewrite('typescript', `new S3({\n  region: 'x',\n  credentials: { accessKeyId: '${KEY}', secretAccessKey: '${SECRET}' },\n});\n`), `new S3({\n  region: 'x',\n});\n`);
    assert.equal(rewrite('javascript', `new S3({\n  credentials: {\n    accessKeyId: "${KEY}",\n    secretAccessKey: "${SECRET}",\n  },\n});\n`), 'new S3({\n});\n');
  });

  it('env files: AWS_PROFILE takes the key id\'s line, the secret\'s goes', () => {
    assert.equal(rewrite('dotenv', `A=1\nAWS_ACCESS_KEY_ID=${KEY}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`), 'A=1\nAWS_PROFILE=moved\n');
  });

  it('leaves variables and positional arguments alone (other code may use them)', () => {
    assert.equal(rewrite('python', `aws_access_key_id = "${KEY}"\naws_secret_access_key = "${SECRET}"\n`), undefined);
    assert.equal(rewrite('javascript', `const accessKeyId = "${KEY}";\nconst secretAccessKey = "${SECRET}";\n`), undefined);
    assert.equal(rewrite('go', `creds := credentials.NewStaticCredentials("${KEY}", "${SECRET}", "")\n`), undefined);
  });
});
