/**
 * The example files are the product's showcase: the clean ones must stay clean, and each mistake in
 * mistakes.sql must produce exactly the code its `-- expect:` comment names, on its own statement.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkFiles } from '../../server/src/cli/checkFiles';
import { expectationsOf } from '../helpers/expectations';

const examples = path.join(__dirname, '../../examples');
const read = (name: string) => ({ path: name, text: readFileSync(path.join(examples, name), 'utf8') });

describe('the example files', () => {
  test('connections.sql and models-and-tables.sql, checked together, are clean', () => {
    const reports = checkFiles([read('connections.sql'), read('models-and-tables.sql')]);
    for (const report of reports) {
      assert.deepEqual(report.findings.map((f) => `${report.path}:${f.line} ${f.code} ${f.message}`), []);
    }
  });

  for (const [name, least] of [['mistakes.sql', 20], ['using-mistakes.sql', 12]] as const) {
    test(`each statement of ${name} reports exactly what its '-- expect:' comment names`, () => {
      const file = read(name);
      const [report] = checkFiles([file]);
      const { expected, actual } = expectationsOf(file.text, report!.findings);
      assert.ok(expected.length >= least, `${name} names its expected codes`);
      assert.deepEqual(actual, expected);
    });
  }
});
