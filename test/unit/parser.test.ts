import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractExamples } from 'ohm-js/extras';
import grammar from '../../server/src/parser/flinksql.ohm-bundle';
import { splitStatements } from '../../server/src/parser/lexer';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { parseStatement } from '../../server/src/parser/parseStatement';
import type { Statement } from '../../server/src/parser/ast';
import { parseMarkers } from '../helpers/markers';

const grammarSource = readFileSync(path.join(__dirname, '../../server/src/parser/flinksql.ohm'), 'utf8');

/** The single statement of `text`, parsed. */
function parseOne(text: string): Statement {
  const { statements } = parseDocument(text);
  assert.equal(statements.length, 1);
  const [only] = statements;
  assert.equal(only!.error, undefined, only!.error?.message);
  return only!.statement!;
}

describe("the grammar's own examples", () => {
  for (const example of extractExamples(grammarSource)) {
    const rule = example.rule || 'Statement';
    test(`${example.shouldMatch ? 'matches' : 'rejects'} ${rule}: ${example.example}`, () => {
      assert.equal(grammar.match(example.example, rule).succeeded(), example.shouldMatch);
    });
  }
});

describe('splitting a document into statements', () => {
  const texts = (source: string) => splitStatements(source).statements.map((s) => source.slice(s.start, s.end));

  test('semicolons in strings, quoted names and comments do not split', () => {
    assert.deepEqual(texts(`SELECT ';' FROM \`a;b\`; -- c;d\n/* e;f */ SELECT 2 // g;h\n;`), [
      "SELECT ';' FROM `a;b`",
      'SELECT 2',
    ]);
  });

  test("doubled quotes stay inside the string", () => {
    assert.deepEqual(texts(`SET 'k' = 'it''s;fine'; SET`), [`SET 'k' = 'it''s;fine'`, 'SET']);
  });

  test('a hint is part of its statement; a comment before a statement is not', () => {
    assert.deepEqual(texts(`-- lead\n/* block */ INSERT /*+ OPTIONS('a'='b;c') */ INTO t SELECT 1;`), [
      `INSERT /*+ OPTIONS('a'='b;c') */ INTO t SELECT 1`,
    ]);
  });

  test('EXECUTE STATEMENT SET keeps its inner statements until END', () => {
    assert.deepEqual(texts(`EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 'end'; END; SELECT 3;`), [
      `EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 'end'; END`,
      'SELECT 3',
    ]);
  });

  test('empty statements are skipped and the first word is recorded', () => {
    const { statements } = splitStatements(`;;  \n create connection x;`);
    assert.deepEqual(statements.map((s) => s.firstWord), ['create']);
  });

  test('an unterminated string ends at its line and the next line starts fresh', () => {
    const source = `SELECT 'oops\nSELECT 2;`;
    const { statements, errors } = splitStatements(source);
    assert.deepEqual(errors, [{ kind: 'unterminated-string', start: 7, end: 12 }]);
    assert.equal(statements.length, 1, 'the statement runs to the next ;');
  });

  test('an unterminated block comment runs to the end', () => {
    const { statements, errors } = splitStatements(`SELECT 1; /* open\nSELECT 2;`);
    assert.equal(statements.length, 1);
    assert.equal(errors[0]!.kind, 'unterminated-comment');
  });
});

