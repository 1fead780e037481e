import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accept, completionsAt, editOf } from '../helpers/completion';
import { parseMarkers } from '../helpers/markers';
import { problemsOf } from '../helpers/analysis';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { connectionTypes } from '../../server/src/catalogue/connectionTypes';
import { definitionOf } from '../../server/src/analysis/connectionReferences';
import { referenceKeys } from '../../server/src/catalogue/keyIndex';
import { modelProviders, modelTasks } from '../../server/src/catalogue/modelProviders';
import { tableConnectors } from '../../server/src/catalogue/tableConnectors';
import type { CompletionItem } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/parser/parseDocument';

const workspace = {
  connections: [
    { name: 'orders-mongo', type: 'mongodb' },
    { name: 'support_openai', type: 'openai' },
  ],
};

describe('at the start of a statement', () => {
  test('offers the CONNECTION statements and a snippet per type and auth method', () => {
    const { labels } = completionsAt('SELECT 1;\n$0');
    for (const keyword of ['CREATE CONNECTION', 'ALTER CONNECTION', 'DROP CONNECTION', 'SHOW CONNECTIONS', 'DESCRIBE CONNECTION']) {
      assert.ok(labels.includes(keyword), keyword);
    }
    assert.ok(labels.includes('CREATE CONNECTION OpenAI'));
    assert.ok(labels.includes('CREATE CONNECTION REST API (bearer token)'));
  });

  test('every connection snippet inserts a statement without diagnostics', () => {
    const { labels } = completionsAt('$0');
    const snippets = labels.filter((l) => l.startsWith('CREATE CONNECTION ') && l !== 'CREATE CONNECTION');
    assert.ok(snippets.length >= connectionTypes.length);
    for (const label of snippets) {
      const text = accept('$0', label);
      assert.deepEqual(problemsOf(text).map((p) => `${label}: ${p.code} ${p.message}`), []);
    }
  });

  test('a word being typed is replaced', () => {
    assert.equal(accept('CRE$0', 'DROP CONNECTION'), 'DROP CONNECTION name;');
  });

  test('nothing inside a comment', () => {
    assert.deepEqual(completionsAt('-- a comment $0').labels, []);
  });

  test('right after the words CREATE CONNECTION or CREATE CONN (Ctrl+Space), the statements replace the words typed', () => {
    for (const typed of ['CREATE CONNECTION', 'CREATE CONN', 'create connection ', 'CREATE OR REPLACE CONN', 'DESC']) {
      const { items, document } = completionsAt(`SELECT 1;\n${typed}$0\nCREATE CONNECTION other WITH ('type' = 'openai');`);
      const item = items.find((i) => i.label === 'CREATE CONNECTION OpenAI');
      assert.ok(item, `${typed}: ${JSON.stringify(items.map((i) => i.label))}`);
      const range = editOf(item).range;
      assert.equal(document.getText(range), typed, `${typed}: the edit replaces the words typed`);
    }
    assert.equal(
      accept(`SELECT 1;\nCREATE CONN$0\nDROP CONNECTION x;`, 'DROP CONNECTION'),
      `SELECT 1;\nDROP CONNECTION name;\nDROP CONNECTION x;`,
    );
  });

  test('not after words that begin no CONNECTION statement, nor with more on the line', () => {
    assert.deepEqual(completionsAt('CREATE TABLE $0').labels, []);
    assert.deepEqual(completionsAt('CREATE CONNECTION $0foo WITH (').labels, []);
    assert.deepEqual(completionsAt('CREATE\nCONN$0').labels, []);
  });
});

