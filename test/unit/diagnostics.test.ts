import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkClean, checkProblems, problemsOf } from '../helpers/analysis';
import { parseMarkers } from '../helpers/markers';
import { analyzeDocument, noConnections } from '../../server/src/analysis/analyzeDocument';
import { parseDocument } from '../../server/src/parser/parseDocument';
import type { ConnectionLookup } from '../../server/src/analysis/analyzeDocument';
import type { ConnectionDefinition } from '../../server/src/analysis/connectionReferences';
import { diagnosticCodes } from '../../server/src/diagnosticCodes';

const definition = (name: string, type: string): ConnectionDefinition => ({
  kind: 'connection',
  name,
  qualifiedName: name,
  nameSpan: { start: 0, end: name.length },
  type,
  endpoint: undefined,
  comment: undefined,
});
const workspaceWith = (...definitions: ConnectionDefinition[]): ConnectionLookup => ({
  find: (name) => definitions.filter((d) => d.name === name),
});

describe('valid statements have no diagnostics', () => {
  test('a complete connection of each auth style', () => {
    checkClean(`
      CREATE CONNECTION \`my-openai\` WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = 'k');
      CREATE CONNECTION bedrock_c WITH ('type' = 'BEDROCK', 'endpoint' = 'https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke',
        'aws-access-key' = 'a', 'aws-secret-key' = 's', 'aws-session-token' = 't');
      CREATE CONNECTION m WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = 'p');
      CREATE CONNECTION j WITH ('type' = 'confluent_jdbc', 'endpoint' = 'jdbc:postgresql://h:5432/db', 'username' = 'u', 'password' = 'p');
      CREATE CONNECTION r WITH ('type' = 'rest', 'endpoint' = 'https://api.example.com', 'token-endpoint' = 'https://auth.example.com/token',
        'client-id' = 'id', 'client-secret' = 's', 'scope' = 'read write');
      CREATE CONNECTION v WITH ('type' = 'vertexai', 'endpoint' = 'https://us-central1-aiplatform.googleapis.com', 'service-key' = '{"type": "service_account"}');
      CREATE CONNECTION mcp WITH ('type' = 'MCP_SERVER', 'endpoint' = 'https://mcp.example.com/mcp', 'token' = 't', 'transport-type' = 'streamable_http');
    `);
  });

  test('session placeholders are not checked as values', () => {
    checkClean(`CREATE CONNECTION v WITH ('type' = 'vertexai', 'endpoint' = 'https://x.googleapis.com', 'service-key' = '{{sessionconfig/sql.secrets.sa}}');`);
  });

  test('statements this grammar does not own never produce diagnostics', () => {
    checkClean(`
      SELECT * FROM t WHERE a = 'x' AND b IS NOT NULL;
      INSERT INTO t /*+ OPTIONS('k' = 'v') */ SELECT ML_PREDICT('m', c) FROM s;
      EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END;
      CREATE VIEW v AS SELECT 1;
      DROP TABLE t;
      SHOW TABLES;
      CREATE AGENT a USING MODEL m USING PROMPT 'p' WITH ('max_iterations' = '5');
    `);
  });
});

