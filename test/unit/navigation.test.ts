import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-types';
import { parseMarkers } from '../helpers/markers';
import { parseDocument, type ParsedDocument } from '../../server/src/parser/parseDocument';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import {
  ConnectionIndex,
  entriesIn,
  entriesInText,
  occurrencesIn,
} from '../../server/src/workspace/connectionIndex';
import { nameAt } from '../../server/src/features/atPosition';
import { definition } from '../../server/src/features/definition';
import { references } from '../../server/src/features/references';
import { nameAsWritten, newNameProblem, prepareRename, rename, RenameError } from '../../server/src/features/rename';

/**
 * A workspace of marked files: `open` files are indexed from their parse, `closed` ones from their
 * text alone, as the server reads files on disk. One file holds the `$0` cursor.
 */
interface File {
  readonly name: string;
  readonly document: TextDocument;
  readonly parsed: ParsedDocument;
  readonly ranges: readonly { start: number; end: number }[];
  readonly cursor: number | undefined;
}

const uriOf = (name: string) => `file:///work/${name}`;

function workspace(open: Record<string, string>, closed: Record<string, string> = {}) {
  const index = new ConnectionIndex();
  const files: File[] = [];
  for (const [name, source] of Object.entries({ ...open, ...closed })) {
    const { text, cursor, ranges } = parseMarkers(source);
    const uri = uriOf(name);
    const document = TextDocument.create(uri, 'flinksql', 1, text);
    const parsed = parseDocument(text);
    index.set(uri, name in open ? entriesIn(uri, document, parsed) : entriesInText(uri, text));
    files.push({ name, document, parsed, ranges, cursor });
  }
  const current = files.find((f) => f.cursor !== undefined);
  assert.ok(current, 'one file marks the cursor with $0');
  return { index, files, current, at: current.cursor! };
}

type Workspace = ReturnType<typeof workspace>;

/** Locations as `file "text"@offset`, which reads well in a failed assertion. */
function render(ws: Workspace, locations: readonly Location[]): string[] {
  return locations.map((location) => {
    const file = ws.files.find((f) => uriOf(f.name) === location.uri)!;
    const start = file.document.offsetAt(location.range.start);
    const end = file.document.offsetAt(location.range.end);
    return `${file.name} ${JSON.stringify(file.document.getText().slice(start, end))}@${start}`;
  });
}

function marked(ws: Workspace): string[] {
  return ws.files.flatMap((file) =>
    file.ranges.map(({ start, end }) => `${file.name} ${JSON.stringify(file.document.getText().slice(start, end))}@${start}`),
  );
}

/** Asserts that go to definition at `$0` lands exactly on the `[|…|]` ranges, in the files' order. */
function checkDefinition(open: Record<string, string>, closed?: Record<string, string>): void {
  const ws = workspace(open, closed);
  assert.deepEqual(render(ws, definition(ws.current.document, ws.current.parsed, ws.at, ws.index)), marked(ws));
}

/** Asserts that find references at `$0` finds exactly the `[|…|]` ranges (in any order). */
function checkReferences(includeDeclaration: boolean, open: Record<string, string>, closed?: Record<string, string>): void {
  const ws = workspace(open, closed);
  const found = references(ws.current.document, ws.current.parsed, ws.at, ws.index, includeDeclaration);
  assert.deepEqual(render(ws, found).sort(), marked(ws).sort());
}

/** The texts of every file after applying `edit`. */
function applied(ws: Workspace, edit: WorkspaceEdit | null): Record<string, string> {
  assert.ok(edit?.changes, 'a rename edit');
  const texts: Record<string, string> = {};
  for (const file of ws.files) texts[file.name] = TextDocument.applyEdits(file.document, edit.changes[uriOf(file.name)] ?? []);
  return texts;
}

/** Asserts that renaming at `$0` to `newName` turns every file into `expected`. */
function checkRename(newName: string, open: Record<string, string>, expected: Record<string, string>, closed?: Record<string, string>): void {
  const ws = workspace(open, closed);
  assert.deepEqual(applied(ws, rename(ws.current.document, ws.current.parsed, ws.at, newName, ws.index)), expected);
}