describe('every edit stays on the cursor’s line', () => {
  // A quote left open above other statements: the string runs on to the next statement's first quote.
  const below = `\n);\nCREATE CONNECTION other WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');`;

  test('a value in a string left open is completed and closed on its line; the code below stays', () => {
    for (const typed of ["'", "'op"]) {
      assert.equal(
        accept(`CREATE CONNECTION c WITH (\n  'type' = ${typed}$0${below}`, 'openai'),
        `CREATE CONNECTION c WITH (\n  'type' = 'openai'${below}`,
        typed,
      );
    }
  });

  test('a key in a string left open is completed with its = and value', () => {
    assert.equal(
      accept(`CREATE CONNECTION c WITH (\n  'type' = 'openai',\n  'endpoint' = 'https://x',\n  'ap$0${below}`, 'api-key'),
      `CREATE CONNECTION c WITH (\n  'type' = 'openai',\n  'endpoint' = 'https://x',\n  'api-key' = ''${below}`,
    );
  });

  test('text after the cursor on the line is kept by insert, replaced by replace', () => {
    const source = `CREATE CONNECTION c WITH ('type' = 'op$0enai')`;
    assert.equal(accept(source, 'openai', undefined, 'replace'), `CREATE CONNECTION c WITH ('type' = 'openai')`);
    assert.equal(accept(source, 'openai', undefined, 'insert'), `CREATE CONNECTION c WITH ('type' = 'openaienai')`);
  });
});

describe('the text a client filters on is what the user typed', () => {
  // The range's text up to the cursor, as clients read it, must begin the item's filterText (or label).
  const cases: [string, string][] = [
    [`CREATE CONNECTION c WITH ('type' = 'op$0')`, 'openai'],
    [`CREATE CONNECTION c WITH ('type' = 'op$0`, 'openai'],
    [`CREATE CONNECTION c WITH ('type' = '$0')`, 'openai'],
    [`CREATE CONNECTION c WITH ('type' = $0)`, 'openai'],
    [`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap$0')`, 'api-key'],
    [`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', ap$0)`, 'api-key'],
    [`CREATE CONNECTION c WITH ('type' = 'mcp_server', 'transport-type' = 'SS$0')`, 'SSE'],
    [`CREATE TABLE t (a STRING) WITH ('mongodb.connection' = 'ord$0')`, 'orders-mongo'],
    ['DESCRIBE CONNECTION sup$0', 'support_openai'],
  ];
  for (const [source, label] of cases) {
    test(source, () => {
      const { items, document } = completionsAt(source, workspace);
      const item = items.find((i) => i.label === label);
      assert.ok(item, `no ${label} in ${JSON.stringify(items.map((i) => i.label))}`);
      const { range } = editOf(item, 'insert');
      const typed = document.getText().slice(document.offsetAt(range.start), parseMarkers(source).cursor);
      assert.ok(!typed.startsWith("'"), `the range starts after the quote: ${JSON.stringify(typed)}`);
      assert.ok((item.filterText ?? item.label).startsWith(typed), `${JSON.stringify(typed)} does not begin ${JSON.stringify(item.filterText ?? item.label)}`);
    });
  }
});

