/**
 * Tokenisation tests of the TextMate grammar, run by the same libraries VS Code uses
 * (vscode-textmate with the vscode-oniguruma WASM regex engine), so the grammar's Oniguruma
 * regexes are checked as they really run and not approximated. Multi-line cases carry the rule
 * stack from line to line as the editor does. The static checks of the grammar's lists are in
 * textmateGrammar.test.ts.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar } from 'vscode-textmate';
import type { IGrammar, IToken, StateStack } from 'vscode-textmate';
import fc from 'fast-check';
import { legacyCredentialKeys, secretRanges, sensitiveWordKeys } from '../helpers/secrets';

const root = path.join(__dirname, '../..');
const grammarPath = path.join(root, 'syntaxes/flinksql.tmLanguage.json');
const examplesDir = path.join(root, 'examples');

const stringScope = 'string.quoted.single.flinksql';
const escapeScope = 'constant.character.escape.flinksql';
const quotedIdentifierScope = 'variable.other.quoted.flinksql';
const optionKeyScope = 'support.type.property-name.option-key.flinksql';
const connectionTypeScope = 'support.constant.connection-type.flinksql';

let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM({ data: wasm });
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.flinksql' ? parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const loaded = await registry.loadGrammar('source.flinksql');
  assert.ok(loaded, 'the grammar did not load');
  grammar = loaded;
});

interface LineTokens {
  line: number;
  text: string;
  tokens: IToken[];
}

/**
 * Tokenises `lines` one after another, passing each line's rule stack on to the next. A final
 * stack of depth 1 holds only the grammar's root rule: no string, comment or hint is left open.
 */
function tokenize(lines: string[]): { lines: LineTokens[]; finalStack: StateStack } {
  let stack: StateStack = INITIAL;
  const result: LineTokens[] = [];
  lines.forEach((text, line) => {
    const tokenized = grammar.tokenizeLine(text, stack);
    assert.equal(tokenized.stoppedEarly, false, `tokenising line ${line} stopped early: ${text}`);
    result.push({ line, text, tokens: tokenized.tokens });
    stack = tokenized.ruleStack;
  });
  return { lines: result, finalStack: stack };
}

/** Where the `occurrence`-th (0-based) `needle` is, counting through the lines in order. */
function locate(lines: string[], needle: string, occurrence: number): { line: number; column: number } {
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line] ?? '';
    for (let column = text.indexOf(needle); column >= 0; column = text.indexOf(needle, column + 1)) {
      if (seen++ === occurrence) return { line, column };
    }
  }
  assert.fail(`occurrence ${occurrence} of ${JSON.stringify(needle)} is not in ${JSON.stringify(lines)}`);
}

/** The tokens that overlap the `occurrence`-th `needle`, in order. */
function tokensOver(lines: string[], needle: string, occurrence = 0): IToken[] {
  const { line, column } = locate(lines, needle, occurrence);
  const end = column + needle.length;
  const tokens = tokenize(lines).lines[line]?.tokens ?? [];
  return tokens.filter((t) => t.startIndex < end && t.endIndex > column);
}

/**
 * The scopes of the token that starts at the `occurrence`-th `needle` (0-based, counted through
 * the lines in order), or of the token that covers its first character.
 */
function scopesOf(lines: string[], needle: string, occurrence = 0): string[] {
  const first = tokensOver(lines, needle, occurrence)[0];
  assert.ok(first, `no token at ${JSON.stringify(needle)}`);
  return first.scopes;
}

const has = (scopes: string[], scope: string): boolean => scopes.includes(scope);
const hasPrefix = (scopes: string[], prefix: string): boolean => scopes.some((s) => s.startsWith(prefix));

function assertScope(lines: string[], needle: string, scope: string, occurrence = 0): void {
  const scopes = scopesOf(lines, needle, occurrence);
  assert.ok(has(scopes, scope), `${JSON.stringify(needle)} has ${scopes.join(' ')}, not ${scope}`);
}

function assertNoScope(lines: string[], needle: string, scope: string, occurrence = 0): void {
  const scopes = scopesOf(lines, needle, occurrence);
  assert.ok(!has(scopes, scope), `${JSON.stringify(needle)} has ${scope}: ${scopes.join(' ')}`);
}

