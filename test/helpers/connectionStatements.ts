/**
 * fast-check arbitraries for CREATE and ALTER CONNECTION statements as people get them wrong: types
 * from the catalogue, misspelt, upper-cased or missing; keys that are valid, misspelt, upper-cased,
 * unknown, missing or given twice; auth methods mixed or given in part; endpoints of the wrong scheme
 * or no URL at all; lists on one line or one option per line, with comments, LF or CRLF. And the
 * models, external tables and tools that use connections, with the same kinds of mistake and legacy
 * inline credentials.
 */
import fc from 'fast-check';
import { authMethods } from '../../server/src/catalogue/authMethods';
import { connectionTypes } from '../../server/src/catalogue/connectionTypes';
import { allOptionKeys } from '../../server/src/catalogue/optionKeys';
import { modelProviders, modelSelector } from '../../server/src/catalogue/modelProviders';
import { findSetKey, type OptionSet, type Selector, type SetKey } from '../../server/src/catalogue/optionSets';
import { connectorSelector, tableConnectors } from '../../server/src/catalogue/tableConnectors';
import { toolSelector, toolTypes } from '../../server/src/catalogue/toolsAndAgents';

/** A word as typing slips make it: a letter dropped, doubled or swapped, `-` for `_`, upper case. */
function misspelt(word: string): fc.Arbitrary<string> {
  const at = fc.nat(Math.max(0, word.length - 2));
  return fc.oneof(
    at.map((i) => word.slice(0, i) + word.slice(i + 1)),
    at.map((i) => word.slice(0, i) + word[i] + word.slice(i)),
    at.map((i) => word.slice(0, i) + (word[i + 1] ?? '') + word[i] + word.slice(i + 2)),
    fc.constant(word.replace(/-/g, '_')),
    fc.constant(word.replace(/_/g, '-')),
    fc.constant(word.toUpperCase()),
  );
}

const typeNames = connectionTypes.map((t) => t.name);
const keyNames = allOptionKeys.map((k) => k.name);

/** A value of `'type'`: a catalogue type, most of the time spelt right. */
const typeValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...typeNames) },
  { weight: 2, arbitrary: fc.constantFrom(...typeNames).chain(misspelt) },
  { weight: 1, arbitrary: fc.constantFrom('', 'mcp-server', 'sql', 'OpenAI') },
);

/** A key that is not quite a key: a known misspelling, a slip of a real key, or an unknown word. */
const wrongKey = fc.oneof(
  fc.constantFrom(...allOptionKeys.flatMap((k) => k.misspellings)),
  fc.constantFrom(...keyNames).chain(misspelt),
  fc.constantFrom('region', 'model', 'openai.api_key', 'timeout', ''),
);

const endpointValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...connectionTypes.map((t) => t.endpoint.example)) },
  { weight: 1, arbitrary: fc.constantFrom('not a url', 'http://api.example.com', 'ftp://x', 'mongodb://user:pw@host/db', 'jdbc:postgresql://h/db', '', 'https://') },
);

/** A value for `key`, right or wrong in the ways that matter to that key. */
function valueFor(key: string): fc.Arbitrary<string> {
  switch (key.toLowerCase()) {
    case 'endpoint':
    case 'sse-endpoint':
    case 'token-endpoint':
      return endpointValue;
    case 'transport-type':
      return fc.constantFrom('SSE', 'STREAMABLE_HTTP', 'sse', 'ws', '');
    case 'service-key':
      return fc.constantFrom('{"type": "service_account"}', '{}', 'not json', '');
    default:
      return fc.oneof(
        { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/) },
        { weight: 1, arbitrary: fc.constantFrom('', "it''s", 'x'.repeat(4001), '{{sessionconfig/sql.secrets.k}}') },
      );
  }
}

type Entry = readonly [key: string, value: string];

const option = (key: fc.Arbitrary<string>): fc.Arbitrary<Entry> => key.chain((k) => valueFor(k).map((v) => [k, v] as const));

