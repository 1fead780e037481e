/**
 * flinksql.json's `catalogue`: what Confluent ships before the built-in catalogue knows it. Each rule
 * of the section (and each mistake in it, with where it is), and what an addition changes: an added
 * connection type is checked like a built-in one, an added key is accepted, an added secret key is
 * masked, an added provider or connector chooses its keys; and nothing changes without additions.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import Ajv from 'ajv';
import { parseConfiguration } from '../../server/src/config/configuration';
import type { Catalogue } from '../../server/src/catalogue/catalogue';
import { analyzeEdit } from '../../server/src/analysis/analyzeDocument';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { applyRules } from '../../server/src/config/configuration';
import { codeActions, FIX_ALL_KIND } from '../../server/src/features/codeActions';
import { completion } from '../../server/src/features/completion';
import { snippetDefaults } from '../../server/src/features/snippets';
import { hover } from '../../server/src/features/hover';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { configSchema } from '../../scripts/configSchema';
import { checkClean, checkProblems, problemsOf } from '../helpers/analysis';
import { parseMarkers } from '../helpers/markers';
import { secretRanges } from '../helpers/secrets';

const folder = '/project';

/** A Preview type with a secret key of its own, an extra key for a built-in type, a provider and a connector. */
const additions = {
  connectionTypes: {
    snowflake: {
      displayName: 'Snowflake',
      description: 'A Snowflake account (Preview).',
      endpoint: { schemes: ['https'], example: 'https://<account>.snowflakecomputing.com' },
      authMethods: ['basic'],
      keys: {
        passphrase: { description: 'The private key passphrase.', secret: 'always' },
        warehouse: { description: 'The warehouse queries run in.' },
        role: { values: ['reader', 'writer'] },
      },
      requiredKeys: ['warehouse'],
    },
    mcp_server: { keys: { headers: { secret: 'always' } } },
  },
  modelProviders: {
    cohere: { connectionType: 'cohere', keys: { 'cohere.truncate': { values: ['NONE', 'END'] } } },
  },
  tableConnectors: {
    snowflake: { connectionType: 'snowflake', keys: { 'snowflake.table': { description: 'The table.' } }, requiredKeys: ['snowflake.table'] },
  },
};
const withCohere = { ...additions, connectionTypes: { ...additions.connectionTypes, cohere: { authMethods: ['api-key'] } } };

function catalogueOf(section: unknown): Catalogue {
  const result = parseConfiguration(JSON.stringify({ catalogue: section }), folder);
  assert.deepEqual(result.errors, []);
  return result.configuration!.catalogue;
}

const catalogue = catalogueOf(withCohere);

/** The mistakes of a flinksql.json, each with the text it points at. */
const errorsOf = (text: string) => parseConfiguration(text, folder).errors.map((e) => `${e.message} @${text.slice(e.start, e.end)}`);
const sectionErrors = (section: unknown) => errorsOf(JSON.stringify({ catalogue: section }, null, 2));

const snowflake = (options: string) => `CREATE CONNECTION s WITH ('type' = 'snowflake', 'endpoint' = 'https://acme.snowflakecomputing.com', ${options});`;

