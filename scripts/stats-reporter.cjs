// Mocha reporter: the spec reporter's output, plus the run's counts written as JSON to the file named
// by AKG_TEST_RESULTS, so scripts/test.mjs can add up every tier into one closing line. Used by the
// unit tier (plain Node) and by the integration tier inside VS Code's extension host.
const fs = require('node:fs');
const Mocha = require('mocha');

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on('fail', (test, err) => failures.push({ title: test.fullTitle(), message: String(err && err.message).slice(0, 500) }));
    runner.once('end', () => {
      const file = process.env.AKG_TEST_RESULTS;
      if (!file) return;
      const { passes, failures: failed, pending, tests } = runner.stats;
      fs.writeFileSync(file, JSON.stringify({ passes, failures: failed, pending, tests, failed: failures }));
    });
  }
}

module.exports = StatsReporter;