const OPENAI = `WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = 'k')`;

describe('go to definition', () => {
  test('from a connection option value to the CREATE CONNECTION in the same document', () => {
    checkDefinition({
      'a.sql': `CREATE CONNECTION [|my_openai|] ${OPENAI};
        CREATE MODEL m INPUT (p STRING) OUTPUT (r STRING) WITH ('provider' = 'openai', 'openai.connection' = 'my_o$0penai');`,
    });
  });

  test('from USING CONNECTION to a backticked definition in another file', () => {
    checkDefinition({
      'tools.sql': 'CREATE TOOL t USING CONNECTION `mcp-$0server` WITH (\'type\' = \'mcp\');',
      'connections.sql': "CREATE CONNECTION [|`mcp-server`|] WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'token' = 't');",
    });
  });

  test('from the second name of USING CONNECTIONS', () => {
    checkDefinition({
      'a.sql': `CREATE CONNECTION a ${OPENAI};
        CREATE CONNECTION [|b|] ${OPENAI};
        CREATE FUNCTION f AS 'com.example.F' USING JAR 'confluent-artifact://cfa-1' USING CONNECTIONS ('a', '$0b');`,
    });
  });

  test('from ALTER, DROP and DESCRIBE', () => {
    for (const statement of ['ALTER CONNECTION $0c SET (\'api-key\' = \'k2\')', 'DROP CONNECTION IF EXISTS c$0', 'DESCRIBE CONNECTION $0c']) {
      checkDefinition({ 'a.sql': `CREATE CONNECTION [|c|] ${OPENAI};\n${statement};` });
    }
  });

  test('on the name of a CREATE CONNECTION, that name itself', () => {
    checkDefinition({
      'a.sql': `CREATE OR REPLACE CONNECTION [|c$0|] ${OPENAI};`,
      'b.sql': `CREATE CONNECTION c ${OPENAI};`,
    });
  });

  test('definitions in this document first, then in other files, open or on disk', () => {
    checkDefinition(
      {
        'b.sql': `DROP CONNECTION $0c;\nCREATE CONNECTION [|c|] ${OPENAI};`,
        'a.sql': `CREATE CONNECTION [|c|] ${OPENAI};`,
      },
      { 'disk.sql': `SELECT 1;\nCREATE CONNECTION [|c|] ${OPENAI};` },
    );
  });

  test('a qualified name goes by its last part; the catalog and database parts name no connection', () => {
    checkDefinition({
      'a.sql': `CREATE CONNECTION env.db.[|c|] ${OPENAI};
        CREATE TABLE t (a INT) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'env.db.$0c');`,
    });
    checkDefinition({
      'a.sql': `CREATE CONNECTION env.db.c ${OPENAI};
        CREATE TABLE t (a INT) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'e$0nv.db.c');`,
    });
    checkDefinition({ 'a.sql': `CREATE CONNECTION env.db.c ${OPENAI};\nDROP CONNECTION \`e$0nv\`.db.c;` });
  });

  test('names are case-sensitive', () => {
    checkDefinition({ 'a.sql': `CREATE CONNECTION conn ${OPENAI};\nDROP CONNECTION Co$0nn;` });
  });

  test('nothing away from a connection name', () => {
    checkDefinition({ 'a.sql': `CREATE CONNECTION c ${OPENAI};\nDROP CONN$0ECTION c;` });
    checkDefinition({ 'a.sql': `CREATE CONNECTION c ${OPENAI};\nCREATE TABLE t (a INT) WITH ('connector' = '$0c');` });
    checkDefinition({ 'a.sql': `CREATE CONNECTION c ${OPENAI};\n$0` });
  });

  test('from a statement being typed, which does not parse yet', () => {
    checkDefinition({ 'a.sql': `CREATE CONNECTION [|c|] ${OPENAI};\nCREATE TABLE t (a INT) WITH ('mongodb.connection' = 'c$0'` });
    checkDefinition({ 'a.sql': `CREATE CONNECTION [|c|] ${OPENAI};\nALTER CONNECTION c$0 SET ('api-key' = ` });
  });

  test('from the forms of every CONNECTION statement the grammar knows', () => {
    for (const statement of [
      'SHOW CREATE CONNECTION env.$0c',
      'DROP TEMPORARY SYSTEM CONNECTION IF EXISTS c$0',
      'DESCRIBE CONNECTION EXTENDED $0c',
      "ALTER CONNECTION $0c RESET ('api-key')",
      'ALTER CONNECTION c$0 RENAME TO d',
      "CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS (`default`.`db`.`c$0`)",
    ]) {
      checkDefinition({ 'a.sql': `CREATE CONNECTION [|c|] ${OPENAI};\n${statement};` });
    }
    checkDefinition({ 'a.sql': `CREATE CONNECTION c ${OPENAI};\nALTER CONNECTION c RENAME TO $0d;` });
    checkDefinition({ 'a.sql': `CREATE CONNECTION c ${OPENAI};\nCREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS (\`def$0ault\`.\`db\`.\`c\`);` });
  });

  test('positions count UTF-16 code units: an emoji before the name on its line', () => {
    checkDefinition({
      'a.sql': `/* 🚀 */ CREATE CONNECTION [|\`🚀 rocket\`|] ${OPENAI};
        /* 🚀🚀 */ DROP CONNECTION \`🚀 roc$0ket\`;`,
    });
  });
});

