import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { editDistance, normalizeWord } from '../../server/src/analysis/nearest';
import { endpointSecrets, isSecretKey, mergeSecretSpans, secretsBetweenStatements, statementSecrets, type SecretOptions } from '../../server/src/analysis/secretRanges';
import type { Span } from '../../server/src/parser/ast';
import { splitStatements } from '../../server/src/parser/splitStatements';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { documentSecrets } from '../../server/src/analysis/documentSecrets';
import { isSpace, isWordChar } from '../../server/src/parser/characters';
import { isPunctuation, readTokens, type Token } from '../../server/src/parser/tokens';
import { parseMarkers } from '../helpers/markers';
import { legacyCredentialKeys, secretRanges, sensitiveWordKeys } from '../helpers/secrets';

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

  test("of a Unicode string (U&'…'), between its quotes, with its UESCAPE clause or not", () => {
    checkSecrets(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = U&'[|sk-\\0041b|]');
      SET 'sql.secrets.k' = u&'[|#0041x|]' UESCAPE '#';
      ALTER CONNECTION c SET ('token' = U&'[|open|]`);
  });

  for (const key of ['ap-key', 'api_key', 'API_KEY', 'pasword', 'passwd', 'secret-key', 'access-key', 'service-account-key', 'client_secret', 'tokne']) {
    test(`of the near miss '${key}'`, () => {
      checkSecrets(`CREATE CONNECTION c WITH ('type' = 'openai', '${key}' = '[|value|]')`);
    });
  }

  test('in a statement that does not parse', () => {
    checkSecrets(`CREATE CONNECTION my-conn WITH ('type' = 'openai' 'api-key' = '[|sk-2|]',)`);
  });

  test('a value whose opening quote is missing, and one whose key lost its closing quote (with the rest of the statement read out of step)', () => {
    checkSecrets(`CREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = [|sk-1|]', 'endpoint' = 'https://x')`);
    checkSecrets(`CREATE CONNECTION c WITH ('type' = 'openai', 'api-key = '[|sk-1|]', 'password' = '[|p2|]')`);
    checkSecrets(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint = 'https://x', 'region' = us)`);
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

  test("of every legacy credential key of the catalogue's models and tables, in any case", () => {
    assert.ok(legacyCredentialKeys.length >= 10 && legacyCredentialKeys.includes('bedrock.aws_access_key_id') && legacyCredentialKeys.includes('mongodb.password'));
    const options = legacyCredentialKeys.flatMap((key, i) => [`'${key}' = '[|legacy-${i}|]'`, `'${key.toUpperCase()}' = '[|LEGACY-${i}|]'`]);
    checkSecrets(`CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'bedrock', ${options.join(',\n  ')});`);
    checkSecrets(`CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', ${options.join(', ')});`);
  });

  test('of every key holding a word Apache Flink treats as sensitive, with any prefix or suffix and in any case', () => {
    const options = sensitiveWordKeys.map((key, i) => `'${key}' = '[|sensitive-${i}|]'`);
    checkSecrets(`CREATE TABLE t (a STRING) WITH ('connector' = 'kafka', ${options.join(',\n  ')});`);
    checkSecrets(`CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH (${options.join(', ')});`);
  });

  test("of the keys Apache Flink's connections keep as secrets", () => {
    checkSecrets(
      `CREATE TEMPORARY CONNECTION f WITH ('type' = 'basic', 'url' = 'https://x', 'basic-auth' = '[|u:p|]', 'http-headers' = '[|Authorization: Bearer t|]',
         'auth-params' = '[|a=b|]', 'client_secret' = '[|s|]', 'apikey' = '[|k|]', 'fs.azure.account.key' = '[|az|]');`,
    );
  });

  test('embedded in endpoints: user info, credential parameters, JDBC passwords', () => {
    checkSecrets(`CREATE CONNECTION m WITH ('endpoint' = 'mongodb://admin:[|hunter2|]@h/db');
      CREATE CONNECTION r WITH ('endpoint' = 'https://api.example.com/v1?api-key=[|k1|]&model=m');
      CREATE CONNECTION j WITH ('endpoint' = 'jdbc:sqlserver://h:1433;databaseName=d;password=[|p2|]');
      CREATE CONNECTION j2 WITH ('endpoint' = 'jdbc:postgresql://flink:[|s3|]@h:5432/db?user=flink&password=[|s4|]');`);
  });

  test("of a key written with '' escapes", () => {
    checkSecrets(`CREATE CONNECTION c WITH ('api''key' = '[|sk-8|]')`);
  });

  test('in a comment before the first string of a statement, and in one without any string after it', () => {
    checkSecrets(`CREATE TABLE t (a INT /* 'password' = '[|p1|]' */, b INT) WITH ('connector' = 'mongodb');
      CREATE TABLE u (a INT -- 'token' = '[|t1|]'
      );
      SELECT a = b -- 'api-key' = '[|k1|]'
      FROM t;`);
  });

  test('not in a statement whose only = comes before its first string', () => {
    checkSecrets(`SELECT * FROM t WHERE a = b AND c IN ('password', 'api-key', 'x');`);
  });

  test('in a comment between statements whose value is not closed: to the end of that line, over the secrets on it', () => {
    checkSecrets(`SELECT 1; /* 'password' = '[|p2 */ SELECT 2; SET 'sql.secrets.x' = 'p3'; SELECT 3;|]\nSELECT 4;`);
  });

  test('of any key holding a secret word, with any prefix or suffix and in any case, so a key being retyped keeps its value masked', () => {
    checkSecrets(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1',
      'api-keyab' = '[|sk-1|]', 'api-key-old' = '[|sk-2|]', 'API-KEY-BACKUP' = '[|sk-3|]', 'apikey_backup' = '[|sk-4|]',
      'password_old' = '[|pw-5|]', 'my.client-secret.v2' = '[|cs-6|]', 'x.session-token' = '[|st-7|]', 'Bearer-Token2' = '[|bt-8|]');
      CREATE TABLE t (a STRING) WITH ('connector' = 'http', 'http.basic-auth' = '[|u:p|]', 'http.http-headers' = '[|Authorization: X|]',
        'properties.sasl.jaas.config' = '[|org.apache.kafka.common.security.plain.PlainLoginModule required|]', 'gcs.service-key.json' = '[|{}|]',
        'aws.access-key.id' = '[|AKIA1|]', 'db.PASSWD' = '[|pw-9|]', 'x.secret' = '[|s-10|]', 'auth-params' = '[|k=v|]');`);
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

  test("counts of tokens and the catalogue's own non-secret keys", () => {
    checkSecrets(`CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'openai.max_tokens' = '100', 'max-output-tokens' = '5');
      CREATE CONNECTION r WITH ('type' = 'rest', 'endpoint' = 'https://r.example.com', 'token-endpoint' = 'https://auth.example.com/t');`);
  });

  test('a placeholder in angle brackets, as a snippet leaves it, until something else is typed in its place', () => {
    checkSecrets(`CREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = '<api-key>', 'password' = '<aws-secret-access-key>');`);
    checkSecrets(`CREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = '[|<api-key>x|]', 'password' = '[|s<password>|]', 'token' = '[|<a><b>|]');`);
  });

  test('an empty value', () => {
    checkSecrets(`CREATE CONNECTION c WITH ('api-key' = '')`);
  });

  test('a placeholder whose closing quote is not typed yet', () => {
    checkSecrets(`CREATE CONNECTION c WITH ('token' = '{{sessionconfig/sql.secrets.t}}\n);`);
  });
});

