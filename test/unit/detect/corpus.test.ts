import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { detectSecrets, RULES } from '../../../src/core/detect';
import { EXPECTATIONS_FILE, corpusNotation, loadCorpus, type ExpectedFinding } from './corpus';

/**
 * Scores the labelled corpus exactly: every labelled secret found at its exact range with its rule,
 * nothing else reported. expectations.json is the reviewed list of labels; it must agree with the
 * labels the templates carry, so editing a template without reviewing its labels fails here.
 */
describe('detector: labelled corpus', () => {
  const corpus = loadCorpus();
  const expectations = JSON.parse(fs.readFileSync(EXPECTATIONS_FILE, 'utf8')) as Record<string, ExpectedFinding[]>;

  it('has many formats and labels for every rule', () => {
    assert.ok(corpus.length >= 30, `${corpus.length} files`);
    const rules = new Set(Object.values(expectations).flatMap((list) => list.map((e) => e.ruleId)));
    // Every text rule; PKCS#12 files are binary and found by the file scan (see pkcs12.test.ts).
    for (const rule of RULES.map((r) => r.id).filter((id) => id !== 'pkcs12-file')) {
      assert.ok(rules.has(rule), `no label for ${rule}`);
    }
  });

  it('lists the same labels as the templates carry', () => {
    assert.deepEqual(Object.keys(expectations).sort(), corpus.map((f) => f.name).sort());
    for (const file of corpus) assert.deepEqual(file.expected, expectations[file.name], file.name);
  });

  for (const file of corpus) {
    it(`finds exactly the labelled secrets in ${file.name}`, () => {
      const found = detectSecrets(file.text).map(corpusNotation);
      assert.deepEqual(found, expectations[file.name]);
    });
  }
});