describe('catalogue: an added connection type', () => {
  test('without the addition it is an unknown type; with it, a complete connection is clean', () => {
    const text = snowflake("'username' = 'u', 'password' = 'p', 'warehouse' = 'w'");
    assert.deepEqual(problemsOf(text).map((p) => `${p.code} ${p.severity ?? 'error'}`), ['unknown-connection-type warning']);
    checkClean(text, undefined, catalogue);
  });

  /** The problems of `text` under the catalogue, as `code "text it points at": message`. */
  const found = (text: string) => problemsOf(text, undefined, catalogue).map((p) => `${p.code} ${JSON.stringify(text.slice(p.span.start, p.span.end))}: ${p.message}`);

  test('its keys are checked like a built-in type’s: its auth method, unknown keys, values and the endpoint’s scheme', () => {
    assert.deepEqual(found("CREATE CONNECTION s WITH ('type' = 'snowflake', 'endpoint' = 'http://x', 'username' = 'u', 'warehous' = 'w', 'role' = 'admin');"), [
      `invalid-endpoint "'http://x'": An endpoint of connection type 'snowflake' must start with https://. For example: https://<account>.snowflakecomputing.com`,
      `incomplete-auth "'username'": Basic authentication needs 'password' as well as 'username'.`,
      `unknown-option "'warehous'": Unknown option 'warehous'. Did you mean 'warehouse'?`,
      `invalid-option-value "'admin'": 'role' must be 'READER' or 'WRITER' (case-insensitive), not 'admin'.`,
    ]);
  });

  test('its required keys and the keys of its one auth method are missing where not given; a key of another type is not valid', () => {
    assert.deepEqual(found(snowflake("'token' = 't'")), [
      `missing-option "s": Missing 'username': connection type 'snowflake' needs it.`,
      `missing-option "s": Missing 'password': connection type 'snowflake' needs it.`,
      `missing-option "s": Missing 'warehouse': connection type 'snowflake' needs it.`,
      `unknown-option "'token'": 'token' is not valid for connection type 'snowflake'. Valid keys: 'type', 'endpoint', 'username', 'password', 'passphrase', 'warehouse' and 'role'.`,
    ]);
  });

  test('ALTER CONNECTION of an added type takes its keys', () => {
    const text = `${snowflake("'username' = 'u', 'password' = 'p', 'warehouse' = 'w'")}\nALTER CONNECTION s SET ('passphrase' = 'x', 'warehouse' = 'w2');`;
    checkClean(text, undefined, catalogue);
    checkProblems(`${snowflake("'username' = 'u', 'password' = 'p', 'warehouse' = 'w'")}\nALTER CONNECTION s SET ([|'api-key'|] = 'x');`, ['unknown-option'], undefined, catalogue);
  });

  test('a type with no auth method needs none', () => {
    const own = catalogueOf({ connectionTypes: { vault: { endpoint: { schemes: ['vault'] }, keys: { path: {} } } } });
    checkClean("CREATE CONNECTION v WITH ('type' = 'vault', 'endpoint' = 'vault://secrets.example.com', 'path' = 'a/b');", undefined, own);
  });
});

describe('catalogue: keys added to a built-in type', () => {
  const mcp = (extra: string) =>
    `CREATE CONNECTION m WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com/mcp', 'api-key' = 'k'${extra});`;
  test('are accepted there, and stay unknown without the addition', () => {
    checkProblems(mcp(", [|'headers'|] = 'h'"), ['unknown-option']);
    checkClean(mcp(", 'headers' = 'h'"), undefined, catalogue);
  });
  test('a key made required is missing where it is not given', () => {
    const strict = catalogueOf({ connectionTypes: { mcp_server: { keys: { tenant: {} }, requiredKeys: ['tenant', 'transport-type'] } } });
    assert.deepEqual(
      problemsOf(mcp(''), undefined, strict).map((p) => p.message),
      ["Missing 'tenant': connection type 'mcp_server' needs it.", "Missing 'transport-type': connection type 'mcp_server' needs it."],
    );
    checkClean(mcp(", 'tenant' = 't', 'transport-type' = 'SSE'"), undefined, strict);
  });
  test('nothing changes for any other type (but the words: the key is known now), nor when the section adds nothing', () => {
    const text = "CREATE CONNECTION o WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'k', 'headers' = 'h');";
    const where = (problems: ReturnType<typeof problemsOf>) => problems.map((p) => `${p.code} ${p.severity ?? ''} ${p.span.start}-${p.span.end}`);
    assert.deepEqual(where(problemsOf(text, undefined, catalogue)), where(problemsOf(text)));
    assert.equal(problemsOf(text, undefined, catalogue)[0]!.message, "'headers' is not valid for connection type 'openai'. Valid keys: 'type', 'endpoint' and 'api-key'.");
    assert.deepEqual(problemsOf(text, undefined, catalogueOf({})), problemsOf(text));
  });
});