describe('find references', () => {
  const connections = `CREATE CONNECTION [|shared|] ${OPENAI};\nALTER CONNECTION [|shared|] SET ('api-key' = 'k2');`;
  const uses = `-- uses of shared
    CREATE MODEL m INPUT (p STRING) OUTPUT (r STRING) WITH ('provider' = 'openai', 'openai.connection' = '[|shared|]');
    CREATE TABLE t (a INT) WITH ('connector' = 'rest', 'rest.connection' = 'env.db.[|shared|]');
    CREATE TOOL tool USING CONNECTION \`env\`.[|shared|] WITH ('type' = 'mcp');
    CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS ('other', '[|shared|]');
    DESCRIBE CONNECTION [|\`shared\`|];
    DROP CONNECTION sharedX;
    DROP CONNECTION SHARED;`;

  test('every kind of reference, across an open document and a file on disk, with the declaration', () => {
    checkReferences(true, { 'connections.sql': connections.replace('[|shared|] WITH', '[|sh$0ared|] WITH') }, { 'uses.sql': uses });
  });

  test('from a reference in a string, without the declaration', () => {
    checkReferences(
      false,
      { 'uses.sql': uses.replace("'[|shared|]');\n    CREATE TABLE", "'[|sha$0red|]');\n    CREATE TABLE") },
      { 'connections.sql': connections.replace('CONNECTION [|shared|] WITH', 'CONNECTION shared WITH') },
    );
  });

  test('a name with quotes and backticks in it, in strings and identifiers', () => {
    checkReferences(true, {
      'a.sql': `CREATE CONNECTION [|\`it's a \`\`tick\`\`\`|] ${OPENAI};
        CREATE TABLE t (a INT) WITH ('connector' = 'mongodb', 'mongodb.connection' = '[|it''s a \`t$0ick\`|]');
        DROP CONNECTION [|\`it's a \`\`tick\`\`\`|];`,
    });
  });

  test('references of a connection nobody defines', () => {
    checkReferences(true, { 'a.sql': `DROP CONNECTION [|gh$0ost|];\nDESCRIBE CONNECTION [|ghost|];` });
  });

  test('a statement that does not parse names nothing', () => {
    checkReferences(true, { 'a.sql': `CREATE CONNECTION [|c|] ${OPENAI};\nDROP CONNECTION [|c$0|];\nALTER CONNECTION c SET 'k' = 'v';` });
  });
});