describe('syntax-error', () => {
  test('a trailing comma in the option list', () => {
    const [problem] = checkProblems(`CREATE CONNECTION c WITH ('type' = 'openai',[|)|];`, ['syntax-error']);
    assert.match(problem!.message, /Expected a string in single quotes/);
  });

  test('an unquoted hyphenated name says to use backticks', () => {
    const [problem] = checkProblems(`CREATE CONNECTION my[|-|]conn WITH ('type' = 'openai');`, ['syntax-error']);
    assert.match(problem!.message, /Expected WITH\..*backticks/);
  });

  test("the documentation's `WITH (...)` says to write the options out", () => {
    const [problem] = checkProblems(`CREATE TABLE Orders (a INT) WITH ([|.|]..);`, ['syntax-error']);
    assert.match(problem!.message, /`\.\.\.` stands for options it leaves out: write each option as 'key' = 'value'/);
  });

  test('CTAS and CREATE TABLE … LIKE are valid, and so is a table with clauses in any order before WITH', () => {
    checkClean(`
      CREATE TABLE enriched WITH ('changelog.mode' = 'append') AS SELECT a, b FROM src;
      CREATE TABLE agg DISTRIBUTED INTO 1 BUCKETS WITH ('changelog.mode' = 'append') AS WITH c AS (SELECT 1 AS x) SELECT x FROM c;
      CREATE TEMPORARY TABLE sink WITH ('connector' = 'print') LIKE src (EXCLUDING ALL);
      CREATE TABLE p (a INT) PARTITIONED BY (a) COMMENT 'p' WITH ('connector' = 'filesystem');
    `);
  });

  test('a table that reaches its WITH ( reports what follows its option list', () => {
    const [problem] = checkProblems(`CREATE TABLE t (a INT) WITH ('connector' = 'print') [|g|]arbage;`, ['syntax-error']);
    assert.match(problem!.message, /^Expected /);
  });

  test('a statement that ends too early points at its last character', () => {
    const [problem] = checkProblems(`DROP CONNECTIO[|N|];`, ['syntax-error']);
    assert.match(problem!.message, /Expected a name.* at the end of the statement/);
  });

  test('one broken statement leaves the others analysed', () => {
    checkProblems(
      `CREATE CONNECTION a WITH ('type' [|'|]openai');
       CREATE CONNECTION b WITH ('type' = 'openai', 'endpoint' = 'https://x', [|'ap-key'|] = 'k');`,
      ['syntax-error', 'unknown-option'],
    );
  });

  test('an unterminated string is reported and ends at its line', () => {
    const problems = checkProblems(
      `CREATE CONNECTION b WITH ('type' = [|'opneai'|], 'endpoint' = 'https://x', 'api-key' = 'k');
       SELECT [|'abc|]
       ;
       SELECT 1;`,
      ['unknown-connection-type', 'syntax-error'],
    );
    assert.match(problems[1]!.message, /not closed/);
  });

  test('an unterminated comment is reported', () => {
    checkProblems(`SELECT 1; [|/* never closed|]`, ['syntax-error']);
  });

  test('in a document that may be another SQL dialect, only CONNECTION statements report syntax errors', () => {
    const text = `SET search_path = app;\nCREATE TABLE t (a int) WITH (fillfactor = 70);\nCREATE CONNECTION c WITH ('type' = 'openai',);\nSELECT E'it\\'s';`;
    const lenient = analyzeDocument(parseDocument(text), noConnections, { flinkOnly: false });
    assert.deepEqual(lenient.map((p) => p.code), ['syntax-error']);
    assert.ok(lenient[0]!.span.start > text.indexOf('CREATE CONNECTION'));
    assert.deepEqual(
      analyzeDocument(parseDocument(text)).map((p) => p.code),
      ['syntax-error', 'unquoted-setting', 'syntax-error', 'syntax-error'],
      'a Flink SQL document reports all four',
    );
  });

  test('in such a document, an unclosed string is reported where the statement is Flink SQL for sure', () => {
    const lexicalProblems = (source: string) => {
      const { text, ranges } = parseMarkers(source);
      const lenient = analyzeDocument(parseDocument(text), noConnections, { flinkOnly: false });
      assert.ok(lenient.every((p) => p.code === 'syntax-error' && /not closed/.test(p.message)));
      return { actual: lenient.map((p) => p.span), expected: ranges };
    };
    for (const source of [
      `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'api-key' = [|'sk-abc|]\n);`,
      `CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = [|'mongo|]\n);`,
      `CREATE FUNCTION f AS 'F' USING JAR 'j' USING CONNECTIONS ([|'weather|]\n);`,
      `SET 'sql.secrets.openai' = [|'sk-abc|]\n;`,
      `SELECT E'it\\'s';`,
    ]) {
      const { actual, expected } = lexicalProblems(source);
      assert.deepEqual(actual, expected, source);
    }
  });

  test('the message never quotes the statement text', () => {
    const [problem] = problemsOf(`CREATE CONNECTION c WITH ('api-key' = 'sk-SECRET' 'x');`);
    assert.equal(problem!.code, 'syntax-error');
    assert.doesNotMatch(problem!.message, /SECRET/);
  });
});

