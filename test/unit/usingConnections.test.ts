/**
 * The checks of the statements that use connections: models, external tables, tools and agents.
 * Each rule once, with its severity where the catalogue's confidence makes it milder, and the
 * statements that must stay silent because their keys are Apache Flink's or undocumented.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkClean, checkProblems } from '../helpers/analysis';
import { allSnippets, snippetDefaults } from '../../server/src/features/snippets';
import type { ConnectionLookup } from '../../server/src/analysis/analyzeDocument';
import { resourceKey } from '../../server/src/analysis/connectionReferences';

const connections = `
  CREATE CONNECTION oa WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = '<k>');
  CREATE CONNECTION az WITH ('type' = 'azureopenai', 'endpoint' = 'https://r.openai.azure.com/openai/deployments/d/chat/completions', 'api-key' = '<k>');
  CREATE CONNECTION mg WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = '<u>', 'password' = '<p>');
  CREATE CONNECTION mcp WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com/mcp', 'token' = '<t>');
  CREATE CONNECTION a2a_c WITH ('type' = 'a2a', 'endpoint' = 'https://agent.example.com', 'token' = '<t>');
`;

const severities = (problems: readonly { severity?: string; code: string }[]) => problems.map((p) => p.severity ?? 'default');

describe('models', () => {
  test('a complete model, in any case, with params, formats, timeouts and an MCP connection, is clean', () => {
    checkClean(`${connections}
      CREATE MODEL m INPUT (t STRING) OUTPUT (r STRING) WITH ('PROVIDER' = 'OpenAI', 'TASK' = 'text_generation', 'OPENAI.CONNECTION' = 'oa',
        'openai.params.temperature' = '0.2', 'openai.PARAMS.max_completion_tokens' = '100', 'openai.input_format' = 'openai-chat',
        'openai.output_format' = 'JSON:answer', 'openai.client_timeout' = '120', 'openai.system_prompt' = '', 'mcp.connection' = 'mcp');`);
  });

  test('task is required and must be one of five; a provider must be known', () => {
    checkProblems(
      `${connections} CREATE MODEL [|m|] WITH ('provider' = 'openai', 'openai.connection' = 'oa');
       CREATE MODEL n WITH ('provider' = [|'watsonx'|], 'task' = [|'summarize'|]);`,
      ['missing-option', 'invalid-option-value', 'invalid-option-value'],
    );
  });

  test('more than 32 params keys: the 33rd is reported', () => {
    const params = Array.from({ length: 33 }, (_, i) => `'openai.params.p${i}' = '1'`);
    params[32] = `[|'openai.params.p32'|] = '1'`;
    checkProblems(`${connections} CREATE MODEL m WITH ('provider' = 'openai', 'task' = 'embedding', 'openai.connection' = 'oa', ${params.join(', ')});`, [
      'invalid-option-value',
    ]);
  });

  test('a whole number where one is needed, and default_version only in ALTER MODEL', () => {
    checkProblems(
      `${connections} CREATE MODEL m WITH ('provider' = 'openai', 'task' = 'embedding', 'openai.connection' = 'oa', 'openai.client_timeout' = [|'2 min'|], [|'default_version'|] = '2');
       ALTER MODEL m SET ('default_version' = '2');`,
      ['invalid-option-value', 'unknown-option'],
    );
  });

  test('a connection of another model provider is a warning: whether Confluent allows it is not documented', () => {
    const problems = checkProblems(`${connections} CREATE MODEL m WITH ('provider' = 'openai', 'task' = 'embedding', 'openai.connection' = '[|az|]');`, [
      'connection-type-mismatch',
    ]);
    assert.deepEqual(severities(problems), ['warning']);
  });

  test("an inferred provider's missing connection key is a warning", () => {
    const problems = checkProblems(`CREATE MODEL [|m|] WITH ('provider' = 'fireworksai', 'task' = 'text_generation');`, ['missing-option']);
    assert.deepEqual(severities(problems), ['warning']);
  });

  test("Apache Flink's models are not held to Confluent's rules: its own keys, TEMPORARY, trained from a query", () => {
    checkClean(`
      CREATE MODEL f WITH ('provider' = 'openai', 'endpoint' = 'https://api.openai.com/v1/embeddings', 'api-key' = '<k>', 'model' = 'text-embedding-3-small');
      CREATE TEMPORARY MODEL t WITH ('provider' = 'anything', 'x' = 'y');
      CREATE MODEL trained WITH ('task' = 'regression', 'type' = 'linear') AS SELECT a, b FROM t;`);
  });

  test("Confluent's managed provider has no documented keys: none is reported unknown", () => {
    checkClean(`CREATE MODEL m WITH ('provider' = 'confluent', 'task' = 'text_generation', 'confluent.model' = 'x', 'anything' = 'y');`);
  });

  test('USING CONNECTION names the connection, so no provider connection key is missing', () => {
    checkClean(`${connections} CREATE MODEL m USING CONNECTION oa WITH ('provider' = 'openai', 'task' = 'text_generation');`);
  });
});

describe('external tables', () => {
  test('tables of other connectors, and Apache Flink\'s MongoDB connector, are never checked', () => {
    checkClean(`
      CREATE TABLE k (a STRING) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
      CREATE TABLE f (a STRING) WITH ('connector' = 'filesystem', 'path' = '/tmp', 'format' = 'csv');
      CREATE TABLE c (a STRING) WITH ('connector' = 'confluent', 'value.format' = 'avro-registry');
      CREATE TABLE m (a STRING) WITH ('connector' = 'mongodb', 'uri' = 'mongodb://h:27017', 'database' = 'd', 'collection' = 'c');
      CREATE TABLE plain (a STRING) WITH ('changelog.mode' = 'append');`);
  });

  test("a connector whose keys nobody documents (couchbase) gets no unknown-key check", () => {
    checkClean(`CREATE CONNECTION cb WITH ('type' = 'couchbase', 'endpoint' = 'couchbases://c.cloud.couchbase.com', 'username' = '<u>', 'password' = '<p>');
      CREATE TABLE r (a STRING) WITH ('connector' = 'couchbase', 'couchbase.connection' = 'cb', 'couchbase.bucket' = 'b', 'couchbase.scope' = 's');`);
  });

  test('a legacy inline password is deprecated and takes the place of the connection key', () => {
    checkProblems(
      `CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', [|'mongodb.password'|] = '<p>', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');`,
      ['deprecated-option'],
    );
  });
});

describe('tools and agents', () => {
  test('an A2A tool over another type of connection is a warning (the pairing is inferred); its own keys are not documented', () => {
    const problems = checkProblems(`${connections} CREATE TOOL t USING CONNECTION [|mcp|] WITH ('type' = 'a2a', 'agent_card' = 'x');`, [
      'connection-type-mismatch',
    ]);
    assert.deepEqual(severities(problems), ['warning']);
  });

  test('a clean MCP tool, function tool and agent; ALTER AGENT may set tools', () => {
    checkClean(`${connections}
      CREATE TOOL t USING CONNECTION mcp WITH ('TYPE' = 'MCP', 'allowed_tools' = 'a, b', 'request_timeout' = '30', 'description' = 'd');
      CREATE TOOL f USING FUNCTION my_udf WITH ('type' = 'function');
      CREATE AGENT a USING MODEL m USING PROMPT 'p' USING TOOLS t, f COMMENT 'c' WITH ('MAX_ITERATIONS' = '10', 'max_consecutive_failures' = '2');
      ALTER AGENT a SET ('tools' = 't', 'description' = 'd');`);
  });

  test("a reflection agent's options are not documented: none is reported unknown", () => {
    checkClean(`CREATE AGENT r USING AGENTS drafter, critic WITH ('max_rounds' = '3');`);
  });

  test('the type of a tool must be known', () => {
    checkProblems(`${connections} CREATE TOOL t USING CONNECTION mcp WITH ('type' = [|'mpc'|], 'allowed_tools' = 'a');`, ['invalid-option-value']);
  });
});

describe('ALTER MODEL and ALTER TOOL … SET, against the provider or type of their CREATE', () => {
  const bedrock = `CREATE CONNECTION br WITH ('type' = 'bedrock', 'endpoint' = 'https://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke', 'aws-access-key' = '<k>', 'aws-secret-key' = '<s>');
    CREATE MODEL m WITH ('provider' = 'bedrock', 'task' = 'text_generation', 'bedrock.connection' = 'br');`;

  test("another provider's key in an ALTER of a version, the CREATE in the same document", () => {
    const [problem] = checkProblems(`${bedrock} ALTER MODEL m$2 SET ([|'openai.model_version'|] = 'gpt-4o', 'bedrock.params.top_k' = '5');`, ['unknown-option']);
    assert.match(problem!.message, /not 'bedrock'/);
  });

  test('the CREATE in another document, through the lookup; without a CREATE any provider goes', () => {
    const elsewhere: ConnectionLookup = { find: (key) => (key === resourceKey('model', 'm') ? [{ type: 'bedrock' }] : []), version: 1 };
    checkProblems("ALTER MODEL m SET ([|'openai.model_version'|] = 'gpt-4o');", ['unknown-option'], elsewhere);
    checkClean("ALTER MODEL m SET ('openai.model_version' = 'gpt-4o');");
  });

  test("a tool's ALTER against its type; a connection of the same name is another thing", () => {
    checkProblems(
      `CREATE CONNECTION t WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com/mcp', 'token' = '<t>');
       CREATE TOOL t USING FUNCTION f WITH ('type' = 'function');
       ALTER TOOL t SET ([|'allowed_tools'|] = 'x', 'request_timeout' = '5');`,
      ['unknown-option'],
    );
  });

  test("an Apache Flink model's ALTER is not held to Confluent's provider", () => {
    checkClean(`CREATE MODEL m WITH ('provider' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'model' = 'gpt-4o');
      ALTER MODEL m SET ('model' = 'gpt-4o-mini');`);
  });
});

describe('snippets', () => {
  test('every snippet, with its defaults, is valid, and the models, tables, tools and agents name what the other snippets create', () => {
    const snippets = allSnippets();
    for (const statement of ['model', 'table', 'tool', 'agent'] as const) assert.ok(snippets.some((s) => s.statement === statement), statement);
    assert.ok(snippets.filter((s) => s.statement === 'table').length >= 8, 'one external table per connector');
    checkClean(snippets.map((s) => snippetDefaults(s.body)).join('\n'));
  });
});