describe('the connection index', () => {
  const text = `CREATE CONNECTION c ${OPENAI};\nDROP CONNECTION c;`;
  const uri = uriOf('a.sql');

  test('set with entries records definitions and occurrences; a new set replaces them; delete forgets them', () => {
    const index = new ConnectionIndex();
    assert.equal(index.set(uri, entriesInText(uri, text)), true);
    assert.equal(index.find('c').length, 1);
    const document = TextDocument.create(uri, 'flinksql', 1, text);
    assert.equal(index.set(uri, entriesIn(uri, document, parseDocument(text))), false, 'same names and types');
    assert.deepEqual(
      index.occurrences('c').map((o) => `${o.kind} ${o.form} ${o.span.start}-${o.span.end}`),
      [`definition plain 18-19`, `manage plain ${text.length - 2}-${text.length - 1}`],
    );
    assert.equal(index.set(uri, entriesInText(uri, `${text}\nDESCRIBE CONNECTION c;`)), false, 'references do not change diagnostics elsewhere');
    assert.equal(index.occurrences('c').length, 3);
    assert.deepEqual(index.occurrences('c', uri), []);
    assert.equal(index.delete(uri), true);
    assert.deepEqual(index.occurrences('c'), []);
    assert.deepEqual(index.find('c'), []);
  });
});