describe('option keys', () => {
  test('required keys first, then the open auth methods, then optional ones', () => {
    const { items } = completionsAt(`CREATE CONNECTION c WITH ('type' = 'mcp_server', $0)`);
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    assert.deepEqual(sorted.slice(0, 1), ['endpoint']);
    assert.deepEqual(sorted.slice(-2), ['sse-endpoint', 'transport-type']);
    assert.ok(sorted.includes('api-key') && sorted.includes('token') && sorted.includes('client-id'));
  });

  test('never a key that conflicts with the auth method already chosen', () => {
    const { labels } = completionsAt(`CREATE CONNECTION c WITH ('type' = 'rest', 'endpoint' = 'https://x', 'username' = 'u', $0)`);
    assert.deepEqual(labels, ['password']);
  });

  test('keys already present are not offered', () => {
    const { labels } = completionsAt(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', $0)`);
    assert.deepEqual(labels, ['api-key']);
  });

  test("the quote and = '' are inserted when only the quote is typed", () => {
    assert.equal(
      accept(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap$0')`, 'api-key'),
      `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = '')`,
    );
    assert.equal(accept(`CREATE CONNECTION c WITH (\n  $0\n)`, 'type'), `CREATE CONNECTION c WITH (\n  'type' = ''\n)`);
  });

  test('only the key is replaced when = follows', () => {
    assert.equal(
      accept(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap-k$0ey' = 'v')`, 'api-key'),
      `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'v')`,
    );
  });

  test('works on a half-typed statement that does not parse', () => {
    const { labels } = completionsAt(`CREATE CONNECTION c WITH ('type' = 'bedrock', $0`);
    assert.deepEqual(labels, ['endpoint', 'aws-access-key', 'aws-secret-key', 'aws-session-token']);
  });

  test('ALTER CONNECTION offers the credentials of the connection’s type', () => {
    const { labels } = completionsAt(`ALTER CONNECTION support_openai SET ($0)`, workspace);
    assert.deepEqual(labels, ['api-key']);
  });

  test('CREATE TABLE offers the keys that name a connection', () => {
    const { labels } = completionsAt(`CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', $0)`);
    assert.ok(labels.includes('mongodb.connection'));
  });
});

describe('option values', () => {
  test("after 'type' = every connection type", () => {
    const { items } = completionsAt(`CREATE CONNECTION c WITH ('type' = '$0')`);
    assert.equal(items.length, connectionTypes.length);
    assert.equal(items.find((i) => i.label === 'bedrock')?.detail, 'Amazon Bedrock');
  });

  test('a type replaces the whole string being typed', () => {
    assert.equal(accept(`CREATE CONNECTION c WITH ('type' = 'ope$0')`, 'openai'), `CREATE CONNECTION c WITH ('type' = 'openai')`);
  });

  test('transport-type offers its closed set', () => {
    assert.deepEqual(completionsAt(`CREATE CONNECTION c WITH ('type' = 'mcp_server', 'transport-type' = $0)`).labels, ['SSE', 'STREAMABLE_HTTP']);
  });

  test("endpoint offers the type's template", () => {
    assert.equal(
      accept(`CREATE CONNECTION c WITH ('type' = 'bedrock', 'endpoint' = '$0')`, 'https://bedrock-runtime.<region>.amazonaws.com/model/<model-id>/invoke'),
      `CREATE CONNECTION c WITH ('type' = 'bedrock', 'endpoint' = 'https://bedrock-runtime.us-east-1.amazonaws.com/model/model-id/invoke')`,
    );
  });
});

describe('connection names', () => {
  test("in a table's '<connector>.connection' value, matching types first", () => {
    const { items } = completionsAt(`CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = '$0')`, workspace);
    const first = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0];
    assert.equal(first?.label, 'orders-mongo');
    assert.equal(
      accept(`CREATE TABLE t (a STRING) WITH ('mongodb.connection' = 'ord$0')`, 'orders-mongo', workspace),
      `CREATE TABLE t (a STRING) WITH ('mongodb.connection' = 'orders-mongo')`,
    );
  });

  test('as identifiers, backticked when needed', () => {
    assert.equal(accept('DROP CONNECTION $0', 'orders-mongo', workspace), 'DROP CONNECTION `orders-mongo`');
    assert.equal(accept('DESCRIBE CONNECTION sup$0', 'support_openai', workspace), 'DESCRIBE CONNECTION support_openai');
    assert.equal(accept('ALTER CONNECTION IF EXISTS $0', 'support_openai', workspace), 'ALTER CONNECTION IF EXISTS support_openai');
    const tools = { connections: [{ name: 'weather-mcp', type: 'mcp_server' }] };
    assert.equal(accept('CREATE TOOL t USING CONNECTION $0', 'weather-mcp', tools), 'CREATE TOOL t USING CONNECTION `weather-mcp`');
    assert.equal(accept('CREATE TABLE t (a INT) USING CONNECTION $0', 'orders-mongo', workspace), 'CREATE TABLE t (a INT) USING CONNECTION `orders-mongo`');
  });

  test('a name that is a reserved word gets backticks, so that the statement parses', () => {
    const reserved = { connections: [{ name: 'with', type: 'mcp_server' }, { name: 'Table', type: 'mongodb' }] };
    for (const [source, label, expected] of [
      ['DROP CONNECTION $0', 'with', 'DROP CONNECTION `with`'],
      ["ALTER CONNECTION IF EXISTS t$0 SET ('api-key' = 'k')", 'Table', "ALTER CONNECTION IF EXISTS `Table` SET ('api-key' = 'k')"],
      ["CREATE TOOL t USING CONNECTION $0 WITH ('type' = 'mcp')", 'with', "CREATE TOOL t USING CONNECTION `with` WITH ('type' = 'mcp')"],
    ]) {
      const text = accept(source!, label!, reserved);
      assert.equal(text, expected);
      assert.equal(parseDocument(text).statements[0]!.error, undefined, text);
    }
  });

  test('in the forms the grammar knows besides the common ones, and after a catalog and database', () => {
    for (const [source, expected] of [
      ['DROP TEMPORARY CONNECTION $0', 'DROP TEMPORARY CONNECTION support_openai'],
      ['SHOW CREATE CONNECTION sup$0', 'SHOW CREATE CONNECTION support_openai'],
      ['DESCRIBE CONNECTION EXTENDED s$0', 'DESCRIBE CONNECTION EXTENDED support_openai'],
      ['DROP CONNECTION `default`.db.$0', 'DROP CONNECTION `default`.db.support_openai'],
      ["CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS (sup$0", "CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS (support_openai"],
    ]) {
      assert.equal(accept(source!, 'support_openai', workspace), expected);
    }
    // The name a CREATE CONNECTION gives, and the catalog part of a qualified name, are not offered one.
    assert.deepEqual(completionsAt('CREATE TEMPORARY CONNECTION $0 WITH (', workspace).labels, []);
    assert.deepEqual(completionsAt('DROP CONNECTION e$0nv.c', workspace).labels, []);
  });

  test('in USING CONNECTIONS (…)', () => {
    assert.equal(
      accept(`CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS ('orders-mongo', $0)`, 'support_openai', workspace),
      `CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS ('orders-mongo', 'support_openai')`,
    );
  });
});

describe('on the example files, every completion offered is valid where it is offered', () => {
  const examples = path.join(__dirname, '../../examples');
  const codes = (text: string) => problemsOf(text).map((p) => `${p.code}: ${p.message}`);
  /** What `after` has that `before` had not (as multisets). */
  const added = (before: string[], after: string[]) => {
    const left = [...before];
    return after.filter((p) => {
      const i = left.indexOf(p);
      if (i >= 0) left.splice(i, 1);
      return i < 0;
    });
  };

  for (const name of ['connections.sql', 'mistakes.sql']) {
    test(`${name}: each key offered after ( or , adds nothing but its own empty value`, () => {
      const text = readFileSync(path.join(examples, name), 'utf8');
      const parsed = parseDocument(text);
      const before = codes(text);
      let checked = 0;
      for (const { slice, statement } of parsed.statements) {
        if (statement?.kind !== 'createConnection' && statement?.kind !== 'alterConnection') continue;
        const list = statement.options;
        const positions = [list.span.start + 1, ...list.options.slice(0, -1).map((o) => text.indexOf(',', slice.start + o.span.end) - slice.start + 1)];
        for (const position of positions) {
          const source = `${text.slice(0, slice.start + position)}$0${text.slice(slice.start + position)}`;
          for (const item of completionsAt(source).items) {
            const after = accept(source, item.label as string);
            // A key of an auth method may leave the method incomplete until its other keys are typed.
            const extra = added(before, codes(after)).filter((p) => !(p.startsWith('incomplete-auth') && p.includes(`'${item.label}'`)));
            // A credential of a type with a choice of auth methods says why an empty one may be meant.
            const withoutReason = extra.map((p) => p.replace(/ is empty: the connection sends no credentials, which suits only a public endpoint\.$/, ' is empty.'));
            assert.deepEqual(withoutReason, [`invalid-option-value: The value of '${item.label}' is empty.`], `${name}: '${item.label}' at ${slice.start + position}`);
            checked++;
          }
        }
      }
      assert.ok(checked > 10, `checked ${checked} completions`);
    });
  }

  test('models-and-tables.sql: each connection name offered in a reference resolves and has the type the key needs', () => {
    const connections = readFileSync(path.join(examples, 'connections.sql'), 'utf8');
    const definitions = parseDocument(connections).statements.flatMap((s) => (s.statement?.kind === 'createConnection' ? [definitionOf(s.statement)!] : []));
    const environment = { connections: definitions.map((d) => ({ name: d.name, type: d.type })) };
    const text = readFileSync(path.join(examples, 'models-and-tables.sql'), 'utf8');
    let checked = 0;
    for (const match of text.matchAll(/'([a-z-]+\.connection)'\s*=\s*'/g)) {
      const at = match.index! + match[0].length;
      const source = `${text.slice(0, at)}$0${text.slice(at)}`;
      const { items } = completionsAt(source, environment);
      const wanted = referenceKeys.get(match[1]!)?.connectionType;
      const compatible = new Set(definitions.filter((d) => wanted === undefined || d.type === wanted).map((d) => d.name));
      assert.deepEqual(new Set(items.map((i) => i.label)), compatible, match[1]);
      for (const item of items.slice(0, 3)) {
        const after = accept(source, item.label as string, environment);
        const lookup = { find: (n: string) => definitions.filter((d) => d.name === n) };
        const problems = problemsOf(after, lookup).filter((p) => p.code === 'unknown-connection' || p.code === 'connection-type-mismatch');
        assert.deepEqual(problems, [], item.label as string);
        checked++;
      }
    }
    assert.ok(checked > 10);
  });
});

describe('in the option lists of models, external tables, tools and agents', () => {
  const model = (list: string) => `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH (${list})`;
  const sortedLabels = (items: CompletionItem[]) => [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
  const environment = {
    connections: [
      ...workspace.connections,
      { name: 'weather-mcp', type: 'mcp_server' },
      { name: 'billing-agent', type: 'a2a' },
      { name: 'from-elsewhere', type: undefined },
    ],
  };

  test('before a provider is chosen: the provider first, then the keys every provider has — no provider’s own key', () => {
    assert.deepEqual(sortedLabels(completionsAt(model('$0')).items), ['provider', 'task', 'mcp.connection']);
  });

  test("the chosen provider's keys only, required first, never a legacy key", () => {
    const { items, labels } = completionsAt(model("'provider' = 'OpenAI', $0"));
    assert.deepEqual(sortedLabels(items).slice(0, 2), ['task', 'openai.connection']);
    assert.ok(labels.includes('openai.model_version') && labels.includes('openai.input_format'));
    assert.deepEqual(labels.filter((l) => /connection$/.test(l)), ['mcp.connection', 'openai.connection']);
    for (const legacy of ['openai.api_key', 'openai.endpoint', 'type', 'default_version', 'provider']) assert.ok(!labels.includes(legacy), legacy);
    const connection = items.find((i) => i.label === 'openai.connection')!;
    assert.equal(connection.detail, "required · names a 'openai' connection");
    assert.match((connection.documentation as { value: string }).value, /The name of the connection \(type 'openai'\) that holds the endpoint and the credentials\.[^]*_Source:_ \[S-CM-2025\] chunk 4 · documented/);
  });

  test("no list offers another provider's or connector's '.connection' key", () => {
    for (const provider of modelProviders) {
      const { labels } = completionsAt(model(`'provider' = '${provider.name}', $0`));
      const foreign = labels.filter((l) => l.includes('.') && !l.startsWith(`${provider.name}.`) && l !== 'mcp.connection');
      assert.deepEqual(foreign, [], provider.name);
    }
    for (const connector of tableConnectors) {
      const { labels } = completionsAt(`CREATE TABLE t (a STRING) WITH ('connector' = '${connector.name}', $0)`);
      assert.deepEqual(labels.filter((l) => !l.startsWith(`${connector.name}.`)), [], connector.name);
      assert.ok(labels.includes(`${connector.name}.connection`), connector.name);
    }
  });

  test('keys already given are not offered again, whatever their case', () => {
    assert.ok(!completionsAt(model("'provider' = 'openai', 'TASK' = 'embedding', $0")).labels.includes('task'));
  });

  test("the '<provider>.params.' prefix inserts a key under it", () => {
    assert.equal(accept(model("'provider' = 'googleai', $0"), 'googleai.params.'), model("'provider' = 'googleai', 'googleai.params.temperature' = ''"));
  });

  test('each key offered for each provider, connector, tool type and agent adds nothing but its own empty value', () => {
    const lists = [
      ...modelProviders.map((p) => [model('%'), `'provider' = '${p.name}', 'task' = 'embedding', '${p.name}.connection' = 'c'`] as const),
      ...tableConnectors.map((c) => [`CREATE TABLE t (a STRING) WITH (%)`, `'connector' = '${c.name}', '${c.name}.connection' = 'c'`] as const),
      [`CREATE TOOL t USING CONNECTION c WITH (%)`, `'type' = 'mcp', 'allowed_tools' = 'a'`],
      [`CREATE TOOL t USING CONNECTION c WITH (%)`, `'type' = 'a2a'`],
      [`CREATE TOOL t USING FUNCTION f WITH (%)`, `'type' = 'function'`],
      [`CREATE AGENT a USING MODEL m USING PROMPT 'p' WITH (%)`, `'description' = 'd'`],
      [`CREATE TOOL t USING CONNECTION c WITH ('type' = 'mcp');\nALTER TOOL t SET (%)`, `'description' = 'd'`],
      [`ALTER AGENT a SET (%)`, `'description' = 'd'`],
    ] as const;
    let checked = 0;
    for (const [statement, given] of lists) {
      const before = problemsOf(statement.replace('%', given)).map((p) => p.message);
      const source = statement.replace('%', `${given}, $0`);
      for (const item of completionsAt(source).items) {
        const extra = problemsOf(accept(source, item.label as string)).map((p) => p.message).filter((m) => !before.includes(m));
        assert.ok(extra.every((m) => m === `The value of '${item.label}' is empty.`), `${source} ${item.label}: ${extra.join('; ')}`);
        checked++;
      }
    }
    assert.ok(checked > 80, `checked ${checked}`);
  });

  test('the values of provider, task and formats', () => {
    assert.deepEqual(completionsAt(model("'provider' = '$0'")).labels, modelProviders.map((p) => p.name));
    assert.deepEqual(completionsAt(model("'provider' = 'openai', 'task' = $0")).labels, [...modelTasks]);
    assert.equal(accept(model("'provider' = 'openai', 'task' = 'text$0'"), 'text_generation'), model("'provider' = 'openai', 'task' = 'text_generation'"));
    assert.ok(completionsAt(model("'provider' = 'bedrock', 'bedrock.input_format' = '$0'")).labels.includes('AMAZON-TITAN-TEXT'));
    assert.deepEqual(completionsAt(model("'provider' = 'openai', 'openai.model_version' = '$0'")).labels, []);
  });

  test("ALTER MODEL … SET offers the keys of its CREATE's provider, ALTER-only keys included", () => {
    const { labels } = completionsAt(`${model("'provider' = 'bedrock'")};\nALTER MODEL m$2 SET ($0)`);
    assert.ok(labels.includes('default_version') && labels.includes('bedrock.connection'));
    assert.ok(!labels.includes('provider') && !labels.some((l) => l.startsWith('openai.')));
  });

  test("an external table: 'connector' first, then its connector's keys; a table of any other connector gets none", () => {
    assert.deepEqual(completionsAt(`CREATE TABLE t (a STRING) WITH ($0)`).labels, ['connector']);
    assert.deepEqual(completionsAt(`CREATE TABLE t (a STRING) WITH ('connector' = 'kafka', $0)`).labels, []);
    assert.deepEqual(completionsAt(`CREATE TABLE t (a STRING) WITH ('connector' = '$0')`).labels, tableConnectors.map((c) => c.name));
    assert.equal(
      accept(`CREATE TABLE t (a STRING) WITH ('connector' = 'confluent$0')`, 'confluent-jdbc'),
      `CREATE TABLE t (a STRING) WITH ('connector' = 'confluent-jdbc')`,
    );
    const { items } = completionsAt(`CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', $0)`);
    assert.deepEqual(sortedLabels(items).slice(0, 3), ['mongodb.connection', 'mongodb.database', 'mongodb.collection']);
    assert.equal(items.find((i) => i.label === 'mongodb.database')?.detail, 'required (inferred)');
  });

  test('a TEMPORARY model is Apache Flink’s: no Confluent keys', () => {
    assert.deepEqual(completionsAt(`CREATE TEMPORARY MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ($0)`).labels, []);
  });

  test("a tool's type goes with its USING clause; an MCP tool's keys, allowed_tools first", () => {
    assert.deepEqual(completionsAt(`CREATE TOOL t USING FUNCTION f WITH ('type' = '$0')`).labels, ['function']);
    assert.deepEqual(completionsAt(`CREATE TOOL t USING CONNECTION c WITH ('type' = '$0')`).labels, ['mcp', 'a2a']);
    assert.deepEqual(sortedLabels(completionsAt(`CREATE TOOL t USING CONNECTION c WITH ('type' = 'mcp', $0)`).items), ['allowed_tools', 'description', 'request_timeout']);
    assert.deepEqual(completionsAt(`ALTER TOOL t SET ($0)`).labels, ['description', 'request_timeout']);
    assert.ok(completionsAt(`CREATE TOOL t USING CONNECTION c WITH ('type' = 'mcp');\nALTER TOOL t SET ($0)`).labels.includes('allowed_tools'));
  });

  test('in ALTER … RESET (…): the keys SET would take, alone, none already listed', () => {
    const bedrock = `${model("'provider' = 'bedrock'")};\n`;
    const { labels } = completionsAt(`${bedrock}ALTER MODEL m RESET ('bedrock.input_format', $0)`);
    assert.ok(labels.includes('bedrock.connection') && labels.includes('default_version'));
    assert.ok(!labels.includes('bedrock.input_format') && !labels.includes('provider') && !labels.some((l) => l.startsWith('openai.')));
    // The key alone: no ` = ''`, and a comma before a key that follows.
    assert.equal(accept(`${bedrock}ALTER MODEL m RESET ('defa$0')`, 'default_version'), `${bedrock}ALTER MODEL m RESET ('default_version')`);
    assert.equal(accept(`${bedrock}ALTER MODEL m RESET ($0'task')`, 'default_version'), `${bedrock}ALTER MODEL m RESET ('default_version', 'task')`);
    assert.deepEqual(completionsAt(`ALTER TOOL t RESET ($0)`).labels, ['description', 'request_timeout']);
    const openai = "CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = 'k');\n";
    assert.ok(completionsAt(`${openai}ALTER CONNECTION c RESET ('$0')`).labels.includes('api-key'));
    assert.ok(completionsAt(`ALTER AGENT a RESET ($0)`).labels.includes('max_iterations'));
  });

  test("an agent's 'tools': the tools the documents define, but those already listed", () => {
    const tools = {
      connections: [],
      resources: [
        { kind: 'tool' as const, name: 'web_search', type: 'mcp' },
        { kind: 'tool' as const, name: 'send_email', type: 'function' },
        { kind: 'model' as const, name: 'not_a_tool', type: 'openai' },
      ],
    };
    const own = "CREATE TOOL fetch_page USING FUNCTION f WITH ('type' = 'function');\n";
    assert.deepEqual(completionsAt(`${own}ALTER AGENT a SET ('tools' = '$0')`, tools).labels, ['fetch_page', 'web_search', 'send_email']);
    assert.deepEqual(completionsAt(`${own}ALTER AGENT a SET ('tools' = 'web_search, $0')`, tools).labels, ['fetch_page', 'send_email']);
    // The name between the commas around the cursor is replaced; the rest of the list stays.
    assert.equal(
      accept(`ALTER AGENT a SET ('tools' = 'web_search, se$0nd, fetch_page')`, 'send_email', tools),
      `ALTER AGENT a SET ('tools' = 'web_search, send_email, fetch_page')`,
    );
    assert.equal(accept(`ALTER AGENT a SET ('tools' = 'web$0`, 'web_search', tools), `ALTER AGENT a SET ('tools' = 'web_search'`);
  });

  test("an agent's options; 'tools' only in ALTER AGENT … SET", () => {
    assert.deepEqual(completionsAt(`CREATE AGENT a USING MODEL m USING PROMPT 'p' WITH ($0)`).labels, ['max_iterations', 'max_consecutive_failures', 'description']);
    assert.ok(completionsAt(`ALTER AGENT a SET ('max_iterations' = '5', $0)`).labels.includes('tools'));
  });

  test("connection names of the type the key needs only; one of unknown type after them", () => {
    const names = (source: string) => sortedLabels(completionsAt(source, environment).items);
    assert.deepEqual(names(model("'provider' = 'openai', 'openai.connection' = '$0'")), ['support_openai', 'from-elsewhere']);
    assert.deepEqual(names(model("'provider' = 'openai', 'mcp.connection' = '$0'")), ['weather-mcp', 'from-elsewhere']);
    assert.deepEqual(names(`CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = '$0')`), ['orders-mongo', 'from-elsewhere']);
    assert.deepEqual(names(`ALTER MODEL m SET ('openai.connection' = '$0')`), ['support_openai', 'from-elsewhere']);
    assert.deepEqual(names(`CREATE MODEL m USING CONNECTION $0 WITH ('provider' = 'openai')`), ['support_openai', 'from-elsewhere']);
    assert.deepEqual(names(`CREATE TABLE t (a STRING) USING CONNECTION $0 WITH ('connector' = 'mongodb')`), ['orders-mongo', 'from-elsewhere']);
  });

  test('after CREATE TOOL … USING CONNECTION: the connections of its type, or MCP server and A2A ones before a type is given', () => {
    const names = (source: string) => sortedLabels(completionsAt(source, environment).items);
    assert.deepEqual(names(`CREATE TOOL t USING CONNECTION $0`), ['billing-agent', 'weather-mcp', 'from-elsewhere']);
    assert.deepEqual(names(`CREATE TOOL t USING CONNECTION $0 WITH ('type' = 'mcp')`), ['weather-mcp', 'from-elsewhere']);
    assert.deepEqual(names(`CREATE TOOL t USING CONNECTION we$0 WITH ('type' = 'a2a')`), ['billing-agent', 'from-elsewhere']);
  });
});

describe('names of models, tools and agents', () => {
  const defined = {
    connections: [{ name: 'chat', type: 'openai' }],
    resources: [
      { kind: 'model' as const, name: 'summarizer', type: 'openai' },
      { kind: 'tool' as const, name: 'web search', type: 'mcp' },
      { kind: 'agent' as const, name: 'triage', type: undefined },
    ],
  };
  const own = "CREATE MODEL chat_model WITH ('provider' = 'bedrock');\nCREATE TOOL fetch USING FUNCTION f WITH ('type' = 'function');\n";
  const labelsAt = (source: string) => completionsAt(own + source, defined).items.map((i) => `${i.label}: ${i.detail}`);

  test('models where a model is named: the document’s first, with their provider; no tool, agent or connection', () => {
    const models = ['chat_model: model (bedrock)', 'summarizer: model (openai)'];
    assert.deepEqual(labelsAt("CREATE AGENT a USING MODEL $0 USING PROMPT 'p';"), models);
    assert.deepEqual(labelsAt('ALTER AGENT a SET MODEL su$0'), models);
    assert.deepEqual(labelsAt("SELECT * FROM t, LATERAL TABLE(ML_PREDICT('$0', x));"), models);
    assert.deepEqual(labelsAt('SELECT AI_COMPLETE($0'), models);
    assert.deepEqual(labelsAt('DROP MODEL IF EXISTS $0'), models);
    assert.deepEqual(labelsAt('ALTER MODEL s$0'), models);
  });

  test('no name where one is created', () => {
    assert.deepEqual(labelsAt('CREATE MODEL $0'), []);
    assert.deepEqual(labelsAt('CREATE AGENT $0'), []);
  });

  test('tools after USING TOOLS and its commas, and ADD TOOL; agents in AI_RUN_AGENT and USING AGENTS', () => {
    const tools = ['fetch: tool (function)', 'web search: tool (mcp)'];
    assert.deepEqual(labelsAt("CREATE AGENT a USING MODEL m USING PROMPT 'p' USING TOOLS fetch, $0"), tools);
    assert.deepEqual(labelsAt('ALTER AGENT a ADD TOOL $0'), tools);
    assert.deepEqual(labelsAt("SELECT * FROM LATERAL TABLE(AI_RUN_AGENT('$0', p));"), ['triage: agent']);
    assert.deepEqual(labelsAt('CREATE AGENT r USING AGENTS $0'), ['triage: agent']);
  });

  test('a name that needs backticks gets them as an identifier, none in a string', () => {
    assert.equal(accept('ALTER AGENT a ADD TOOL $0;', 'web search', defined), 'ALTER AGENT a ADD TOOL `web search`;');
    assert.equal(accept("CREATE AGENT a USING MODEL m USING PROMPT 'p' USING TOOLS we$0", 'web search', defined), "CREATE AGENT a USING MODEL m USING PROMPT 'p' USING TOOLS `web search`");
    assert.equal(accept("SELECT ML_PREDICT('su$0', x) FROM t;", 'summarizer', defined), "SELECT ML_PREDICT('summarizer', x) FROM t;");
  });
});
