import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hover, type HoverEnvironment } from '../../server/src/features/hover';
import { redactEndpoint } from '../../server/src/analysis/redactEndpoint';
import { definitionOf } from '../../server/src/analysis/connectionReferences';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { parseMarkers } from '../helpers/markers';
import { connectionTypes } from '../../server/src/catalogue/connectionTypes';
import { modelProviders } from '../../server/src/catalogue/modelProviders';
import { tableConnectors } from '../../server/src/catalogue/tableConnectors';
import { toolTypes } from '../../server/src/catalogue/toolsAndAgents';

/** The hover text at `$0`, with connections defined by the statements of the same source. */
function hoverAt(source: string): { text: string | undefined; range: string | undefined } {
  const { text, cursor } = parseMarkers(source);
  const parsed = parseDocument(text);
  const definitions = parsed.statements.flatMap((s) => (s.statement ? [definitionOf(s.statement)] : [])).filter((d) => d !== undefined);
  const environment: HoverEnvironment = {
    find: (name, kind = 'connection') => definitions.filter((d) => d.name === name && d.kind === kind).map((d) => ({ ...d, where: 'test.sql:1' })),
  };
  const document = TextDocument.create('file:///test.sql', 'flinksql', 1, text);
  const result = hover(document, parsed, cursor!, environment);
  if (!result) return { text: undefined, range: undefined };
  const value = (result.contents as { value: string }).value;
  return { text: value, range: text.slice(document.offsetAt(result.range!.start), document.offsetAt(result.range!.end)) };
}

const SECRET = 'sk-HOVER-SECRET-1';
const connection = `CREATE CONNECTION \`support-openai\` COMMENT 'Tickets 🎫' WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1?api-key=${SECRET}', 'api-key' = '${SECRET}');\n`;