describe('rename', () => {
  const before = {
    'connections.sql': `CREATE CONNECTION my_conn ${OPENAI};
ALTER CONNECTION env.db.my_conn SET ('api-key' = 'k2');
CREATE CONNECTION my_conn2 ${OPENAI};`,
    'uses.sql': `CREATE MODEL m INPUT (p STRING) OUTPUT (r STRING) WITH ('provider' = 'openai', 'openai.connection' = 'my_conn');
CREATE TABLE t (a INT) WITH ('connector' = 'rest', 'rest.connection' = 'env.db.my_conn');
CREATE TOOL tool USING CONNECTION \`env\`.\`my_conn\` WITH ('type' = 'mcp');
CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS ('my_conn2', 'my_conn');
DROP CONNECTION My_Conn;`,
  };
  const withCursor = (files: Record<string, string>) => ({
    ...files,
    'connections.sql': files['connections.sql']!.replace('CONNECTION my_conn ', 'CONNECTION my_c$0onn '),
  });

  test('a plain new name, everywhere, in open documents and files on disk', () => {
    checkRename(
      'openai_prod',
      withCursor({ 'connections.sql': before['connections.sql'] }),
      {
        'connections.sql': `CREATE CONNECTION openai_prod ${OPENAI};
ALTER CONNECTION env.db.openai_prod SET ('api-key' = 'k2');
CREATE CONNECTION my_conn2 ${OPENAI};`,
        'uses.sql': `CREATE MODEL m INPUT (p STRING) OUTPUT (r STRING) WITH ('provider' = 'openai', 'openai.connection' = 'openai_prod');
CREATE TABLE t (a INT) WITH ('connector' = 'rest', 'rest.connection' = 'env.db.openai_prod');
CREATE TOOL tool USING CONNECTION \`env\`.\`openai_prod\` WITH ('type' = 'mcp');
CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS ('my_conn2', 'openai_prod');
DROP CONNECTION My_Conn;`,
      },
      { 'uses.sql': before['uses.sql'] },
    );
  });

  test('a name that needs backticks gets them in identifiers and none in strings', () => {
    checkRename('openai-prod', withCursor(before), {
      'connections.sql': `CREATE CONNECTION \`openai-prod\` ${OPENAI};
ALTER CONNECTION env.db.\`openai-prod\` SET ('api-key' = 'k2');
CREATE CONNECTION my_conn2 ${OPENAI};`,
      'uses.sql': `CREATE MODEL m INPUT (p STRING) OUTPUT (r STRING) WITH ('provider' = 'openai', 'openai.connection' = 'openai-prod');
CREATE TABLE t (a INT) WITH ('connector' = 'rest', 'rest.connection' = 'env.db.openai-prod');
CREATE TOOL tool USING CONNECTION \`env\`.\`openai-prod\` WITH ('type' = 'mcp');
CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS ('my_conn2', 'openai-prod');
DROP CONNECTION My_Conn;`,
    });
  });

  test("quotes are doubled in strings and backticks in identifiers", () => {
    checkRename(
      "it's `x`",
      { 'a.sql': `CREATE CONNECTION c$0 ${OPENAI};\nCREATE TABLE t (a INT) WITH ('mongodb.connection' = 'c');\nDROP CONNECTION \`c\`;` },
      {
        'a.sql': `CREATE CONNECTION \`it's \`\`x\`\`\` ${OPENAI};\nCREATE TABLE t (a INT) WITH ('mongodb.connection' = 'it''s \`x\`');\nDROP CONNECTION \`it's \`\`x\`\`\`;`,
      },
    );
  });

  test('an identifier in USING CONNECTIONS keeps its backticks', () => {
    checkRename(
      'new-name',
      { 'a.sql': `CREATE CONNECTION c$0 ${OPENAI};\nCREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS (\`default\`.\`db\`.\`c\`, 'c');` },
      { 'a.sql': `CREATE CONNECTION \`new-name\` ${OPENAI};\nCREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS (\`default\`.\`db\`.\`new-name\`, 'new-name');` },
    );
  });

  test('from a string reference whose name has escapes, to a plain name: a backticked name stays backticked', () => {
    checkRename(
      'plain',
      { 'a.sql': `CREATE CONNECTION \`it's\` ${OPENAI};\nCREATE TABLE t (a INT) WITH ('mongodb.connection' = 'db.it''$0s');` },
      { 'a.sql': `CREATE CONNECTION \`plain\` ${OPENAI};\nCREATE TABLE t (a INT) WITH ('mongodb.connection' = 'db.plain');` },
    );
  });

  test('a reserved word is backticked', () => {
    checkRename(
      'select',
      { 'a.sql': `CREATE CONNECTION c ${OPENAI};\nDROP CONNECTION $0c;` },
      { 'a.sql': `CREATE CONNECTION \`select\` ${OPENAI};\nDROP CONNECTION \`select\`;` },
    );
  });

  test('UTF-16: emoji before the name and in it', () => {
    checkRename(
      '🚀 launch',
      { 'a.sql': `/* 🚀 */ CREATE CONNECTION \`🚀 ro$0cket\` ${OPENAI};\n/* 🚀🚀 */ CREATE TABLE t (a INT) WITH ('x.connection' = '🚀 rocket');` },
      { 'a.sql': `/* 🚀 */ CREATE CONNECTION \`🚀 launch\` ${OPENAI};\n/* 🚀🚀 */ CREATE TABLE t (a INT) WITH ('x.connection' = '🚀 launch');` },
    );
  });

  test('prepareRename: the name inside its backticks or quotes, unescaped as the placeholder', () => {
    const check = (source: string, placeholder: string | null) => {
      const { text, cursor, ranges } = parseMarkers(source);
      const document = TextDocument.create(uriOf('a.sql'), 'flinksql', 1, text);
      const result = prepareRename(document, parseDocument(text), cursor!);
      if (placeholder === null) return assert.equal(result, null);
      assert.deepEqual(result, {
        range: { start: document.positionAt(ranges[0]!.start), end: document.positionAt(ranges[0]!.end) },
        placeholder,
      });
    };
    check(`CREATE CONNECTION \`[|a\`\`$0b|]\` ${OPENAI};`, 'a`b');
    check(`CREATE TABLE t (a INT) WITH ('mongodb.connection' = 'env.[|it''s$0|]');`, "it's");
    check(`DROP CONNECTION env.[|$0c|];`, 'c');
    check(`DROP CONNECTION $0env.c;`, null);
    // A statement that does not parse yet is left alone: a rename edits only what the parse names.
    check(`CREATE TABLE t (a INT) WITH ('mongodb.connection' = 'c$0'`, null);
    check(`CREATE TABLE $0t (a INT);`, null);
  });

  test('invalid new names are refused with a message; nothing to rename gives null', () => {
    const ws = workspace({ 'a.sql': `CREATE CONNECTION $0c ${OPENAI};` });
    for (const newName of ['', ' c', 'a\nb', 'env.c']) {
      assert.throws(() => rename(ws.current.document, ws.current.parsed, ws.at, newName, ws.index), RenameError);
      assert.ok(newNameProblem(newName));
    }
    assert.equal(newNameProblem('my-conn'), undefined);
    const none = workspace({ 'a.sql': `CREATE $0CONNECTION c ${OPENAI};` });
    assert.equal(rename(none.current.document, none.current.parsed, none.at, 'd', none.index), null);
  });

  test('nameAsWritten', () => {
    assert.equal(nameAsWritten('a_1$', 'plain'), 'a_1$');
    assert.equal(nameAsWritten('a_1$', 'backticked'), '`a_1$`');
    assert.equal(nameAsWritten('1a', 'plain'), '`1a`');
    assert.equal(nameAsWritten('With', 'plain'), '`With`');
    assert.equal(nameAsWritten('é', 'plain'), '`é`');
    assert.equal(nameAsWritten("a'`b", 'string'), "a''`b");
  });
});