function assertNoScopePrefix(lines: string[], needle: string, prefix: string, occurrence = 0): void {
  for (const token of tokensOver(lines, needle, occurrence)) {
    assert.ok(!hasPrefix(token.scopes, prefix), `${JSON.stringify(needle)} has ${prefix}…: ${token.scopes.join(' ')}`);
  }
}

function assertKeyword(lines: string[], needle: string, occurrence = 0): void {
  const scopes = scopesOf(lines, needle, occurrence);
  assert.ok(hasPrefix(scopes, 'keyword.'), `${JSON.stringify(needle)} has ${scopes.join(' ')}, no keyword scope`);
}

/**
 * Asserts that `needle` is exactly one token sequence of `scope`: every token over it has the
 * scope, and exactly one begin and one end punctuation (of `kind`) lie inside it, at its ends.
 */
function assertOneQuoted(lines: string[], needle: string, scope: string, kind: 'string' | 'identifier'): void {
  const { column } = locate(lines, needle, 0);
  const end = column + needle.length;
  const tokens = tokensOver(lines, needle);
  for (const token of tokens) {
    assert.ok(has(token.scopes, scope), `part of ${needle} at ${token.startIndex} is ${token.scopes.join(' ')}`);
  }
  const begins = tokens.filter((t) => has(t.scopes, `punctuation.definition.${kind}.begin.flinksql`));
  const ends = tokens.filter((t) => has(t.scopes, `punctuation.definition.${kind}.end.flinksql`));
  assert.deepEqual(
    begins.map((t) => [t.startIndex, t.endIndex]),
    [[column, column + 1]],
    `${needle} does not begin exactly once, at its start`,
  );
  assert.deepEqual(ends.map((t) => [t.startIndex, t.endIndex]), [[end - 1, end]], `${needle} does not end exactly once, at its end`);
  // The token after it is not part of it.
  const next = tokenize(lines).lines[locate(lines, needle, 0).line]?.tokens.find((t) => t.startIndex === end);
  if (next) assert.ok(!has(next.scopes, scope), `the ${kind} ${needle} continues past its end`);
}

describe('keywords', () => {
  test('are recognised whatever their case', () => {
    for (const line of ['create connection c', 'CREATE CONNECTION c', 'Create Connection c']) {
      assertKeyword([line], line.slice(0, 6));
      assertKeyword([line], line.slice(7, 17));
    }
    assertKeyword(['Show Connections;'], 'Show');
    assertKeyword(['Show Connections;'], 'Connections');
    assertKeyword(['sHoW cOnNeCtIoNs;'], 'cOnNeCtIoNs');
  });

  test('are whole words only', () => {
    const line = ['SELECT created, connection_id FROM t;'];
    assertNoScopePrefix(line, 'created', 'keyword.');
    assertNoScopePrefix(line, 'connection_id', 'keyword.');
  });
});

describe('strings', () => {
  test("'' inside a string is an escape, and the string is one string", () => {
    const line = ["SELECT 'it''s' FROM t;"];
    assertOneQuoted(line, "'it''s'", stringScope, 'string');
    assertScope(line, "''", escapeScope);
    assertScope(line, "''", stringScope);
    assertKeyword(line, 'FROM');
  });

  test('an empty string is not an escape', () => {
    const line = ["SELECT '' FROM t;"];
    assertOneQuoted(line, "''", stringScope, 'string');
    assertNoScope(line, "''", escapeScope);
    assertKeyword(line, 'FROM');
  });

  test('backslash is not an escape', () => {
    const line = ["SELECT 'a\\' FROM t;"];
    assertOneQuoted(line, "'a\\'", stringScope, 'string');
    assertKeyword(line, 'FROM');
  });
});

describe('backtick identifiers', () => {
  test('a doubled backtick stays inside the identifier', () => {
    const line = ['CREATE CONNECTION `a``b` WITH ();'];
    assertOneQuoted(line, '`a``b`', quotedIdentifierScope, 'identifier');
    assertScope(line, '``', escapeScope);
    assertKeyword(line, 'WITH');
  });

  test('keywords inside backticks are not keywords', () => {
    const line = ['USE `select`;'];
    assertOneQuoted(line, '`select`', quotedIdentifierScope, 'identifier');
    assertNoScopePrefix(line, 'select', 'keyword.');
  });
});