describe('hover', () => {
  test('on a type value: one line that says what it is, with the docs link; the service; the keys it needs — and no more', () => {
    const { text, range } = hoverAt(`CREATE CONNECTION c WITH ('type' = 'bed$0rock')`);
    assert.equal(range, "'bedrock'");
    const [first, ...rest] = text!.split('\n\n');
    assert.equal(first, "**Amazon Bedrock** — connection type `'bedrock'` · [docs](https://docs.confluent.io/cloud/current/flink/reference/statements/create-connection.html)");
    assert.deepEqual(rest, [
      'Foundation models on Amazon Bedrock, for CREATE MODEL.',
      "Needs `'endpoint'` and AWS credentials: `'aws-access-key'` + `'aws-secret-key'` (optional: `'aws-session-token'`).",
    ]);
  });

  test('a type with several auth methods lists them, one line each', () => {
    const { text } = hoverAt(`CREATE CONNECTION c WITH ('type' = 'r$0est')`);
    assert.match(text!, /Needs `'endpoint'` and one of:\n- API key: `'api-key'`\n- basic authentication: `'username'` \+ `'password'`/);
  });

  test('every type’s hover stays short: no code block, at most 9 lines', () => {
    for (const type of connectionTypes) {
      const { text } = hoverAt(`CREATE CONNECTION c WITH ('type' = '$0${type.name}')`);
      assert.ok(text!.startsWith(`**${type.displayName}** — connection type`), type.name);
      assert.doesNotMatch(text!, /```/, type.name);
      assert.ok(text!.split('\n').filter((l) => l !== '').length <= 9, `${type.name}:\n${text}`);
    }
  });

  test('on a key: what it holds, whether required for this type, whether secret', () => {
    const { text, range } = hoverAt(`CREATE CONNECTION c WITH ('type' = 'openai', 'api$0-key' = '${SECRET}')`);
    assert.equal(range, "'api-key'");
    assert.match(text!, /Required for `'openai'` connections/);
    assert.match(text!, /\*\*Secret\.\*\*/);
    assert.doesNotMatch(text!, new RegExp(SECRET));
  });

  test('on a key of an auth choice, an optional key and a key the type does not take', () => {
    assert.match(hoverAt(`CREATE CONNECTION c WITH ('type' = 'rest', 'tok$0en' = 'x')`).text!, /Part of bearer token, one of the authentication methods of `'rest'`/);
    assert.match(hoverAt(`CREATE CONNECTION c WITH ('type' = 'mcp_server', 'transport$0-type' = 'SSE')`).text!, /Values: `SSE`, `STREAMABLE_HTTP`/);
    assert.match(hoverAt(`CREATE CONNECTION c WITH ('type' = 'openai', 'tok$0en' = 'x')`).text!, /Not valid for `'openai'` connections/);
  });

  test('on a connection name: type, endpoint without credentials, comment — never secrets', () => {
    const { text, range } = hoverAt(`${connection}CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('openai.connection' = 'support$0-openai');`);
    assert.equal(range, "'support-openai'");
    assert.match(text!, /OpenAI connection/);
    assert.match(text!, /Endpoint: `https:\/\/api\.openai\.com\/v1\?api-key=••••`/);
    assert.match(text!, /Tickets 🎫/);
    assert.match(text!, /Defined in test\.sql:1/);
    assert.doesNotMatch(text!, new RegExp(SECRET));
  });

  test('on names in DROP, ALTER, USING CONNECTION (tools and tables) and USING CONNECTIONS', () => {
    for (const use of [
      'DROP CONNECTION `support$0-openai`;',
      "ALTER CONNECTION `support-openai$0` SET ('api-key' = 'k');",
      "CREATE TOOL t USING CONNECTION `supp$0ort-openai` WITH ('type' = 'mcp');",
      "CREATE TABLE t (a INT) USING CONNECTION `support-open$0ai` WITH ('connector' = 'jdbc');",
      "CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS ('support-op$0enai');",
    ]) {
      assert.match(hoverAt(`${connection}${use}`).text ?? '', /OpenAI connection/, use);
    }
  });

  test('on names in the other forms of CONNECTION statements, and in USING CONNECTIONS as identifiers', () => {
    for (const use of [
      'SHOW CREATE CONNECTION `support$0-openai`;',
      'DROP TEMPORARY CONNECTION IF EXISTS `support$0-openai`;',
      'DESCRIBE CONNECTION EXTENDED `support$0-openai`;',
      "CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS (`default`.`db`.`support$0-openai`);",
    ]) {
      assert.match(hoverAt(`${connection}${use}`).text ?? '', /OpenAI connection/, use);
    }
  });

  test('on a qualified name, only its last part is the connection', () => {
    const model = (value: string) => `${connection}CREATE MODEL m WITH ('openai.connection' = '${value}');`;
    assert.match(hoverAt(model('env.db.support$0-openai')).text ?? '', /OpenAI connection/);
    assert.equal(hoverAt(model('e$0nv.db.support-openai')).text, undefined);
    assert.equal(hoverAt(`${connection}DROP CONNECTION e$0nv.\`support-openai\`;`).text, undefined);
  });

  test('an unknown name says so', () => {
    assert.match(hoverAt('DROP CONNECTION gon$0e;').text!, /may exist only in Confluent Cloud/);
  });

  test('on CONNECTION keywords: what the statement does, then its syntax', () => {
    assert.match(hoverAt("ALT$0ER CONNECTION c SET ('api-key' = 'k')").text!, /^\*\*ALTER CONNECTION\*\* changes a connection's credentials\. .*\[docs\]\(https:[^)]*\)\n\n```sql\nALTER CONNECTION \[IF EXISTS\]/);
    assert.match(hoverAt('SHOW CONNECT$0IONS').text!, /SHOW CONNECTIONS \[\(FROM \| IN\)/);
    assert.match(hoverAt("CREATE OR REPLACE TEMPORARY CONNECT$0ION c WITH ('type' = 'openai')").text!, /^\*\*CREATE CONNECTION\*\*/);
  });

  test('nothing on values that are not types, nor outside statements', () => {
    assert.equal(hoverAt(`CREATE CONNECTION c WITH ('api-key' = '${SECRET}$0')`).text, undefined);
    assert.equal(hoverAt(`SELECT 1; $0`).text, undefined);
    assert.equal(hoverAt(`SELECT co$0l FROM t`).text, undefined);
  });
});

describe('redactEndpoint', () => {
  // Titles describe the case rather than quoting the endpoint, so the test log shows no credential.
  for (const [what, endpoint, shown] of [
    ['the password in a URL', 'mongodb://admin:hunter2@cluster.mongodb.net/db', 'mongodb://admin:••••@cluster.mongodb.net/db'],
    ['a token as user info', 'https://ghp_token@api.example.com', 'https://••••@api.example.com'],
    ['a signature parameter', 'https://acct.blob.core.windows.net/c?sv=2024&sig=abc', 'https://acct.blob.core.windows.net/c?sv=2024&sig=••••'],
    ['a credential query parameter', 'https://api.example.com/v1?api-key=abc&model=x', 'https://api.example.com/v1?api-key=••••&model=x'],
    ['a JDBC password property', 'jdbc:sqlserver://h:1433;databaseName=d;password=p', 'jdbc:sqlserver://h:1433;databaseName=d;password=••••'],
    ['the password in a JDBC URL', 'jdbc:postgresql://flink:s3cret@db.example.com:5432/app', 'jdbc:postgresql://flink:••••@db.example.com:5432/app'],
    ['nothing in a plain endpoint', 'https://api.openai.com/v1/chat/completions', 'https://api.openai.com/v1/chat/completions'],
    // A second `?` begins a parameter too: the token inside the value of `a` is masked, and the key after it.
    ['a credential inside another parameter\'s value', 'https://h/p?a=b?token=t0k&z=1', 'https://h/p?a=b?token=••••&z=1'],
    ['credentials whose readings overlap', 'mongodb://u:pw@h?key=k1&a=b?token=t1?key=k2', 'mongodb://u:••••@h?key=••••&a=b?token=••••'],
  ] as const) {
    test(`masks ${what}`, () => assert.equal(redactEndpoint(endpoint), shown));
  }
});

describe('hover in the option lists of models, external tables, tools and agents', () => {
  const model = (list: string) => `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH (${list})`;
  const paragraphs = (source: string) => hoverAt(source).text?.split('\n\n');

  test('on a provider: what it is with the docs link, its connection type, the keys it needs, the source', () => {
    const { text, range } = hoverAt(model("'provider' = 'Open$0AI', 'task' = 'embedding'"));
    assert.equal(range, "'OpenAI'");
    assert.deepEqual(text!.split('\n\n'), [
      "**OpenAI** — model provider `'openai'` · [docs](https://docs.confluent.io/cloud/current/flink/reference/statements/create-model.html)",
      'OpenAI models, or any OpenAI-compatible API.',
      "Uses a connection of type `'openai'`.",
      "Needs `'task'`, `'openai.connection'`.",
      "Keys under `'openai.params.'` are passed to the service (at most 32).",
      '_Source:_ [S-CM-2025] · documented',
    ]);
  });

  test("on a provider's key: its description, requiredness, the connection type it names, the source", () => {
    assert.deepEqual(paragraphs(model("'provider' = 'openai', 'openai.conn$0ection' = 'c'")), [
      "**`'openai.connection'`** — model option of provider `'openai'` · [docs](https://docs.confluent.io/cloud/current/flink/reference/statements/create-model.html)",
      "The name of the connection (type 'openai') that holds the endpoint and the credentials.",
      'Required.',
      "Names a connection of type `'openai'`.",
      '_Source:_ [S-CM-2025] chunk 4 · documented',
    ]);
  });

  test('an inferred fact says so', () => {
    const text = hoverAt(`CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.data$0base' = 'd')`).text!;
    assert.match(text, /table option of connector `'mongodb'`/);
    assert.match(text, /\n\nRequired \(inferred\)\.\n\n/);
    assert.match(text, /· inferred \(seen in every example, never stated\)$/);
    assert.match(hoverAt(model("'provider' = 'anthropic', 'anthropic.connection$0' = 'c'")).text!, /Names a connection of type `'anthropic'` \(the pairing is inferred\)/);
  });

  test('on a task or format value: the key, its values; a value the catalogue does not know is not repeated', () => {
    const { text, range } = hoverAt(model("'provider' = 'openai', 'task' = 'Embed$0ding'"));
    assert.equal(range, "'Embedding'");
    assert.match(text!, /^\*\*`'embedding'`\*\* — a value of `'task'`/);
    assert.match(text!, /Values: `classification`, `clustering`, `embedding`, `regression`, `text_generation`\./);
    assert.match(hoverAt(model("'provider' = 'openai', 'openai.input_format' = 'OPENAI-CH$0AT'")).text!, /a value of `'openai.input_format'`/);
    assert.equal(hoverAt(model("'provider' = 'openai', 'task' = 'classif$0cation'")).text, undefined);
  });

  test('a legacy credential key says where it belongs; its value gets no hover, and no hover shows it', () => {
    const secret = 'sk-LEGACY-SECRET-7';
    const source = (at: string) => model(`'provider' = 'openai', 'openai.api_key' = '${secret}'`).replace(at, `${at.slice(0, 3)}$0${at.slice(3)}`);
    const text = hoverAt(source('api_key')).text!;
    assert.match(text, /\*\*Secret\.\*\*/);
    assert.match(text, /\*\*Deprecated\.\*\* A legacy inline API key/);
    assert.doesNotMatch(text, /sk-LEGACY/);
    assert.equal(hoverAt(source(secret)).text, undefined);
  });

  test("on a '<provider>.params.' key: passed to the service, with the limit", () => {
    assert.match(hoverAt(model("'provider' = 'openai', 'openai.params.tem$0perature' = '0.2'")).text!, /passed to the service by provider `'openai'`[^]*at most 32/);
  });

  test("ALTER MODEL … RESET: a key of the CREATE's provider, as in SET", () => {
    const text = hoverAt(`${model("'provider' = 'bedrock'")};\nALTER MODEL m RESET ('bedrock.input$0_format')`).text!;
    assert.match(text, /^\*\*`'bedrock\.input_format'`\*\* — model option of provider `'bedrock'`/);
  });

  test("ALTER MODEL … SET: a key of the CREATE's provider", () => {
    const text = hoverAt(`${model("'provider' = 'bedrock'")};\nALTER MODEL m$2 SET ('bedrock.model$0_version' = 'x')`).text!;
    assert.match(text, /model option of provider `'bedrock'`/);
    assert.match(hoverAt(`ALTER MODEL m SET ('default_ver$0sion' = '2')`).text!, /Only in ALTER … SET\.\n\nA whole number of at least 1/);
  });

  test('on a tool type, a tool key, an agent key and a connector', () => {
    assert.match(hoverAt(`CREATE TOOL t USING CONNECTION c WITH ('type' = 'm$0cp')`).text!, /^\*\*MCP tool\*\* — tool type `'mcp'` · \[docs\]\(https:\/\/docs\.confluent\.io\/cloud\/current\/flink\/reference\/statements\/create-tool\.html\)[^]*Needs `'allowed_tools'`/);
    assert.match(hoverAt(`CREATE TOOL t USING CONNECTION c WITH ('type' = 'mcp', 'allowed$0_tools' = 'a')`).text!, /tool option of tool type `'mcp'`[^]*\n\nRequired\./);
    assert.match(hoverAt(`ALTER AGENT a SET ('max_iter$0ations' = '3')`).text!, /^\*\*`'max_iterations'`\*\* — agent option · \[docs\]\([^)]*create-agent\.html\)/);
    assert.match(hoverAt(`CREATE TABLE t (a STRING) WITH ('connector' = 'confluent-j$0dbc')`).text!, /^\*\*Confluent JDBC\*\* — table connector `'confluent-jdbc'`[^]*Uses a connection of type `'confluent_jdbc'`/);
  });

  test('every key of every provider, connector and tool type: its description, requiredness and source', () => {
    const lists = [
      ...modelProviders.map((set) => ({ set, statement: (key: string) => model(`'provider' = '${set.name}', '${key}' = 'v'`) })),
      ...tableConnectors.map((set) => ({ set, statement: (key: string) => `CREATE TABLE t (a STRING) WITH ('connector' = '${set.name}', '${key}' = 'v')` })),
      ...toolTypes.map((set) => ({ set, statement: (key: string) => `CREATE TOOL t WITH ('type' = '${set.name}', '${key}' = 'v')` })),
    ];
    let checked = 0;
    for (const { set, statement } of lists) {
      for (const key of set.keys.filter((k) => !k.alterOnly)) {
        const text = hoverAt(statement(key.name).replace(`'${key.name}'`, `'$0${key.name}'`)).text ?? '';
        assert.ok(text.startsWith(`**\`'${key.name}'\`**`), `${set.name} ${key.name}: ${text}`);
        assert.ok(text.includes(key.description) && text.includes(`_Source:_ ${key.source}`), `${set.name} ${key.name}`);
        assert.match(text, /\n\n(Required|Optional|\*\*Deprecated)/, `${set.name} ${key.name}`);
        checked++;
      }
    }
    assert.ok(checked > 100, `checked ${checked}`);
  });

  test("nothing on a table of another connector's keys", () => {
    assert.equal(hoverAt(`CREATE TABLE t (a STRING) WITH ('connector' = 'kafka', 'top$0ic' = 'x')`).text, undefined);
  });
});

describe('hover on the heads of model, tool and agent statements', () => {
  for (const [source, first, url] of [
    [`CRE$0ATE MODEL m WITH ('provider' = 'openai')`, '**CREATE MODEL**', 'create-model.html'],
    [`ALTER MO$0DEL m$2 SET ('default_version' = '2')`, '**ALTER MODEL**', 'alter-model.html'],
    [`CREATE TO$0OL t USING CONNECTION c WITH ('type' = 'mcp')`, '**CREATE TOOL**', 'create-tool.html'],
    [`ALTER TO$0OL t SET ('description' = 'd')`, '**ALTER TOOL**', 'alter-tool.html'],
    [`CREATE OR REPLACE AG$0ENT a USING MODEL m USING PROMPT 'p'`, '**CREATE AGENT**', 'create-agent.html'],
    [`ALTER AG$0ENT a ADD TOOL t`, '**ALTER AGENT**', 'alter-agent.html'],
  ] as const) {
    test(first, () => {
      const text = hoverAt(source).text!;
      assert.ok(text.startsWith(first), text);
      assert.ok(text.includes(`(https://docs.confluent.io/cloud/current/flink/reference/statements/${url})`), text);
    });
  }
});

describe('hover on a model, tool or agent name', () => {
  const defined = `${connection}CREATE CONNECTION mcp WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com', 'token' = '${SECRET}');
CREATE MODEL summarizer COMMENT 'Short answers' WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'support-openai', 'openai.api_key' = '${SECRET}');
CREATE TOOL search USING CONNECTION mcp WITH ('type' = 'mcp', 'allowed_tools' = 'find');
CREATE AGENT helper USING MODEL summarizer USING PROMPT 'Be brief' USING TOOLS search, fetch;
`;

  test('a model: its provider and its connection, never a secret', () => {
    const { text, range } = hoverAt(`${defined}SELECT * FROM t, LATERAL TABLE(ML_PREDICT('summ$0arizer$2', q));`);
    assert.equal(range, "'summarizer$2'");
    assert.equal(text, "**`summarizer`** — OpenAI model (provider `'openai'`)\n\nConnection: `support-openai`\n\n_Short answers_\n\nDefined in test.sql:1.");
  });

  test('a tool: its type and connection; an agent: its model and tools', () => {
    assert.equal(hoverAt(`${defined}ALTER AGENT helper ADD TOOL sea$0rch;`).text, "**`search`** — MCP tool (type `'mcp'`)\n\nConnection: `mcp`\n\nDefined in test.sql:1.");
    assert.equal(hoverAt(`${defined}SELECT * FROM LATERAL TABLE(AI_RUN_AGENT(\`hel$0per\`, p));`).text, '**`helper`** — agent\n\nModel: `summarizer`\n\nTools: `search`, `fetch`\n\nDefined in test.sql:1.');
  });

  test('a name nobody creates, and a connection of the same name, are told apart', () => {
    assert.equal(hoverAt(`${defined}CREATE AGENT a USING MODEL m$0cp USING PROMPT 'p';`).text, '**`mcp`** — model\n\nNo CREATE MODEL for it in the open files or the workspace; it may exist only in Confluent Cloud.');
  });

  test('no secret in any hover of the document', () => {
    const { text: source } = parseMarkers(defined);
    for (let offset = 0; offset < source.length; offset++) {
      const { text } = hoverAt(source.slice(0, offset) + '$0' + source.slice(offset));
      assert.ok(!text?.includes(SECRET), `at ${offset}`);
    }
  });
});