describe('models, tools and agents', () => {
  const MODEL = "CREATE MODEL [|m|] INPUT (p STRING) OUTPUT (r STRING) WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'c');";

  test('go to definition from USING TOOLS, a file on disk holding the CREATE TOOL', () => {
    checkDefinition(
      { 'agents.sql': "CREATE AGENT a USING MODEL m USING PROMPT 'p' USING TOOLS search, `fe$0tch` WITH ('max_iterations' = '5');" },
      { 'tools.sql': "SELECT 1;\nCREATE TOOL [|`fetch`|] USING CONNECTION mcp WITH ('type' = 'mcp', 'allowed_tools' = 'fetch');" },
    );
  });

  test('go to definition from the first argument of a function, a string with a version or an identifier', () => {
    for (const call of ["ML_PREDICT('m$0$2', p)", "AI_COMPLETE(`m$0`, p)", 'ML_EVALUATE(db.$0m, label, p)', 'ML_PREDICT(TABLE t, MODEL m$0, DESCRIPTOR(p))']) {
      checkDefinition({ 'q.sql': `SELECT * FROM t, LATERAL TABLE(${call});`, 'models.sql': MODEL });
    }
    checkDefinition({
      'q.sql': "SELECT * FROM t, LATERAL TABLE(AI_RUN_AGENT('$0a', p, id));",
      'agents.sql': "CREATE AGENT [|a|] USING MODEL m USING PROMPT 'p' WITH ('max_iterations' = '5');",
    });
  });

  test('a model, a tool and a connection of the same name are three things', () => {
    const connection = `CREATE CONNECTION x ${OPENAI};`;
    const tool = (x: string) => `CREATE TOOL ${x} USING CONNECTION x WITH ('type' = 'mcp', 'allowed_tools' = 'y');`;
    checkDefinition({ 'c.sql': connection, 't.sql': tool('x'), 'a.sql': "CREATE AGENT a USING MODEL $0x USING PROMPT 'p' USING TOOLS x;", 'm.sql': MODEL.replace('[|m|]', '[|x|]') });
    checkDefinition({ 'c.sql': connection, 't.sql': tool('[|x|]'), 'a.sql': "CREATE AGENT a USING MODEL x USING PROMPT 'p' USING TOOLS $0x;", 'm.sql': MODEL.replace('[|m|]', 'x') });
    checkReferences(true, { 'c.sql': `CREATE CONNECTION [|x|] ${OPENAI};`, 't.sql': tool('x').replace('CONNECTION x', 'CONNECTION [|$0x|]'), 'm.sql': MODEL.replace('[|m|]', 'x') });
  });

  test('every place that names a model, across files, without the declaration', () => {
    checkReferences(
      false,
      {
        'a.sql': `CREATE AGENT a USING MODEL [|m|] USING PROMPT 'p';
          ALTER AGENT a SET MODEL [|m|];
          ALTER MODEL [|m|]$2 SET ('openai.temperature' = '0.2');
          DESCRIBE MODEL \`[|m|]$all\`;
          SELECT ML_PREDICT('[|m|]$1', p), AI_EMBEDDING([|m$0|], p), ML_PREDICT('other', p) FROM t;`,
      },
      { 'models.sql': MODEL.replace('[|m|]', 'm') + '\nDROP MODEL IF EXISTS [|m|];' },
    );
  });

  test('rename a model keeps its versions; rename an agent and a tool', () => {
    checkRename(
      'chat',
      { 'a.sql': "ALTER MODEL `m$2` SET ('openai.temperature' = '0.2');\nSELECT ML_PREDICT('m$all', p), AI_COMPLETE(m$0, p) FROM t;" },
      { 'a.sql': "ALTER MODEL `chat$2` SET ('openai.temperature' = '0.2');\nSELECT ML_PREDICT('chat$all', p), AI_COMPLETE(chat, p) FROM t;", 'm.sql': MODEL.replace('[|m|]', 'chat') },
      { 'm.sql': MODEL.replace('[|m|]', 'm') },
    );
    checkRename(
      'fetch tool',
      { 'a.sql': "CREATE TOOL t$0 USING FUNCTION f WITH ('type' = 'function');\nALTER AGENT a ADD TOOL t;\nALTER AGENT a REMOVE TOOL db.t;\nCREATE AGENT b USING AGENTS t;" },
      { 'a.sql': "CREATE TOOL `fetch tool` USING FUNCTION f WITH ('type' = 'function');\nALTER AGENT a ADD TOOL `fetch tool`;\nALTER AGENT a REMOVE TOOL db.`fetch tool`;\nCREATE AGENT b USING AGENTS t;" },
    );
  });
});

