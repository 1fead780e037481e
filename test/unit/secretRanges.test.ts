import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { secretRanges, type SecretOptions } from '../../server/src/analysis/secretRanges';
import { parseMarkers } from '../helpers/markers';

/** Asserts that the secrets of `source` are exactly its `[|…|]` ranges. */
function checkSecrets(source: string, options?: SecretOptions): void {
  const { text, ranges } = parseMarkers(source);
  const actual = secretRanges(text, options).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(actual, ranges.map((r) => text.slice(r.start, r.end)));
}

describe('secret values', () => {
  test('of every secret key, in CREATE and ALTER CONNECTION, whatever the case of the key', () => {
    checkSecrets(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = '[|sk-1|]');
      CREATE CONNECTION b WITH ('aws-access-key' = '[|AKIA|]', 'aws-secret-key' = '[|s|]', 'aws-session-token' = '[|t|]');
      CREATE CONNECTION v WITH ('service-key' = '[|{"type": "service_account"}|]');
      ALTER CONNECTION m SET ('PASSWORD' = '[|p|]', 'Token' = '[|t|]', 'client-secret' = '[|cs|]');`);
  });

  test("the characters between the quotes, with '' escapes inside", () => {
    checkSecrets(`ALTER CONNECTION c SET ('password' = '[|it''s|]')`);
  });

  for (const key of ['ap-key', 'api_key', 'API_KEY', 'pasword', 'passwd', 'secret-key', 'access-key', 'service-account-key', 'client_secret', 'tokne']) {
    test(`of the near miss '${key}'`, () => {
      checkSecrets(`CREATE CONNECTION c WITH ('type' = 'openai', '${key}' = '[|value|]')`);
    });
  }

  test('in a statement that does not parse', () => {
    checkSecrets(`CREATE CONNECTION my-conn WITH ('type' = 'openai' 'api-key' = '[|sk-2|]',)`);
  });

  test('the rest of the line after an unterminated string that follows a secret key', () => {
    checkSecrets(`CREATE CONNECTION c WITH (\n  'api-key' = '[|sk-being-typed|]\n);`);
  });

  test('of SET sql.secrets, and of keys within two edits of that prefix', () => {
    checkSecrets(`SET 'sql.secrets.openai' = '[|sk-3|]'; SET 'sql.secret.x' = '[|sk-4|]'; SET 'sql.local-time-zone' = 'UTC';`);
  });

  test('of legacy inline options of tables and models', () => {
    checkSecrets(
      `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'openai.api_key' = '[|sk-5|]', 'OPENAI.API_KEY' = '[|sk-6|]');
       CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.username' = 'u', 'mongodb.password' = '[|p|]',
         'properties.sasl.jaas.config' = '[|org.apache.kafka.common.security.plain.PlainLoginModule required;|]');`,
    );
  });

  test('embedded in endpoints: user info, credential parameters, JDBC passwords', () => {
    checkSecrets(`CREATE CONNECTION m WITH ('endpoint' = 'mongodb://admin:[|hunter2|]@h/db');
      CREATE CONNECTION r WITH ('endpoint' = 'https://api.example.com/v1?api-key=[|k1|]&model=m');
      CREATE CONNECTION j WITH ('endpoint' = 'jdbc:sqlserver://h:1433;databaseName=d;password=[|p2|]');
      CREATE CONNECTION j2 WITH ('endpoint' = 'jdbc:postgresql://flink:[|s3|]@h:5432/db?user=flink&password=[|s4|]');`);
  });

  test('in hints and in commented-out options', () => {
    checkSecrets(`SELECT * FROM t /*+ OPTIONS('password' = '[|hint-secret|]') */;
      -- 'api-key' = '[|old-secret|]',
      /* 'token' = '[|block-secret|]' */
      CREATE CONNECTION c WITH (
        -- 'password' = '[|inside|]'
        'type' = 'mongodb'
      );`);
  });
});

describe('not secrets', () => {
  test('session placeholders, type, endpoint, transport and configuration', () => {
    checkSecrets(`CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com/mcp',
      'token' = '{{sessionconfig/sql.secrets.mcp_token}}', 'transport-type' = 'SSE', 'sse-endpoint' = 'https://mcp.example.com/sse');
      CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'c', 'key.format' = 'json');`);
  });

  test('user names, client ids, scopes and token endpoints, unless asked', () => {
    const source = `CREATE CONNECTION r WITH ('username' = 'u', 'client-id' = 'id', 'scope' = 'read', 'token-endpoint' = 'https://auth.example.com/t');`;
    checkSecrets(source);
    checkSecrets(
      `CREATE CONNECTION r WITH ('username' = '[|u|]', 'client-id' = '[|id|]', 'scope' = '[|read|]', 'token-endpoint' = '[|https://auth.example.com/t|]');`,
      { maskAccountIdentifiers: true },
    );
  });

  test('an empty value', () => {
    checkSecrets(`CREATE CONNECTION c WITH ('api-key' = '')`);
  });
});

describe('reusing the secrets of unchanged statements', () => {
  test('gives the same ranges as reading everything again, after edits that move and change statements', () => {
    const cache = new Map();
    let text = readFileSync(path.join(__dirname, '../../examples/connections.sql'), 'utf8');
    assert.deepEqual(secretRanges(text, undefined, cache), secretRanges(text));
    for (const [at, insert] of [[0, 'SELECT 1;\n'], [text.indexOf("'api-key'"), "'password' = 'new-secret', "], [text.length, "SET 'sql.secrets.x' = 'y';"]] as const) {
      text = text.slice(0, at) + insert + text.slice(at);
      assert.deepEqual(secretRanges(text, undefined, cache), secretRanges(text));
    }
  });
});

describe('the example files', () => {
  for (const name of ['connections.sql', 'mistakes.sql', 'models-and-tables.sql']) {
    test(`${name}: every fake credential is inside a secret range`, () => {
      const text = readFileSync(path.join(__dirname, '../../examples', name), 'utf8');
      const spans = secretRanges(text);
      for (const marker of text.matchAll(/EXAMPLEONLY|AKIAEXAMPLE|Passw0rd/g)) {
        const at = marker.index!;
        assert.ok(
          spans.some((s) => s.start <= at && at < s.end),
          `${name}:${text.slice(0, at).split('\n').length} shows ${marker[0]}`,
        );
      }
    });
  }
});
