import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * Rejects regexes whose worst case is not linear: a group repeated without bound (`+`, `*`, `{n,}`) that
 * itself holds a quantifier, e.g. `(?:[A-Z]?[a-z]{2,}|[0-9]+)+`, which backtracked exponentially on a
 * 66-byte value. Hostile repositories are opened every day; the core must scan them in linear time.
 */
const ROOTS = ['src/core', 'src/cli'];
const repoRoot = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Regex sources in a file: literals, and `new RegExp('…')` with a literal pattern. */
function regexesIn(file: string): Array<{ source: string; line: number }> {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: Array<{ source: string; line: number }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const literal = node.text;
      found.push({ source: literal.slice(1, literal.lastIndexOf('/')), line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    } else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp' && node.arguments?.[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push({ source: node.arguments[0].text, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * The first unbounded repetition of a group that contains a quantifier, or undefined. A small
 * tokenizer: escapes and character classes are single atoms; groups are tracked on a stack.
 */
export function nestedQuantifier(source: string): string | undefined {
  const stack: Array<{ start: number; quantified: boolean }> = [];
  let i = 0;
  let lastGroup: { start: number; quantified: boolean } | undefined;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      lastGroup = undefined;
      continue;
    }
    if (c === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      lastGroup = undefined;
      continue;
    }
    if (c === '(') {
      stack.push({ start: i, quantified: false });
      i++;
      lastGroup = undefined;
      continue;
    }
    if (c === ')') {
      lastGroup = stack.pop();
      i++;
      continue;
    }
    const quantifier = /^(?:[+*?]|\{\d+(?:,\d*)?\})/.exec(source.slice(i));
    if (quantifier && !(c === '?' && source[i - 1] === '(')) {
      const q = quantifier[0];
      const unbounded = q === '+' || q === '*' || /^\{\d+,\}$/.test(q);
      if (lastGroup?.quantified && unbounded) return source.slice(lastGroup.start, i + q.length);
      // A quantifier (also a repeated group's own) counts for every group around it.
      for (const g of stack) g.quantified = true;
      lastGroup = undefined;
      i += q.length;
      if (source[i] === '?' || source[i] === '+') i++; // lazy / possessive suffix
      continue;
    }
    lastGroup = undefined;
    i++;
  }
  return undefined;
}

describe('regex safety: no nested unbounded quantifiers in the core and the CLI', () => {
  it('the checker finds the pattern that froze the editor, and accepts bounded ones', () => {
    assert.ok(nestedQuantifier('^(?:[A-Z]?[a-z]{2,}|[a-z0-9]{2,}|[A-Z]{2,}|[0-9]+)+$'));
    assert.ok(nestedQuantifier('(a+)*'));
    assert.ok(nestedQuantifier('(?:x(?:ab)+)+'));
    assert.equal(nestedQuantifier('xox[baprs]-(?:[0-9]{1,16}-){1,4}[A-Za-z0-9]{8,64}'), undefined);
    assert.equal(nestedQuantifier('-----BEGIN ([A-Z0-9]+ ){0,3}PRIVATE KEY'), undefined);
    assert.equal(nestedQuantifier('(?:ab|cd)+[\\]+)]+'), undefined);
  });

  it('every regex in src/core and src/cli is free of them', () => {
    const offenders: string[] = [];
    let count = 0;
    for (const root of ROOTS) {
      for (const file of sourceFiles(path.join(repoRoot, root))) {
        for (const { source, line } of regexesIn(file)) {
          count++;
          const hit = nestedQuantifier(source);
          if (hit) offenders.push(`${path.relative(repoRoot, file)}:${line}: ${hit}`);
        }
      }
    }
    assert.ok(count > 30, `found only ${count} regexes: is the scan looking in the right place?`);
    assert.deepEqual(offenders, []);
  });
});
