import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseMarkers } from '../helpers/markers';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { splitStatements } from '../../server/src/parser/splitStatements';

/**
 * Asserts the folding ranges of `source`: each `[|…|]` spans from a fold's first line to its last,
 * and `kinds` lists each fold's kind ('' for none) in the order of the ranges.
 */
function checkFolds(source: string, kinds: readonly string[]): void {
  const { text, ranges } = parseMarkers(source);
  const document = TextDocument.create('file:///a.sql', 'flinksql', 1, text);
  const line = (offset: number) => document.positionAt(offset).line;
  assert.equal(ranges.length, kinds.length, 'one kind per marked range');
  assert.deepEqual(
    foldingRanges(document, parseDocument(text)).map((r) => `${r.startLine}-${r.endLine} ${r.kind ?? ''}`),
    ranges.map((r, i) => `${line(r.start)}-${line(r.end)} ${kinds[i]}`),
  );
}

describe('folding ranges', () => {
  test('a statement, its option list up to the line before a `)` that opens its line, and a block comment', () => {
    checkFolds(
      `[|/* Connections
   for the assistant */|]
[|CREATE CONNECTION c
WITH [|(
  'type' = 'openai',
  'endpoint' = 'https://x',
|]  'api-key' = 'k'
);|]
SELECT 1;
[|ALTER CONNECTION c SET ('api-key' = 'k2',
  'endpoint' = 'https://y')
  ;|]`,
      ['comment', '', '', ''],
    );
  });

  test('a list that closes on a line with an option keeps its last line in the fold', () => {
    checkFolds(
      `[|CREATE TABLE t (a INT)
  WITH [|('connector' = 'mongodb',
        'mongodb.connection' = 'c')|]|]`,
      ['', ''],
    );
  });

  test('a list that starts on the statement line is folded by the statement alone', () => {
    checkFolds(
      `[|CREATE CONNECTION c WITH (
  'type' = 'openai'
)|];
[|CREATE MODEL m INPUT (p STRING) OUTPUT (r STRING) WITH (
  'provider' = 'openai'
);|]`,
      ['', ''],
    );
  });

  test('nothing that starts and ends on one line; hints, strings and line comments are not comments', () => {
    checkFolds(
      `/* one line */ SELECT 1; CREATE CONNECTION c WITH ('type' = 'openai');
-- /* not a comment
SELECT '/* not a comment' FROM \`/*\`;
// /* not a comment either`,
      [],
    );
    checkFolds(`[|INSERT INTO t /*+ OPTIONS(
  'k' = 'v') */ SELECT 1;|]`, ['']);
  });

  test('statements of any kind, broken ones included; an unclosed comment runs to the end', () => {
    checkFolds(
      `[|SELECT a,
  b FROM t;|]
[|CREATE CONNECTION c WITH ('type'
  'openai');|]
[|/* never closed
…|]`,
      ['', '', 'comment'],
    );
  });

  test('emoji and CRLF line ends do not shift lines', () => {
    checkFolds(`/* 🚀 */ [|CREATE CONNECTION \`🚀\`\r\nWITH [|(\r\n  'type' = 'openai'|]\r\n)|];`, ['', '']);
  });

  test('blockComments', () => {
    const text = "/*a*/ 'it''s /*x*/' `b``/*` -- /*c*/\n/*+ hint */ /*d";
    assert.deepEqual(splitStatements(text).blockComments.map((s) => text.slice(s.start, s.end)), ['/*a*/', '/*d']);
  });
});
