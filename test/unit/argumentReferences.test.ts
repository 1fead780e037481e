/**
 * The models and agents that function calls name (`argumentReferences`) are read from the tokens of
 * the statement in reused buffers, asking `argumentResource` only after a `(` or MODEL. They must be
 * what asking it of every token of `readTokens` gives, the way completion and hover read a name
 * (`namedArgument` then reads the name either way).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { argumentReferences, argumentResource, namedArgument, type ConnectionReference } from '../../server/src/analysis/connectionReferences';
import { readTokens } from '../../server/src/parser/tokens';
import { splitStatements } from '../../server/src/parser/splitStatements';
import { generateDocument } from '../../scripts/benchDocument';

/** Every token of a statement asked, from `readTokens`' list. */
function everyTokenAsked(text: string): ConnectionReference[] {
  const { tokens } = readTokens(text);
  const found: ConnectionReference[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const resource = argumentResource((j) => tokens[j], i);
    if (!resource) continue;
    const { reference, last } = namedArgument(text, (j) => tokens[j], i, resource);
    if (reference) found.push(reference);
    i = last;
  }
  return found;
}

const statementsOf = (text: string) => splitStatements(text).statements.map((s) => text.slice(s.start, s.end));

describe('the names function calls give as arguments', () => {
  test('are those every token gives, on the examples, the fixtures and a generated document', () => {
    const folders = ['examples', 'test/vscode/fixtures'].map((f) => path.join(__dirname, '../..', f));
    const texts = folders.flatMap((folder) => readdirSync(folder).filter((f) => f.endsWith('.sql')).map((f) => readFileSync(path.join(folder, f), 'utf8')));
    let named = 0;
    for (const statement of [...texts, generateDocument(1_000, 3)].flatMap(statementsOf)) {
      const expected = everyTokenAsked(statement);
      named += expected.length;
      assert.deepEqual(argumentReferences(statement), expected, statement);
    }
    assert.ok(named > 100, `only ${named} names were found: the corpus no longer calls the functions`);
  });

  test("include Apache Flink's MODEL argument, after a TABLE argument and in nested calls", () => {
    const text = 'SELECT * FROM ML_PREDICT(TABLE t, MODEL db.m$2, DESCRIPTOR(x)), ML_PREDICT(TABLE u, model `n`)';
    assert.deepEqual(
      argumentReferences(text).map((r) => [r.resource, r.written, text.slice(r.span.start, r.span.end)]),
      [['model', 'db.m', 'm'], ['model', 'n', '`n`']],
    );
    assert.deepEqual(argumentReferences(text), everyTokenAsked(text));
  });

  test('are those every token gives, on random statements', () => {
    const pieces = [
      'SELECT ', 'ML_PREDICT', 'ml_evaluate', 'AI_RUN_AGENT', 'ai_complete', '(', ')', ', ', 'MODEL ', 'model', 'TABLE ', 'table', 't', '`m`',
      '`m$2`', "'m'", "'m$all'", "'db.m'", '.', 'db', "'it''s'", '``', '`a``b`', '$1', '-- c\n', '/* c */', '/*+ hint(', '*/', "'", '`',
      ' ', '\n', 'DESCRIPTOR(x)', 'LATERAL TABLE(', '1', '2.5', '+', 'ML_PREDICT(TABLE t, ', ', MODEL ', ', Model `m`', 'ML_PREDICT(',
      // Characters that join a function's name to a word, or not (`1ML_PREDICT` is `1` then the name).
      'x', '$', 'é', '_', '\u3000',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(argumentReferences(text), everyTokenAsked(text));
      }),
      { numRuns: 3_000 },
    );
  });
});