describe('comments', () => {
  test('-- and // start line comments', () => {
    const dashes = ['SELECT 1; -- CREATE CONNECTION'];
    assertScope(dashes, '--', 'comment.line.double-dash.flinksql');
    assertScope(dashes, 'CREATE', 'comment.line.double-dash.flinksql');
    assertKeyword(dashes, 'SELECT');
    const slashes = ['SELECT 1; // CREATE CONNECTION'];
    assertScope(slashes, '//', 'comment.line.double-slash.flinksql');
    assertScope(slashes, 'CREATE', 'comment.line.double-slash.flinksql');
  });

  test('a line comment ends at the end of its line', () => {
    const lines = ['-- a comment', 'SELECT 1;'];
    assertKeyword(lines, 'SELECT');
    assertNoScopePrefix(lines, 'SELECT', 'comment.');
  });

  test('a block comment spans lines and ends at */', () => {
    const lines = ['SELECT /* a comment', "CREATE 'not a string", 'still */ FROM t;'];
    assertKeyword(lines, 'SELECT');
    assertScope(lines, '/*', 'comment.block.flinksql');
    assertScope(lines, 'CREATE', 'comment.block.flinksql');
    assertNoScope(lines, "'not", stringScope);
    assertScope(lines, 'still', 'comment.block.flinksql');
    assertScope(lines, '*/', 'punctuation.definition.comment.end.flinksql');
    assertKeyword(lines, 'FROM');
    assertNoScopePrefix(lines, 'FROM', 'comment.');
  });

  test('block comments do not nest', () => {
    const lines = ['/* outer /* inner */ SELECT 1;'];
    assertKeyword(lines, 'SELECT');
  });

  test('/*+ … */ is a hint whose strings are strings, not a comment', () => {
    const line = ["SELECT * FROM t /*+ OPTIONS('k'='v') */ WHERE x = 1;"];
    const hint = "/*+ OPTIONS('k'='v') */";
    for (const token of tokensOver(line, hint)) {
      assert.ok(hasPrefix(token.scopes, 'meta.hint'), `part of the hint is ${token.scopes.join(' ')}`);
      assert.ok(!hasPrefix(token.scopes, 'comment.'), `part of the hint is a comment: ${token.scopes.join(' ')}`);
    }
    assertScope(line, '/*+', 'punctuation.definition.hint.begin.flinksql');
    assertScope(line, 'OPTIONS', 'support.function.hint.flinksql');
    assertOneQuoted(line, "'k'", stringScope, 'string');
    assertOneQuoted(line, "'v'", stringScope, 'string');
    assertScope(line, '*/', 'punctuation.definition.hint.end.flinksql');
    assertKeyword(line, 'WHERE');
    assertNoScopePrefix(line, 'WHERE', 'meta.hint');
  });

  test('a hint may span lines', () => {
    const lines = ['SELECT * FROM t /*+ OPTIONS(', "  'scan.startup.mode' = 'earliest-offset'", ') */ WHERE x = 1;'];
    assertScope(lines, "'scan.startup.mode'", 'meta.hint.flinksql');
    assertOneQuoted(lines, "'earliest-offset'", stringScope, 'string');
    assertKeyword(lines, 'WHERE');
    assertNoScopePrefix(lines, 'WHERE', 'meta.hint');
  });
});

describe('option keys', () => {
  test("a catalogue key followed by '=' is an option key", () => {
    const line = ["  'api-key' = 'secret',"];
    assertScope(line, 'api-key', optionKeyScope);
    assertScope(line, "'api-key'", 'punctuation.definition.string.begin.flinksql');
    assertScope(line, '=', 'keyword.operator.assignment.flinksql');
    assertNoScope(line, 'secret', optionKeyScope);
    assertScope(line, 'secret', stringScope);
  });

  test("other strings followed by '=' are plain strings", () => {
    const line = ["  'hello' = 'world',"];
    assertScope(line, 'hello', stringScope);
    assertNoScope(line, 'hello', optionKeyScope);
  });

  test("a catalogue key not followed by '=' is a plain string", () => {
    const line = ["SELECT 'api-key' FROM t;"];
    assertScope(line, 'api-key', stringScope);
    assertNoScope(line, 'api-key', optionKeyScope);
  });
});