describe('what each key makes of its value, remembered', () => {
  test('apart for each setting of maskAccountIdentifiers', () => {
    const text = `CREATE CONNECTION r WITH ('username' = 'u', 'password' = 'p');`;
    const shown = (options: SecretOptions) => secretRanges(text, options).map((s) => text.slice(s.start, s.end));
    assert.deepEqual(shown({ maskAccountIdentifiers: false }), ['p']);
    assert.deepEqual(shown({ maskAccountIdentifiers: true }), ['u', 'p']);
    assert.deepEqual(shown({ maskAccountIdentifiers: false }), ['p']);
  });

  test('after more distinct keys than are remembered, and for keys too long to remember', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `'option-${i}' = 'v${i}'`).join(', ');
    const long = 'x'.repeat(120);
    checkSecrets(`CREATE TABLE t (a INT) WITH (${keys}, 'api-key' = '[|k|]', '${long}.password' = '[|p|]', '${long}' = 'v');
      CREATE TABLE u (a INT) WITH (${keys}, 'password' = '[|q|]', '${long}.password' = '[|r|]');`);
  });
});

describe('reusing the secrets of unchanged statements (documentSecrets)', () => {
  const options = { maskAccountIdentifiers: false };
  test('gives the same ranges as reading everything again, after edits that move and change statements', () => {
    const cache = new Map();
    let text = readFileSync(path.join(__dirname, '../../examples/connections.sql'), 'utf8');
    let parsed = parseDocument(text);
    assert.deepEqual(documentSecrets(text, parsed.statements, options, cache), secretRanges(text));
    for (const [at, insert] of [[0, 'SELECT 1;\n'], [text.indexOf("'api-key'"), "'password' = 'new-secret', "], [text.length, "SET 'sql.secrets.x' = 'y';"]] as const) {
      text = text.slice(0, at) + insert + text.slice(at);
      parsed = parseDocument(text, parsed);
      assert.deepEqual(documentSecrets(text, parsed.statements, options, cache), secretRanges(text));
    }
  });

  test('not across a change of maskAccountIdentifiers', () => {
    const cache = new Map();
    const text = `CREATE CONNECTION r WITH ('username' = 'u', 'password' = 'p');`;
    const parsed = parseDocument(text);
    for (const maskAccountIdentifiers of [false, true, false]) {
      assert.deepEqual(documentSecrets(text, parsed.statements, { maskAccountIdentifiers }, cache), secretRanges(text, { maskAccountIdentifiers }));
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

/**
 * The detector's rules read plainly: every statement tokenized whole, every key judged afresh, every
 * comment read, nothing skipped. `secretRanges` takes short cuts; it must find exactly these spans.
 */
function plainSecrets(text: string, options: SecretOptions): Span[] {
  const spans: Span[] = [];
  // `'key' = 'value'` in `tokens`, which were read from `scanned`, the part of `within` at `base`; spans are offsets in `within` plus `shift`.
  const pairs = (tokens: readonly Token[], scanned: string, within: string, base: number, shift: number) => {
    const secretKey = (key: string) => {
      const lower = key.toLowerCase();
      const sessionSecret = editDistance(lower.slice(0, lower.indexOf('.', lower.indexOf('.') + 1) + 1 || lower.length), 'sql.secrets.') <= 2;
      return isSecretKey(key, options) || sessionSecret;
    };
    const blank = (at: number) => isSpace(scanned.charCodeAt(at));
    // A value whose opening quote is missing: up to the next quote, comma, parenthesis or white space.
    const unquoted = (key: string, at: number) => {
      let end = at;
      while (end < scanned.length && !"'(),".includes(scanned[end]!) && !blank(end)) end++;
      if (end > at && secretKey(key)) spans.push({ start: base + at + shift, end: base + end + shift });
    };
    // The word just before `at`, white space between allowed.
    const wordBefore = (at: number) => {
      let end = at;
      while (end > 0 && blank(end - 1)) end--;
      let start = end;
      while (start > 0 && isWordChar(scanned.charCodeAt(start - 1))) start--;
      return scanned.slice(start, end);
    };
    for (let i = 0; i < tokens.length; i++) {
      const [key, equals, value] = [tokens[i]!, tokens[i + 1], tokens[i + 2]];
      // `'api-key = 'sk-1'`: the key's closing quote is missing; the key is in the string, or the word just before it.
      if (key.kind === 'string' && key.closed && /=[ \t]*$/.test(key.value)) {
        const name = key.value.slice(0, key.value.lastIndexOf('=')).trim() || wordBefore(key.start);
        if (name) unquoted(name, key.end);
      }
      if (key.kind !== 'string' || !isPunctuation(equals, '=') || !value) continue;
      if (value.kind === 'word' || value.kind === 'number') unquoted(key.value, value.start);
      if (value.kind !== 'string') continue;
      const start = base + value.start + 1;
      const newline = within.slice(start).search(/[\r\n]/);
      const end = value.closed ? base + value.end - 1 : newline < 0 ? within.length : start + newline;
      if (end <= start || /^\{\{sessionconfig\/[^{}]+\}\}$|^<[^<>'\r\n]*>$/.test(value.value)) continue;
      if (secretKey(key.value)) spans.push({ start: start + shift, end: end + shift });
      else if (/(^|-)endpoint$/.test(normalizeWord(key.value))) spans.push(...endpointSecrets(within.slice(start, end), start + shift));
    }
  };
  const comments = (within: string, from: number, to: number, shift: number) => {
    const uncommented = within.slice(from, to).replace(/--|\/\/|\/\*|\*\//g, (marker) => ' '.repeat(marker.length));
    pairs(readTokens(uncommented).tokens, uncommented, within, from, shift);
  };
  let previousEnd = 0;
  for (const statement of splitStatements(text).statements) {
    comments(text, previousEnd, statement.start, 0);
    previousEnd = statement.semicolon >= 0 ? statement.semicolon : text.length;
    const source = text.slice(statement.start, previousEnd);
    const { tokens, comments: inStatement } = readTokens(source);
    pairs(tokens, source, source, 0, statement.start);
    for (const comment of inStatement) comments(source, comment.start, comment.end, statement.start);
  }
  comments(text, previousEnd, text.length, 0);
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return spans.reduce<Span[]>((merged, span) => {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push(span);
    return merged;
  }, []);
}

/**
 * The document's secrets computed as the server does it: each statement's secrets kept by the
 * statement's text for secrets (`kept`, the previous version's), the parts between statements read
 * again, and everything merged.
 */
function secretsStatementByStatement(text: string, options: SecretOptions, kept: Map<string, readonly Span[]>): Span[] {
  const { statements } = splitStatements(text);
  const spans = secretsBetweenStatements(text, statements, options);
  const current = new Map<string, readonly Span[]>();
  for (const statement of statements) {
    const source = text.slice(statement.start, statement.semicolon >= 0 ? statement.semicolon : text.length);
    const relative = kept.get(source) ?? statementSecrets(source, 0, options);
    current.set(source, relative);
    spans.push(...relative.map((span) => ({ start: statement.start + span.start, end: statement.start + span.end })));
  }
  kept.clear();
  for (const [source, relative] of current) kept.set(source, relative);
  return mergeSecretSpans(spans);
}

/** Pieces of documents full of secrets, near misses, comments, hints, broken quotes and statement ends. */
const PIECES = [
  "'api-key'", "'ap-key'", "'PASSWORD'", "'username'", "'endpoint'", "'sql.secrets.x'", "'openai.api_key'", "'type'", "'sk-1'", "'it''s'",
  "'mongodb://u:p@h/db'", "'https://h/x?api-key=k&model=m'", "'{{sessionconfig/sql.secrets.t}}'", '=', ',', '(', ')', ';', "'", '`',
  "'token' = 'sk-2'", "'pasword' = 'sk-3'", "'endpoint' = 'jdbc:x://h;password=p'", "'client-id' = 'id'", "'api-key' = '",
  '--', '//', '/*', '*/', '/*+', '\n', '\r', ' ', 'CREATE CONNECTION c WITH', 'SET', 'EXECUTE STATEMENT SET BEGIN', 'END', 'SELECT', '😀', '接続',
];
const documents = fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom('', ' ', '\n')), { maxLength: 80 }).map((pieces) => pieces.flat().join(''));

describe('the short cuts', () => {
  const examples = path.join(__dirname, '../../examples');
  test('find what the plain reading of the rules finds, in the example files and prefixes and suffixes of them', () => {
    for (const name of readdirSync(examples).filter((n) => n.endsWith('.sql'))) {
      const text = readFileSync(path.join(examples, name), 'utf8');
      for (const maskAccountIdentifiers of [false, true]) {
        const options = { maskAccountIdentifiers };
        for (let at = 0; at <= text.length; at += 53) {
          for (const part of [text.slice(0, at), text.slice(at)]) assert.deepEqual(secretRanges(part, options), plainSecrets(part, options), `${name} at ${at}`);
        }
      }
    }
  });

  test('find what the plain reading of the rules finds, in random documents', () => {
    fc.assert(
      fc.property(documents, fc.boolean(), (text, maskAccountIdentifiers) => {
        const options = { maskAccountIdentifiers };
        assert.deepEqual(secretRanges(text, options), plainSecrets(text, options));
      }),
      { numRuns: 3000, seed: 20261129 },
    );
  });
});

describe('secrets statement by statement', () => {
  const examples = path.join(__dirname, '../../examples');
  for (const name of readdirSync(examples).filter((n) => n.endsWith('.sql'))) {
    test(`${name}: the statements' secrets and those between them, merged, are the document's, as it is typed`, () => {
      const text = readFileSync(path.join(examples, name), 'utf8');
      for (const maskAccountIdentifiers of [false, true]) {
        const options = { maskAccountIdentifiers };
        const kept = new Map<string, readonly Span[]>();
        assert.deepEqual(secretsStatementByStatement(text, options, kept), secretRanges(text, options));
        // Typing the file again from the middle of its lines: every version reuses the previous one's statements.
        for (let at = text.length - 1; at > 0; at -= 97) {
          const version = text.slice(0, at) + text.slice(text.indexOf('\n', at) + 1 || text.length);
          assert.deepEqual(secretsStatementByStatement(version, options, kept), secretRanges(version, options), `${name} cut at ${at}`);
        }
      }
    });
  }

  test('random documents, each read after the one before it', () => {
    const kept = new Map<string, readonly Span[]>();
    fc.assert(
      fc.property(documents, fc.boolean(), (text, maskAccountIdentifiers) => {
        const options = { maskAccountIdentifiers };
        if (maskAccountIdentifiers) kept.clear();
        assert.deepEqual(secretsStatementByStatement(text, options, kept), secretRanges(text, options));
      }),
      { numRuns: 1000, seed: 20261128 },
    );
  });

  test('the random documents hold secrets', () => {
    const samples = fc.sample(documents, { numRuns: 200, seed: 20261128 });
    assert.ok(samples.filter((text) => secretRanges(text).length > 0).length > 50);
  });
});
