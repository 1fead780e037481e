/**
 * The regression corpus of real-world forms (test/fixtures/real-world/, see its README): every
 * statement that Flink or Confluent accepts raises no error and no warning, and every statement
 * whose `-- expect:` comment names codes raises exactly those. The files are checked together, as
 * `flinksql check test/fixtures/real-world` would check them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkFiles } from '../../server/src/cli/checkFiles';
import { splitStatements } from '../../server/src/parser/splitStatements';
import { expectationsOf } from '../helpers/expectations';

const corpus = path.join(__dirname, '../fixtures/real-world');
const files = readdirSync(corpus)
  .filter((name) => name.endsWith('.sql'))
  .map((name) => ({ path: name, text: readFileSync(path.join(corpus, name), 'utf8') }));
const reports = checkFiles(files);

describe('the real-world corpus', () => {
  test('holds at least 300 statements, and every file names its sources and their licences', () => {
    const statements = files.reduce((sum, file) => sum + splitStatements(file.text).statements.length, 0);
    assert.ok(statements >= 300, `${statements} statements`);
    for (const file of files) {
      assert.match(file.text, /^-- Sources?[^\n]*:\n(-- {3}.+\n)+/m, `${file.path} names its sources`);
      assert.match(file.text, /Apache-2\.0|MIT|no licence file|Confluent documentation/, `${file.path} names their licences`);
      assert.match(file.text, /^-- Written for this project in those forms; see README\.md\.$/m, file.path);
    }
  });

  for (const [i, file] of files.entries()) {
    test(`${file.path}: errors and warnings are exactly those its '-- expect:' comments name`, () => {
      const findings = reports[i]!.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      const { expected, actual } = expectationsOf(file.text, findings);
      assert.deepEqual(actual, expected);
    });
  }

  test('names codes on some statements, so that the known-wrong forms are checked too', () => {
    const expected = files.flatMap((file) => expectationsOf(file.text, []).expected);
    assert.ok(expected.length >= 20, `${expected.length} expected codes`);
  });
});
