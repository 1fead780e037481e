/**
 * Whatever is typed or pasted, every feature returns without throwing, and every range it returns
 * lies inside the document. Inputs come from fast-check (random text and SQL-ish token soup),
 * pathological texts, and every prefix of every example file, typed character by character.
 *
 * How long these take is not checked here (tests are never timed): `scripts/benchScaling.ts` prints
 * how the time grows with the size of the pathological inputs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { DocumentSymbol, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem } from '../../server/src/analysis/problem';
import { assertEditsApply, assertInside, assertWorkspaceEditApplies } from '../helpers/edits';
import { EditingSession, requestFeatures, type Keystroke } from '../helpers/everyFeature';
import { sqlSoup } from '../helpers/sqlSoup';

const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  // Random bytes read as UTF-8 (invalid sequences become U+FFFD), and any UTF-16 code units, lone surrogates included.
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((units) => String.fromCharCode(...units)),
  sqlSoup(60),
);

const examplesFolder = path.join(__dirname, '../../examples');
const exampleFiles = readdirSync(examplesFolder).filter((f) => f.endsWith('.sql'));

// ---- what every answer must satisfy

function assertSpanInside(span: { start: number; end: number }, text: string, what: string): void {
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `${what}: ${JSON.stringify(span)}`);
}

/** What the server computes on every keystroke is well formed. */
function checkKeystroke(typed: Keystroke): void {
  const { document } = typed;
  const text = document.getText();
  for (const problem of typed.problems) assertSpanInside(problem.span, text, problem.code);
  for (const diagnostic of typed.diagnostics) assertInside(document, diagnostic.range, `diagnostic ${String(diagnostic.code)}`);
  for (const span of typed.secrets) {
    assertSpanInside(span, text, 'secret');
    assert.ok(span.start < span.end, 'a secret range is not empty');
  }
  const cursor = document.positionAt(typed.offset);
  for (const item of typed.completions) {
    const edit = item.textEdit;
    const what = `completion ${item.label}`;
    // The protocol's rule: a completion edit is one line, the cursor's, and contains the cursor.
    const onCursorLine = (range: Range) =>
      range.start.line === cursor.line && range.end.line === cursor.line && range.start.character <= cursor.character && cursor.character <= range.end.character;
    if (edit && 'range' in edit) {
      assertInside(document, edit.range, what);
      assert.ok(onCursorLine(edit.range), `${what}: ${JSON.stringify(edit.range)} is not on the cursor's line around ${JSON.stringify(cursor)}`);
    }
    if (edit && 'insert' in edit) {
      assertInside(document, edit.insert, what);
      assertInside(document, edit.replace, what);
      assert.deepEqual(edit.insert, { start: edit.replace.start, end: cursor }, `${what}: the insert range runs from the replace range's start to the cursor`);
      assert.ok(onCursorLine(edit.replace), `${what}: ${JSON.stringify(edit.replace)} is not on the cursor's line around ${JSON.stringify(cursor)}`);
    }
    assertEditsApply(document, item.additionalTextEdits ?? [], what);
  }
  if (typed.hover?.range) assertInside(document, typed.hover.range, 'hover');
}

function checkSymbols(document: TextDocument, symbols: readonly DocumentSymbol[]): void {
  for (const symbol of symbols) {
    assertInside(document, symbol.range, `symbol ${symbol.name}`);
    assertInside(document, symbol.selectionRange, `symbol ${symbol.name}`);
    checkSymbols(document, symbol.children ?? []);
  }
}

/** Every other request's answer is well formed. */
function checkRequests(typed: Keystroke): void {
  const { document } = typed;
  const answers = requestFeatures(typed);
  for (const action of [...answers.quickFixes, ...answers.fixAll]) assertWorkspaceEditApplies(document, action.edit, action.title);
  assertEditsApply(document, answers.formatting, 'formatting');
  assertEditsApply(document, answers.rangeFormatting, 'range formatting');
  checkSymbols(document, answers.symbols);
  for (const range of answers.folding) assert.ok(range.startLine < range.endLine && range.endLine < document.lineCount, 'folding range');
  for (const location of [...answers.definitions, ...answers.references]) assertInside(document, location.range, 'location');
  if (answers.prepareRename) assertInside(document, answers.prepareRename.range, 'prepare rename');
  assertWorkspaceEditApplies(document, answers.rename, 'rename');
  for (const symbol of answers.workspaceSymbols) assertInside(document, symbol.location.range, 'workspace symbol');
}

/** Every feature on `text` at `offset`, as a fresh document. */
function exercise(text: string, offset: number): void {
  const typed = new EditingSession().keystroke(text, offset);
  checkKeystroke(typed);
  checkRequests(typed);
}

