/**
 * fast-check generators of well-formed credentials files with the variety real files have:
 * comments of both kinds (whole-line and after values), blank lines, spacing around "=",
 * indentation, key case, CRLF/LF/mixed endings, a BOM, a missing final newline, duplicates.
 */
import fc from 'fast-check';

const KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'region', 'output', 'custom_setting'];
const SEPARATORS = [' = ', '=', ' =', '= ', '\t=\t', '  =  '];
const INDENTS = ['', '', '', '  ', '\t'];
const COMMENTS = ['# note', '; note', '#', '# aws_access_key_id = AKIAOLDCOMMENTEDOUT'];

const value = fc.stringMatching(/^[A-Za-z0-9/+]{1,40}$/);
const keyLine = fc.record({
  key: fc.constantFrom(...KEYS),
  upper: fc.boolean(),
  separator: fc.constantFrom(...SEPARATORS),
  indent: fc.constantFrom(...INDENTS),
  value,
  comment: fc.option(fc.constantFrom(...COMMENTS).map((c) => ` ${c}`), { nil: undefined }),
});
const filler = fc.constantFrom('', '', '# comment', '; comment', '  # indented comment');
const section = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/),
  headerIndent: fc.constantFrom('', '', ' '),
  headerComment: fc.constantFrom('', '', ' # header'),
  body: fc.array(fc.oneof({ arbitrary: keyLine, weight: 3 }, { arbitrary: filler, weight: 1 }), { maxLength: 8 }),
});

/** A random well-formed credentials file as text. */
export const credentialsFileText = fc
  .record({
    preamble: fc.array(filler, { maxLength: 2 }),
    sections: fc.array(section, { minLength: 1, maxLength: 5 }),
    eols: fc.constantFrom<Array<'\n' | '\r\n'>>(['\n'], ['\r\n'], ['\n', '\r\n']),
    eolSeed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ preamble, sections, eols, eolSeed, bom, finalNewline }) => {
    const lines: string[] = [...preamble];
    for (const s of sections) {
      lines.push(`${s.headerIndent}[${s.name}]${s.headerComment}`);
      for (const item of s.body) {
        lines.push(typeof item === 'string' ? item : `${item.indent}${item.upper ? item.key.toUpperCase() : item.key}${item.separator}${item.value}${item.comment ?? ''}`);
      }
    }
    const text = lines.map((l, i) => l + eols[eolSeed[i % eolSeed.length] % eols.length]).join('');
    return (bom ? '\uFEFF' : '') + (finalNewline ? text : text.replace(/\r?\n$/, ''));
  });