describe('connection types', () => {
  test("catalogue type names after 'type' = are connection types, whatever their case", () => {
    for (const name of ['openai', 'MCP_SERVER', 'AzureOpenAI', 'a2a']) {
      const line = [`  'type' = '${name}',`];
      const compact = [`'type'='${name}'`];
      assertScope(compact, name, connectionTypeScope);
      assertScope(line, name, connectionTypeScope);
      assertScope(line, name, stringScope);
      assertScope(line, 'type', optionKeyScope);
      assertOneQuoted(line, `'${name}'`, stringScope, 'string');
    }
  });

  test("the type value may be on the line after 'type' =", () => {
    const lines = ["  'type' =", "    'openai',", "  'endpoint' = 'x'"];
    assertScope(lines, 'openai', connectionTypeScope);
    assertScope(lines, 'endpoint', optionKeyScope);
    // Once the value is read the rule has ended: a later string is not a type value.
    const after = ["  'type' = 'kafka'", "  'openai'"];
    assertScope(after, 'openai', stringScope);
    assertNoScope(after, 'openai', connectionTypeScope);
  });

  test("a name that is not a connection type after 'type' = is a plain string", () => {
    const line = ["  'type' = 'kafka',"];
    assertScope(line, 'kafka', stringScope);
    assertNoScope(line, 'kafka', connectionTypeScope);
  });

  test('a type name must be the whole string', () => {
    for (const value of ['openai2', 'my openai', "openai''s"]) {
      const line = [`  'type' = '${value}',`];
      for (const token of tokensOver(line, `'${value}'`)) {
        assert.ok(!has(token.scopes, connectionTypeScope), `'${value}' is scoped as a connection type`);
        assert.ok(has(token.scopes, stringScope), `part of '${value}' is ${token.scopes.join(' ')}`);
      }
    }
  });

  test('a type name elsewhere is a plain string', () => {
    for (const line of [["  'endpoint' = 'openai',"], ["SELECT 'openai' FROM t;"], ["  'type' = 'x', 'name' = 'openai'"]]) {
      assertScope(line, 'openai', stringScope);
      assertNoScope(line, 'openai', connectionTypeScope);
    }
  });
});

describe('tricky lines', () => {
  test('-- inside a string is not a comment', () => {
    const line = ["SELECT 'a -- b' FROM t;"];
    assertOneQuoted(line, "'a -- b'", stringScope, 'string');
    assertNoScopePrefix(line, '--', 'comment.');
    assertKeyword(line, 'FROM');
  });

  test("a ' inside a line comment does not open a string", () => {
    const lines = ["-- it's fine", 'SELECT 1 FROM t;'];
    assertScope(lines, "'", 'comment.line.double-dash.flinksql');
    assertNoScope(lines, "'", stringScope);
    assertKeyword(lines, 'SELECT');
    assertNoScopePrefix(lines, 'SELECT', 'string.');
    assertKeyword(lines, 'FROM');
  });

  test('/* inside a string is not a comment', () => {
    const lines = ["SELECT '/* x' FROM t;", 'SELECT 1;'];
    assertOneQuoted(lines, "'/* x'", stringScope, 'string');
    assertNoScopePrefix(lines, '/*', 'comment.');
    assertKeyword(lines, 'FROM');
    assertKeyword(lines, 'SELECT', 1);
    assertNoScopePrefix(lines, 'SELECT', 'comment.', 1);
  });

  test('*/ inside a string inside a hint does not end the hint', () => {
    const line = ["SELECT * FROM t /*+ OPTIONS('k'='*/') */ WHERE x = 1;"];
    assertScope(line, "*/'", stringScope);
    assertScope(line, ') */', 'meta.hint.flinksql');
    assertScope(line, '*/', 'punctuation.definition.hint.end.flinksql', 1);
    assertNoScopePrefix(line, 'WHERE', 'meta.hint');
  });

  test('a string spanning two lines continues on the next line', () => {
    const lines = ["SELECT 'first half", "second -- half' FROM t;", 'SELECT 1;'];
    assertScope(lines, 'first', stringScope);
    assertScope(lines, 'second', stringScope);
    assertScope(lines, '--', stringScope);
    assertNoScopePrefix(lines, '--', 'comment.');
    assertScope(lines, "'", 'punctuation.definition.string.end.flinksql', 1);
    assertKeyword(lines, 'FROM');
    assertNoScopePrefix(lines, 'FROM', 'string.');
    assertKeyword(lines, 'SELECT', 1);
  });
});