describe('unknown-connection-type', () => {
  test('a typo gets the nearest type', () => {
    const [problem] = checkProblems(
      `CREATE CONNECTION c WITH ('type' = [|'opneai'|], 'endpoint' = 'https://x', 'api-key' = 'k');`,
      ['unknown-connection-type'],
    );
    assert.match(problem!.message, /Did you mean 'openai'\?/);
    assert.deepEqual(problem!.data, { value: 'opneai', suggestion: 'openai' });
  });

  test('a hyphen for an underscore', () => {
    const [problem] = checkProblems(`CREATE CONNECTION c WITH ('type' = [|'mcp-server'|], 'endpoint' = 'https://x', 'token' = 't');`, [
      'unknown-connection-type',
    ]);
    assert.deepEqual(problem!.data, { value: 'mcp-server', suggestion: 'mcp_server' });
  });

  test('type values are case-insensitive', () => {
    checkClean(`CREATE CONNECTION c WITH ('type' = 'OpenAI', 'endpoint' = 'https://x', 'api-key' = 'k');`);
  });

  test("a type far from any of Confluent's is Apache Flink's: a warning that lists Confluent's types, and no option rules", () => {
    const [problem] = checkProblems(`CREATE CONNECTION c WITH ('type' = [|'basic'|], 'url' = 'http://example.com', 'username' = 'u');`, [
      'unknown-connection-type',
    ]);
    assert.equal(problem!.severity, 'warning');
    assert.match(problem!.message, /not a connection type of Confluent Cloud \(openai, .*\)\. Apache Flink accepts it/);
  });

  test('a near miss of a Confluent type among others is still an error', () => {
    const [problem] = checkProblems(
      `CREATE CONNECTION c WITH ('type' = [|'kafka'|], [|'type'|] = 'opneai', 'endpoint' = 'https://x', 'api-key' = 'k');`,
      ['unknown-connection-type', 'duplicate-option'],
    );
    assert.equal(problem!.severity, undefined);
    assert.match(problem!.message, /Known types: openai, /);
  });
});

describe("Apache Flink's connections (FLIP-529)", () => {
  test('TEMPORARY and SYSTEM connections, and connections without a type or any of Confluent’s keys, are not held to Confluent’s catalogue', () => {
    checkClean(`
      CREATE TEMPORARY CONNECTION t1 WITH ('type' = 'oauth', 'client_id' = 'client1');
      CREATE TEMPORARY SYSTEM CONNECTION t2 WITH ('type' = 'custom_type', 'api_key' = 'key123');
      CREATE CONNECTION my_conn COMMENT 'hi there' WITH ('k' = 'v');
      DROP TEMPORARY SYSTEM CONNECTION IF EXISTS t2;
      SHOW CREATE CONNECTION my_conn;
      DESCRIBE CONNECTION EXTENDED my_conn;
    `);
  });

  test('ALTER of a connection whose type is a Flink factory’s checks no keys; RESET and RENAME TO parse', () => {
    checkProblems(
      `CREATE CONNECTION b WITH ('type' = [|'bearer'|], 'token' = 'my_token');
       ALTER CONNECTION b SET ('token' = 'new_token', 'url' = 'http://new.com');
       ALTER CONNECTION b RESET ('password', 'url');
       ALTER CONNECTION IF EXISTS b RENAME TO b2;`,
      ['unknown-connection-type'],
    );
  });

  test('a SYSTEM connection that is not TEMPORARY is an error, as in Flink', () => {
    const [create] = checkProblems(`CREATE [|S|]YSTEM CONNECTION c WITH ('k' = 'v');`, ['syntax-error']);
    assert.match(create!.message, /write CREATE TEMPORARY SYSTEM CONNECTION\.$/);
    const [drop] = checkProblems(`DROP [|S|]YSTEM CONNECTION c;`, ['syntax-error']);
    assert.match(drop!.message, /write DROP TEMPORARY SYSTEM CONNECTION\.$/);
  });

  test('an empty option list is still held to Confluent’s rules', () => {
    checkProblems(`CREATE CONNECTION [|[|c|]|] WITH ();`, ['missing-option', 'missing-option']);
  });

  test('a table that uses a connection through USING CONNECTION names it', () => {
    checkProblems(`CREATE TABLE orders (id INT) USING CONNECTION mycat.mydb.[|mysql_prod|] WITH ('connector' = 'jdbc');`, ['unknown-connection']);
    checkClean(`CREATE TEMPORARY CONNECTION mysql_prod WITH ('k' = 'v');\nCREATE TABLE orders (id INT) USING CONNECTION mysql_prod WITH ('connector' = 'jdbc');`);
  });
});