describe('statement trees', () => {
  test('CREATE CONNECTION with every optional part', () => {
    const source = `CREATE OR REPLACE CONNECTION IF NOT EXISTS \`env\`.\`lkc-1\`.\`my-conn\` COMMENT 'it''s mine' WITH ('type' = 'openai')`;
    const statement = parseOne(source);
    assert.equal(statement.kind, 'createConnection');
    if (statement.kind !== 'createConnection') return;
    assert.equal(statement.orReplace, true);
    assert.equal(statement.ifNotExists, true);
    assert.deepEqual(statement.name.parts.map((p) => p.value), ['env', 'lkc-1', 'my-conn']);
    assert.equal(statement.comment?.value, "it's mine");
    const [option] = statement.options.options;
    assert.equal(option!.key.value, 'type');
    assert.equal(source.slice(option!.value.valueSpan.start, option!.value.valueSpan.end), 'openai');
  });

  test('keywords are case-insensitive and names keep their case', () => {
    const statement = parseOne(`cReAtE cOnNeCtIoN MyConn wItH ()`);
    assert.equal(statement.kind, 'createConnection');
    if (statement.kind === 'createConnection') assert.equal(statement.name.parts[0]!.value, 'MyConn');
  });

  test('doubled backticks in a quoted name', () => {
    const statement = parseOne('DROP CONNECTION IF EXISTS `a``b`');
    assert.equal(statement.kind, 'dropConnection');
    if (statement.kind === 'dropConnection') assert.equal(statement.name.parts[0]!.value, 'a`b');
  });

  test('references: table and model options, tool and function clauses', () => {
    const table = parseOne(`CREATE TABLE t (a ROW<b STRING>, WATERMARK FOR ts AS ts) DISTRIBUTED BY (a) WITH ('mongodb.connection' = 'c')`);
    assert.equal(table.kind === 'createTable' && table.options?.options[0]?.value.value, 'c');
    const tool = parseOne('CREATE TOOL t USING CONNECTION `env`.`mcp conn` WITH (\'type\' = \'mcp\')');
    assert.equal(tool.kind === 'createTool' && tool.connection?.parts[1]?.value, 'mcp conn');
    const fn = parseOne(`CREATE TEMPORARY SYSTEM FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS ('a', 'b')`);
    assert.deepEqual(fn.kind === 'createFunction' && fn.connections.map((c) => c.value), ['a', 'b']);
  });

  test('SHOW, DESCRIBE, SET, RESET and USE', () => {
    assert.equal(parseOne(`SHOW CONNECTIONS FROM \`e\`.\`d\` LIKE 'a%'`).kind, 'showConnections');
    assert.equal(parseOne(`DESC CONNECTION c`).kind, 'describeConnection');
    const set = parseOne(`SET 'sql.secrets.k' = 'v'`);
    assert.equal(set.kind === 'set' && set.value?.value, 'v');
    assert.equal(parseOne(`RESET`).kind, 'reset');
    const use = parseOne(`USE CATALOG c`);
    assert.equal(use.kind === 'use' && use.target, 'catalog');
  });

  test('statements the grammar does not own are other, even when they start with CREATE', () => {
    assert.equal(parseOne(`CREATE VIEW v AS SELECT 'x'`).kind, 'other');
    assert.equal(parseOne(`INSERT INTO t SELECT * FROM s`).kind, 'other');
    assert.equal(parseStatement('SELECT (((', 'select').statement?.kind, 'other');
  });
});

describe('syntax errors', () => {
  test('say what was expected, in keywords', () => {
    const { error } = parseStatement(`CREATE CONNECTION IF EXISTS c WITH ()`, 'create');
    assert.equal(error?.message, 'Expected NOT.');
  });

  test('point where the statement stops matching', () => {
    const { text, ranges } = parseMarkers(`ALTER CONNECTION c SET ('a' = 'b' [|'|]c' = 'd')`);
    const { error } = parseStatement(text, 'alter');
    assert.equal(error?.offset, ranges[0]!.start);
  });
});

describe('offsets count UTF-16 code units', () => {
  test('emoji and CJK before an option do not shift it', () => {
    const { text, ranges } = parseMarkers(`CREATE CONNECTION c COMMENT '😀 接続' WITH ([|'type'|] = 'openai')`);
    const statement = parseOne(text);
    assert.ok(statement.kind === 'createConnection');
    assert.deepEqual(statement.options.options[0]!.key.span, ranges[0]);
  });
});

describe('incremental parsing', () => {
  test('unchanged statements are reused after an edit elsewhere', () => {
    const first = parseDocument(`CREATE CONNECTION a WITH ('type' = 'openai');\nCREATE CONNECTION b WITH ('type' = 'openai');`);
    const second = parseDocument(`CREATE CONNECTION a WITH ('type' = 'openai');\nCREATE CONNECTION bb WITH ('type' = 'openai');`, first);
    assert.equal(second.statements[0]!.statement, first.statements[0]!.statement, 'the same tree object');
    assert.notEqual(second.statements[1]!.statement, first.statements[1]!.statement);
  });

  test('the reuse cache holds only the current statements', () => {
    let parsed = parseDocument('SELECT 1;');
    for (let i = 0; i < 50; i++) parsed = parseDocument(`CREATE CONNECTION c${i} WITH ();`, parsed);
    assert.equal(parsed.cache.size, 1);
  });
});
