/**
 * The incremental split and parse give exactly what a split and parse from scratch give: after any
 * edit of any document (random SQL-ish text, the example files), in one change or several.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { splitStatements, type SplitResult } from '../../server/src/parser/splitStatements';
import { composeChanges, resplit, shiftSlice, type TextChange } from '../../server/src/parser/incrementalSplit';
import { parseDocument, type ParsedDocument } from '../../server/src/parser/parseDocument';
import { analyzeDocument, analyzeEdit, type ConnectionLookup } from '../../server/src/analysis/analyzeDocument';
import { resourceKey } from '../../server/src/analysis/connectionReferences';
import { OpenDocument } from '../../server/src/workspace/openDocument';
import { ConnectionIndex, definitionsIn, entriesIn, entriesInText } from '../../server/src/workspace/connectionIndex';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Pieces that open and close every kind of token the splitter knows, and the statement set's words. */
const PIECES = [
  ';', ';', "'", "''", '`', '``', '--', '//', '/*', '*/', '/*+', '\n', '\r\n', ' ', 'x', 'a;b', '😀',
  'CREATE', 'CONNECTION', 'c', 'WITH', '(', ')', "'type'", '=', "'openai'", ',', 'SELECT', '1',
  'EXECUTE', 'STATEMENT', 'SET', 'BEGIN', 'END', 'END;', 'INSERT', 'INTO',
];
const pieces = (maxLength: number) => fc.array(fc.constantFrom(...PIECES), { maxLength }).map((p) => p.join(''));
const spacedPieces = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(' '));

const examplesFolder = path.join(__dirname, '../../examples');
const examples = readdirSync(examplesFolder)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => readFileSync(path.join(examplesFolder, f), 'utf8'));

const documents = fc.oneof(pieces(60), spacedPieces, fc.string({ maxLength: 80 }), fc.constantFrom(...examples));

/** An edit as fractions of the text's length, so that it fits whatever text it meets. */
const edits = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 400 })),
  insert: fc.oneof(fc.constant(''), pieces(4), fc.string({ maxLength: 3 })),
});
type Edit = typeof edits extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, edit: Edit): { text: string; change: TextChange } {
  const start = Math.floor(edit.at * text.length);
  const end = Math.min(text.length, start + edit.length);
  return { text: text.slice(0, start) + edit.insert + text.slice(end), change: { start, end, newLength: edit.insert.length } };
}

/** `splitStatements(text)`, from the split of the text before `change` (as parseDocument puts a resplit together, on plain arrays). */
function resplitStatements(text: string, previous: SplitResult, change: TextChange): SplitResult {
  const old = previous.statements;
  const found = resplit(text, { count: old.length, slice: (i) => old[i]!, errors: previous.errors }, change);
  const statements = old.slice(0, found.first).concat(found.statements);
  for (let i = found.resume; i < old.length; i++) statements.push(shiftSlice(old[i]!, found.delta));
  // The spans that start before the scan, the scan's, then those from where it got back in step on, moved.
  const spans = <T extends { readonly start: number; readonly end: number }>(before: readonly T[], inScan: readonly T[]) => [
    ...before.filter((span) => span.start < found.from),
    ...inScan,
    ...before.filter((span) => span.start >= found.resumeAt).map((span) => ({ ...span, start: span.start + found.delta, end: span.end + found.delta })),
  ];
  return { statements, errors: spans(previous.errors, found.errors), blockComments: spans(previous.blockComments, found.blockComments) };
}

/** What a parse says, in plain values. */
function summary(parsed: ParsedDocument) {
  return {
    statements: parsed.statements.map(({ slice, text, statement, error }) => ({ slice, text, statement, error })),
    lexicalErrors: parsed.lexicalErrors,
    blockComments: parsed.blockComments,
    textLength: parsed.textLength,
  };
}