describe('catalogue: added model providers and table connectors', () => {
  const cohereConnection = "CREATE CONNECTION co WITH ('type' = 'cohere', 'endpoint' = 'https://api.cohere.ai/v1', 'api-key' = 'k');";
  test('a model of an added provider gets its keys, its connection key and its connection type checked', () => {
    checkClean(`${cohereConnection}\nCREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'cohere', 'task' = 'text_generation', 'cohere.connection' = 'co', 'cohere.truncate' = 'end');`, undefined, catalogue);
    checkProblems(
      "CREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'cohere', 'task' = 'text_generation', [|'cohere.conection'|] = 'co', 'cohere.truncate' = [|'start'|]);",
      ['unknown-option', 'invalid-option-value'],
      { find: (name) => (name === 'co' ? [{ type: 'cohere', flink: false }] : []), version: 1 },
      catalogue,
    );
    const mismatch = problemsOf("CREATE CONNECTION o WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'k');\nCREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'cohere', 'task' = 'text_generation', 'cohere.connection' = 'o');", undefined, catalogue);
    assert.deepEqual(mismatch.map((p) => p.code), ['connection-type-mismatch']);
    assert.equal(problemsOf("CREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'cohere', 'task' = 'text_generation');")[0]?.code, 'invalid-option-value');
  });

  test("a new provider's own key made required is missing, once, where it is not given", () => {
    const strict = catalogueOf({ ...withCohere, modelProviders: { cohere: { connectionType: 'cohere', requiredKeys: ['cohere.model_version'] } } });
    const model = "CREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'cohere', 'task' = 'text_generation', 'cohere.connection' = 'co');";
    const lookup = { find: () => [{ type: 'cohere', flink: false }], version: 1 };
    assert.deepEqual(problemsOf(model, lookup, strict).map((p) => p.message), ["Missing 'cohere.model_version': the model to call, e.g. `gpt-4o` (default `gpt-3.5-turbo` for OpenAI)."]);
    checkClean(model.replace(");", ", 'cohere.model_version' = 'command-r');"), lookup, strict);
  });

  test("a built-in connector's key made required, and a key added to it", () => {
    const stricter = catalogueOf({ tableConnectors: { mongodb: { keys: { 'mongodb.read_preference': { values: ['primary', 'nearest'] } }, requiredKeys: ['mongodb.index'] } } });
    const table = (keys: string) =>
      `CREATE TABLE t (id INT) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'm', 'mongodb.database' = 'd', 'mongodb.collection' = 'c'${keys});`;
    const codes = (keys: string, c?: Catalogue) => problemsOf(table(keys), { find: () => [{ type: 'mongodb', flink: false }], version: 1 }, c).map((p) => `${p.code} ${'key' in p.data ? p.data.key : ''}`);
    assert.deepEqual(codes(", 'mongodb.read_preference' = 'nearest'"), ['unknown-option mongodb.read_preference']);
    assert.deepEqual(codes(", 'mongodb.read_preference' = 'nearest'", stricter), ['missing-option mongodb.index']);
    assert.deepEqual(codes(", 'mongodb.index' = 'i', 'mongodb.read_preference' = 'far'", stricter), ['invalid-option-value mongodb.read_preference']);
  });

  test('an external table of an added connector needs its required key', () => {
    const table = (keys: string) => `${snowflake("'username' = 'u', 'password' = 'p', 'warehouse' = 'w'")}\nCREATE TABLE [|t|] (id INT) WITH ('connector' = 'snowflake', 'snowflake.connection' = 's'${keys});`;
    checkProblems(table(''), ['missing-option'], undefined, catalogue);
    const { text } = parseMarkers(table(", 'snowflake.table' = 'orders'"));
    checkClean(text, undefined, catalogue);
  });
});

