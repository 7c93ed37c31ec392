import assert from 'node:assert/strict';
import { detectSecrets } from '../../../src/core/detect';
import { FakeRandom, fakeBase64, fakePassword, fakeSasSignature } from './fakes';

/**
 * Floods of the anchors the provider rules added (separators, literals, names, URLs). Each must
 * finish well under a generous bound; speed itself is measured in the bench.
 */
const BOUND_MS = 2000;
const MB = 1024 * 1024;

function repeat(unit: string): string {
  return unit.repeat(Math.ceil(MB / unit.length));
}

describe('detector: provider anchors under hostile input stay linear', () => {
  const rng = new FakeRandom(1522);
  const cases: Array<[string, () => string]> = [
    ['1 MB of new prefixes', () => repeat('sk-proj-sk-ant-api03-hf_gsk_dckr_pat_glsa_glc_ops_shpat_lin_api_secret_ntn_figd_xapp-xoxe-tskey-')],
    ['1 MB of dotted prefixes', () => repeat('hvs.hvb.SG.xoxe.xoxp-')],
    ['1 MB of "://" without userinfo', () => repeat('a://')],
    ['1 MB of "://" with a long userinfo and no host', () => repeat('https://' + 'u'.repeat(300) + ':' + 'p'.repeat(300) + ' ')],
    ['1 MB of URLs with passwords', () => repeat(`postgres://app:${fakePassword(rng)}@db/app `)],
    ['1 MB of "@" and ":" after one scheme', () => 'https://' + repeat(':@')],
    ['1 MB of Q~ markers', () => repeat('1Q~')],
    ['1 MB of Azure-secret-shaped values', () => repeat('ab1Q~' + fakeBase64(rng, 34).replace(/[+/]/g, '.') + ' ')],
    ['1 MB of sig= parameters on one line', () => repeat(`&sig=${fakeSasSignature(rng)}`)],
    ['1 MB of == padding', () => repeat('==')],
    ['1 MB of 88-character values ending ==', () => repeat(`x=${fakeBase64(rng, 86)}== `)],
    ['1 MB of provider names', () => repeat('CLOUDFLARE_API_TOKEN=VERCEL_TOKEN=vault_token=Vault-Token:')],
    ['1 MB of provider names glued to values', () => repeat(`VERCEL_TOKEN=${fakeBase64(rng, 24).replace(/[+/]/g, 'x')} `)],
    ['1 MB of dapi', () => repeat('dapi')],
    ['1 MB of client_email fields and key headers', () => repeat('"client_email" "private_key": "-----BEGIN PRIVATE KEY-----\\n' + fakeBase64(rng, 48) + '\\n')],
  ];
  for (const [name, make] of cases) {
    it(`${name} (< ${BOUND_MS} ms)`, () => {
      const text = make();
      assert.ok(text.length >= 900_000, `input is big enough (${text.length})`);
      const start = process.hrtime.bigint();
      detectSecrets(text);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      assert.ok(ms < BOUND_MS, `took ${ms.toFixed(0)} ms`);
    });
  }
});
