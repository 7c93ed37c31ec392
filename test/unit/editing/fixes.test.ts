import { strict as assert } from 'node:assert';
import { environmentLookupReplacement, environmentVariableFor, inlineIgnoreComment } from '../../../src/core/editing/fixes';

function applyReplacement(line: string, r: { start: number; end: number; text: string }): string {
  return line.slice(0, r.start) + r.text + line.slice(r.end);
}

describe('quick fix text', () => {
  it('writes the ignore marker in each language comment syntax', () => {
    assert.equal(inlineIgnoreComment('typescript'), ' // aws-key-guard-ignore');
    assert.equal(inlineIgnoreComment('python'), ' # aws-key-guard-ignore');
    assert.equal(inlineIgnoreComment('sql'), ' -- aws-key-guard-ignore');
    assert.equal(inlineIgnoreComment('html'), ' <!-- aws-key-guard-ignore -->');
    assert.equal(inlineIgnoreComment('json'), undefined, 'JSON has no comments: use the ignore file');
  });

  it('names the conventional environment variable', () => {
    assert.equal(environmentVariableFor('aws-secret-access-key'), 'AWS_SECRET_ACCESS_KEY');
    assert.equal(environmentVariableFor('github-token'), 'GITHUB_TOKEN');
  });

  const secret = 'k9Xq2LmP8vRt4YwZ7bNc1DfGhJ3sQeUa6VoIpE0r';
  const cases: [string, string, string][] = [
    ['typescript', `const s = "${secret}";`, 'const s = process.env.AWS_SECRET_ACCESS_KEY!;'],
    ['javascript', `secretAccessKey: '${secret}',`, 'secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,'],
    ['python', `secret = "${secret}"`, 'secret = os.environ["AWS_SECRET_ACCESS_KEY"]'],
    ['go', `secret := "${secret}"`, 'secret := os.Getenv("AWS_SECRET_ACCESS_KEY")'],
    ['java', `String s = "${secret}";`, 'String s = System.getenv("AWS_SECRET_ACCESS_KEY");'],
    ['csharp', `var s = "${secret}";`, 'var s = System.Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");'],
    ['ruby', `secret = '${secret}'`, 'secret = ENV["AWS_SECRET_ACCESS_KEY"]'],
    ['php', `$s = '${secret}';`, "$s = getenv('AWS_SECRET_ACCESS_KEY');"],
    ['shellscript', `export AWS_SECRET_ACCESS_KEY=${secret}`, 'export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY}"'],
    ['dotenv', `AWS_SECRET_ACCESS_KEY=${secret}`, 'AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}'],
    ['yaml', `  secret: "${secret}"`, '  secret: ${AWS_SECRET_ACCESS_KEY}'],
  ];
  for (const [language, line, expected] of cases) {
    it(`replaces the literal with an environment lookup in ${language}`, () => {
      const start = line.indexOf(secret);
      const r = environmentLookupReplacement(language, line, start, start + secret.length, 'AWS_SECRET_ACCESS_KEY');
      assert.ok(r);
      assert.equal(applyReplacement(line, r), expected);
    });
  }

  it('never pastes code into the middle of a longer string literal', () => {
    const line = `const url = "https://u:${secret}@host";`;
    const start = line.indexOf(secret);
    assert.equal(environmentLookupReplacement('typescript', line, start, start + secret.length, 'AWS_SECRET_ACCESS_KEY'), undefined);
    assert.equal(environmentLookupReplacement('python', `x = "id:${secret}"`, 7, 47, 'AWS_SECRET_ACCESS_KEY'), undefined);
  });

  it('substitutes text lookups inside a longer value where the format allows it', () => {
    const line = `url: https://u:${secret}@host`;
    const start = line.indexOf(secret);
    const r = environmentLookupReplacement('yaml', line, start, start + secret.length, 'AWS_SECRET_ACCESS_KEY');
    assert.ok(r);
    assert.equal(applyReplacement(line, r), 'url: https://u:${AWS_SECRET_ACCESS_KEY}@host');
  });

  it('offers no lookup for languages it cannot write safely', () => {
    assert.equal(environmentLookupReplacement('json', `"k": "${secret}"`, 6, 46, 'X'), undefined);
  });
});