/** The options of a connection of type `type` (when it has one): some right, some wrong. */
function optionsOf(type: string | undefined): fc.Arbitrary<Entry[]> {
  const catalogued = connectionTypes.find((t) => t.name === type?.toLowerCase());
  const methods = catalogued ? catalogued.authMethods.map((id) => authMethods[id]) : Object.values(authMethods);
  // Zero, one or two auth methods, each given whole or in part.
  const auth = fc.subarray([...methods], { maxLength: Math.min(2, methods.length) }).chain((chosen) =>
    fc.tuple(...chosen.map((m) => fc.subarray([...m.keys, ...m.optionalKeys], { minLength: 1 }))).map((keyLists) => keyLists.flat()),
  );
  return fc
    .record({
      hasType: fc.boolean().map((b) => b || type !== undefined),
      endpoint: fc.nat(3).map((n) => n > 0),
      auth,
      optional: fc.subarray([...(catalogued?.optionalKeys ?? [])]),
      wrong: fc.array(option(wrongKey), { maxLength: 2 }),
      // A key of another type, or any key given again.
      extra: fc.array(option(fc.constantFrom(...keyNames)), { maxLength: 2 }),
    })
    .chain(({ hasType, endpoint, auth: authKeys, optional, wrong, extra }) => {
      const keys = [...(endpoint ? ['endpoint'] : []), ...authKeys, ...optional];
      const right = fc.tuple(...keys.map((k) => valueFor(k).map((v): Entry => [k, v])));
      const typeEntry: Entry[] = hasType && type !== undefined ? [['type', type]] : [];
      // Every option, in any order.
      return right.map((entries) => [...typeEntry, ...entries, ...wrong, ...extra]).chain((all) => fc.shuffledSubarray(all, { minLength: all.length }));
    });
}

/** `'` doubled, as SQL writes a quote inside a string. */
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

interface Layout {
  readonly multiLine: boolean;
  readonly indent: string;
  readonly comments: boolean;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  multiLine: fc.boolean(),
  indent: fc.constantFrom('  ', '    ', '\t'),
  comments: fc.boolean(),
});

function optionList(entries: readonly Entry[], { multiLine, indent, comments }: Layout, eol: string): string {
  const written = entries.map(([k, v], i) => `${quote(k)} = ${quote(v)}${comments && i === 0 ? ' /* first */' : ''}`);
  if (!multiLine) return `(${written.join(', ')})`;
  const lines = written.map((w, i) => `${indent}${w}${i < written.length - 1 ? ',' : ''}${comments && i === 1 ? ' -- why' : ''}`);
  return `(${eol}${lines.join(eol)}${eol})`;
}

const connectionName = fc.constantFrom('c', 'my_conn', '`my-conn`', 'cat.db.`support-openai`');

/** One CREATE or ALTER CONNECTION statement, without its `;`. */
export function connectionStatement(eol: string): fc.Arbitrary<string> {
  const create = fc
    .record({
      head: fc.constantFrom('CREATE CONNECTION', 'CREATE OR REPLACE CONNECTION', 'CREATE CONNECTION IF NOT EXISTS'),
      name: connectionName,
      comment: fc.option(fc.constant(" COMMENT 'for the models'"), { freq: 4 }),
      options: fc.option(typeValue, { freq: 10 }).chain((type) => optionsOf(type ?? undefined)),
      layout,
    })
    .map(({ head, name, comment, options, layout: l }) => `${head} ${name}${comment ?? ''} WITH ${optionList(options, l, eol)}`);
  const alter = fc
    .record({ name: connectionName, options: optionsOf(undefined), layout })
    .map(({ name, options, layout: l }) => `ALTER CONNECTION ${name} SET ${optionList(options, l, eol)}`);
  return fc.oneof({ weight: 4, arbitrary: create }, { weight: 1, arbitrary: alter });
}

/** A document of one to four connection statements, with LF or CRLF line breaks. */
export const connectionDocument: fc.Arbitrary<string> = fc
  .constantFrom('\n', '\r\n')
  .chain((eol) => fc.array(connectionStatement(eol), { minLength: 1, maxLength: 4 }).map((statements) => statements.map((s) => `${s};${eol}`).join(eol)));

/** The name a model, table or tool gives in its reference: one the generated connections define, or none. */
const referencedName = fc.constantFrom('c', 'my_conn', 'my-conn', 'elsewhere');

/** A value for a key of a model, table, tool or agent: its enum values (or a slip of one), a name, a number, or anything. */
function setValueFor(info: SetKey | undefined): fc.Arbitrary<string> {
  switch (info?.value.kind) {
    case 'enum':
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...info.value.values) }, { weight: 1, arbitrary: fc.constantFrom(...info.value.values).chain(misspelt) });
    case 'connection-name':
      return referencedName;
    case 'integer':
      return fc.constantFrom('30', '0', 'ten', '');
    default:
      return fc.oneof({ weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9_ -]{1,12}$/) }, { weight: 1, arbitrary: fc.constantFrom('', "it''s", 'https://x.example.com') });
  }
}