describe('catalogue: added secret keys', () => {
  const text = snowflake("'username' = 'u', 'password' = 'p', 'warehouse' = 'w', 'passphrase' = 'PASSPHRASE-VALUE', 'pasphrase' = 'MISSPELT-VALUE'");
  const masked = (c?: Catalogue) => secretRanges(text, { maskAccountIdentifiers: false, ...(c ? { catalogue: c } : {}) }).map((s) => text.slice(s.start, s.end));
  test('are masked like built-in ones, near misses too; not without the addition', () => {
    assert.deepEqual(masked(catalogue), ['p', 'PASSPHRASE-VALUE', 'MISSPELT-VALUE']);
    assert.deepEqual(masked(), ['p']);
  });
  test('a key added as "never" unmasks nothing the detector takes for a credential', () => {
    const lax = catalogueOf({ connectionTypes: { snowflake: { keys: { 'token-url': { secret: 'never' } } } } });
    const sql = "CREATE CONNECTION s WITH ('type' = 'snowflake', 'token-url' = 'T-VALUE');";
    assert.deepEqual(secretRanges(sql, { maskAccountIdentifiers: false, catalogue: lax }).map((s) => sql.slice(s.start, s.end)), ['T-VALUE']);
  });
  test('an "opt-in" key is masked when account identifiers are', () => {
    const optIn = catalogueOf({ connectionTypes: { snowflake: { keys: { account: { secret: 'opt-in' } } } } });
    const sql = "CREATE CONNECTION s WITH ('type' = 'snowflake', 'account' = 'ACME');";
    assert.deepEqual(secretRanges(sql, { maskAccountIdentifiers: true, catalogue: optIn }).map((s) => sql.slice(s.start, s.end)), ['ACME']);
    assert.deepEqual(secretRanges(sql, { maskAccountIdentifiers: false, catalogue: optIn }), []);
  });
  test("no message repeats an added secret's value", () => {
    const messages = problemsOf(text.replace("'passphrase' = 'PASSPHRASE-VALUE'", "'passphrase' = ''"), undefined, catalogue).map((p) => p.message);
    for (const message of messages) assert.doesNotMatch(message, /VALUE/);
    // The SQL client's unquoted SET shows its quoted form: without the value of an added secret key.
    const set = 'SET passphrase=SET-VALUE;';
    assert.match(problemsOf(set)[0]!.message, /SET-VALUE/);
    assert.deepEqual(problemsOf(set, undefined, catalogue).map((p) => [p.code, /SET-VALUE/.test(p.message)]), [['unquoted-setting', false]]);
  });
});

describe('catalogue: completion, hover and fixes read it', () => {
  test("an added type's keys are completed, and its type hovered", () => {
    const { text, ranges } = parseMarkers("CREATE CONNECTION s WITH ('type' = 'snowflake', '[||]');");
    const document = TextDocument.create('file:///a.sql', 'flinksql', 1, text);
    const labels = completion(document, parseDocument(text), ranges[0]!.start, { connections: [], catalogue }).map((i) => i.label);
    for (const key of ['endpoint', 'username', 'password', 'warehouse', 'passphrase', 'role']) assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
    assert.ok(!labels.includes('api-key'));
    const at = text.indexOf('snowflake') + 2;
    const shown = hover(document, parseDocument(text), at, { find: () => [], catalogue });
    assert.match(JSON.stringify(shown?.contents), /Snowflake.*Needs .*'warehouse'.*basic authentication/);
    assert.equal(hover(document, parseDocument(text), at, { find: () => [] }), null);
  });

  test('an added type has its CREATE CONNECTION snippet, with its auth method and required keys, and one without a method too', () => {
    const own = catalogueOf({ ...withCohere, connectionTypes: { ...withCohere.connectionTypes, vault: { endpoint: { schemes: ['vault'] }, keys: { path: {} }, requiredKeys: ['path'] } } });
    const document = TextDocument.create('file:///a.sql', 'flinksql', 1, '');
    const items = completion(document, parseDocument(''), 0, { connections: [], catalogue: own });
    const bodyOf = (label: string) => {
      const item = items.find((i) => i.label === label);
      assert.ok(item, `${label} in ${items.map((i) => i.label).join(', ')}`);
      return snippetDefaults((item.textEdit as TextEdit).newText);
    };
    const snowflakeBody = bodyOf('CREATE CONNECTION Snowflake');
    assert.equal(
      snowflakeBody,
      "CREATE CONNECTION my_snowflake_connection\nWITH (\n  'type' = 'snowflake',\n  'endpoint' = 'https://account.snowflakecomputing.com',\n  'username' = '<username>',\n  'password' = '<password>',\n  'warehouse' = '<warehouse>'\n);",
    );
    const vaultBody = bodyOf('CREATE CONNECTION vault');
    assert.equal(vaultBody, "CREATE CONNECTION my_vault_connection\nWITH (\n  'type' = 'vault',\n  'endpoint' = 'vault://host',\n  'path' = '<path>'\n);");
    // What the snippets write is what the analysis takes.
    for (const body of [snowflakeBody, vaultBody]) checkClean(body, undefined, own);
  });

  test('fix-all adds a missing required key of an added type, with its placeholder', () => {
    const text = "CREATE CONNECTION s WITH ('type' = 'snowflake', 'endpoint' = 'https://a.snowflakecomputing.com', 'username' = 'u', 'password' = 'p');";
    const document = TextDocument.create('file:///a.sql', 'flinksql', 1, text);
    const analysis = analyzeEdit(parseDocument(text), undefined, { flinkOnly: true, catalogue });
    const [action] = codeActions(document, analysis, [], [FIX_ALL_KIND]);
    const edits = (action?.edit?.documentChanges?.[0] as { edits: TextEdit[] } | undefined)?.edits ?? [];
    assert.match(TextDocument.applyEdits(document, edits), /'warehouse' = '<warehouse>'/);
  });
});

