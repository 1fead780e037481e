/**
 * Whatever is typed or pasted, every feature returns without throwing, and every range it returns
 * lies inside the document. Inputs come from fast-check (random text and SQL-ish token soup) and
 * from every prefix of every example file, as if it were being typed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { analyzeDocument } from '../../server/src/analysis/analyzeDocument';
import { secretRanges } from '../../server/src/analysis/secretRanges';
import { codeActions } from '../../server/src/features/codeActions';
import { completion } from '../../server/src/features/completion';
import { toDiagnostics } from '../../server/src/features/diagnostics';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { formatDocument } from '../../server/src/features/formatting';
import { hover } from '../../server/src/features/hover';
import { parseDocument, type ParsedDocument } from '../../server/src/parser/parseDocument';

const SQL_PIECES = [
  'CREATE', 'CONNECTION', 'ALTER', 'DROP', 'SHOW', 'CONNECTIONS', 'DESCRIBE', 'TABLE', 'MODEL', 'TOOL', 'FUNCTION', 'WITH', 'SET',
  'USING', 'IF', 'NOT', 'EXISTS', 'OR', 'REPLACE', 'COMMENT', 'EXECUTE', 'STATEMENT', 'BEGIN', 'END', 'SELECT', 'INSERT',
  "'type'", "'openai'", "'endpoint'", "'https://x'", "'api-key'", "'ap-key'", "'sk-1'", "'password'", "'mongodb.connection'",
  "'", '`', '``', "''", '(', ')', ',', '=', ';', '.', '--', '//', '/*', '*/', '/*+', '\n', ' ', '😀', '接続', 'x',
];

const sqlish = fc.array(fc.constantFrom(...SQL_PIECES), { maxLength: 60 }).map((pieces) => pieces.join(' '));
const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }), sqlish);

function inside(document: TextDocument, range: Range): boolean {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  return 0 <= start && start <= end && end <= document.getText().length;
}

/** Runs every feature on `text` (at `offset` where a position is needed) and checks what comes back. */
function exercise(text: string, offset: number, previous?: ParsedDocument): ParsedDocument {
  const document = TextDocument.create('untitled:robust.sql', 'flinksql', 1, text);
  const parsed = parseDocument(text, previous);
  const problems = analyzeDocument(parsed);
  for (const problem of problems) assert.ok(0 <= problem.span.start && problem.span.start <= problem.span.end && problem.span.end <= text.length);
  const diagnostics = toDiagnostics(document, problems);
  for (const span of secretRanges(text, { maskAccountIdentifiers: true })) assert.ok(0 <= span.start && span.start < span.end && span.end <= text.length);
  const at = Math.max(0, Math.min(offset, text.length));
  for (const item of completion(document, parsed, at, { connections: [{ name: 'c', type: 'openai' }] })) {
    const edit = item.textEdit;
    if (edit && 'range' in edit) assert.ok(inside(document, edit.range), `completion ${item.label}`);
  }
  const shown = hover(document, parsed, at, { find: () => [] });
  if (shown?.range) assert.ok(inside(document, shown.range));
  for (const action of codeActions(document, parsed, diagnostics, undefined)) {
    for (const change of action.edit?.documentChanges ?? []) {
      if ('edits' in change) for (const edit of change.edits) assert.ok(inside(document, edit.range));
    }
  }
  for (const edit of formatDocument(document, parsed, { tabSize: 2, insertSpaces: true })) assert.ok(inside(document, edit.range));
  for (const symbol of documentSymbols(document, parsed)) assert.ok(inside(document, symbol.range));
  for (const range of foldingRanges(document, parsed)) assert.ok(range.startLine < range.endLine && range.endLine < document.lineCount);
  return parsed;
}

describe('no text breaks any feature', () => {
  test('random text and SQL-ish token soup', () => {
    fc.assert(
      fc.property(anyText, fc.nat(400), (text, offset) => {
        exercise(text, offset);
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });

  test('deeply nested parentheses, a long single line, many quotes, an unclosed comment', () => {
    for (const text of [
      `CREATE CONNECTION c WITH ${'('.repeat(5000)}${')'.repeat(5000)};`,
      `SELECT ${'x, '.repeat(30_000)}1;`,
      `CREATE CONNECTION c WITH ('api-key' = '${"'".repeat(20_001)}');`,
      `SELECT 1; /* ${'never closed '.repeat(1000)}`,
      `CREATE TABLE t (${'a INT, '.repeat(2000)}b INT) WITH ('mongodb.connection' = 'c');`,
    ]) {
      exercise(text, Math.floor(text.length / 2));
    }
  });

  for (const name of readdirSync(path.join(__dirname, '../../examples')).filter((f) => f.endsWith('.sql'))) {
    test(`every prefix of ${name}, as if typed`, () => {
      const full = readFileSync(path.join(__dirname, '../../examples', name), 'utf8');
      // About 300 prefixes per file, with a step that is never a multiple of a line's usual length, so
      // prefixes end at every kind of character. Each parse reuses the last, as the server does.
      const step = Math.max(7, Math.floor(full.length / 300)) | 1;
      let parsed: ParsedDocument | undefined;
      for (let end = 0; end <= full.length; end += step) parsed = exercise(full.slice(0, end), end, parsed);
      exercise(full, full.length, parsed);
    });
  }
});

describe('a complete statement is judged by its own text', () => {
  for (const name of ['connections.sql', 'mistakes.sql']) {
    test(`${name}: what is reported on a finished statement does not depend on what is typed after it`, () => {
      const full = readFileSync(path.join(__dirname, '../../examples', name), 'utf8');
      const describe = (text: string, until: number) =>
        analyzeDocument(parseDocument(text))
          .filter((p) => p.span.end <= until && p.code !== 'unknown-connection')
          .map((p) => `${p.code} ${p.span.start} ${p.message}`);
      const statements = parseDocument(full).statements.filter((s) => s.slice.semicolon >= 0);
      for (const statement of statements) {
        const until = statement.slice.semicolon + 1;
        // The prefix that ends right after this statement's `;`, and the same prefix with the next statement half-typed.
        const prefix = full.slice(0, until);
        const withMore = `${prefix}\nCREATE CONNECTION half WITH ('type' = 'ope`;
        assert.deepEqual(describe(withMore, until), describe(prefix, until), `${name}:${full.slice(0, until).split('\n').length}`);
      }
    });
  }
});