describe('renaming a model to a name with a dot', () => {
  test('is refused in words about models', () => {
    const ws = workspace({ 'a.sql': "SELECT ML_PREDICT('m$0', x) FROM t;" });
    assert.throws(() => rename(ws.current.document, ws.current.parsed, ws.at, 'db.m', ws.index), /A model name cannot contain '\.'/);
  });
});

describe('the name at a position, read from the tokens of the statement, is what the parse names', () => {
  const files = [
    ...['connections.sql', 'mistakes.sql', 'models-and-tables.sql', 'using-mistakes.sql'].map((name) => path.join(__dirname, '../../examples', name)),
    ...readdirSync(path.join(__dirname, '../fixtures/real-world'))
      .filter((name) => name.endsWith('.sql'))
      .map((name) => path.join(__dirname, '../fixtures/real-world', name)),
  ];
  for (const file of files) {
    test(path.basename(file), () => {
      const text = readFileSync(file, 'utf8');
      const document = TextDocument.create('file:///a.sql', 'flinksql', 1, text);
      const parsed = parseDocument(text);
      const occurrences = occurrencesIn(document.uri, document, parsed);
      let checked = 0;
      for (const { slice, statement } of parsed.statements) {
        if (!statement) continue;
        for (let offset = slice.start; offset <= slice.end; offset++) {
          const found = nameAt(text, parsed, offset);
          const expected = occurrences.find((o) => o.span.start <= offset && offset <= o.span.end);
          const show = (o: typeof found | typeof expected) =>
            o && `${'defines' in o ? o.kind : o.resource} ${o.name} ${o.form} ${o.span.start}-${o.span.end} ${'defines' in o ? o.defines : o.kind === 'definition'}`;
          assert.equal(show(found), show(expected), `at ${offset}: ${JSON.stringify(text.slice(offset - 20, offset))}`);
          if (found) checked++;
        }
      }
      assert.equal(checked > 0, occurrences.length > 0);
    });
  }
});