describe('unquoted-setting', () => {
  test("the SQL client's older SET and RESET: a warning that shows the quoted form", () => {
    const problems = checkProblems(
      `SET [|table.sql-dialect=hive|];
       SET [|'execution.runtime-mode' = batch|];
       RESET [|table.sql-dialect|];`,
      ['unquoted-setting', 'unquoted-setting', 'unquoted-setting'],
    );
    assert.deepEqual(
      problems.map((p) => p.message.slice(0, p.message.indexOf('. '))),
      [
        "Write the key and the value in single quotes: SET 'table.sql-dialect' = 'hive'",
        "Write the value in single quotes: SET 'execution.runtime-mode' = 'batch'",
        "Write the key in single quotes: RESET 'table.sql-dialect'",
      ],
    );
    assert.ok(problems.every((p) => diagnosticCodes[p.code].severity === 'warning'));
  });

  test('never shows a value that may be a secret', () => {
    const [problem] = checkProblems(`SET [|sql.secrets.openai = sk-NOT-SHOWN|];`, ['unquoted-setting']);
    assert.match(problem!.message, /SET 'sql\.secrets\.openai' = '…'/);
    assert.doesNotMatch(problem!.message, /NOT-SHOWN/);
  });

  test('the quoted forms and SET alone are clean; a SET that ends at its = is an error', () => {
    checkClean(`SET 'table.sql-dialect' = 'hive'; SET; RESET; RESET 'k';`);
    checkProblems(`SET 'a' [|=|];`, ['syntax-error']);
  });
});

describe('missing-option', () => {
  test('type, endpoint and the type’s required key', () => {
    const problems = checkProblems(`CREATE CONNECTION [|[|c|]|] WITH ('api-key' = 'k');`, ['missing-option', 'missing-option']);
    assert.deepEqual(problems.map((p) => p.data), [{ key: 'type' }, { key: 'endpoint' }]);
  });

  test('the credential a single-method type needs', () => {
    const [problem] = checkProblems(`CREATE CONNECTION [|c|] WITH ('type' = 'openai', 'endpoint' = 'https://x');`, ['missing-option']);
    assert.match(problem!.message, /Missing 'api-key': connection type 'openai' needs it/);
  });

  test('both AWS keys when no AWS key is given', () => {
    const problems = checkProblems(`CREATE CONNECTION [|[|c|]|] WITH ('type' = 'bedrock', 'endpoint' = 'https://x');`, [
      'missing-option',
      'missing-option',
    ]);
    assert.deepEqual(problems.map((p) => p.data), [{ key: 'aws-access-key' }, { key: 'aws-secret-key' }]);
  });
});

