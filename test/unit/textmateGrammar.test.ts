/**
 * Static checks of the TextMate grammar and the language configuration.
 *
 * The grammar lists the connection type names and option keys as plain alternations; this test
 * reads them back out of the regexes and compares them with the catalogue, so a type or key added
 * to the catalogue but not to the grammar fails here. Tokenisation is tested separately.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { connectionTypes } from '../../server/src/catalogue/connectionTypes';
import { allOptionKeys } from '../../server/src/catalogue/optionKeys';

const root = path.join(__dirname, '../..');

function readJson(relativePath: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(root, relativePath), 'utf8'));
}

interface Capture {
  name?: string;
}

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Record<string, Capture>;
  beginCaptures?: Record<string, Capture>;
  endCaptures?: Record<string, Capture>;
  patterns?: Rule[];
  repository?: Record<string, Rule>;
}

interface Grammar extends Rule {
  scopeName: string;
}

const grammarPath = 'syntaxes/flinksql.tmLanguage.json';
const grammar = readJson(grammarPath) as Grammar;

const connectionTypeScope = 'support.constant.connection-type.flinksql';
const optionKeyScope = 'support.type.property-name.option-key.flinksql';

/** Every rule in the grammar: top-level patterns, repository entries and their nested patterns. */
function allRules(rule: Rule): Rule[] {
  const children = [...(rule.patterns ?? []), ...Object.values(rule.repository ?? {})];
  return [rule, ...children.flatMap(allRules)];
}

/** Each regex of a rule together with the captures that apply to it. */
function regexesOf(rule: Rule): { source: string; captures: Record<string, Capture> }[] {
  const result: { source: string; captures: Record<string, Capture> }[] = [];
  if (rule.match !== undefined) result.push({ source: rule.match, captures: rule.captures ?? {} });
  if (rule.begin !== undefined) result.push({ source: rule.begin, captures: rule.beginCaptures ?? rule.captures ?? {} });
  if (rule.end !== undefined) result.push({ source: rule.end, captures: rule.endCaptures ?? rule.captures ?? {} });
  return result;
}

/**
 * The source text inside capture group `index` (1-based) of `regex`. Counts unescaped `(` that
 * are not `(?…` groups, skipping character classes.
 */
function captureGroupSource(regex: string, index: number): string {
  const open: { start: number; group: number | undefined }[] = [];
  let groups = 0;
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      const capturing = regex[i + 1] !== '?';
      open.push({ start: i + 1, group: capturing ? ++groups : undefined });
    } else if (c === ')') {
      const group = open.pop();
      assert.ok(group, `unbalanced ')' in ${regex}`);
      if (group.group === index) return regex.slice(group.start, i);
    }
  }
  assert.fail(`no capture group ${index} in ${regex}`);
}

/** The names listed in every capture group that gets `scope`, one list per group. */
function alternationsScopedAs(scope: string): { regex: string; group: string }[] {
  const found: { regex: string; group: string }[] = [];
  for (const rule of allRules(grammar)) {
    for (const { source, captures } of regexesOf(rule)) {
      for (const [index, capture] of Object.entries(captures)) {
        if (capture.name?.split(/\s+/).includes(scope)) {
          found.push({ regex: source, group: captureGroupSource(source, Number(index)) });
        }
      }
    }
  }
  return found;
}

/** Splits `a|b|c` into names, insisting that each is a literal name and not a regex construct. */
function literalAlternatives(alternation: string): string[] {
  const names = alternation.split('|');
  for (const name of names) assert.match(name, /^[a-z0-9_-]+$/, `'${name}' in ${alternation} is not a plain name`);
  return names;
}

/** No alternative may be shadowed by an earlier one that is a prefix of it. */
function assertLongerPrefixesFirst(names: string[]): void {
  names.forEach((name, i) => {
    const shadow = names.slice(0, i).find((earlier) => name.startsWith(earlier));
    assert.equal(shadow, undefined, `'${shadow}' comes before '${name}', which it is a prefix of`);
  });
}

const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort();

test('grammar lists exactly the catalogue connection types, case-insensitively', () => {
  const groups = alternationsScopedAs(connectionTypeScope);
  assert.ok(groups.length > 0, `no capture is scoped ${connectionTypeScope}`);
  const names: string[] = [];
  for (const { group } of groups) {
    const m = /^\(\?i:(.*)\)$/.exec(group);
    assert.ok(m?.[1] !== undefined, `connection type group ${group} is not a case-insensitive (?i:…) alternation`);
    const alternatives = literalAlternatives(m[1]);
    assertLongerPrefixesFirst(alternatives);
    assert.equal(new Set(alternatives).size, alternatives.length, `duplicate connection type in ${group}`);
    names.push(...alternatives);
  }
  assert.deepEqual(sorted(names), sorted(connectionTypes.map((t) => t.name)));
});

test('grammar lists exactly the catalogue option keys', () => {
  const groups = alternationsScopedAs(optionKeyScope);
  assert.ok(groups.length > 0, `no capture is scoped ${optionKeyScope}`);
  const names: string[] = [];
  for (const { group } of groups) {
    const alternatives = literalAlternatives(group);
    assertLongerPrefixesFirst(alternatives);
    assert.equal(new Set(alternatives).size, alternatives.length, `duplicate option key in ${group}`);
    names.push(...alternatives);
  }
  assert.deepEqual(sorted(names), sorted(allOptionKeys.map((k) => k.name)));
});

test('every grammar regex compiles (approximated with JavaScript RegExp) and has the groups its captures name', () => {
  // Oniguruma is not JavaScript: only the constructs this grammar uses are translated.
  const toJs = (source: string): RegExp => new RegExp(source.replace(/\(\?i:/g, '(?:'), 'i');
  let checked = 0;
  for (const rule of allRules(grammar)) {
    for (const { source, captures } of regexesOf(rule)) {
      let regex: RegExp;
      assert.doesNotThrow(() => {
        regex = toJs(source);
      }, `does not compile: ${source}`);
      const groupCount = (new RegExp(`${regex!.source}|`).exec('') ?? []).length - 1;
      for (const index of Object.keys(captures)) {
        assert.ok(Number(index) <= groupCount, `capture ${index} of ${source} has no group`);
      }
      checked++;
    }
  }
  assert.ok(checked > 20, `only ${checked} regexes found`);
});

test('language configuration declares SQL comments and auto-closes quotes and backticks', () => {
  const config = readJson('language-configuration.json') as {
    comments: { lineComment: string; blockComment: [string, string] };
    autoClosingPairs: { open: string; close: string }[];
  };
  assert.equal(config.comments.lineComment, '--');
  assert.deepEqual(config.comments.blockComment, ['/*', '*/']);
  for (const quote of ["'", '`']) {
    assert.ok(
      config.autoClosingPairs.some((p) => p.open === quote && p.close === quote),
      `${quote} is not auto-closed`,
    );
  }
});

test('package.json contributes the grammar and the language configuration', () => {
  const manifest = readJson('package.json') as {
    contributes: {
      languages: { configuration: string }[];
      grammars: { path: string; scopeName: string }[];
    };
  };
  const contributed = manifest.contributes.grammars[0];
  assert.ok(contributed);
  assert.equal(path.normalize(contributed.path), path.normalize(grammarPath));
  assert.equal(contributed.scopeName, grammar.scopeName);
  assert.equal(grammar.scopeName, 'source.flinksql');
  assert.equal(path.normalize(manifest.contributes.languages[0]?.configuration ?? ''), 'language-configuration.json');
});
