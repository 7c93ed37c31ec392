/**
 * Inputs built to make a scanner backtrack or go quadratic, 1 MB each: the detector and the log
 * redactor must stay linear on all of them. Each figure is MB/s, printed beside the same-size
 * ordinary source text measured in the same run (the peer), so a superlinear case shows as a ratio
 * far below 1.
 */
import { detectSecrets } from '../src/core/detect';
import { redactSecrets } from '../src/core/redact';

const MB = 1024 * 1024;
const DIGITS = '3141592653589793238462643383279502884197';

/** A 40-character secret-like value whose path segment holds a long digit run (froze the old check). */
function backtrackingValue(n: number): string {
  return ('aB/cD/eF/' + DIGITS.slice(0, n) + 'Q/gHiJkLmNoPqRsTuVwXyZ').slice(0, 40);
}

function fill(unit: (i: number) => string): string {
  let out = '';
  for (let i = 0; out.length < MB; i++) out += unit(i);
  return out.slice(0, MB);
}

const INPUTS: Array<[string, () => string]> = [
  ['ordinary source (peer)', () => fill((i) => `const value${i} = compute(${i}, "some text") + other.field; // note\n`)],
  ['secret assignments with digit runs', () => fill((i) => `aws_secret_access_key = ${backtrackingValue(20 + (i % 12))}\n`)],
  ['digit runs next to key ids', () => fill((i) => `AKIAY34FZKBOKMUTWX${'YZ'[i % 2]}Z ${backtrackingValue(27)}\n`)],
  ['repeated separators', () => fill(() => 'secret=////////++++////////====////////\n')],
  ['alternating classes', () => fill(() => 'secret=a1B2c3D4e5F6g7H8i9J0a1B2c3D4e5F6g7H8 ')],
  ['one 1 MB line of digits after a name', () => 'aws_secret_access_key=' + '7'.repeat(MB)],
  ['name records whose value never comes', () => fill((i) => `- name: aws_secret_access_key_${i}\n  # rotated\n  type: SecureString\n`)],
  ['one 1 MB line of glued secret names', () => 'secret'.repeat(MB / 6)],
  ['one 1 MB line of escapes', () => '\\\\\\u002'.repeat(MB / 8)],
  ['one 1 MB line of PEM headers', () => '-----BEGIN RSA PRIVATE KEY-----'.repeat(MB / 31)],
];

function mbPerSecond(fn: (text: string) => unknown, text: string): number {
  fn(text); // warm up
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    fn(text);
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  runs.sort((a, b) => a - b);
  return text.length / MB / runs[1];
}

export async function run(): Promise<void> {
  for (const [label, fn] of [
    ['detector', (t: string) => detectSecrets(t)],
    ['redaction', (t: string) => redactSecrets(t)],
  ] as const) {
    let peer = 0;
    for (const [name, make] of INPUTS) {
      const speed = mbPerSecond(fn, make());
      if (peer === 0) peer = speed;
      console.log(`adversarial: ${label} on ${name}: ${speed.toFixed(1)} MB/s (${(speed / peer).toFixed(2)}x the ordinary-text speed)`);
    }
  }
}