describe('unknown-option', () => {
  const openai = (option: string) => `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', ${option});`;

  test("the documentation's own 'ap-key' example", () => {
    const [problem] = checkProblems(openai(`[|'ap-key'|] = 'secret-value'`), ['unknown-option']);
    assert.match(problem!.message, /Did you mean 'api-key'\?.*does not redact/);
    assert.deepEqual(problem!.data, { key: 'ap-key', suggestion: 'api-key' });
    assert.doesNotMatch(problem!.message, /secret-value/);
  });

  for (const [written, meant] of [
    ['api_key', 'api-key'],
    ['sse_endpoint', 'sse-endpoint'],
    ['service-account-key', 'service-key'],
    ['pasword', 'password'],
    ['secret-key', 'aws-secret-key'],
  ] as const) {
    test(`'${written}' is taken for '${meant}'`, () => {
      const problems = problemsOf(`CREATE CONNECTION c WITH ('type' = 'a2a', 'endpoint' = 'https://x', 'api-key' = 'k', '${written}' = 'v');`);
      const problem = problems.find((p) => p.code === 'unknown-option');
      const expected = ['sse-endpoint', 'service-key', 'aws-secret-key'].includes(meant) ? undefined : meant;
      // Keys the type does not accept are not suggested: an a2a connection has no sse-endpoint.
      assert.deepEqual(problem?.data, expected ? { key: written, suggestion: expected } : { key: written });
    });
  }

  test('misspellings are matched against every key when the type is unknown to the rule', () => {
    const [problem] = problemsOf(`ALTER CONNECTION c SET ('service-account-key' = 'v');`);
    assert.deepEqual(problem!.data, { key: 'service-account-key', suggestion: 'service-key' });
  });

  test('a key of another type', () => {
    const [problem] = checkProblems(openai(`'api-key' = 'k', [|'token'|] = 't'`), ['unknown-option']);
    assert.match(problem!.message, /'token' is not valid for connection type 'openai'\. Valid keys: 'type', 'endpoint' and 'api-key'/);
  });

  test('an upper-case key is a warning that names the lower-case key', () => {
    const [problem] = checkProblems(
      `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', [|'API-KEY'|] = 'k');`,
      ['unknown-option'],
    );
    assert.equal(problem!.severity, 'warning');
    assert.deepEqual(problem!.data, { key: 'API-KEY', suggestion: 'api-key' });
  });
});

describe('a misspelt key is reported once', () => {
  test('not also as the missing key it was meant to be', () => {
    checkProblems(`CREATE CONNECTION c WITH ([|'typ'|] = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');`, ['unknown-option']);
    checkProblems(
      `CREATE CONNECTION c WITH ('type' = 'mongodb', 'endpoint' = 'mongodb://h', 'username' = 'u', [|'pasword'|] = 'p');`,
      ['unknown-option'],
    );
  });
});

describe('duplicate-option', () => {
  test('the later occurrence is reported', () => {
    const [problem] = checkProblems(
      `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'a', [|'api-key'|] = 'b');`,
      ['duplicate-option'],
    );
    assert.deepEqual(problem!.data, { key: 'api-key' });
  });
});

describe('conflicting-auth', () => {
  test('an API key and a token together', () => {
    const [problem] = checkProblems(
      `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'api-key' = 'a', [|'token'|] = 'b');`,
      ['conflicting-auth'],
    );
    assert.deepEqual(problem!.data, {
      methods: [
        { method: 'api-key', keys: ['api-key'] },
        { method: 'bearer', keys: ['token'] },
      ],
    });
    assert.match(problem!.message, /mixes API key and bearer token/);
  });

  test('in ALTER CONNECTION too', () => {
    checkProblems(`ALTER CONNECTION c SET ('username' = 'u', [|'token'|] = 't');`, ['conflicting-auth']);
  });
});

describe('incomplete-auth', () => {
  test('a user name without its password', () => {
    const [problem] = checkProblems(
      `CREATE CONNECTION c WITH ('type' = 'mongodb', 'endpoint' = 'mongodb://h', [|'username'|] = 'u');`,
      ['incomplete-auth'],
    );
    assert.match(problem!.message, /Basic authentication needs 'password' as well as 'username'/);
    assert.deepEqual(problem!.data, { method: 'basic', missing: ['password'] });
  });

  test('three of the four OAuth keys', () => {
    const [problem] = checkProblems(
      `CREATE CONNECTION c WITH ('type' = 'rest', 'endpoint' = 'https://x', [|'token-endpoint'|] = 'https://a/t', 'client-id' = 'i', 'client-secret' = 's');`,
      ['incomplete-auth'],
    );
    assert.deepEqual(problem!.data, { method: 'oauth', missing: ['scope'] });
  });

  test('a session token without the key pair', () => {
    const [problem] = checkProblems(
      `CREATE CONNECTION c WITH ('type' = 'sagemaker', 'endpoint' = 'https://x', [|'aws-session-token'|] = 't');`,
      ['incomplete-auth'],
    );
    assert.deepEqual(problem!.data, { method: 'aws', missing: ['aws-access-key', 'aws-secret-key'] });
  });
});

