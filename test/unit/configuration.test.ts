/**
 * flinksql.json: reading it (and saying where a broken one is wrong), its rules, its ignore patterns,
 * and its JSON Schema, which must say what the reader accepts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Ajv from 'ajv';
import { applyRules, globToRegExp, isIgnored, parseConfiguration, defaultConfiguration } from '../../server/src/config/configuration';
import { configSchema, configSchemaPath } from '../../scripts/configSchema';
import { problemsOf } from '../helpers/analysis';
import { builtInCatalogue } from '../../server/src/catalogue/catalogue';

const folder = '/project';
const errorsOf = (text: string) => parseConfiguration(text, folder).errors.map((e) => `${e.message} @${text.slice(e.start, e.end)}`);

describe('reading flinksql.json', () => {
  test('rules and ignore patterns', () => {
    const result = parseConfiguration('{ "$schema": "x", "rules": { "unknown-connection": "off", "option-not-alterable": "error" }, "ignore": ["gen/**"] }', folder);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.configuration, { folder, rules: { 'unknown-connection': 'off', 'option-not-alterable': 'error' }, ignore: ['gen/**'], catalogue: builtInCatalogue });
  });

  test('a broken file: each mistake with where it is, and no configuration (so nothing is silently turned off)', () => {
    assert.match(errorsOf('{ "rules": { "unknown-connection": "off", } }')[0]!, /^flinksql\.json is not valid JSON: .* @\}$/);
    assert.deepEqual(errorsOf('{ "rule": {} }'), ['Unknown setting "rule" in flinksql.json: it takes "rules", "ignore" and "catalogue". @"rule"']);
    assert.match(errorsOf('{ "rules": { "unknown-optoin": "off" } }')[0]!, /^"unknown-optoin" is not a flinksql code\. The codes: syntax-error, .* @"unknown-optoin"$/);
    assert.deepEqual(errorsOf('{ "rules": { "unknown-option": "warn" } }'), ['"unknown-option" takes "off", "information", "warning" or "error". @"unknown-option"']);
    assert.match(errorsOf('{ "ignore": "gen/**" }')[0]!, /^"ignore" must be a list of glob patterns/);
    assert.match(errorsOf('[]')[0]!, /must hold an object/);
    assert.equal(parseConfiguration('{ "rules": { "x": "off" } }', folder).configuration, undefined);
  });

  test('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseConfiguration(text, folder)), { numRuns: 500 });
    fc.assert(fc.property(fc.json(), (text) => void parseConfiguration(text, folder)), { numRuns: 500 });
  });
});

describe('rules', () => {
  const text = "CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key' = 'k');\nALTER CONNECTION c SET ('type' = 'rest');";
  test('"off" drops a code; a severity replaces the built-in one', () => {
    const configuration = { ...defaultConfiguration(folder), rules: { 'unknown-option': 'off', 'option-not-alterable': 'error' } as const };
    const problems = applyRules(configuration, problemsOf(text));
    assert.deepEqual(
      problems.map((p) => `${p.code} ${p.severity}`),
      ['option-not-alterable error'],
    );
  });
});

describe('ignore patterns', () => {
  const cases: [string, string, boolean][] = [
    ['gen/**', 'gen/a.sql', true],
    ['gen/**', 'gen/deep/a.sql', true],
    ['gen/**', 'src/gen/a.sql', false],
    ['**/gen/*.sql', 'src/gen/a.sql', true],
    ['*.tmp.sql', 'deep/x/a.tmp.sql', true],
    ['*.tmp.sql', 'a.sql', false],
    ['build/', 'build/x/y.sql', true],
    ['a?.sql', 'ab.sql', true],
    ['a?.sql', 'a/b.sql', false],
    ['{gen,out}/*.sql', 'out/a.sql', true],
    ['./src/a.sql', 'src/a.sql', true],
    ['a.sql', 'a-sql', false],
  ];
  for (const [pattern, file, expected] of cases) {
    test(`${pattern} ${expected ? 'matches' : 'does not match'} ${file}`, () => {
      assert.equal(globToRegExp(pattern).test(file), expected);
      assert.equal(isIgnored({ ...defaultConfiguration(folder), ignore: [pattern] }, `${folder}/${file}`), expected);
    });
  }
  test('a file outside the configuration folder is never ignored by it', () => {
    assert.equal(isIgnored({ ...defaultConfiguration(folder), ignore: ['**'] }, '/elsewhere/a.sql'), false);
  });
});

describe('the JSON Schema', () => {
  test('schemas/flinksql.schema.json is up to date (node --import tsx scripts/configSchema.ts writes it)', () => {
    assert.deepEqual(JSON.parse(readFileSync(configSchemaPath, 'utf8')), configSchema());
  });

  test('accepts what the reader accepts, and rejects what it rejects', () => {
    const validate = new Ajv({ strict: false }).compile(configSchema());
    const samples = [
      '{}',
      '{ "rules": { "unknown-connection": "off" }, "ignore": ["a/**"] }',
      '{ "rules": { "unknown-optoin": "off" } }',
      '{ "rules": { "unknown-option": "warn" } }',
      '{ "ignore": "a" }',
      '{ "ignore": [""] }',
      '{ "other": 1 }',
      '{ "$schema": "./schemas/flinksql.schema.json", "rules": { "syntax-error": "information" } }',
    ];
    for (const sample of samples) {
      assert.equal(validate(JSON.parse(sample)), parseConfiguration(sample, folder).errors.length === 0, sample);
    }
  });
});
