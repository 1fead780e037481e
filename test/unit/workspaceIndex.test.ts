/**
 * The index of a file on disk parses only the statements that can define or name a connection; what
 * it holds must equal what full parses give, position for position.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConnectionIndex, definitionsIn, entriesInText, mayNameResource, occurrencesIn, type ConnectionOccurrence, type IndexedDefinition } from '../../server/src/workspace/connectionIndex';
import { eachStatementOf, parseDocument } from '../../server/src/parser/parseDocument';
import { generateDocument } from '../../scripts/benchDocument';

const uri = 'file:///w/a.sql';

/** What the index holds for `text`, from a full parse of every statement. */
function fromFullParse(text: string) {
  const document = TextDocument.create(uri, 'flinksql', 0, text);
  const parsed = parseDocument(text);
  return { definitions: definitionsIn(uri, document, parsed), occurrences: occurrencesIn(uri, document, parsed) };
}

function comparable(entries: { definitions: readonly IndexedDefinition[]; occurrences: readonly ConnectionOccurrence[] }) {
  // Spread reads a literal's getters (ranges are computed when read); an occurrence's fields are read one by one, as its users read them.
  const plain = (o: object) => JSON.parse(JSON.stringify(o));
  return {
    definitions: entries.definitions.map(({ kind, name, qualifiedName, nameSpan, type, endpoint, comment, flink, connection, model, uses, uri, nameRange }) =>
      plain({ kind, name, qualifiedName, nameSpan, type, endpoint, comment, flink, connection, model, uses, uri, nameRange }),
    ),
    occurrences: entries.occurrences.map(({ uri, resource, name, kind, form, span, range }) => plain({ uri, resource, name, kind, form, span, range })),
  };
}

function assertSameIndex(text: string): void {
  assert.deepEqual(comparable(entriesInText(uri, text)), comparable(fromFullParse(text)));
}

const examples = readdirSync(path.join(__dirname, '../../examples'))
  .filter((f) => f.endsWith('.sql'))
  .map((f) => readFileSync(path.join(__dirname, '../../examples', f), 'utf8'));

describe('the index of a file on disk', () => {
  test('equals full parses on the examples and a generated document of 2,000 statements', () => {
    for (const text of [...examples, generateDocument(2_000, 7)]) assertSameIndex(text);
  });

  test('equals full parses on random documents', () => {
    const pieces = [
      'CREATE CONNECTION c WITH (', "CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = '", "'c'", 'c', '`c`',
      "'type' = 'openai'", ', ', ')', ';', '\n', '\r\n', '\r', ' ', '--', '/*', '*/', "'", 'USING CONNECTION c', 'USING CONNECTIONS (c, `d`)',
      'SELECT 1', 'CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH (', "'openai.connection' = 'c'", 'CONNECTION', 'connection',
      "CREATE TOOL t USING CONNECTION c WITH ('type' = 'mcp')", "CREATE AGENT a USING MODEL m USING PROMPT 'p' USING TOOLS t, `u`",
      'ALTER AGENT a ADD TOOL ', 'DROP MODEL ', 'm$2', "'m$all'", 'SELECT ML_PREDICT(', 'AI_RUN_AGENT(', 'MODEL', 'TOOL', 'AGENT',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => assertSameIndex(parts.join(''))),
      { numRuns: 1_000 },
    );
  });

  test('parses only the statements that can name a connection, at their places in the text', () => {
    const text = "SELECT 'x';\nCREATE CONNECTION c WITH ('type' = 'openai');\nINSERT INTO t\nSELECT 1;";
    const parsed = [...eachStatementOf(text, mayNameResource)];
    assert.deepEqual(
      parsed.map((s) => [s.text, s.slice.start, s.statement?.kind]),
      [["CREATE CONNECTION c WITH ('type' = 'openai')", text.indexOf('CREATE'), 'createConnection']],
    );
  });

  test('keeps the statements that define or name a model, tool or agent, calls of ML_PREDICT or AI_RUN_AGENT included', () => {
    const kept = ["CREATE AGENT a USING MODEL m USING PROMPT 'p'", 'DROP TOOL t', "SELECT * FROM t, LATERAL TABLE(ai_run_agent('a', p))", "SELECT ML_PREDICT('m', x) FROM t"];
    const text = `SELECT 1;\n${kept.join(';\n')};`;
    assert.deepEqual(
      [...eachStatementOf(text, mayNameResource)].map((s) => s.text),
      kept,
    );
  });
});

describe('the index of a workspace', () => {
  test('answers as one built afresh, whatever files are read, read again, forgotten and looked up, in any order', () => {
    // Lookups between the changes keep the documents-by-name map, which the changes then update
    // rather than rebuild: it must stay what a fresh index of the same files works out.
    const files = ['file:///w/a.sql', 'file:///w/b.sql', 'file:///w/c.sql', 'file:///w/d.sql'];
    const statements = [
      "CREATE CONNECTION x WITH ('type' = 'openai')",
      "CREATE CONNECTION y WITH ('type' = 'rest')",
      "CREATE CONNECTION `x` WITH ('type' = 'mongodb')",
      "CREATE MODEL x WITH ('provider' = 'openai')",
      "CREATE TOOL y USING CONNECTION x WITH ('type' = 'mcp')",
      "CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'x')",
      'SELECT 1',
    ];
    const text = fc.array(fc.constantFrom(...statements), { maxLength: 4 }).map((s) => s.map((t) => `${t};\n`).join(''));
    const step = fc.record({ file: fc.constantFrom(...files), text: fc.option(text), lookUp: fc.boolean() });
    const answers = (index: ConnectionIndex) =>
      [index.find('x'), index.find('y'), index.find('x', undefined, 'model'), index.find('y', undefined, 'tool'), index.find('x', files[1])].map((found) =>
        found.map((d) => [d.uri, d.kind, d.type, d.nameSpan.start]),
      );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const index = new ConnectionIndex();
        const now = new Map<string, string>();
        for (const { file, text: content, lookUp } of steps) {
          if (content === null) {
            index.delete(file);
            now.delete(file);
          } else {
            index.set(file, entriesInText(file, content));
            // A file read again keeps its place among the others, as the index keeps it.
            now.set(file, content);
          }
          if (lookUp) answers(index);
        }
        const fresh = new ConnectionIndex();
        for (const [file, content] of now) fresh.set(file, entriesInText(file, content));
        assert.deepEqual(answers(index), answers(fresh));
      }),
      { numRuns: 1_000 },
    );
  });
});
