/**
 * The server's secret ranges, read from a document's parse statement by statement and kept per
 * statement between requests, are exactly `secretRanges` of the text: on the examples, on random
 * documents, after random edits (incremental parses), and with either setting for account identifiers.
 * So are those of the VS Code client, which splits the text itself (it has no parse) and keeps the same cache.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { documentSecrets, parsedSecrets, splitSecrets, splitSecretsAfter } from '../../server/src/analysis/documentSecrets';
import { splitStatements } from '../../server/src/parser/splitStatements';
import type { SecretCache } from '../../server/src/analysis/secretRanges';
import { secretRanges } from '../helpers/secrets';
import { parseDocument } from '../../server/src/parser/parseDocument';

const examplesFolder = path.join(__dirname, '../../examples');
const examples = readdirSync(examplesFolder)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => readFileSync(path.join(examplesFolder, f), 'utf8'));

const PIECES = [
  "'api-key'", "'password'", "'pasword'", "'username'", "'endpoint'", "'mongodb://u:p@h'", "'sk-1'", "'x'", ' = ', "'", ';', ',', '(', ')',
  '--', '/*', '*/', '\n', ' ', 'CREATE CONNECTION c WITH (', 'SET ', "'sql.secrets.k'", 'SELECT 1', '`',
];
const document = fc.oneof(
  fc.constantFrom(...examples),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 50 }).map((p) => p.join('')),
);
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 20 }),
  insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((p) => p.join('')),
});

describe('secret ranges from the parse', () => {
  test('equal secretRanges of the text after every edit of a series, the cache kept between them', () => {
    fc.assert(
      fc.property(document, fc.array(edit, { maxLength: 6 }), fc.boolean(), (initial, series, maskAccountIdentifiers) => {
        const options = { maskAccountIdentifiers };
        const cache: SecretCache = new Map();
        let text = initial;
        let parsed = parseDocument(text);
        assert.deepEqual(documentSecrets(text, parsed.statements, options, cache), secretRanges(text, options));
        for (const { at, length, insert } of series) {
          const start = Math.floor(at * text.length);
          const end = Math.min(text.length, start + length);
          text = text.slice(0, start) + insert + text.slice(end);
          parsed = parseDocument(text, parsed, { start, end, newLength: insert.length });
          assert.deepEqual(documentSecrets(text, parsed.statements, options, cache), secretRanges(text, options));
        }
      }),
      { numRuns: 500 },
    );
  });

  test("the client's reading of a whole text (its own split, the cache kept between edits) equals secretRanges of the text after every edit", () => {
    fc.assert(
      fc.property(document, fc.array(edit, { maxLength: 6 }), fc.boolean(), (initial, series, maskAccountIdentifiers) => {
        const options = { maskAccountIdentifiers };
        const cache: SecretCache = new Map();
        let text = initial;
        assert.deepEqual(splitSecrets(text, options, cache).spans, secretRanges(text, options));
        for (const { at, length, insert } of series) {
          const start = Math.floor(at * text.length);
          text = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + length));
          assert.deepEqual(splitSecrets(text, options, cache).spans, secretRanges(text, options));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('updated from the previous parse after each edit, equal secretRanges of the text; and whenever they were not asked for a parse, or under another setting', () => {
    fc.assert(
      fc.property(
        document,
        fc.array(fc.record({ edit, asked: fc.boolean(), maskAccountIdentifiers: fc.boolean() }), { maxLength: 8 }),
        fc.boolean(),
        (initial, series, maskAtFirst) => {
          const cache: SecretCache = new Map();
          let text = initial;
          let parsed = parseDocument(text);
          let found = parsedSecrets(text, parsed, { maskAccountIdentifiers: maskAtFirst }, cache);
          assert.deepEqual(found.spans, secretRanges(text, { maskAccountIdentifiers: maskAtFirst }));
          for (const { edit: { at, length, insert }, asked, maskAccountIdentifiers } of series) {
            const start = Math.floor(at * text.length);
            const end = Math.min(text.length, start + length);
            text = text.slice(0, start) + insert + text.slice(end);
            parsed = parseDocument(text, parsed, { start, end, newLength: insert.length });
            if (!asked) continue;
            found = parsedSecrets(text, parsed, { maskAccountIdentifiers }, cache, found);
            assert.deepEqual(found.spans, secretRanges(text, { maskAccountIdentifiers }), JSON.stringify({ initial, series }));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("the client's reading updated from the previous split after each edit equals secretRanges of the text, and its split the text's", () => {
    fc.assert(
      fc.property(
        document,
        fc.array(fc.record({ edit, maskAccountIdentifiers: fc.boolean() }), { maxLength: 8 }),
        fc.boolean(),
        (initial, series, maskAtFirst) => {
          const cache: SecretCache = new Map();
          let text = initial;
          let state = splitSecrets(text, { maskAccountIdentifiers: maskAtFirst }, cache);
          assert.deepEqual(state.spans, secretRanges(text, { maskAccountIdentifiers: maskAtFirst }));
          for (const { edit: { at, length, insert }, maskAccountIdentifiers } of series) {
            const start = Math.floor(at * text.length);
            const end = Math.min(text.length, start + length);
            text = text.slice(0, start) + insert + text.slice(end);
            state = splitSecretsAfter(text, state, { start, end, newLength: insert.length }, { maskAccountIdentifiers }, cache);
            const context = JSON.stringify({ initial, series });
            assert.deepEqual(state.spans, secretRanges(text, { maskAccountIdentifiers }), context);
            const { statements, errors } = splitStatements(text);
            assert.deepEqual({ statements: state.statements, errors: state.errors, length: state.length }, { statements, errors, length: text.length }, context);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('a cache filled under one setting is not reused under the other', () => {
    const text = "CREATE CONNECTION c WITH ('type' = 'rest', 'username' = 'u', 'password' = 'p');";
    const cache: SecretCache = new Map();
    const parsed = parseDocument(text);
    documentSecrets(text, parsed.statements, { maskAccountIdentifiers: false }, cache);
    assert.deepEqual(documentSecrets(text, parsed.statements, { maskAccountIdentifiers: true }, cache), secretRanges(text, { maskAccountIdentifiers: true }));
  });
});