describe('missing-auth', () => {
  test('a type with a choice of methods and none given', () => {
    const [problem] = checkProblems(`CREATE CONNECTION [|c|] WITH ('type' = 'rest', 'endpoint' = 'https://x');`, ['missing-auth']);
    assert.match(problem!.message, /basic authentication \('username' \+ 'password'\), bearer token \('token'\) or OAuth 2.0/);
    assert.equal(problem!.code, 'missing-auth');
    assert.deepEqual(
      problem.data.methods.map((m) => m.method),
      ['api-key', 'basic', 'bearer', 'oauth'],
    );
  });
});

describe('invalid-option-value', () => {
  const mcp = (options: string) => `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'token' = 't', ${options});`;

  test('a transport type that does not exist', () => {
    const [problem] = checkProblems(mcp(`'transport-type' = [|'websocket'|]`), ['invalid-option-value']);
    assert.deepEqual(problem!.data, { key: 'transport-type', allowed: ['SSE', 'STREAMABLE_HTTP'] });
  });

  test('an SSE endpoint with the streamable HTTP transport', () => {
    checkProblems(mcp(`[|'sse-endpoint'|] = 'https://x/sse', 'transport-type' = 'STREAMABLE_HTTP'`), ['invalid-option-value']);
  });

  test('a service key that is not JSON, without quoting it', () => {
    const [problem] = checkProblems(
      `CREATE CONNECTION c WITH ('type' = 'vertexai', 'endpoint' = 'https://x', 'service-key' = [|'not-json-SECRET'|]);`,
      ['invalid-option-value'],
    );
    assert.doesNotMatch(problem!.message, /SECRET/);
  });

  test('an empty value', () => {
    const [problem] = checkProblems(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = [|''|]);`, ['invalid-option-value']);
    assert.equal(problem!.severity, undefined);
  });

  test('empty credentials of a type with a choice of auth methods: information, for a public endpoint reaches them so', () => {
    const problems = checkProblems(`CREATE CONNECTION c WITH ('type' = 'rest', 'endpoint' = 'https://books.example.org/', 'username' = [|''|], 'password' = [|''|]);`, [
      'invalid-option-value',
      'invalid-option-value',
    ]);
    assert.deepEqual(
      problems.map((p) => [p.severity, p.message]),
      ['username', 'password'].map((key) => ['information', `The value of '${key}' is empty: the connection sends no credentials, which suits only a public endpoint.`]),
    );
    // Not an empty endpoint (nor, above, a credential of a type with one method, openai's API key).
    const [endpoint, token] = checkProblems(`CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = [|''|], 'token' = [|''|]);`, ['invalid-option-value', 'invalid-option-value']);
    assert.deepEqual([endpoint!.severity, token!.severity], [undefined, 'information']);
  });

  test('a secret over 4000 bytes of UTF-8', () => {
    const long = 'é'.repeat(2001); // 4002 bytes
    checkProblems(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = [|'${long}'|]);`, [
      'invalid-option-value',
    ]);
    checkClean(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = '${'é'.repeat(2000)}');`);
  });
});

describe('invalid-endpoint', () => {
  test('an http:// endpoint for an HTTP service', () => {
    const [problem] = checkProblems(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = [|'http://api.openai.com'|], 'api-key' = 'k');`, [
      'invalid-endpoint',
    ]);
    assert.match(problem!.message, /An endpoint of connection type 'openai' must start with https:\/\//);
  });

  test('an https:// endpoint for MongoDB', () => {
    const [problem] = checkProblems(
      `CREATE CONNECTION c WITH ('type' = 'mongodb', 'endpoint' = [|'https://c.mongodb.net'|], 'username' = 'u', 'password' = 'p');`,
      ['invalid-endpoint'],
    );
    assert.match(problem!.message, /mongodb:\/\/ or mongodb\+srv:\/\//);
  });

  test('not a URL at all', () => {
    checkProblems(`CREATE CONNECTION c WITH ('type' = 'elastic', 'endpoint' = [|'<elasticsearch-endpoint>'|], 'api-key' = 'k');`, ['invalid-endpoint']);
  });

  test('credentials in the endpoint never reach the message', () => {
    const [problem] = problemsOf(
      `CREATE CONNECTION c WITH ('type' = 'couchbase', 'endpoint' = 'mongodb://admin:hunter2@h', 'username' = 'u', 'password' = 'p');`,
    );
    assert.equal(problem!.code, 'invalid-endpoint');
    assert.doesNotMatch(problem!.message, /hunter2/);
  });
});

