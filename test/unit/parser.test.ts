import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractExamples } from 'ohm-js/extras';
import grammar from '../../server/src/parser/flinksql.ohm-bundle';
import { splitStatements } from '../../server/src/parser/splitStatements';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { parseStatement, rememberedShapes } from '../../server/src/parser/parseStatement';
import { everyToken, KEYWORDS, statementShape } from '../../server/src/parser/statementShape';
import { placeTemplate } from '../../server/src/parser/placeTemplate';
import { semantics } from '../../server/src/parser/semantics';
import fc from 'fast-check';
import { optionListOf, type Statement } from '../../server/src/parser/ast';
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
    const rule = example.rule || 'statement';
    test(`${example.shouldMatch ? 'matches' : 'rejects'} ${rule}: ${example.example}`, () => {
      assert.equal(grammar.match(statementShape(example.example).shape, rule).succeeded(), example.shouldMatch);
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

  test("a Unicode string (U&'…') as an option's value: its escapes read, its value's span between its quotes", () => {
    const text = "CREATE TABLE t (a STRING) WITH ('csv.field-delimiter' = U&'\\0001', 'k' = u&'#00e9##' UESCAPE '#')";
    const statement = parseOne(text);
    assert.equal(statement.kind, 'createTable');
    const [delimiter, k] = statement.kind === 'createTable' ? statement.options!.options : [];
    assert.equal(delimiter!.value.value, '\u0001');
    assert.equal(text.slice(delimiter!.value.span.start, delimiter!.value.span.end), "U&'\\0001'");
    assert.equal(text.slice(delimiter!.value.valueSpan.start, delimiter!.value.valueSpan.end), '\\0001');
    assert.equal(k!.value.value, 'é#');
    assert.equal(text.slice(k!.value.valueSpan.start, k!.value.valueSpan.end), '#00e9##');
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

describe('CREATE TABLE and CREATE MODEL, every clause', () => {
  /** The table or model of `source`, which marks the spans of its first option key and of its USING CONNECTION name. */
  const parsed = (source: string) => {
    const { text, ranges } = parseMarkers(source);
    const statement = parseOne(text);
    assert.ok(statement.kind === 'createTable' || statement.kind === 'createModel', statement.kind);
    return { statement, ranges };
  };

  test('CREATE TABLE … WITH (…) AS SELECT: the options are read, the query is not', () => {
    const { statement, ranges } = parsed(`CREATE TABLE t WITH ([|'connector'|] = 'print') AS SELECT * FROM s WHERE x = 'WITH ('`);
    assert.deepEqual(statement.options?.options.map((o) => o.key.span), ranges);
  });

  test('CTAS with a CTE, after DISTRIBUTED INTO n BUCKETS', () => {
    const { statement, ranges } = parsed(
      `CREATE OR REPLACE TABLE t DISTRIBUTED INTO 1 BUCKETS WITH ([|'changelog.mode'|] = 'append') AS WITH c AS (SELECT 1 AS a) SELECT a FROM c`,
    );
    assert.deepEqual(statement.options?.options.map((o) => o.key.span), ranges);
  });

  test('LIKE a source table with like options', () => {
    const { statement, ranges } = parsed(`CREATE TEMPORARY TABLE t WITH ([|'connector'|] = 'print') LIKE db.s (EXCLUDING ALL INCLUDING GENERATED)`);
    assert.deepEqual(statement.options?.options.map((o) => o.key.span), ranges);
  });

  test('columns, constraints, watermark, COMMENT, DISTRIBUTED BY HASH … INTO, PARTITIONED BY, USING CONNECTION', () => {
    const { statement, ranges } = parsed(`CREATE TABLE IF NOT EXISTS \`c\`.\`d\`.t (
        id BIGINT, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL, cost AS price * qty,
        WATERMARK FOR ts AS ts - INTERVAL '5' SECOND, CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED
      ) COMMENT 'orders' DISTRIBUTED BY HASH(id) INTO 4 BUCKETS PARTITIONED BY (id) USING CONNECTION cat.db.[|conn|]
      WITH ([|'connector'|] = 'jdbc')`);
    assert.equal(statement.kind === 'createTable' && statement.connection?.parts.map((p) => p.value).join('.'), 'cat.db.conn');
    assert.deepEqual(statement.connection?.parts[2]?.span, ranges[0]);
    assert.deepEqual(statement.options?.options[0]?.key.span, ranges[1]);
  });

  test('CREATE MODEL with INPUT, OUTPUT, COMMENT, WITH and AS', () => {
    const { statement, ranges } = parsed(
      `CREATE TEMPORARY MODEL IF NOT EXISTS m INPUT (a STRING COMMENT 'in') OUTPUT (b ARRAY<FLOAT>) COMMENT 'm' WITH ([|'provider'|] = 'openai') AS SELECT * FROM t`,
    );
    assert.deepEqual(statement.options?.options.map((o) => o.key.span), ranges);
  });

  test('a form the grammar does not know is other: Hive DDL, a model whose clauses come in another order', () => {
    assert.equal(parseOne(`CREATE TABLE h (a INT) PARTITIONED BY (dt STRING) STORED AS ORC TBLPROPERTIES ('k' = 'v')`).kind, 'other');
    assert.equal(parseOne(`create table h(a int, b string) LOCATION '/warehouse/h'`).kind, 'other');
    assert.equal(parseOne(`CREATE MODEL m COMMENT 'x' USING CONNECTION c WITH ('k' = 'v',)`).kind, 'other');
  });

  test('a table that reaches its WITH ( is checked from there on', () => {
    const junk = parseMarkers(`CREATE TABLE t (a INT) WITH ('k' = 'v') [|P|]ARTITIONED BY (a)`);
    assert.equal(parseStatement(junk.text, 'create').error?.offset, junk.ranges[0]!.start);
    const buckets = parseMarkers(`CREATE TABLE t DISTRIBUTED INTO [|B|]UCKETS WITH ('k' = 'v')`);
    assert.equal(parseStatement(buckets.text, 'create').error?.message, 'Expected a number.');
    assert.equal(parseStatement(buckets.text, 'create').error?.offset, buckets.ranges[0]!.start);
  });
});

describe('models, tools and agents: what they define and every name they use', () => {
  /** The one statement of `source`, parsed, and the spans its `[|…|]` markers give, in order. */
  const marked = (source: string) => {
    const { text, ranges } = parseMarkers(source);
    return { statement: parseOne(text), ranges, text };
  };
  const spans = (names: readonly { parts: readonly { span: unknown }[] }[]) => names.map((n) => n.parts[n.parts.length - 1]!.span);

  test('CREATE MODEL: INPUT, OUTPUT, USING CONNECTION, COMMENT and WITH', () => {
    const { statement, ranges } = marked(
      `CREATE MODEL IF NOT EXISTS db.[|m|] INPUT [|(text STRING)|] OUTPUT [|(label STRING)|] USING CONNECTION \`env\`.[|\`my-conn\`|] COMMENT [|'x'|] WITH ([|'provider'|] = 'openai')`,
    );
    assert.ok(statement.kind === 'createModel');
    assert.deepEqual(
      [statement.name.parts[1]!.span, statement.input, statement.output, statement.connection?.parts[1]!.span, statement.comment?.span, statement.options?.options[0]!.key.span],
      ranges,
    );
    assert.deepEqual([statement.ifNotExists, statement.temporary, statement.orReplace], [true, false, false]);
    assert.equal(statement.connection?.parts.map((p) => p.value).join('.'), 'env.my-conn');
  });

  test("CREATE MODEL … USING CONNECTION c, as Confluent's demo writes it, without WITH", () => {
    const { statement, ranges } = marked(`CREATE MODEL pit_strategy_model\n  USING CONNECTION [|ai_connection|]`);
    assert.ok(statement.kind === 'createModel');
    assert.deepEqual(statement.connection?.parts[0]!.span, ranges[0]);
    assert.equal(statement.options, undefined);
  });

  test('CREATE TOOL names its function or its connection', () => {
    const fn = marked(`CREATE TOOL [|convert_tool|] USING FUNCTION db.[|convert_to_celsius|] WITH ([|'type'|] = 'function')`);
    assert.ok(fn.statement.kind === 'createTool');
    assert.deepEqual([fn.statement.name.parts[0]!.span, fn.statement.function?.parts[1]!.span, fn.statement.options?.options[0]!.key.span], fn.ranges);
    assert.equal(fn.statement.connection, undefined);
    const mcp = marked(`CREATE TOOL IF NOT EXISTS t USING CONNECTION [|\`remote-mcp\`|] COMMENT 'c' WITH ('type' = 'mcp')`);
    assert.ok(mcp.statement.kind === 'createTool' && mcp.statement.ifNotExists);
    assert.deepEqual(mcp.statement.connection?.parts[0], { value: 'remote-mcp', quoted: true, span: mcp.ranges[0] });
    assert.equal(mcp.statement.function, undefined);
    const bare = parseOne(`CREATE TOOL t WITH ('type' = 'mcp')`);
    assert.ok(bare.kind === 'createTool' && bare.connection === undefined && bare.function === undefined);
  });

  test('CREATE AGENT: its model, prompt, tools, comment and options', () => {
    const { statement, ranges } = marked(
      `CREATE AGENT [|price_match_agent|]\nUSING MODEL [|\`remote_mcp_model\`|]\nUSING PROMPT [|'You compare prices.\nOne line each.'|]\nUSING TOOLS [|lab1_mcp|], db.[|\`send-email\`|]\nCOMMENT [|'price matching'|]\nWITH ([|'MAX_ITERATIONS'|] = '10')`,
    );
    assert.ok(statement.kind === 'createAgent');
    assert.deepEqual(
      [
        statement.name.parts[0]!.span,
        statement.model?.parts[0]!.span,
        statement.prompt?.span,
        ...spans(statement.tools),
        statement.comment?.span,
        statement.options?.options[0]!.key.span,
      ],
      ranges,
    );
    assert.equal(statement.prompt?.value, 'You compare prices.\nOne line each.');
    assert.deepEqual(statement.agents, []);
  });

  test('CREATE AGENT without tools, and the reflection agent of USING AGENTS', () => {
    const plain = parseOne(`CREATE AGENT claims_agent USING MODEL m USING PROMPT 'Summarise.' WITH ('max_iterations' = '5')`);
    assert.ok(plain.kind === 'createAgent');
    assert.deepEqual(plain.tools, []);
    const { statement, ranges } = marked(`CREATE AGENT IF NOT EXISTS r USING AGENTS [|drafter|], \`db\`.[|critic|] WITH ('max_iterations' = '3')`);
    assert.ok(statement.kind === 'createAgent' && statement.ifNotExists);
    assert.deepEqual(spans(statement.agents), ranges);
    assert.equal(statement.model, undefined);
    assert.equal(statement.prompt, undefined);
  });

  test('ALTER AGENT: SET MODEL, SET PROMPT, ADD TOOL, REMOVE TOOL and SET (…)', () => {
    const setModel = marked(`ALTER AGENT IF EXISTS a SET MODEL [|m2|]`);
    assert.ok(setModel.statement.kind === 'alterAgent' && setModel.statement.ifExists);
    assert.deepEqual(setModel.statement.change.action === 'setModel' && setModel.statement.change.model.parts[0]!.span, setModel.ranges[0]);
    const prompt = parseOne(`ALTER AGENT a SET PROMPT 'it''s new'`);
    assert.equal(prompt.kind === 'alterAgent' && prompt.change.action === 'setPrompt' && prompt.change.prompt.value, "it's new");
    for (const action of ['addTool', 'removeTool'] as const) {
      const { statement, ranges } = marked(`ALTER AGENT cat.db.a ${action === 'addTool' ? 'ADD' : 'REMOVE'} TOOL db.[|t|]`);
      assert.ok(statement.kind === 'alterAgent' && statement.change.action === action);
      assert.deepEqual('tool' in statement.change && statement.change.tool.parts[1]!.span, ranges[0]);
    }
    const options = marked(`ALTER AGENT a SET ([|'max_iterations'|] = '5')`);
    assert.deepEqual(optionListOf(options.statement)?.options.map((o) => o.key.span), options.ranges);
  });

  test("a model's version is split from its name where a statement manages the model", () => {
    const plain = marked(`DROP MODEL IF EXISTS db.[|m|][|$2|]`);
    assert.ok(plain.statement.kind === 'dropModel' && plain.statement.ifExists);
    assert.deepEqual(plain.statement.name.parts[1], { value: 'm', quoted: false, span: plain.ranges[0] });
    assert.deepEqual(plain.statement.version, { value: '2', span: plain.ranges[1] });
    const quoted = marked('DESCRIBE MODEL [|`sentiment_model|][|$all|]`');
    assert.ok(quoted.statement.kind === 'describeModel');
    assert.deepEqual(quoted.statement.name.parts[0], { value: 'sentiment_model', quoted: true, span: quoted.ranges[0] });
    assert.deepEqual(quoted.statement.version, { value: 'all', span: quoted.ranges[1] });
    const altered = marked(`ALTER MODEL [|m|][|$3|] SET ([|'default_version'|] = '3')`);
    assert.ok(altered.statement.kind === 'alterModel' && altered.statement.change.action === 'set');
    assert.deepEqual([altered.statement.name.parts[0]!.span, altered.statement.version?.span, altered.statement.change.options.options[0]!.key.span], altered.ranges);
    const unversioned = parseOne(`DROP MODEL m`);
    assert.ok(unversioned.kind === 'dropModel' && unversioned.version === undefined && unversioned.name.parts[0]!.value === 'm');
    const created = parseOne(`CREATE MODEL m$2 WITH ('task' = 'embedding')`);
    assert.equal(created.kind === 'createModel' && created.name.parts[0]!.value, 'm$2', 'a CREATE names the model as written');
  });

  test('ALTER MODEL and ALTER TOOL: RESET keys and RENAME TO', () => {
    const reset = marked(`ALTER MODEL m RESET ([|'openai.system_prompt'|], [|'task'|])`);
    assert.ok(reset.statement.kind === 'alterModel' && reset.statement.change.action === 'reset');
    assert.deepEqual(reset.statement.change.keys.map((k) => k.span), reset.ranges);
    const renamed = marked(`ALTER TOOL IF EXISTS db.t RENAME TO db.[|t2|]`);
    assert.ok(renamed.statement.kind === 'alterTool' && renamed.statement.change.action === 'rename');
    assert.deepEqual(renamed.statement.change.newName.parts[1]!.span, renamed.ranges[0]);
    const set = parseOne(`ALTER TOOL t SET ('allowed_tools' = 'a,b')`);
    assert.equal(optionListOf(set)?.options[0]?.value.value, 'a,b');
  });

  test('DROP, DESCRIBE, SHOW CREATE and SHOW of models, tools and agents', () => {
    const kinds = [
      [`DROP TEMPORARY MODEL cat1.db1.m`, 'dropModel'],
      [`DROP TOOL IF EXISTS t`, 'dropTool'],
      [`DROP AGENT a`, 'dropAgent'],
      [`DESC TOOL EXTENDED t`, 'describeTool'],
      [`SHOW CREATE MODEL m`, 'showCreateModel'],
      [`SHOW CREATE TOOL t`, 'showCreateTool'],
      [`SHOW CREATE AGENT a`, 'showCreateAgent'],
      [`SHOW MODELS`, 'showModels'],
      [`SHOW TOOLS FROM \`env\`.\`db\``, 'showTools'],
      [`SHOW AGENTS IN db NOT LIKE 'x%'`, 'showAgents'],
    ] as const;
    for (const [text, kind] of kinds) assert.equal(parseOne(text).kind, kind, text);
    const described = marked(`DESC TOOL EXTENDED db.[|t|]`);
    assert.ok(described.statement.kind === 'describeTool');
    assert.deepEqual(described.statement.name.parts[1]!.span, described.ranges[0]);
    const dropped = parseOne(`DROP TEMPORARY MODEL m`);
    assert.ok(dropped.kind === 'dropModel' && dropped.temporary);
    const shown = parseOne(`SHOW AGENTS FROM db LIKE 'a%'`);
    assert.equal(shown.kind === 'showAgents' && shown.like?.value, 'a%');
  });

  test('forms the grammar does not know stay silent; option lists it reads are checked', () => {
    for (const text of [`DESCRIBE AGENT a`, `ALTER MODEL m ADD COLUMN x`, `DROP AGENT a CASCADE`, `CREATE AGENT a USING PROMPT 'p' USING MODEL m WITH ('k' = 'v',)`]) {
      assert.equal(parseOne(text).kind, 'other', text);
    }
    const agent = parseMarkers(`CREATE AGENT a USING MODEL m USING PROMPT 'p' WITH ('max_iterations' = '5',[|)|]`);
    assert.equal(parseStatement(agent.text, 'create').error?.offset, agent.ranges[0]!.start);
    const tool = parseMarkers(`ALTER TOOL t SET ('allowed_tools' [|'|]a')`);
    assert.equal(parseStatement(tool.text, 'alter').error?.offset, tool.ranges[0]!.start);
    const prompt = parseMarkers(`ALTER AGENT a SET PROMPT [|p|]`);
    assert.equal(parseStatement(prompt.text, 'alter').error?.offset, prompt.ranges[0]!.start);
  });
});

describe("Apache Flink's CONNECTION statements, and the names a function uses", () => {
  test('TEMPORARY [SYSTEM] on CREATE and DROP', () => {
    const created = parseOne(`CREATE TEMPORARY SYSTEM CONNECTION IF NOT EXISTS c COMMENT 'x' WITH ('type' = 'basic')`);
    assert.ok(created.kind === 'createConnection' && created.temporary);
    const plain = parseOne(`CREATE CONNECTION c WITH ('type' = 'openai')`);
    assert.ok(plain.kind === 'createConnection' && !plain.temporary);
    const dropped = parseOne(`DROP TEMPORARY CONNECTION IF EXISTS c`);
    assert.ok(dropped.kind === 'dropConnection' && dropped.temporary && dropped.ifExists);
  });

  test('ALTER … RESET and RENAME TO, SHOW CREATE and DESCRIBE EXTENDED name the connection', () => {
    const { text, ranges } = parseMarkers(`ALTER CONNECTION IF EXISTS db.[|c|] RENAME TO c2`);
    const renamed = parseOne(text);
    assert.equal(renamed.kind, 'renameConnection');
    assert.deepEqual(renamed.kind === 'renameConnection' && renamed.name.parts[1]!.span, ranges[0]);
    assert.equal(parseOne(`ALTER CONNECTION c RESET ('password', 'url')`).kind, 'resetConnection');
    assert.equal(parseOne(`SHOW CREATE CONNECTION cat.db.c`).kind, 'showCreateConnection');
    const described = parseOne(`DESC CONNECTION EXTENDED c`);
    assert.equal(described.kind === 'describeConnection' && described.name.parts[0]!.value, 'c');
    assert.equal(parseStatement(`ALTER CONNECTION c RESET ('password' = 'x')`, 'alter').error?.message, 'Expected ")".');
  });

  test('USING CONNECTIONS takes strings and identifiers', () => {
    const { text, ranges } = parseMarkers(`CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS ('[|a|]', \`default\`.\`db\`.[|\`b\`|])`);
    const fn = parseOne(text);
    assert.ok(fn.kind === 'createFunction');
    assert.deepEqual(fn.connections.map((c) => c.valueSpan), [ranges[0]]);
    assert.deepEqual(fn.connectionIdentifiers.map((n) => n.parts[2]!.span), [ranges[1]]);
  });
});

describe("SET and RESET in the SQL client's older form", () => {
  test('the key and the value are where they stand, unquoted', () => {
    const { text, ranges } = parseMarkers(`SET [|table.exec.mini-batch.allow-latency|] = [|2s|]`);
    const set = parseOne(text);
    assert.ok(set.kind === 'set');
    assert.deepEqual([set.legacy?.key, set.legacy?.value], ranges);
    assert.equal(set.key, undefined);
  });

  test('RESET key; the quoted forms have no legacy part', () => {
    const { text, ranges } = parseMarkers(`RESET [|table.sql-dialect|]`);
    const reset = parseOne(text);
    assert.deepEqual(reset.kind === 'reset' && reset.legacy, { key: ranges[0], value: undefined });
    const quoted = parseOne(`SET 'table.sql-dialect' = 'hive'`);
    assert.equal(quoted.kind === 'set' && quoted.legacy, undefined);
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

  test('reuse reaches back to the previous version only', () => {
    const first = parseDocument('CREATE CONNECTION a WITH ();');
    let parsed = first;
    for (let i = 0; i < 50; i++) parsed = parseDocument(`CREATE CONNECTION c${i} WITH ();`, parsed);
    const again = parseDocument('CREATE CONNECTION a WITH ();', parsed);
    assert.notEqual(again.statements[0]!.statement, first.statements[0]!.statement, 'parsed again: nothing older is kept');
  });
});

describe('the tokens the grammar reads', () => {
  const keywordToken = (word: (typeof KEYWORDS)[number]) => String.fromCharCode(0xe000 + KEYWORDS.indexOf(word));
  const kinds = (text: string) => {
    const { shape, starts, ends } = statementShape(text);
    return [...shape].map((char, i) => `${char}:${text.slice(starts[i], ends[i])}`);
  };

  test('every keyword has its rule in the grammar, and every keyword rule is a keyword', () => {
    const keywordRules = Object.keys(grammar.rules).filter((rule) => /^kw[A-Z]/.test(rule));
    assert.deepEqual(keywordRules.sort(), KEYWORDS.map((word) => `kw${word[0]!.toUpperCase()}${word.slice(1)}`).sort());
    for (const word of KEYWORDS) {
      const rule = `kw${word[0]!.toUpperCase()}${word.slice(1)}`;
      assert.ok(grammar.match(keywordToken(word), rule).succeeded(), rule);
      assert.equal(statementShape(word.toUpperCase()).shape, keywordToken(word));
    }
  });

  test('white space and comments are skipped; strings, names, numbers, hints and punctuation are tokens', () => {
    assert.deepEqual(kinds(`x1 -- c\n 'it''s' /* c */ \`a\`\`b\` 3.14 /*+ h */ ( ) , = . - // end`), [
      'a:x1',
      "':'it''s'",
      '`:`a``b`',
      '0:3.14',
      '+:/*+ h */',
      '(:(',
      '):)',
      ',:,',
      '=:=',
      '.:.',
      '#:-',
    ]);
  });

  test('words in any script are words, `$` starts one as for Flink; a keyword is a keyword in any case', () => {
    assert.deepEqual(kinds(`接続_1 Ñame $x WiTh`), ['a:接続_1', 'a:Ñame', 'a:$x', `${keywordToken('with')}:WiTh`]);
  });

  test('a word is a keyword only when it is one letter for letter, in any case', () => {
    // Words that differ from a keyword in their first character, its case, its length, or by a character
    // that is no letter; and every keyword in every mix of cases.
    for (const word of ['_xist', '$xists', 'xists', 'existss', 'exist', 'exists_', 'wit', 'w1th', 'with$', 'Wíth', 'ẞet']) {
      assert.equal(statementShape(word).shape, 'a', word);
    }
    fc.assert(
      fc.property(fc.constantFrom(...KEYWORDS), fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }), (word, upper) => {
        const written = [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
        assert.equal(statementShape(written).shape, keywordToken(word), written);
      }),
    );
  });

  test('a word with characters beyond ASCII is a keyword when its lower case is one', () => {
    // The Kelvin sign's lower case is `k`; the other letters here look like a keyword's or change their length.
    assert.equal(statementShape('LI\u212aE').shape, keywordToken('like'));
    const letters = ['l', 'I', 'k', 'E', 's', 't', '\u212a', '\u017f', '\u0130', '\u0131', 'é', 'ẞ', '接'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 6 }), fc.constantFrom('', 'like', 'set', 'list', 'exists'), (parts, keyword) => {
        // Mixed into a keyword's letters, or on their own.
        const written = keyword ? [...keyword].map((c, i) => (parts[i % parts.length] === '\u212a' && c === 'k' ? '\u212a' : parts[i % parts.length] === 'E' ? c.toUpperCase() : c)).join('') : parts.join('');
        const lower = written.toLowerCase();
        const expected = (KEYWORDS as readonly string[]).includes(lower) ? keywordToken(lower as (typeof KEYWORDS)[number]) : 'a';
        assert.equal(statementShape(written).shape, expected, JSON.stringify(written));
      }),
      { numRuns: 2000 },
    );
  });

  test('an unclosed string is one token to the end, which no statement accepts', () => {
    assert.deepEqual(kinds(`SET 'a = b`), [`${keywordToken('set')}:SET`, "!:'a = b"]);
    assert.ok(parseStatement(`SET 'a = b`, 'set').error);
  });
});

describe('statements of one shape', () => {
  test('share the grammar’s work but each reads its own text', () => {
    const first = parseOne(`CREATE CONNECTION a WITH ('type' = 'openai')`);
    const { text, ranges } = parseMarkers(`create  connection [|\`b b\`|] -- note\n with ( [|'TYPE'|]=[|'it''s'|] )`);
    const second = parseOne(text);
    assert.ok(first.kind === 'createConnection' && second.kind === 'createConnection');
    assert.equal(first.name.parts[0]!.value, 'a');
    assert.deepEqual(second.name.parts[0], { value: 'b b', quoted: true, span: ranges[0] });
    assert.deepEqual(second.options.options[0]!.key.span, ranges[1]);
    assert.equal(second.options.options[0]!.value.value, "it's");
    assert.deepEqual(second.options.options[0]!.value.span, ranges[2]);
  });

  test('point their syntax errors at their own characters', () => {
    const a = parseStatement(`DROP CONNECTION a b`, 'drop');
    const b = parseStatement(`DROP   CONNECTION   \`long name\`   other`, 'drop');
    assert.equal(a.error?.offset, 18);
    assert.equal(b.error?.offset, 34);
    assert.equal(a.error?.message, b.error?.message);
  });

  test('keep no parser state: trees are plain data, and the shapes remembered are bounded', () => {
    const visit = (value: unknown, seen = new Set<unknown>()): void => {
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      const prototype = Object.getPrototypeOf(value);
      assert.ok(prototype === Object.prototype || prototype === Array.prototype, 'only plain objects and arrays');
      for (const child of Object.values(value)) visit(child, seen);
    };
    visit(parseOne(`CREATE OR REPLACE CONNECTION c COMMENT 'x' WITH ('type' = 'openai', 'api-key' = 'k')`));
    visit(parseOne(`CREATE TOOL t USING CONNECTION c WITH ('type' = 'mcp')`));
    // Thousands of different shapes (one more option each time) are never all remembered.
    for (let options = 1; options <= 5000; options++) {
      parseStatement(`SHOW CONNECTIONS LIKE ${"'x' ".repeat(options % 400)}${'a '.repeat(Math.floor(options / 400))}`, 'show');
    }
    assert.ok(rememberedShapes() <= 4000, `${rememberedShapes()} shapes remembered`);
  });
});

describe('the insides of parentheses the grammar reads as balanced runs', () => {
  /** What the grammar makes of `text` read with every token (as before shapes left the insides out): a tree, or where and why it fails. */
  function everyTokenOutcome(text: string): { statement: Statement } | { offset: number; expected: string } {
    const tokens = everyToken(text);
    const match = grammar.match(tokens.shape, 'statement');
    if (match.failed()) {
      const at = match.getRightmostFailurePosition();
      return { offset: at >= tokens.starts.length ? text.length : tokens.starts[at]!, expected: match.getExpectedText() };
    }
    return { statement: placeTemplate(semantics(match).statement(), text, tokens) };
  }
  /** `parseStatement`'s outcome for `text`, in the same terms (its error message begins with what was expected). */
  function outcome(text: string) {
    const { statement, error } = parseStatement(text, splitStatements(text).statements[0]?.firstWord ?? '');
    return statement ? { statement } : { offset: error.offset, expected: /^Expected (.*?)(?: at the end of the statement)?\./.exec(error.message)![1]! };
  }
  const owned = (text: string) => /^\s*(create|alter|drop|show|describe|desc|set|reset|use)\b/i.test(text);
  const sameOutcome = (text: string) => {
    const reference = everyTokenOutcome(text);
    // Statements the grammar does not own are never matched.
    if (owned(text)) assert.deepEqual(outcome(text), reference, text);
  };

  test('leave every statement of the examples, the fixtures and the real-world corpus as the grammar makes it with every token', () => {
    const folders = ['../../examples', '../fixtures/real-world', '../vscode/fixtures/workspace'].map((folder) => path.join(__dirname, folder));
    let statements = 0;
    for (const folder of folders) {
      for (const name of readdirSync(folder).filter((n) => n.endsWith('.sql'))) {
        const text = readFileSync(path.join(folder, name), 'utf8');
        for (const slice of splitStatements(text).statements) {
          sameOutcome(text.slice(slice.start, slice.end));
          statements++;
        }
      }
    }
    assert.ok(statements > 400, `${statements} statements`);
  });

  test('leave any statement made of their pieces as the grammar makes it with every token', () => {
    const pieces = [
      'CREATE TABLE t', 'CREATE MODEL m', 'CREATE TOOL w', 'CREATE FUNCTION f', 'CREATE CONNECTION c', 'ALTER MODEL m', 'ALTER CONNECTION c', 'CREATE AGENT g',
      '(', ')', '(a INT, b STRING)', 'DECIMAL(10, 2)', 'WITH', 'SET', 'RESET', 'USING CONNECTION c', 'USING CONNECTIONS', "('a', b)", "('k' = 'v')",
      'AS', 'SELECT * FROM x', 'INPUT', 'OUTPUT', 'PARTITIONED BY', 'LIKE s', 'COMMENT', "'c'", ',', '=', 'x', '`q`', 'USING FUNCTION f', 'USING MODEL n',
      "USING PROMPT 'p'", 'USING TOOLS w', 'IF NOT EXISTS', 'connection', 'with (', "'unclosed", '/* c */', '(WITH (', 'CONNECTIONS (c))',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }), (parts) => sameOutcome(parts.join(' '))),
      { numRuns: 3000 },
    );
  });

  test('make one shape of tables that differ only in their columns', () => {
    assert.equal(statementShape("CREATE TABLE t (a INT) WITH ('k' = 'v')").shape, statementShape("CREATE TABLE t (a INT, b DECIMAL(10, 2), c ROW<x INT>) WITH ('k' = 'v')").shape);
    // An option list keeps its insides, and so does a pair that holds a function's USING CONNECTIONS.
    assert.notEqual(statementShape("ALTER MODEL m SET ('a' = 'b')").shape, statementShape("ALTER MODEL m SET ('a' = 'b', 'c' = 'd')").shape);
    assert.match(statementShape('CREATE FUNCTION f (x USING CONNECTIONS (c))').shape, /\(.+\(.+\)\)/u);
  });
});