describe('the example files', () => {
  const exampleFiles = readdirSync(examplesDir).filter((name) => name.endsWith('.sql'));
  const read = (name: string): string[] => readFileSync(path.join(examplesDir, name), 'utf8').split(/\r?\n/);

  test('a realistic CREATE CONNECTION tokenises with the expected scopes and nothing invalid', () => {
    const file = read('connections.sql');
    const start = file.findIndex((line) => line.startsWith('CREATE CONNECTION `my-openai-conn`'));
    assert.ok(start >= 0, 'CREATE CONNECTION `my-openai-conn` is no longer in connections.sql');
    const end = file.findIndex((line, i) => i > start && line.trimEnd().endsWith(');'));
    const lines = file.slice(start, end + 1);
    assert.ok(lines.length >= 5, `the statement is only ${lines.length} lines`);

    const { lines: tokenized, finalStack } = tokenize(lines);
    for (const { line, text, tokens } of tokenized) {
      for (const token of tokens) {
        const invalid = token.scopes.filter((s) => s.startsWith('invalid'));
        assert.deepEqual(invalid, [], `line ${line} "${text}" at ${token.startIndex}`);
      }
    }
    assert.equal(finalStack.depth, 1, 'the statement leaves a string, comment or hint open');

    assertKeyword(lines, 'CREATE');
    assertKeyword(lines, 'CONNECTION');
    assertOneQuoted(lines, '`my-openai-conn`', quotedIdentifierScope, 'identifier');
    assertKeyword(lines, 'COMMENT');
    assertKeyword(lines, 'WITH');
    assertScope(lines, 'type', optionKeyScope);
    assertScope(lines, 'OPENAI', connectionTypeScope);
    assertScope(lines, 'endpoint', optionKeyScope);
    assertScope(lines, 'https://', stringScope);
    assertNoScopePrefix(lines, 'https://', 'comment.');
    assertScope(lines, 'api-key', optionKeyScope);
    assertScope(lines, 'sk-proj-', stringScope);
    assertScope(lines, ');', 'punctuation.section.parens.end.flinksql');
    assertScope(lines, ';', 'punctuation.terminator.statement.flinksql');
  });

  test('every line of every example file tokenises, with nothing invalid and nothing left open', () => {
    assert.ok(exampleFiles.length >= 3, `only ${exampleFiles.length} example files`);
    for (const name of exampleFiles) {
      const { lines, finalStack } = tokenize(read(name));
      for (const { line, tokens } of lines) {
        for (const token of tokens) {
          assert.ok(!hasPrefix(token.scopes, 'invalid'), `${name}:${line + 1} has ${token.scopes.join(' ')}`);
        }
      }
      assert.equal(finalStack.depth, 1, `${name} ends inside a string, comment or hint`);
    }
  });
});

/**
 * Secret values get `meta.secret-value.flinksql`, which the extension's default token colours draw
 * transparent: the renderer hides them from the first frame, before the extension's mask arrives.
 * Text the grammar hides and the detector does not mask would be blank on screen, so the grammar may
 * find less than the detector (`secretRanges`), never more.
 */