describe('fix-all fixes only what the user sees', () => {
  // 'opnai' is taken for 'openai'; once it is, the connection lacks its 'api-key'.
  const text = "CREATE CONNECTION c WITH ('type' = 'opnai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key' = 'k');";
  const fixed = (rules: Record<string, string>, source = text) => {
    const document = TextDocument.create('file:///a.sql', 'flinksql', 1, source);
    const configuration = parseConfiguration(JSON.stringify({ rules }), folder).configuration!;
    const [action] = codeActions(document, analyzeEdit(parseDocument(source)), [], [FIX_ALL_KIND], undefined, (problems) => applyRules(configuration, problems));
    const edits = (action?.edit?.documentChanges?.[0] as { edits: TextEdit[] } | undefined)?.edits ?? [];
    return TextDocument.applyEdits(document, edits);
  };
  test('every rule on: the type and the key are fixed', () => {
    assert.equal(fixed({}), "CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'k');");
  });
  test('a code turned off is not fixed', () => {
    assert.equal(fixed({ 'unknown-option': 'off' }), "CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key' = 'k');");
    assert.equal(fixed({ 'unknown-connection-type': 'off', 'unknown-option': 'off' }), text);
  });
  test('nor one a fix brings into play', () => {
    const noKey = "CREATE CONNECTION c WITH ('type' = 'opnai', 'endpoint' = 'https://api.openai.com/v1');";
    assert.match(fixed({}, noKey), /'type' = 'openai', 'endpoint' = 'https:\/\/api\.openai\.com\/v1', 'api-key' = '<api-key>'/);
    assert.equal(fixed({ 'missing-option': 'off' }, noKey), noKey.replace('opnai', 'openai'));
  });
});

