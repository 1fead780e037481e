import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authMethods } from '../../server/src/catalogue/authMethods';
import { allowedKeysOf, authMethodsOf, requiredKeysOf } from '../../server/src/catalogue/connectionKeys';
import { connectionTypes, findConnectionType } from '../../server/src/catalogue/connectionTypes';
import { allOptionKeys, findOptionKey } from '../../server/src/catalogue/optionKeys';
import { endpointProblem } from '../../server/src/analysis/endpoint';
import { snippetDefaults } from '../../server/src/features/snippets';
import { referenceKeys } from '../../server/src/catalogue/keyIndex';
import { checkClean } from '../helpers/analysis';

/** The endpoint a snippet template produces when every tab stop keeps its default. */
const templateDefault = snippetDefaults;

/** A valid value for a key, by the kind of value it takes. */
function exampleValue(key: string): string {
  const kind = findOptionKey(key)!.value.kind;
  return kind === 'json-object' ? '{"type": "service_account"}' : kind === 'url' ? 'https://auth.example.com/token' : 'x';
}

describe('the connection-type catalogue', () => {
  test("has the CLI's 19 types, each once, in lower case", () => {
    const names = connectionTypes.map((t) => t.name);
    assert.deepEqual(
      [...names].sort(),
      [
        'a2a', 'anthropic', 'azureml', 'azureopenai', 'bedrock', 'confluent_jdbc', 'cosmosdb', 'couchbase', 'elastic', 'fireworksai',
        'googleai', 'mcp_server', 'mongodb', 'openai', 'pinecone', 'rest', 's3vectors', 'sagemaker', 'vertexai',
      ],
    );
    for (const name of names) assert.equal(name, name.toLowerCase());
  });

  test('finds types case-insensitively', () => {
    assert.equal(findConnectionType('MCP_SERVER')?.name, 'mcp_server');
    assert.equal(findConnectionType('kafka'), undefined);
  });

  test('every type documents itself and has at least one auth method', () => {
    for (const type of connectionTypes) {
      assert.ok(type.displayName && type.description.endsWith('.'), type.name);
      assert.ok(type.authMethods.length > 0, type.name);
      assert.ok(type.endpoint.schemes.length > 0, type.name);
    }
  });

  test('every key a type names is a known key', () => {
    for (const type of connectionTypes) {
      for (const key of allowedKeysOf(type)) assert.ok(findOptionKey(key), `${type.name}: ${key}`);
    }
  });

  test("each type's endpoint template, filled with its defaults, is a valid endpoint for it", () => {
    for (const type of connectionTypes) {
      assert.equal(endpointProblem(templateDefault(type.endpoint.template), type, connectionTypes), undefined, type.name);
    }
  });

  test('reference keys are <something>.connection, each naming a type the catalogue has; every type but a2a has one', () => {
    for (const { key, connectionType } of referenceKeys.values()) {
      assert.match(key, /^[a-z0-9-]+\.connection$/);
      assert.ok(findConnectionType(connectionType), key);
    }
    const named = new Set([...referenceKeys.values()].map((r) => r.connectionType));
    assert.deepEqual(connectionTypes.map((t) => t.name).filter((t) => !named.has(t)), ['a2a']);
  });

  test('single-method types require that method’s keys; the others only type and endpoint', () => {
    assert.deepEqual(requiredKeysOf(findConnectionType('bedrock')!), ['type', 'endpoint', 'aws-access-key', 'aws-secret-key']);
    assert.deepEqual(requiredKeysOf(findConnectionType('rest')!), ['type', 'endpoint']);
  });
});

describe('the option-key catalogue', () => {
  test('the secrets are the keys that hold credentials', () => {
    assert.deepEqual(
      allOptionKeys.filter((k) => k.secret === 'always').map((k) => k.name).sort(),
      ['api-key', 'aws-access-key', 'aws-secret-key', 'aws-session-token', 'client-secret', 'password', 'service-key', 'token'],
    );
  });

  test('account identifiers are masked only on request; configuration never', () => {
    const level = (name: string) => findOptionKey(name)?.secret;
    for (const name of ['username', 'client-id', 'scope', 'token-endpoint']) assert.equal(level(name), 'opt-in', name);
    for (const name of ['type', 'endpoint', 'sse-endpoint', 'transport-type']) assert.equal(level(name), 'never', name);
  });

  test('a misspelling names one key and is not itself a key', () => {
    const seen = new Map<string, string>();
    for (const key of allOptionKeys) {
      assert.ok(key.description.length > 0 && key.placeholder.length > 0, key.name);
      for (const misspelling of key.misspellings) {
        assert.equal(findOptionKey(misspelling), undefined, misspelling);
        assert.equal(seen.get(misspelling), undefined, `${misspelling} names two keys`);
        seen.set(misspelling, key.name);
      }
    }
  });

  test("each key's placeholder is a valid value, so a quick fix that inserts it adds no diagnostic", () => {
    for (const key of allOptionKeys) {
      if (key.value.kind === 'url') assert.equal(endpointProblem(key.placeholder, undefined, connectionTypes), undefined, key.name);
      if (key.value.kind === 'json-object') assert.doesNotThrow(() => JSON.parse(key.placeholder), key.name);
      if (key.value.kind === 'enum') assert.ok(key.value.values.includes(key.placeholder), key.name);
    }
  });

  test('every key belongs to some type', () => {
    const used = new Set<string>(connectionTypes.flatMap((t) => allowedKeysOf(t)));
    for (const key of allOptionKeys) assert.ok(used.has(key.name), key.name);
  });
});

describe('the catalogue and the checker agree', () => {
  for (const type of connectionTypes) {
    for (const method of authMethodsOf(type)) {
      test(`a '${type.name}' connection with ${method.label} and only required keys is valid`, () => {
        const options = [
          `'type' = '${type.name}'`,
          `'endpoint' = '${templateDefault(type.endpoint.template)}'`,
          ...method.keys.map((key) => `'${key}' = '${exampleValue(key)}'`),
        ];
        checkClean(`CREATE CONNECTION c WITH (${options.join(', ')});`);
      });
    }
  }

  test('every auth method is used by some type', () => {
    const used = new Set(connectionTypes.flatMap((t) => t.authMethods));
    for (const id of Object.keys(authMethods)) assert.ok(used.has(id as never), id);
  });
});