describe('no text breaks any feature', () => {
  test('random text, random bytes, any UTF-16 code units, and SQL-ish token soup', () => {
    fc.assert(
      fc.property(anyText, fc.nat(400), (text, offset) => {
        exercise(text, offset);
      }),
      { numRuns: 2000, seed: 20261125, includeErrorInReport: true },
    );
  });

  const pathological: Record<string, string> = {
    'deeply nested parentheses': `CREATE CONNECTION c WITH ${'('.repeat(5000)}${')'.repeat(5000)};`,
    'parentheses that never close': `CREATE CONNECTION c WITH (${"'type' = ('".repeat(2000)}`,
    'a 1 MB single line': `SELECT ${'x, '.repeat(350_000)}1;`,
    'a string of 100,000 quotes': `CREATE CONNECTION c WITH ('api-key' = '${"'".repeat(100_000)}');`,
    'an odd run of quotes that never closes': `CREATE CONNECTION c WITH ('api-key' = ${"'".repeat(100_001)}`,
    'an unclosed comment': `SELECT 1; /* ${'never closed '.repeat(1000)}`,
    'an unclosed comment opened twice': `/* /* ${"CREATE CONNECTION c WITH ('type' = 'openai');\n".repeat(500)}`,
    'a table with many columns': `CREATE TABLE t (${'a INT, '.repeat(2000)}b INT) WITH ('mongodb.connection' = 'c');`,
    // Quick fixes grow with the cube of a one-line list's length (see scripts/benchScaling.ts): 120 keeps this quick.
    'a long option list, every key a duplicate': `CREATE CONNECTION c WITH (${"'api-key' = 'k', ".repeat(120)}'type' = 'openai');`,
    'a statement set that never ends': `EXECUTE STATEMENT SET BEGIN ${'INSERT INTO t SELECT 1; '.repeat(3000)}`,
  };
  for (const [what, text] of Object.entries(pathological)) {
    test(what, () => {
      exercise(text, Math.floor(text.length / 2));
      exercise(text, text.length);
    });
  }
});

/** A problem as the test compares it: where, what, and the message (which never holds a value). */
const described = (p: Problem) => `${p.span.start}-${p.span.end} ${p.code}: ${p.message}`;

/**
 * A problem that may rightly change once more text follows: a table or model names a connection that
 * a later statement creates.
 */
const dependsOnLaterStatements = (p: Problem) => p.code === 'unknown-connection';

/**
 * How often the requests other than the keystroke's own work run during the prefix walk. Every
 * prefix runs what the server runs on every keystroke (parse reusing the previous parse, diagnostics,
 * secret ranges, completion and hover at the cursor); code actions with fix-all, formatting, outline,
 * folding and navigation run on every 5th prefix and on the whole file: on all ~34,000 prefixes they
 * would triple this test's time (about 45 s instead of 15 s on the project's 2-core machine).
 */
const REQUESTS_EVERY = 5;

describe('every example file, typed character by character', () => {
  for (const name of exampleFiles) {
    test(`${name}: every prefix, through every feature; a finished statement is judged by its own text`, () => {
      const full = readFileSync(path.join(examplesFolder, name), 'utf8');
      const session = new EditingSession();
      const final = new EditingSession().keystroke(full).problems.filter((p) => !dependsOnLaterStatements(p));
      const finalUntil = (until: number) => final.filter((p) => p.span.end <= until).map(described).sort();

      let finishedStatements = 0;
      for (let end = 0; end <= full.length; end++) {
        const typed = session.keystroke(full.slice(0, end));
        checkKeystroke(typed);
        if (end % REQUESTS_EVERY === 0 || end === full.length) checkRequests(typed);

        // Up to the `;` of the last finished statement, the problems are those of the whole file:
        // what is typed after a statement never changes what is reported on it.
        const semicolons = typed.parsed.statements.map((s) => s.slice.semicolon).filter((s) => s >= 0);
        if (semicolons.length === 0) continue;
        const until = semicolons[semicolons.length - 1]! + 1;
        if (until === end) finishedStatements++;
        const now = typed.problems.filter((p) => p.span.end <= until && !dependsOnLaterStatements(p)).map(described).sort();
        assert.deepEqual(now, finalUntil(until), `${name}:${full.slice(0, end).split('\n').length}, after ${JSON.stringify(full.slice(Math.max(0, end - 30), end))}`);
      }
      assert.ok(finishedStatements >= 20, `${name} has finished statements to judge (${finishedStatements})`);
    });
  }
});