describe('the incremental split', () => {
  test('equals a split from scratch after every edit of a series', () => {
    fc.assert(
      fc.property(documents, fc.array(edits, { minLength: 1, maxLength: 8 }), (initial, series) => {
        let text = initial;
        let split: SplitResult = splitStatements(text);
        for (const edit of series) {
          const next = apply(text, edit);
          split = resplitStatements(next.text, split, next.change);
          text = next.text;
          assert.deepEqual(split, splitStatements(text), JSON.stringify({ initial, series }));
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('equals a split from scratch after several changes composed into one', () => {
    fc.assert(
      fc.property(documents, fc.array(edits, { minLength: 2, maxLength: 4 }), (initial, series) => {
        let text = initial;
        let change: TextChange | undefined;
        for (const edit of series) {
          const next = apply(text, edit);
          change = change ? composeChanges(change, next.change) : next.change;
          text = next.text;
        }
        assert.deepEqual(resplitStatements(text, splitStatements(initial), change!), splitStatements(text));
      }),
      { numRuns: 2000 },
    );
  });

  // The cases the property covers by chance, written out.
  const cases: [string, string, string][] = [
    ['a string opened', `SELECT 1;\nSELECT $0 FROM t;\nSELECT 3;`, "'"],
    ['a string closed', `SELECT 'a$0 FROM t;\nSELECT 3;`, "'"],
    // An unclosed quote ends at its line's end only when no closing quote follows anywhere.
    ['a quote typed statements after an unclosed one', `SELECT 'a\n;\nSELECT 2;\nSELECT $0 3;`, "'"],
    ['a backtick typed statements after an unclosed one', '` \n ; $0;', '`'],
    ['a block comment opened: it runs to the end', `SELECT 1;\n$0SELECT 2;\nSELECT 3;`, '/*'],
    ['a block comment closed', `SELECT 1;\n/* SELECT 2;\n$0SELECT 3;`, '*/'],
    ['a line comment opened before a ;', `SELECT 1 $0;\nSELECT 2;`, '--'],
    ['a statement set opened', `$0 INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END;\nSELECT 3;`, 'EXECUTE STATEMENT SET BEGIN'],
    ['its END typed', `EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; $0;\nSELECT 3;`, 'END'],
    ['a ; typed', `SELECT 1 $0 SELECT 2;\nSELECT 3;`, ';'],
    ['a ; typed at the very start', `$0SELECT 1;`, ';'],
    ['text typed at the end', `SELECT 1;\nSELECT 2$0`, ' x'],
    ['text typed before the first statement', `$0SELECT 1;`, 'x'],
    ['a statement typed between comments', `-- a\n$0\n/* b */ SELECT 2;`, 'SELECT 1;'],
  ];
  for (const [what, marked, insert] of cases) {
    test(`${what}`, () => {
      const at = marked.indexOf('$0');
      const before = marked.replace('$0', '');
      const after = before.slice(0, at) + insert + before.slice(at);
      assert.deepEqual(resplitStatements(after, splitStatements(before), { start: at, end: at, newLength: insert.length }), splitStatements(after));
      // And back again: the insertion deleted.
      assert.deepEqual(resplitStatements(before, splitStatements(after), { start: at, end: at + insert.length, newLength: 0 }), splitStatements(before));
    });
  }

  test('deleting the ; between two statements, and whole statements', () => {
    const text = `SELECT 1;\nSELECT 2;\nSELECT 3;\nSELECT 4;`;
    for (const [start, end] of [
      [8, 9],
      [9, 19],
      [0, 19],
      [10, text.length],
      [0, text.length],
    ] as const) {
      const after = text.slice(0, start) + text.slice(end);
      assert.deepEqual(resplitStatements(after, splitStatements(text), { start, end, newLength: 0 }), splitStatements(after), `${start}-${end}`);
    }
  });
});

describe('the incremental parse', () => {
  test('equals a parse from scratch after every edit of a series', () => {
    fc.assert(
      fc.property(documents, fc.array(edits, { minLength: 1, maxLength: 5 }), (initial, series) => {
        let text = initial;
        let parsed = parseDocument(text);
        for (const edit of series) {
          const next = apply(text, edit);
          parsed = parseDocument(next.text, parsed, next.change);
          text = next.text;
          assert.deepEqual(summary(parsed), summary(parseDocument(text)));
        }
      }),
      { numRuns: 500 },
    );
  });

  test('equals a parse from scratch when it reads only a window of a large document', () => {
    // Large enough that the scan's first window (a few kilobytes past the edit) often falls short:
    // a comment or string opened, a statement set begun, or a `;` deleted in a long statement.
    const large = fc.tuple(fc.constantFrom(...examples), fc.integer({ min: 2, max: 6 }), pieces(30)).map(([example, times, extra]) => (example + extra).repeat(times));
    fc.assert(
      fc.property(large, fc.array(edits, { minLength: 1, maxLength: 4 }), (initial, series) => {
        const document = new OpenDocument('untitled:a', 'flinksql', 1, initial);
        let parsed = parseDocument(document);
        for (const edit of series) {
          const { change } = apply(document.getText(), edit);
          // (A position never falls between \r and \n, so the change applied may start a character earlier.)
          const applied = document.apply({ range: { start: document.positionAt(change.start), end: document.positionAt(change.end) }, text: edit.insert })!;
          parsed = parseDocument(document, parsed, applied);
          assert.deepEqual(summary(parsed), summary(parseDocument(document.getText())));
        }
      }),
      { numRuns: 200 },
    );
  });

  test('statements outside the edit keep their trees; the ones after it only move', () => {
    const text = `CREATE CONNECTION a WITH ('type' = 'openai');\nCREATE CONNECTION b WITH ('type' = 'openai');\nCREATE CONNECTION c WITH ('type' = 'openai');`;
    const before = parseDocument(text);
    const at = text.indexOf(' b ') + 2;
    const after = parseDocument(`${text.slice(0, at)}b${text.slice(at)}`, before, { start: at, end: at, newLength: 1 });
    assert.equal(after.statements[0], before.statements[0], 'the same statement object');
    assert.notEqual(after.statements[1]!.statement, before.statements[1]!.statement, 'parsed again');
    assert.equal(after.statements[2]!.statement, before.statements[2]!.statement, 'the same tree');
    assert.equal(after.statements[2]!.slice.start, before.statements[2]!.slice.start + 1, 'moved');
  });

  test('an edit that does not fit the previous text is parsed from scratch', () => {
    const before = parseDocument('SELECT 1;');
    const text = 'SELECT 1; SELECT 2;';
    assert.deepEqual(summary(parseDocument(text, before, { start: 0, end: 0, newLength: 1 })), summary(parseDocument(text)));
  });
});

describe('the incremental analysis', () => {
  /** Statements that define, alter and name connections `a`, `b` and `c`, which edits rename, retype, break and join. */
  const STATEMENTS = [
    "CREATE CONNECTION a WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = 'k')",
    "CREATE CONNECTION b WITH ('type' = 'rest', 'endpoint' = 'https://example.com')",
    "CREATE CONNECTION `c` WITH ('type' = 'mongodb', 'endpoint' = 'mongodb://h', 'username' = 'u', 'password' = 'p')",
    "CREATE CONNECTION a WITH ('endpoint' = 'https://example.com')",
    "ALTER CONNECTION a SET ('api-key' = 'k2')",
    "ALTER CONNECTION c SET ('token' = 't')",
    "ALTER CONNECTION a SET ('token' = 't')",
    'DROP CONNECTION b',
    "CREATE MODEL m INPUT (t STRING) OUTPUT (l STRING) WITH ('provider' = 'openai', 'openai.connection' = 'a')",
    "CREATE TABLE t (x INT) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'c')",
    "CREATE TABLE u (x INT) WITH ('connector' = 'rest', 'rest.connection' = 'elsewhere')",
    "CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS ('a', 'b')",
    'SELECT 1',
    // A model and a tool whose ALTERs are checked against their CREATE's provider and type.
    "CREATE MODEL n INPUT (t STRING) OUTPUT (l STRING) WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'a')",
    "CREATE MODEL n WITH ('provider' = 'bedrock', 'task' = 'text_generation', 'bedrock.connection' = 'x')",
    "CREATE TEMPORARY MODEL n WITH ('provider' = 'openai', 'model' = 'gpt-4o')",
    "ALTER MODEL n SET ('openai.model_version' = 'gpt-4o')",
    "ALTER MODEL `n$2` SET ('bedrock.model_version' = 'v')",
    "CREATE TOOL w USING CONNECTION b WITH ('type' = 'mcp', 'allowed_tools' = 'x')",
    "CREATE TOOL w USING FUNCTION f WITH ('type' = 'function')",
    "ALTER TOOL w SET ('allowed_tools' = 'y')",
    "CREATE AGENT g USING MODEL n USING PROMPT 'p' USING TOOLS w",
    "SELECT ML_PREDICT('n$1', x) FROM t",
  ];
  const document = fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 12 }).map((s) => `${s.join(';\n')};\n`);
  const connectionEdits = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 200 })),
    insert: fc.oneof(
      fc.constantFrom('', 'a', 'b', 'n', 'w', 'x', ';', "'", ' ', "'type'", "'openai'", "'rest'", "'bedrock'", "'mcp'", 'CREATE CONNECTION ', 'CREATE MODEL ', '/*', '*/'),
      fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 3 }).map((statements) => `;\n${statements.join(';\n')}`),
    ),
  });
  /** Connections defined elsewhere: `elsewhere`, and `a` of another type; and the model `n` of another provider. */
  const lookup: ConnectionLookup = {
    find: (key) =>
      ['elsewhere', 'a', resourceKey('model', 'n')].includes(key)
        ? [{ type: key === 'a' ? 'rest' : key === 'elsewhere' ? 'openai' : 'bedrock' }]
        : [],
    version: 1,
  };

  test('equals an analysis from scratch after every edit of a series', () => {
    fc.assert(
      fc.property(document, fc.array(connectionEdits, { minLength: 1, maxLength: 8 }), fc.boolean(), (initial, series, flinkOnly) => {
        let text = initial;
        let parsed = parseDocument(text);
        let analysis = analyzeEdit(parsed, lookup, { flinkOnly });
        for (const edit of series) {
          const next = apply(text, edit);
          parsed = parseDocument(next.text, parsed, next.change);
          text = next.text;
          analysis = analyzeEdit(parsed, lookup, { flinkOnly }, analysis);
          assert.deepEqual(analysis.problems, analyzeDocument(parseDocument(text), lookup, { flinkOnly }), JSON.stringify({ initial, series }));
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('equals an analysis from scratch after every edit of a series, in a document of several chunks of statements', () => {
    // Runs of queries between the statements put them in different chunks of the parse (64 statements
    // each), which an edit that changes a definition looks through only where they use its name.
    const queries = fc.integer({ min: 1, max: 90 }).map((n) => Array.from({ length: n }, () => 'SELECT 1').join(';\n'));
    const longDocument = fc.array(fc.oneof(fc.constantFrom(...STATEMENTS), queries), { minLength: 2, maxLength: 10 }).map((s) => `${s.join(';\n')};\n`);
    fc.assert(
      fc.property(longDocument, fc.array(connectionEdits, { minLength: 1, maxLength: 6 }), (initial, series) => {
        let text = initial;
        let parsed = parseDocument(text);
        let analysis = analyzeEdit(parsed, lookup);
        for (const edit of series) {
          const next = apply(text, edit);
          parsed = parseDocument(next.text, parsed, next.change);
          text = next.text;
          analysis = analyzeEdit(parsed, lookup, undefined, analysis);
          assert.deepEqual(analysis.problems, analyzeDocument(parseDocument(text), lookup), JSON.stringify({ initial, series }));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('the workspace index and the analysis, fed each edit in turn as the server feeds them, equal ones built from full parses', () => {
    // Both read the edit's definitions from one place (statementFacts' editedNames): the index tells
    // other documents of a change exactly when the names or types defined change, and its lookups
    // and the analysis stay those of full parses. Some changes come as a whole new text (no edit).
    const uri = 'file:///w/a.sql';
    const other = 'file:///w/b.sql';
    const documentOf = (text: string) => TextDocument.create(uri, 'flinksql', 0, text);
    // What other documents' diagnostics depend on: an Apache Flink model's provider is not among it.
    const defined = (text: string) =>
      JSON.stringify(definitionsIn(uri, documentOf(text), parseDocument(text)).map((d) => [d.kind, d.name, d.flink ? undefined : d.type]));
    const answers = (index: ConnectionIndex) =>
      [
        ...['a', 'b', 'c', 'x', 'elsewhere'].map((name) => index.find(name)),
        index.find('n', undefined, 'model'),
        index.find('w', undefined, 'tool'),
        index.find('g', undefined, 'agent'),
      ].map((found) => found.map((d) => [d.uri, d.kind, d.type, d.nameSpan]));
    fc.assert(
      fc.property(document, document, fc.array(fc.tuple(connectionEdits, fc.boolean()), { minLength: 1, maxLength: 8 }), (initial, otherText, series) => {
        const index = new ConnectionIndex();
        index.set(other, entriesInText(other, otherText));
        let text = initial;
        let parsed = parseDocument(text);
        index.set(uri, entriesIn(uri, documentOf(text), parsed));
        let analysis = analyzeEdit(parsed, index.lookupFor(uri));
        for (const [edit, whole] of series) {
          const next = apply(text, edit);
          parsed = parseDocument(next.text, parsed, whole ? undefined : next.change);
          const definitionsChanged = defined(text) !== defined(next.text);
          text = next.text;
          assert.equal(index.set(uri, entriesIn(uri, documentOf(text), parsed)), definitionsChanged, text);
          analysis = analyzeEdit(parsed, index.lookupFor(uri), { flinkOnly: true }, analysis);
          const fresh = new ConnectionIndex();
          fresh.set(other, entriesInText(other, otherText));
          fresh.set(uri, entriesIn(uri, documentOf(text), parseDocument(text)));
          assert.deepEqual(answers(index), answers(fresh), text);
          assert.deepEqual(analysis.problems, analyzeDocument(parseDocument(text), fresh.lookupFor(uri)), text);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('a definition re-parsed without a change of name or type, then removed, is gone', () => {
    // The second edit re-parses a's CREATE (same name and type); the third breaks it, so the ALTER
    // is checked against the other document's `a` (a rest connection, where 'token' is a key).
    let text = "CREATE CONNECTION a WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');\nALTER CONNECTION a SET ('token' = 't');";
    let analysis = analyzeEdit(parseDocument(text), lookup);
    for (const [at, insert] of [
      [text.indexOf(' a '), ' '],
      [0, 'x'],
    ] as const) {
      text = text.slice(0, at) + insert + text.slice(at);
      analysis = analyzeEdit(parseDocument(text, analysis.parsed, { start: at, end: at, newLength: insert.length }), lookup, { flinkOnly: true }, analysis);
      assert.deepEqual(analysis.problems, analyzeDocument(parseDocument(text), lookup), text);
    }
  });

  test("an edit that changes a definition nothing depends on checks the edited statement only", () => {
    const text = [
      "CREATE TABLE u (x INT) WITH ('connector' = 'rest', 'rest.connection' = 'nowhere')",
      "CREATE CONNECTION b WITH ('type' = 'rest', 'endpoint' = 'https://example.com')",
      "CREATE TABLE v (x INT) WITH ('connector' = 'rest', 'rest.connection' = 'nowhere')",
    ].join(';\n');
    const before = analyzeEdit(parseDocument(text), lookup);
    const at = text.indexOf("'type'") + 3; // b's type changes; no statement names b
    const edited = `${text.slice(0, at)}x${text.slice(at)}`;
    const after = analyzeEdit(parseDocument(edited, before.parsed, { start: at, end: at, newLength: 1 }), lookup, { flinkOnly: true }, before);
    assert.deepEqual(after.problems, analyzeDocument(parseDocument(edited), lookup));
    assert.equal(after.problems[0], before.problems[0], 'the problem before the edit is the same object: not checked again');
  });
});