/** The options of a model, table or tool of the set `set`: its keys right, misspelt, in upper case or given twice, legacy keys, keys of another set. */
function setOptions(selector: Selector, set: OptionSet, others: readonly OptionSet[]): fc.Arbitrary<Entry[]> {
  const keyOf = (k: SetKey) => k.name;
  const own = set.keys.filter((k) => k.name !== selector.key && !k.deprecated).map(keyOf);
  const legacy = set.keys.filter((k) => k.deprecated).map(keyOf);
  // The legacy form: its inline keys, all or some of them, besides the set's own.
  const chosen = fc
    .tuple(fc.subarray(own, { maxLength: Math.min(5, own.length) }), fc.oneof(fc.constant([]), fc.constant(legacy), fc.subarray(legacy)))
    .map(([a, b]) => [...a, ...b]);
  const wrong = fc.array(
    fc.oneof(
      fc.constantFrom(...set.keys.map(keyOf)).chain(misspelt),
      fc.constantFrom(...others.flatMap((o) => o.keys.map(keyOf))),
      fc.constantFrom(...set.keys.map(keyOf)).map((k) => k.toUpperCase()),
      fc.constant(`${set.name}.params.temperature`),
    ),
    { maxLength: 2 },
  );
  const selectorValue = fc.oneof(
    { weight: 6, arbitrary: fc.constant(set.name) },
    { weight: 2, arbitrary: fc.constant(set.name).chain(misspelt) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  return fc.tuple(selectorValue, chosen, wrong).chain(([value, right, bad]) => {
    const keys = [...right, ...bad];
    return fc
      .tuple(...keys.map((k) => setValueFor(findSetKey(set, k) ?? others.flatMap((o) => o.keys).find((x) => x.name.toLowerCase() === k.toLowerCase())).map((v): Entry => [k, v])))
      .map((entries) => [...(value === undefined ? [] : [[selector.key, value] as Entry]), ...entries])
      .chain((all) => fc.shuffledSubarray(all, { minLength: all.length }));
  });
}

/** A CREATE MODEL, an external table or a CREATE TOOL, without its `;`, with the mistakes people make. */
export function usingStatement(eol: string): fc.Arbitrary<string> {
  const model = fc
    .record({ set: fc.constantFrom(...modelProviders), layout, name: fc.constantFrom('m', '`sentiment-v1`', 'cat.db.m') })
    .chain(({ set, layout: l, name }) =>
      setOptions(modelSelector, set, modelProviders.filter((p) => p !== set)).map(
        (options) => `CREATE MODEL ${name} INPUT (text STRING) OUTPUT (label STRING)${eol}WITH ${optionList(options, l, eol)}`,
      ),
    );
  const table = fc
    .record({ set: fc.constantFrom(...tableConnectors), layout, name: fc.constantFrom('t', '`docs`') })
    .chain(({ set, layout: l, name }) =>
      setOptions(connectorSelector, set, tableConnectors.filter((c) => c !== set)).map(
        (options) => `CREATE TABLE ${name} (title STRING) WITH ${optionList(options.some(([k]) => k === 'connector') ? options : [['connector', set.name], ...options], l, eol)}`,
      ),
    );
  const tool = fc
    .record({ set: fc.constantFrom(...toolTypes), layout, using: fc.constantFrom('USING CONNECTION c', 'USING CONNECTION `my-conn`', 'USING FUNCTION f') })
    .chain(({ set, layout: l, using }) =>
      setOptions(toolSelector, set, toolTypes.filter((t) => t !== set)).map((options) => `CREATE TOOL t ${using} WITH ${optionList(options, l, eol)}`),
    );
  return fc.oneof({ weight: 3, arbitrary: model }, { weight: 2, arbitrary: table }, { weight: 1, arbitrary: tool });
}

/** A document of connections and the models, tables and tools that use them, with LF or CRLF line breaks. */
export const usingDocument: fc.Arbitrary<string> = fc
  .constantFrom('\n', '\r\n')
  .chain((eol) =>
    fc
      .tuple(fc.array(connectionStatement(eol), { maxLength: 3 }), fc.array(usingStatement(eol), { minLength: 1, maxLength: 3 }))
      .chain(([connections, uses]) => fc.shuffledSubarray([...connections, ...uses], { minLength: connections.length + uses.length }))
      .map((statements) => statements.map((s) => `${s};${eol}`).join(eol)),
  );
