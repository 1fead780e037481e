/**
 * The extension host's test entry point (`extensionTestsPath`): VS Code calls `run()` once the
 * workbench and the extension under development are loaded, and ends the session when it settles.
 * Runs every compiled `*.test.js` next to this file with mocha (tdd: suite/test), prints mocha's
 * spec report to the console (the shim relays it), and writes the counts to
 * $FLINKSQL_TEST_RESULTS for runTests.ts, which prints the final "N passed, M failed" line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestResults {
  passed: number;
  failed: number;
  skipped: number;
  failures: { title: string; error: string }[];
  skippedTests: string[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: 60_000,
    ...(process.env.FLINKSQL_TEST_GREP ? { grep: process.env.FLINKSQL_TEST_GREP } : {}),
  });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  const results: TestResults = { passed: 0, failed: 0, skipped: 0, failures: [], skippedTests: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      results.failed = Math.max(results.failed, failures);
      const file = process.env.FLINKSQL_TEST_RESULTS;
      if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
      console.log(`${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
      else resolve();
    });
    runner.on('pass', () => results.passed++);
    runner.on('fail', (test, error: Error) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), error: String(error?.message ?? error) });
    });
    runner.on('pending', (test) => {
      results.skipped++;
      results.skippedTests.push(test.fullTitle());
    });
  });
}