describe('option-not-alterable', () => {
  test('type and endpoint in ALTER CONNECTION … SET', () => {
    const problems = checkProblems(`ALTER CONNECTION c SET ([|'type'|] = 'openai', [|'endpoint'|] = 'https://x', 'api-key' = 'k');`, [
      'option-not-alterable',
      'option-not-alterable',
    ]);
    assert.ok(problems.every((p) => p.code === 'option-not-alterable'));
  });
});

describe('ALTER CONNECTION keys follow the connection’s type', () => {
  test('against the CREATE in the same document', () => {
    checkProblems(
      `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');
       ALTER CONNECTION c SET ([|'token'|] = 't');`,
      ['unknown-option'],
    );
  });

  test('against a CREATE elsewhere in the workspace', () => {
    checkProblems(`ALTER CONNECTION c SET ([|'password'|] = 'p');`, ['unknown-option'], workspaceWith(definition('c', 'openai')));
    checkClean(`ALTER CONNECTION c SET ('password' = 'p');`, workspaceWith(definition('c', 'mongodb')));
  });

  test('a misspelt key is never taken for one ALTER cannot set', () => {
    const [problem] = checkProblems(`ALTER CONNECTION c SET ([|'tpye'|] = 'openai');`, ['unknown-option'], workspaceWith(definition('c', 'openai')));
    assert.ok(problem?.code === 'unknown-option');
    assert.equal(problem.data.suggestion, undefined);
    assert.doesNotMatch(problem.message, /'type'|'endpoint'/);
  });

  test('against every key when the type is unknown', () => {
    checkClean(`ALTER CONNECTION elsewhere SET ('password' = 'p');`);
    checkProblems(`ALTER CONNECTION elsewhere SET ([|'ap-key'|] = 'k');`, ['unknown-option']);
  });
});

describe('unknown-connection', () => {
  test('references in tables, models, tools and functions', () => {
    const problems = checkProblems(
      `CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = '[|nope1|]', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');
       CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'embedding', 'openai.connection' = '[|nope2|]');
       CREATE TOOL tl USING CONNECTION [|nope3|] WITH ('type' = 'mcp', 'allowed_tools' = 'a');
       CREATE FUNCTION f AS 'x.F' USING JAR 'confluent-artifact://a' USING CONNECTIONS ('[|nope4|]');`,
      ['unknown-connection', 'unknown-connection', 'unknown-connection', 'unknown-connection'],
    );
    assert.ok(problems.every((p) => p.code === 'unknown-connection'));
  });

  test('a connection created in the document, later or earlier, or in the workspace is known', () => {
    checkClean(
      `CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'later', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');
       CREATE CONNECTION \`later\` WITH ('type' = 'mongodb', 'endpoint' = 'mongodb://h', 'username' = 'u', 'password' = 'p');
       CREATE TOOL tl USING CONNECTION \`env\`.\`db\`.other WITH ('type' = 'mcp', 'allowed_tools' = 'a');`,
      workspaceWith(definition('other', 'mcp_server')),
    );
  });

  test('a connection key in a CTAS or LIKE table is checked', () => {
    checkProblems(
      `CREATE TABLE v WITH ('connector' = 'mongodb', 'mongodb.connection' = '[|nope1|]', 'mongodb.database' = 'd', 'mongodb.collection' = 'c') AS SELECT * FROM s;
       CREATE TABLE w WITH ('mongodb.connection' = '[|nope2|]') LIKE v (EXCLUDING OPTIONS);`,
      ['unknown-connection', 'unknown-connection'],
    );
  });

  test('USING CONNECTIONS written as identifiers', () => {
    checkProblems(`CREATE FUNCTION f AS 'x.F' USING JAR 'j' USING CONNECTIONS (\`default\`.\`db\`.[|weather|]);`, ['unknown-connection']);
  });

  test('managing a connection that lives only in the cloud is not flagged', () => {
    checkClean(`DROP CONNECTION gone; DESCRIBE CONNECTION gone; ALTER CONNECTION gone SET ('api-key' = 'k');`);
  });
});
