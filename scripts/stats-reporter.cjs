// Mocha reporter: the spec reporter's output, plus the run's counts written as JSON to the file named
// by AKG_TEST_RESULTS, so scripts/test.mjs can add up every tier into one closing line. Used by the
// unit tier (plain Node) and by the integration tier inside VS Code's extension host.
const fs = require('node:fs');
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    // The counts are written before the spec reporter prints its summary and after every test, so a
    // reporter or host that breaks while finishing still leaves the true counts behind.
    const counts = { passes: 0, failures: 0, pending: 0, failed: [], done: false };
    const save = () => {
      const file = process.env.AKG_TEST_RESULTS;
      if (file) fs.writeFileSync(file, JSON.stringify({ ...counts, tests: counts.passes + counts.failures + counts.pending }));
    };
    runner.on(EVENT_TEST_PASS, () => {
      counts.passes++;
      save();
    });
    runner.on(EVENT_TEST_PENDING, () => {
      counts.pending++;
      save();
    });
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      counts.failures++;
      counts.failed.push({ title: test.fullTitle(), message: String(err && err.message).slice(0, 500) });
      save();
    });
    runner.once(EVENT_RUN_END, () => {
      counts.done = true;
      save();
    });
    super(runner, options);
  }
}

module.exports = StatsReporter;
