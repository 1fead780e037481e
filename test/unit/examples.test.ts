/**
 * The example files are the product's showcase: the clean ones must stay clean, and each mistake in
 * mistakes.sql must produce exactly the code its `-- expect:` comment names, on its own statement.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkFiles } from '../../server/src/cli/checkFiles';
import { splitStatements } from '../../server/src/parser/lexer';

const examples = path.join(__dirname, '../../examples');
const read = (name: string) => ({ path: name, text: readFileSync(path.join(examples, name), 'utf8') });

describe('the example files', () => {
  test('connections.sql and models-and-tables.sql, checked together, are clean', () => {
    const reports = checkFiles([read('connections.sql'), read('models-and-tables.sql')]);
    for (const report of reports) {
      assert.deepEqual(report.findings.map((f) => `${report.path}:${f.line} ${f.code} ${f.message}`), []);
    }
  });

  test("each statement of mistakes.sql reports exactly what its '-- expect:' comment names", () => {
    const file = read('mistakes.sql');
    const [report] = checkFiles([file]);
    const { statements } = splitStatements(file.text);
    const lineOf = (offset: number) => file.text.slice(0, offset).split('\n').length;
    // The comment lines between the previous statement and this one.
    let previousEnd = 0;
    const expected: string[] = [];
    for (const statement of statements) {
      const comment = file.text.slice(previousEnd, statement.start);
      const codes = [...comment.matchAll(/^-- expect: ([a-z-]+(?:, [a-z-]+)*)/gm)].flatMap((m) => m[1]!.split(', '));
      for (const code of codes) expected.push(`${lineOf(statement.start)} ${code}`);
      previousEnd = statement.semicolon >= 0 ? statement.semicolon + 1 : statement.end;
    }
    // Each finding belongs to the statement that contains it.
    const actual = report!.findings.map((f) => {
      const offset = file.text.split('\n').slice(0, f.line - 1).join('\n').length + f.column;
      const owner = statements.find((s) => s.start <= offset && offset <= (s.semicolon >= 0 ? s.semicolon : s.end))!;
      return `${lineOf(owner.start)} ${f.code}`;
    });
    assert.ok(expected.length >= 20, 'mistakes.sql names its expected codes');
    assert.deepEqual(actual, expected);
  });
});