describe('secret values', () => {
  const secretScope = 'meta.secret-value.flinksql';

  /** Offsets of the characters the grammar scopes as secret in `text`, as `[start, end)` spans per token. */
  function grammarSecrets(text: string): { start: number; end: number }[] {
    const spans: { start: number; end: number }[] = [];
    let offset = 0;
    const lines = text.split('\n');
    for (const { text: line, tokens } of tokenize(lines).lines) {
      for (const token of tokens) {
        if (has(token.scopes, secretScope)) spans.push({ start: offset + token.startIndex, end: offset + Math.min(token.endIndex, line.length) });
      }
      offset += line.length + 1;
    }
    return spans.filter((s) => s.end > s.start);
  }

  function assertSubsetOfDetector(text: string, where: string): number {
    const detected = secretRanges(text);
    const found = grammarSecrets(text);
    for (const span of found) {
      assert.ok(
        detected.some((d) => d.start <= span.start && span.end <= d.end),
        `${where}: the grammar hides ${JSON.stringify(text.slice(span.start, span.end))} at ${span.start}, which the detector does not mask`,
      );
    }
    return found.length;
  }

  const secretText = (lines: string[], needle: string) => tokensOver(lines, needle).every((t) => has(t.scopes, secretScope));

  test('of secret keys and of keys holding a secret word, on one line with their key; the key keeps its own scope', () => {
    const lines = [
      "CREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = 'sk-one', 'API_KEY_OLD' = 'sk-two', 'password' = 'it''s-three',",
      "  'x.client-secret' = 'cs-four', 'aws-secret-key' = 'aws-five', 'properties.sasl.jaas.config' = 'jaas-six');",
    ];
    for (const secret of ['sk-one', 'sk-two', "it''s-three", 'cs-four', 'aws-five', 'jaas-six']) assert.ok(secretText(lines, secret), `${secret} is not scoped secret`);
    assertScope(lines, 'api-key', optionKeyScope);
    assertScope(lines, 'password', optionKeyScope);
    assertNoScope(lines, 'API_KEY_OLD', optionKeyScope);
    assertNoScope(lines, 'openai', secretScope);
  });

  test("of every legacy credential key of the catalogue's models and tables, and every key holding a word Apache Flink treats as sensitive, in any case", () => {
    const keys = [...legacyCredentialKeys, ...legacyCredentialKeys.map((k) => k.toUpperCase()), ...sensitiveWordKeys];
    const lines = [
      "CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'bedrock',",
      ...keys.map((key, i) => `  '${key}' = 'hidden-${i}',`),
      "  'bedrock.model_version' = 'shown');",
    ];
    keys.forEach((key, i) => assert.ok(secretText(lines, `hidden-${i}`), `the value of '${key}' is not scoped secret`));
    assertNoScope(lines, 'shown', secretScope);
    assertNoScope(lines, 'bedrock', secretScope);
    assertSubsetOfDetector(lines.join('\n'), 'legacy and sensitive keys');
  });

  test("of a Unicode string (U&'…'), between its quotes", () => {
    const lines = ["CREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = U&'sk-\\0041-seven', 'password' = u&'pw-eight');"];
    for (const secret of ['sk-\\0041-seven', 'pw-eight']) assert.ok(secretText(lines, secret), `${secret} is not scoped secret`);
    assertNoScope(lines, 'U&', secretScope);
    assertSubsetOfDetector(lines.join('\n'), 'Unicode strings');
  });

  test('the credentials in an endpoint: the user info password, a bare token, credential parameters', () => {
    const lines = [
      "'endpoint' = 'mongodb://reader:pw-one@cluster0.example.net/?retryWrites=true&api-key=key-two',",
      "'token-endpoint' = 'https://tok-three@auth.example.com/t?sig=sig-four&region=eu'",
    ];
    for (const secret of ['pw-one', 'key-two', 'tok-three', 'sig-four']) assert.ok(secretText(lines, secret), `${secret} is not scoped secret`);
    for (const plain of ['reader', 'cluster0', 'true', 'eu']) assertNoScope(lines, plain, secretScope);
    assertScope(lines, 'endpoint', optionKeyScope);
  });

  test('not placeholders, empty values, counts of tokens, other keys, comments, or a value on a later line', () => {
    const lines = [
      "'api-key' = '<api-key>', 'token' = '{{sessionconfig/sql.secrets.t}}', 'password' = '', 'openai.max_tokens' = '100',",
      "'token-endpoint' = 'https://auth.example.com/t', 'hello' = 'world', 'api-key' =",
      "  'next-line', -- 'password' = 'in-comment'",
    ];
    for (const plain of ['<api-key>', 'sessionconfig', '100', 'auth.example.com', 'world', 'next-line', 'in-comment']) assertNoScope(lines, plain, secretScope);
  });

  test('hides nothing the detector does not mask: example files, VS Code fixtures, and random documents', () => {
    let hidden = 0;
    const folders = [examplesDir, path.join(root, 'test/vscode/fixtures/workspace')];
    for (const folder of folders) {
      for (const name of readdirSync(folder).filter((n) => n.endsWith('.sql'))) hidden += assertSubsetOfDetector(readFileSync(path.join(folder, name), 'utf8'), name);
    }
    assert.ok(hidden >= 10, `the grammar hides only ${hidden} values in the examples and fixtures`);
    const pieces = [
      "'api-key'", "'password'", "'pasword'", "'API_KEY-x'", "'token-endpoint'", "'endpoint'", "'mongodb://u:p@h?key=k&a=b?token=t'", "'https://t@h'",
      "'sk-1'", "'<x>'", "'{{sessionconfig/a}}'", "''", "'it''s'", "'x'", ' = ', '=', "'", ';', ',', '(', ')', '--', '/*', '*/', '/*+', '\n', ' ', '`', 'U&', "U&'s\\0041'", 'x',
      'CREATE CONNECTION c WITH (', 'SET ', "'sql.secrets.k'", 'SELECT 1',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        assertSubsetOfDetector(text, JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });
});