describe('catalogue: mistakes in the section, each where it is', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', [], '"catalogue" must be an object. @"catalogue"'],
    ['an unknown section', { connectionType: {} }, 'Unknown field "connectionType" in "catalogue": it takes "connectionTypes", "modelProviders", "tableConnectors". @"connectionType"'],
    ['an unknown field of a type', { connectionTypes: { x: { endpoints: {} } } }, 'Unknown field "endpoints" in connection type "x": it takes "displayName", "description", "endpoint", "authMethods", "keys", "requiredKeys". @"endpoints"'],
    [
      'a built-in type redefined',
      { connectionTypes: { openai: { authMethods: ['basic'] } } },
      `"openai" is a built-in connection type: only "keys" and "requiredKeys" can be added to it (its authMethods is Confluent's documented one). @"authMethods"`,
    ],
    ['an auth method that does not exist', { connectionTypes: { x: { authMethods: ['kerberos'] } } }, /^"kerberos" is not an auth method\. .* @"authMethods"$/.source],
    ['a required key that is not a key', { connectionTypes: { x: { keys: { a: {} }, requiredKeys: ['b'] } } }, '"b" is listed in "requiredKeys" but is not a key of connection type "x" (give it in "keys"). @"requiredKeys"'],
    ['a key of an auth method', { connectionTypes: { x: { keys: { password: { secret: 'always' } } } } }, '"password" belongs to the auth method "basic": list that method in "authMethods" instead. @"password"'],
    ['a built-in key given facts', { connectionTypes: { x: { keys: { 'transport-type': { secret: 'always' } } } } }, '"transport-type" is a built-in key: its facts are fixed, give it as {}. @"transport-type"'],
    ['a key the type has already', { connectionTypes: { mcp_server: { keys: { 'transport-type': {} } } } }, '"transport-type" is already a key of connection type "mcp_server". @"transport-type"'],
    ['an upper-case connection key', { connectionTypes: { x: { keys: { Region: {} } } } }, '"Region" is not a connection key: connection keys are lower case, without spaces or quotes. @"Region"'],
    ['a secret with values', { connectionTypes: { x: { keys: { pin: { secret: 'always', values: ['1'] } } } } }, 'A secret key cannot list its values: a message about a wrong value would repeat the secret. @"values"'],
    ['a wrong secret level', { connectionTypes: { x: { keys: { pin: { secret: true } } } } }, '"secret" takes "always", "opt-in" or "never". @"secret"'],
    ['a scheme with its colon', { connectionTypes: { x: { endpoint: { schemes: ['https://'] } } } }, `"schemes" lists URL schemes without ':' or '//', such as ["https"]; "https://" is not one. @"schemes"`],
    ['an example of another scheme', { connectionTypes: { x: { endpoint: { schemes: ['wss'], example: 'https://a' } } } }, 'The example must start with one of the schemes (wss:). @"example"'],
    ['one key, two meanings', { connectionTypes: { x: { keys: { pin: { secret: 'always' } } }, y: { keys: { pin: {} } } } }, '"pin" is added by another connection type with other facts: a key has one meaning for every type. @"pin"'],
    ['a name twice', { connectionTypes: { x: {}, X: {} } }, '"X" is given twice (names are compared without regard to case). @"X"'],
    ['a provider without its connection type', { modelProviders: { p: {} } }, 'A new model provider names the connection type its connection must have: "connectionType". @"p"'],
    ['a provider of an unknown connection type', { modelProviders: { p: { connectionType: 'nope' } } }, '"nope" is not a connection type (built in, or added under "connectionTypes"). @"connectionType"'],
    ['a built-in connector redefined', { tableConnectors: { mongodb: { connectionType: 'rest' } } }, '"mongodb" is a built-in table connector: only "keys" and "requiredKeys" can be added to it. @"connectionType"'],
    ['a connector key it has already', { tableConnectors: { mongodb: { keys: { 'MongoDB.Database': {} } } } }, '"MongoDB.Database" is already a key of table connector "mongodb". @"MongoDB.Database"'],
  ];
  for (const [what, section, expected] of cases) {
    test(what, () => {
      const errors = sectionErrors(section);
      assert.equal(errors.length, 1, errors.join('\n'));
      if (expected.startsWith('^')) assert.match(errors[0]!, new RegExp(expected));
      else assert.equal(errors[0], expected);
    });
  }

  test('a broken section leaves no configuration: every rule applies as built in, nothing added is trusted', () => {
    assert.equal(parseConfiguration(JSON.stringify({ catalogue: { connectionTypes: { x: { authMethods: ['nope'] } } } }), folder).configuration, undefined);
  });

  test('never throws, whatever the section holds', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void parseConfiguration(JSON.stringify({ catalogue: value }), folder)), { numRuns: 300 });
    const entry = fc.dictionary(fc.constantFrom('displayName', 'endpoint', 'authMethods', 'keys', 'requiredKeys', 'connectionType', 'x'), fc.jsonValue());
    fc.assert(
      fc.property(fc.constantFrom('connectionTypes', 'modelProviders', 'tableConnectors'), fc.constantFrom('openai', 'mongodb', 'new', 'cohere'), entry, (section, name, value) => {
        void parseConfiguration(JSON.stringify({ catalogue: { [section]: { [name]: value } } }), folder);
      }),
      { numRuns: 500 },
    );
  });

  test("the README's flinksql.json examples are read without a mistake, and the schema accepts them", () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const examples = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((text) => text.includes('"catalogue"'));
    assert.ok(examples.length > 0);
    const validate = new Ajv({ strict: false }).compile(configSchema());
    for (const text of examples) {
      assert.deepEqual(parseConfiguration(text, folder).errors, []);
      assert.equal(validate(JSON.parse(text)), true);
    }
  });

  test('the JSON Schema accepts the valid examples and rejects the shapes the reader rejects', () => {
    const validate = new Ajv({ strict: false }).compile(configSchema());
    for (const section of [additions, withCohere, {}]) assert.equal(validate({ catalogue: section }), true, JSON.stringify(validate.errors));
    for (const [what, section] of cases) {
      if (['a built-in type redefined', 'a built-in key given facts', 'a required key that is not a key', 'a key of an auth method', 'a key the type has already', 'one key, two meanings', 'a name twice', 'a provider without its connection type', 'a provider of an unknown connection type', 'a built-in connector redefined', 'a connector key it has already', 'an example of another scheme', 'a secret with values'].includes(what)) continue;
      assert.equal(validate({ catalogue: section }), false, what);
    }
  });
});
