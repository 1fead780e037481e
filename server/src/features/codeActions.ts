/**
 * Quick fixes for the diagnostics of CONNECTION statements and of the statements that use connections
 * (models, external tables, tools, agents), and a "fix all" source action that applies every fix of
 * a CONNECTION statement that involves no choice.
 *
 * A quick fix reads what to do from the diagnostic's `data` and where from the analysis the server
 * holds of the current text, and checks that the two still agree, so a diagnostic published for an
 * older text yields no fix rather than a wrong one. Neither analyses the document again (fix-all
 * checks a statement again only as its fixes would leave it, to see which rules they bring into
 * play). Every edit names the document version it was computed for, so the client rejects it once
 * the text has moved on. Titles name keys, types and allowed values only, never a value a
 * user wrote, which may be a secret.
 */
import {
  CodeActionKind,
  Range,
  TextDocumentEdit,
  TextEdit,
  type CodeAction,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { optionListOf, type AlterConnection, type CreateConnection, type OptionList, type OptionNode, type Span, type Statement } from '../parser/ast';
import type { ParsedDocument } from '../parser/parseDocument';
import type { DocumentAnalysis } from '../analysis/analyzeDocument';
import { checkCreateConnection } from '../analysis/checkConnectionOptions';
import { quotingInsertions } from '../analysis/checkSettings';
import { listWords, quote as quoted, shiftProblem, type Problem } from '../analysis/problem';
import { authMethodKeys, authMethods, type AuthMethod, type AuthMethodId } from '../catalogue/authMethods';
import { baseRequiredKeys, type ConnectionType } from '../catalogue/connectionTypes';
import { builtInCatalogue, type Catalogue } from '../catalogue/catalogue';
import { optionKeys, ENDPOINT_KEY, TYPE_KEY } from '../catalogue/optionKeys';
import { diagnosticSource, type DiagnosticCode } from '../diagnosticCodes';
import { parsedStatementAt } from './atPosition';
import { optionListEdits, sqlString, type OffsetEdit, type OptionEntry } from './optionListEdits';
import { typeOfEndpoint } from './typeOfEndpoint';
import { applySuppressions } from '../analysis/suppressions';
import { statementSecrets } from '../analysis/secretRanges';
import { indentationAt } from '../parser/characters';
import type { KnownConnection } from './completion';
import { quoteIdentifier } from './rename';
import { modelSelector } from '../catalogue/modelProviders';
import { connectorSelector } from '../catalogue/tableConnectors';
import { toolSelector } from '../catalogue/toolsAndAgents';

/** The kind of the "fix all" source action, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.flinksql';

type ConnectionStatement = CreateConnection | AlterConnection;

/** What a quick fix works on: the statement and option a diagnostic points into. */
interface Target {
  /** The whole document. */
  readonly text: string;
  readonly eol: string;
  /** The statement's offset in the document: the base of every span in `statement`. */
  readonly base: number;
  /** The statement's end in the document (before its `;`). */
  readonly end: number;
  readonly statement: Statement;
  /** The statement's option list (`WITH (…)`, `SET (…)`). */
  readonly list: OptionList;
  /** The option the diagnostic starts in, if any. */
  readonly option: OptionNode | undefined;
  /** The statement's problems, as the analysis found them (fixes read their codes and data). */
  readonly problems: readonly Problem[];
  /** The connections known to the document and the workspace, with their types (read only by the fixes that name one). */
  readonly connections: () => readonly KnownConnection[];
  /** The connection names the document's statements name, defined or not. */
  readonly referenced: () => Iterable<string>;
  /** The catalogue the document was checked against. */
  readonly catalogue: Catalogue;
}

const isConnectionStatement = (statement: Statement): statement is ConnectionStatement =>
  statement.kind === 'createConnection' || statement.kind === 'alterConnection';

/** A key as the statement compares it: models', tables', tools' and agents' keys without regard to case. */
const keyFor = (statement: Statement, key: string): string => (isConnectionStatement(statement) ? key : key.toLowerCase());

interface Fix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  readonly isPreferred?: boolean;
}

/** The diagnostic's `data`, as sent back by the client: checked field by field before use. */
type Data = Readonly<Record<string, unknown>>;

const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const textsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The auth method a `method` field names; own properties only, so `'constructor'` names none. */
function authMethodOf(value: unknown): AuthMethod | undefined {
  const id = textOf(value);
  return id !== undefined && Object.prototype.hasOwnProperty.call(authMethods, id) ? authMethods[id as AuthMethodId] : undefined;
}

/** The entries of an array field that are objects. */
const recordsOf = (value: unknown): Data[] => (Array.isArray(value) ? value.filter((v): v is Data => typeof v === 'object' && v !== null) : []);

/** Keys or types for a title: quoted and listed like the analysis's messages. */
const listed = (words: readonly string[]): string => listWords(words.map(quoted));

const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** Replaces the characters between a string literal's quotes. */
function replaceInside(target: Pick<Target, 'base'>, span: Span, value: string): OffsetEdit {
  return { start: target.base + span.start, end: target.base + span.end, newText: sqlString(value).slice(1, -1) };
}

function changeList(target: Pick<Target, 'text' | 'base' | 'list' | 'eol'>, remove: readonly OptionNode[], add: readonly OptionEntry[] = []): OffsetEdit[] {
  return optionListEdits(target.text, target.base, target.list, { remove: new Set(remove), add }, target.eol);
}

/** The keys of the target's option list, as its statement compares them (`keyFor`). */
const keysOf = ({ statement, list }: Pick<Target, 'statement' | 'list'>): Set<string> => new Set(list.options.map((o) => keyFor(statement, o.key.value)));
const hasKey = (target: Target, key: string): boolean => keysOf(target).has(keyFor(target.statement, key));

/** The value a key is added with: the type's example endpoint when the type is known, else the key's placeholder. */
function placeholderFor(key: string, type: ConnectionType | undefined, catalogue: Catalogue): string {
  if (key === ENDPOINT_KEY && type) return type.endpoint.example;
  return catalogue.findOptionKey(key)?.placeholder ?? '';
}

function typeOf(list: OptionList, catalogue: Catalogue): ConnectionType | undefined {
  const value = list.options.find((o) => o.key.value === TYPE_KEY)?.value.value;
  return value === undefined ? undefined : catalogue.findConnectionType(value);
}

/** `entries` in the order a user writes keys (the catalogue's), each key once. */
function inCatalogueOrder(keys: Iterable<string>, type: ConnectionType | undefined, catalogue: Catalogue): OptionEntry[] {
  const all = catalogue.connectionKeys;
  const rank = (key: string) => {
    const i = all.findIndex((k) => k.name === key);
    return i < 0 ? all.length : i;
  };
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b)).map((key) => [key, placeholderFor(key, type, catalogue)] as const);
}

/** Keys whose absence the analysis reports: a misspelling of one of these stands in for it. */
const countedKeys: ReadonlySet<string> = new Set([...baseRequiredKeys, ...Object.values(authMethods).flatMap((m) => authMethodKeys(m))]);

/**
 * For CREATE CONNECTION, the key each misspelt option is taken for, as the analysis takes it, by the
 * option's key offset. A misspelling written twice is reported once as unknown and once as a
 * duplicate; both copies stand for the key it was meant to be.
 */
function meantKeys({ statement, problems }: Pick<Target, 'statement' | 'problems'>): Map<number, string> {
  const meant = new Map<number, string>();
  if (statement.kind !== 'createConnection') return meant;
  const suggestions = new Map<string, string>();
  for (const problem of problems) {
    if (problem.code === 'unknown-option' && problem.data.suggestion) suggestions.set(problem.data.key, problem.data.suggestion);
  }
  for (const option of statement.options.options) {
    const suggestion = suggestions.get(option.key.value);
    if (suggestion) meant.set(option.key.span.start, suggestion);
  }
  return meant;
}

/** One entry per diagnostic code that has quick fixes: the fixes for one diagnostic, none when it no longer fits the text. */
const quickFixes: { readonly [C in DiagnosticCode]?: (target: Target, data: Data) => Fix[] } = {
  'unknown-option': (target, data) => {
    const { option, statement } = target;
    const key = textOf(data['key']);
    if (!option || option.key.value !== key) return [];
    const suggestion = textOf(data['suggestion']);
    const free = suggestion !== undefined && !hasKey(target, suggestion);
    const fixes: Fix[] = [];
    if (suggestion && free) {
      fixes.push({ title: `Rename to ${quoted(suggestion)}`, edits: [replaceInside(target, option.key.valueSpan, suggestion)], isPreferred: true });
    }
    // The analysis reads a misspelt required or authentication key as the key it was meant to be (a
    // model's, table's, tool's or agent's misspelt key is not reported missing), so removing it would
    // bring back the "missing" problem the misspelling stands in for.
    const standsIn = free && (isConnectionStatement(statement) ? statement.kind === 'createConnection' && countedKeys.has(suggestion!) : true);
    if (!standsIn) fixes.push({ title: `Remove option ${quoted(key)}`, edits: changeList(target, [option]) });
    return fixes;
  },

  'unknown-connection-type': (target, data) => {
    const { option } = target;
    const suggestion = textOf(data['suggestion']);
    if (!option || option.key.value !== TYPE_KEY || option.value.value !== textOf(data['value']) || !suggestion) return [];
    return [{ title: `Change type to ${quoted(suggestion)}`, edits: [replaceInside(target, option.value.valueSpan, suggestion)], isPreferred: true }];
  },

  'missing-option': (target, data) => {
    const key = textOf(data['key']);
    const { statement } = target;
    if (!key || hasKey(target, key)) return [];
    if (!isConnectionStatement(statement)) return missingSetKey(target, key, data);
    if (statement.kind !== 'createConnection') return [];
    if (key === TYPE_KEY) {
      const endpoint = target.list.options.find((o) => o.key.value === ENDPOINT_KEY)?.value.value;
      const type = (endpoint !== undefined ? typeOfEndpoint(endpoint)?.name : undefined) ?? optionKeys.type.placeholder;
      return [{ title: `Add '${TYPE_KEY}' = ${quoted(type)}`, edits: changeList(target, [], [[TYPE_KEY, type]]) }];
    }
    // The keys of a type's only auth method are reported one by one; adding one alone would turn the
    // others into an incomplete method, so they are added together.
    const type = typeOf(target.list, target.catalogue);
    const method = type?.authMethods.length === 1 ? authMethods[type.authMethods[0]!] : undefined;
    const keys = method?.keys.includes(key as never) ? method.keys.filter((k) => !keysOf(target).has(k)) : [key];
    return [{ title: `Add ${listed(keys)}`, edits: changeList(target, [], inCatalogueOrder(keys, type, target.catalogue)) }];
  },

  'incomplete-auth': (target, data) => {
    const present = keysOf(target);
    const missing = textsOf(data['missing']).filter((k) => !present.has(k));
    if (target.statement.kind !== 'createConnection' || missing.length === 0) return [];
    // Completing one method while another is present would deepen the conflict: that comes first.
    const method = authMethodOf(data['method']);
    const meant = meantKeys(target);
    const otherKeys = new Set(Object.values(authMethods).filter((m) => m !== method).flatMap((m) => authMethodKeys(m) as readonly string[]));
    if (target.list.options.some((o) => otherKeys.has(meant.get(o.key.span.start) ?? o.key.value))) return [];
    return [{ title: `Add ${listed(missing)}`, edits: changeList(target, [], inCatalogueOrder(missing, typeOf(target.list, target.catalogue), target.catalogue)) }];
  },

  'missing-auth': (target, data) => {
    const present = keysOf(target);
    if (target.statement.kind !== 'createConnection') return [];
    const type = typeOf(target.list, target.catalogue);
    return recordsOf(data['methods']).flatMap((choice): Fix[] => {
      const method = authMethodOf(choice['method']);
      const keys = textsOf(choice['keys']).filter((k) => !present.has(k));
      if (!method || keys.length === 0) return [];
      return [{ title: `Add ${method.label}: ${listed(keys)}`, edits: changeList(target, [], inCatalogueOrder(keys, type, target.catalogue)) }];
    });
  },

  'duplicate-option': (target, data) => {
    const { option, statement } = target;
    const key = textOf(data['key']);
    if (!option || option.key.value !== key) return [];
    const others = target.list.options.filter((o) => o !== option && keyFor(statement, o.key.value) === keyFor(statement, key));
    const earlier = others.filter((o) => o.span.start < option.span.start);
    if (earlier.length === 0) return [];
    return [
      { title: `Remove this duplicate ${quoted(key)}`, edits: changeList(target, [option]) },
      { title: `Keep this ${quoted(key)} and remove the other${others.length > 1 ? 's' : ''}`, edits: changeList(target, others) },
    ];
  },

  'conflicting-auth': (target, data) => {
    const { statement } = target;
    if (statement.kind !== 'createConnection' && statement.kind !== 'alterConnection') return [];
    const methods = recordsOf(data['methods']).flatMap((m) => authMethodOf(m['method']) ?? []);
    const meant = meantKeys(target);
    const keyOf = (o: OptionNode) => meant.get(o.key.span.start) ?? o.key.value;
    return methods.flatMap((keep): Fix[] => {
      const dropped = new Set(methods.filter((m) => m !== keep).flatMap((m) => authMethodKeys(m) as readonly string[]));
      const remove = target.list.options.filter((o) => dropped.has(keyOf(o)));
      if (remove.length === 0) return [];
      return [{ title: `Keep ${keep.label}, remove ${listed([...new Set(remove.map((o) => o.key.value))])}`, edits: changeList(target, remove) }];
    });
  },

  'invalid-option-value': (target, data) => {
    const { option } = target;
    const key = textOf(data['key']);
    if (!option || option.key.value !== key) return [];
    const allowed = textsOf(data['allowed']);
    const suggestion = textOf(data['suggestion']);
    // The value meant comes first; of a long list (formats), only the value meant is offered.
    const values = suggestion !== undefined ? (allowed.length > MAX_CHOICES ? [suggestion] : [suggestion, ...allowed.filter((v) => v !== suggestion)]) : allowed;
    if (values.length > MAX_CHOICES) return [];
    return values.map((value) => ({
      title: `Change ${quoted(key)} to ${quoted(value)}`,
      edits: [replaceInside(target, option.value.valueSpan, value)],
      ...(value === suggestion ? { isPreferred: true } : {}),
    }));
  },

  'connection-type-mismatch': (target, data) => {
    const { statement, option } = target;
    const key = textOf(data['key']);
    const name = textOf(data['name']);
    const expected = textOf(data['expected']);
    if (!key || !name || !expected) return [];
    const names = compatibleConnections(target, expected).filter((n) => n !== name);
    if (key === 'USING CONNECTION') {
      const clause = 'connection' in statement ? statement.connection : undefined;
      if (!clause || clause.parts.map((p) => p.value).join('.') !== name) return [];
      const span = { start: target.base + clause.span.start, end: target.base + clause.span.end };
      return names.map((n) => ({ title: `Use connection ${quoted(n)}`, edits: [{ ...span, newText: quoteIdentifier(n) }] }));
    }
    if (!option || option.key.value !== key || option.value.value !== name) return [];
    return names.map((n) => ({ title: `Use connection ${quoted(n)}`, edits: [replaceInside(target, option.value.valueSpan, n)] }));
  },

  'deprecated-option': (target, data) => moveCredentials(target, data),
};

/** How many choices a diagnostic's fixes may offer: beyond that, a list of fixes is no help. */
const MAX_CHOICES = 12;

/** The names of the connections of `type` known to the document and the workspace, each once, sorted. */
function compatibleConnections(target: Target, type: string): string[] {
  const byName = new Map<string, Set<string | undefined>>();
  for (const c of target.connections()) byName.set(c.name, (byName.get(c.name) ?? new Set()).add(c.type?.toLowerCase()));
  // A name defined with two types is no sure choice.
  const names = [...byName].filter(([, types]) => types.size === 1 && types.has(type.toLowerCase())).map(([name]) => name);
  return names.sort().slice(0, MAX_CHOICES);
}

/**
 * A missing key of a model, table, tool or agent: one fix per value of a selector (`'provider'`) or
 * per compatible connection for a connection-name key, else the key with the catalogue's placeholder.
 */
function missingSetKey(target: Target, key: string, data: Data): Fix[] {
  const values = textsOf(data['values']);
  const connectionType = textOf(data['connectionType']);
  const choices = values.length > 0 ? values : connectionType ? compatibleConnections(target, connectionType) : [];
  if (choices.length > 0 && choices.length <= MAX_CHOICES) {
    return choices.map((value) => ({ title: `Add ${quoted(key)} = ${quoted(value)}`, edits: changeList(target, [], [[key, value]]) }));
  }
  return [{ title: `Add ${quoted(key)}`, edits: changeList(target, [], [[key, textOf(data['placeholder']) ?? '']]) }];
}

/** A name for a new connection, from the statement's own name, that no known connection has. */
function newConnectionName(target: Target, statementName: string): string {
  const stem = `${statementName.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[^A-Za-z_])/, 'c_')}_connection`;
  // A name a statement names already would start to mean the new connection there.
  const taken = new Set([...target.connections().map((c) => c.name), ...target.referenced()].map((n) => n.toLowerCase()));
  let name = stem;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${stem}_${i}`;
  return name;
}

/**
 * "Move credentials into a connection" for a model or table in the legacy form: a CREATE CONNECTION
 * of the set's connection type holding the legacy endpoint and credentials, followed by the model or
 * table naming it with `'<provider>.connection'`, the legacy keys gone.
 *
 * The edit never carries a secret: each moved value's literal stays where it is in the document, and
 * the edits replace only the text before, between and after those literals (the new statement's
 * head and keys, the model's or table's head and remaining options, rewritten after the literals).
 * Any secret the detector finds elsewhere in the statement would have to be copied, so then nothing
 * is offered; nor when an option that stays has a key the catalogue does not know for the statement
 * (its value might be anything), a comment inside the option list would be lost, a legacy key is
 * written twice, the statement already names a connection, or the set has no connection type.
 */
function moveCredentials(target: Target, data: Data): Fix[] {
  const { statement, list, text, base, eol } = target;
  // What is written comes from the analysis's own problem, never from the data a client sends back.
  const own = target.problems.find((p) => p.code === 'deprecated-option' && p.data.key === textOf(data['key']));
  const type = own?.code === 'deprecated-option' ? target.catalogue.findConnectionType(own.data.connectionType ?? '') : undefined;
  const referenceKey = own?.code === 'deprecated-option' ? own.data.referenceKey : undefined;
  if (!type || !referenceKey || (statement.kind !== 'createModel' && statement.kind !== 'createTable') || statement.connection) return [];
  if (statement.kind === 'createModel' && (statement.temporary || statement.trained)) return [];
  if (hasKey(target, referenceKey)) return [];
  const movesTo = new Map<string, string>();
  for (const p of target.problems) {
    if (p.code === 'deprecated-option' && p.data.movesTo && p.data.connectionType === type.name) movesTo.set(p.data.key.toLowerCase(), p.data.movesTo);
  }
  const moved = list.options.filter((o) => movesTo.has(o.key.value.toLowerCase()));
  const keys = moved.map((o) => movesTo.get(o.key.value.toLowerCase())!);
  if (moved.length === 0 || new Set(keys).size !== keys.length) return [];

  const statementText = text.slice(base, target.end);
  // Every secret must lie inside a literal that stays where it is.
  const kept = moved.map((o) => o.value.span);
  const secrets = statementSecrets(statementText, 0, { maskAccountIdentifiers: true, catalogue: target.catalogue });
  if (!secrets.every((s) => kept.some((k) => k.start <= s.start && s.end <= k.end))) return [];
  // The options that stay are written again after the new connection: only those whose key the
  // catalogue knows for this statement, and knows never to hold a secret. An unknown key (a
  // misspelling, another provider's, a free `params.` key) may hold anything: it is not copied.
  const unknown = new Set(target.problems.filter((p) => p.code === 'unknown-option').map((p) => p.span.start - base));
  const copied = list.options.filter((o) => !moved.includes(o));
  if (copied.some((o) => unknown.has(o.key.span.start) || target.catalogue.secretLevels.get(o.key.value.toLowerCase()) !== 'never')) return [];
  // Comments between the options would be lost.
  const gaps = [list.span.start + 1, ...list.options.flatMap((o) => [o.span.start, o.span.end]), list.span.end - 1];
  for (let i = 0; i < gaps.length; i += 2) {
    if (/--|\/\*|\/\//.test(statementText.slice(gaps[i], gaps[i + 1]))) return [];
  }

  const multiLine = /[\r\n]/.test(statementText.slice(list.span.start, list.span.end));
  const indent = multiLine ? indentationAt(text, base + list.options[0]!.span.start) : '';
  const open = multiLine ? `(${eol}${indent}` : '(';
  const between = multiLine ? `,${eol}${indent}` : ', ';
  const close = multiLine ? `${eol}${indentationAt(text, base + list.span.end - 1)})` : ')';

  const present = new Set(keys);
  const method = type.authMethods.length === 1 ? authMethods[type.authMethods[0]!] : undefined;
  const extra = [ENDPOINT_KEY, ...(method?.keys ?? [])].filter((k) => !present.has(k));
  const extraEntries = inCatalogueOrder(extra, type, target.catalogue).map(([k, v]) => `${between}${sqlString(k)} = ${sqlString(v)}`).join('');

  const statementName = statement.name.parts[statement.name.parts.length - 1]!.value;
  const name = newConnectionName(target, statementName);
  const head = statementText.slice(0, list.span.start);
  const tail = statementText.slice(list.span.end);
  const remaining = copied.map((o) => statementText.slice(o.span.start, o.span.end));
  const rewritten = [...remaining, `${sqlString(referenceKey)} = ${sqlString(name)}`].join(between);

  const edits: OffsetEdit[] = moved.map((o, i) => ({
    start: base + (i === 0 ? 0 : moved[i - 1]!.value.span.end),
    end: base + o.value.span.start,
    newText: `${i === 0 ? `CREATE CONNECTION ${name} WITH ${open}${sqlString(TYPE_KEY)} = ${sqlString(type.name)}` : ''}${between}${sqlString(keys[i]!)} = `,
  }));
  edits.push({
    start: base + moved[moved.length - 1]!.value.span.end,
    end: target.end,
    newText: `${extraEntries}${close};${eol}${indentationAt(text, base)}${head}${open}${rewritten}${close}${tail}`,
  });
  return [{ title: `Move credentials into a new connection ${quoted(name)}`, edits }];
}

/** The connections the document defines (with their types), then the workspace's (`workspace`). */
function knownConnections(analysis: DocumentAnalysis, workspace: () => readonly KnownConnection[]): KnownConnection[] {
  return [...[...analysis.names.definitions.values()].flat().map(({ name, type }) => ({ name, type })), ...workspace()];
}

/** The statement around `offset`, when it has an option list, and the option `offset` is in; `connections` as in `Target`. */
function targetAt(text: string, analysis: DocumentAnalysis, offset: number, connections: () => readonly KnownConnection[]): Target | undefined {
  const entry = parsedStatementAt(analysis.parsed, offset);
  const statement = entry?.statement;
  const list = statement && optionListOf(statement);
  if (!entry || !statement || !list) return undefined;
  const relative = offset - entry.slice.start;
  const option = list.options.find((o) => o.span.start <= relative && relative < o.span.end);
  return {
    text,
    eol: eolOf(text),
    base: entry.slice.start,
    end: entry.slice.start + entry.text.length,
    statement,
    list,
    option,
    problems: problemsIn(analysis.statementProblems, entry.slice),
    connections,
    referenced: () => analysis.names.referrers.keys(),
    catalogue: analysis.options.catalogue ?? builtInCatalogue,
  };
}

/** The problems of `problems` that lie in `slice`. */
const problemsIn = (problems: readonly Problem[], slice: Span): Problem[] => problems.filter((p) => slice.start <= p.span.start && p.span.start <= slice.end);

/** The fix of an older-form SET or RESET at `offset`: quotes around its key and value. */
function quoteSettingFix(parsed: ParsedDocument, offset: number): Fix[] {
  const entry = parsedStatementAt(parsed, offset);
  const statement = entry?.statement;
  if (!entry || (statement?.kind !== 'set' && statement?.kind !== 'reset')) return [];
  const insertions = quotingInsertions(statement, entry.text);
  if (!insertions || insertions.length === 0) return [];
  const edits = insertions.map((at) => ({ start: entry.slice.start + at, end: entry.slice.start + at, newText: "'" }));
  return [{ title: statement.kind === 'set' ? 'Quote the key and value' : 'Quote the key', edits, isPreferred: true }];
}

/** One edit of `document` that the client applies only to the version it was computed for. */
function versionedEdit(document: TextDocument, edits: readonly OffsetEdit[]): WorkspaceEdit {
  const textEdits = [...edits]
    .sort((a, b) => a.start - b.start)
    .map((e) => TextEdit.replace(Range.create(document.positionAt(e.start), document.positionAt(e.end)), e.newText));
  return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, textEdits)] };
}

/** Whether a requested `only` admits actions of `kind` (a kind admits its sub-kinds). */
function admits(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * The code actions for a request: the quick fixes of `diagnostics` (the request's context, from any
 * source; only this server's are read) and, when `only` asks for source actions, the fix-all action.
 * `analysis` is the server's of the document's current text; `workspace` gives the connections defined
 * elsewhere, asked for only by the fixes that name one; `shown` the problems the user sees (fix-all
 * fixes no other).
 */
export function codeActions(
  document: TextDocument,
  analysis: DocumentAnalysis,
  diagnostics: readonly Diagnostic[],
  only?: readonly string[],
  workspace: () => readonly KnownConnection[] = () => [],
  shown: (problems: readonly Problem[]) => Problem[] = (problems) => applySuppressions(document.getText(), problems),
): CodeAction[] {
  const { parsed } = analysis;
  const actions: CodeAction[] = [];
  if (admits(only, CodeActionKind.QuickFix)) {
    const text = document.getText();
    const byFix = new Map<string, CodeAction>();
    // Gathered once per request, and only when a fix names a connection.
    let known: readonly KnownConnection[] | undefined;
    const connections = () => (known ??= knownConnections(analysis, workspace));
    for (const diagnostic of diagnostics) {
      const data = diagnostic.data as Data | null | undefined;
      const code = textOf(data?.['code']) as DiagnosticCode;
      const fixesOf = quickFixes[code];
      if (diagnostic.source !== diagnosticSource || !data || (!fixesOf && code !== 'unquoted-setting')) continue;
      const offset = document.offsetAt(diagnostic.range.start);
      const target = fixesOf && targetAt(text, analysis, offset, connections);
      const fixes = code === 'unquoted-setting' ? quoteSettingFix(parsed, offset) : target ? fixesOf!(target, data) : [];
      for (const fix of fixes) {
        // Diagnostics at one place may share a fix (two missing keys of one method): one action fixes both.
        const key = `${fix.title}\u0000${JSON.stringify(fix.edits)}`;
        const same = byFix.get(key);
        if (same) {
          same.diagnostics!.push(diagnostic);
          continue;
        }
        const action: CodeAction = {
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          ...(fix.isPreferred ? { isPreferred: true } : {}),
          edit: versionedEdit(document, fix.edits),
        };
        byFix.set(key, action);
        actions.push(action);
      }
    }
  }
  // Fix-all reads every statement, so it is computed only when asked for by kind (on save, or from
  // the Source Action menu), not for every light bulb.
  if (only !== undefined && admits(only, FIX_ALL_KIND)) {
    // What a suppression comment silences, or the folder's flinksql.json turns off, is not fixed either.
    const edit = fixAllEdit(document, parsed, shown(analysis.problems), { catalogue: analysis.options.catalogue ?? builtInCatalogue, shown });
    if (edit) actions.push({ title: 'Fix all safe Flink SQL connection problems', kind: FIX_ALL_KIND, edit });
  }
  return actions;
}

/** The statement as the analysis would see it after renames, value changes and removals (spans stay those of the text). */
function withChanges(statement: CreateConnection, renames: ReadonlyMap<OptionNode, string>, values: ReadonlyMap<OptionNode, string>, removed: ReadonlySet<OptionNode>): CreateConnection {
  const options = statement.options.options
    .filter((o) => !removed.has(o))
    .map((o) => {
      const key = renames.get(o);
      const value = values.get(o);
      return {
        ...o,
        key: key === undefined ? o.key : { ...o.key, value: key },
        value: value === undefined ? o.value : { ...o.value, value },
      };
    });
  return { ...statement, options: { ...statement.options, options } };
}

/**
 * The safe fixes of one statement: rename a misspelt key to the key it is taken for, change a misspelt
 * type to the type it is taken for, remove later duplicates, and for CREATE CONNECTION add the keys
 * that are missing where there is no choice to make (not `type`, not an auth method). `problems` are
 * relative to the statement.
 */
function safeFixes(text: string, base: number, statement: ConnectionStatement, problems: readonly Problem[], { catalogue, shown }: FixAllTerms): OffsetEdit[] {
  const options = statement.options.options;
  const byKeyStart = new Map(options.map((o) => [o.key.span.start, o]));
  const byValueStart = new Map(options.map((o) => [o.value.span.start, o]));
  const renames = new Map<OptionNode, string>();
  const values = new Map<OptionNode, string>();
  const removed = new Set<OptionNode>();
  const keyAfterFixes = (o: OptionNode) => renames.get(o) ?? o.key.value;
  const taken = (key: string) => options.some((o) => !removed.has(o) && keyAfterFixes(o) === key);

  let current = problems;
  // A fix can bring a rule into play that could not apply before (a type once the type is readable,
  // its keys once the type is known), so the statement is re-checked as the fixes leave it. Each
  // round changes an option at most once, so a few rounds reach the fixed point.
  for (let round = 0; round < 4; round++) {
    let changed = false;
    for (const problem of current) {
      if (problem.code === 'unknown-option' && problem.data.suggestion) {
        const option = byKeyStart.get(problem.span.start);
        if (option && !renames.has(option) && !removed.has(option) && !taken(problem.data.suggestion)) {
          renames.set(option, problem.data.suggestion);
          changed = true;
        }
      } else if (problem.code === 'unknown-connection-type' && problem.data.suggestion) {
        const option = byValueStart.get(problem.span.start);
        if (option && !values.has(option)) {
          values.set(option, problem.data.suggestion);
          changed = true;
        }
      } else if (problem.code === 'duplicate-option') {
        const option = byKeyStart.get(problem.span.start);
        if (option && !removed.has(option) && !renames.has(option)) {
          removed.add(option);
          changed = true;
        }
      }
    }
    if (!changed || statement.kind !== 'createConnection') break;
    // As the user would see them: a code turned off or a suppressed problem is not fixed either.
    const rechecked = checkCreateConnection(withChanges(statement, renames, values, removed), catalogue);
    current = shown ? shown(rechecked.map((p) => shiftProblem(p, base))).map((p) => shiftProblem(p, -base)) : rechecked;
  }

  const missing: string[] = [];
  if (statement.kind === 'createConnection') {
    for (const problem of current) {
      if (problem.code === 'missing-option' && problem.data.key !== TYPE_KEY) missing.push(problem.data.key);
      // An incomplete method is completed only when it is the only one present.
      if (problem.code === 'incomplete-auth' && !current.some((p) => p.code === 'conflicting-auth')) missing.push(...problem.data.missing);
    }
  }
  const typeOption = options.find((o) => keyAfterFixes(o) === TYPE_KEY && !removed.has(o));
  const typeValue = typeOption && (values.get(typeOption) ?? typeOption.value.value);
  const type = typeValue === undefined ? undefined : catalogue.findConnectionType(typeValue);

  const target = { text, eol: eolOf(text), base, list: statement.options };
  const edits: OffsetEdit[] = [];
  for (const [option, key] of renames) edits.push(replaceInside(target, option.key.valueSpan, key));
  for (const [option, value] of values) edits.push(replaceInside(target, option.value.valueSpan, value));
  if (removed.size > 0 || missing.length > 0) edits.push(...changeList(target, [...removed], inCatalogueOrder(missing, type, catalogue)));
  return edits;
}

/** The key that chooses the option set of a model, table or tool (`'provider'`, `'connector'`, `'type'`). */
function selectorKeyOf(statement: Statement): string | undefined {
  switch (statement.kind) {
    case 'createModel':
    case 'alterModel':
      return modelSelector.key;
    case 'createTable':
      return connectorSelector.key;
    case 'createTool':
    case 'alterTool':
      return toolSelector.key;
    default:
      return undefined;
  }
}

/**
 * The safe fixes of a model, table, tool or agent, as for a connection: rename a misspelt key to the
 * key it is taken for (unless that key is there), change a misspelt provider, connector or tool type
 * to the one it is taken for, and remove later duplicates. The analysis already reads the misspelt
 * key and value as the ones meant, so one pass suffices. Nothing is added: every missing key of these
 * statements needs a value the user chooses. `problems` are relative to the statement.
 */
function safeUsingFixes(text: string, base: number, statement: Statement, list: OptionList, problems: readonly Problem[]): OffsetEdit[] {
  const byKeyStart = new Map(list.options.map((o) => [o.key.span.start, o]));
  const byValueStart = new Map(list.options.map((o) => [o.value.span.start, o]));
  const selector = selectorKeyOf(statement);
  const removed = new Set<OptionNode>();
  for (const problem of problems) {
    const option = problem.code === 'duplicate-option' ? byKeyStart.get(problem.span.start) : undefined;
    if (option) removed.add(option);
  }
  const keys = new Set(list.options.filter((o) => !removed.has(o)).map((o) => o.key.value.toLowerCase()));
  const target = { text, eol: eolOf(text), base, list };
  const edits: OffsetEdit[] = [];
  for (const problem of problems) {
    if (problem.code === 'unknown-option' && problem.data.suggestion) {
      const option = byKeyStart.get(problem.span.start);
      const meant = problem.data.suggestion.toLowerCase();
      if (!option || removed.has(option) || keys.has(meant)) continue;
      keys.add(meant);
      edits.push(replaceInside(target, option.key.valueSpan, problem.data.suggestion));
    } else if (problem.code === 'invalid-option-value' && problem.data.suggestion && selector !== undefined) {
      const option = byValueStart.get(problem.span.start);
      if (option && !removed.has(option) && option.key.value.toLowerCase() === selector) edits.push(replaceInside(target, option.value.valueSpan, problem.data.suggestion));
    }
  }
  if (removed.size > 0) edits.push(...changeList(target, [...removed]));
  return edits;
}

/** What fix-all works under: the catalogue the problems were found with, and which problems the user sees. */
export interface FixAllTerms {
  readonly catalogue: Catalogue;
  /**
   * The problems (document offsets) the user sees of those given: the ones that the document's
   * suppression comments and its flinksql.json's rules leave. Applied to what a fix brings into play.
   */
  readonly shown?: (problems: readonly Problem[]) => Problem[];
}

/**
 * One edit that applies every safe fix of `problems` (document offsets, from the analysis), or
 * undefined when there is none. Fixes that need a choice (which auth method to add or keep, which
 * type to give a connection that has none, which connection a model names, moving credentials into
 * a new connection) are left to the quick fixes; of duplicates, the first stays.
 */
export function fixAllEdit(document: TextDocument, parsed: ParsedDocument, problems: readonly Problem[], terms: FixAllTerms = { catalogue: builtInCatalogue }): WorkspaceEdit | undefined {
  const text = document.getText();
  const edits: OffsetEdit[] = [];
  for (const { slice, statement } of parsed.statements) {
    const list = statement && optionListOf(statement);
    if (!statement || !list) continue;
    const own = problemsIn(problems, slice).map((p) => shiftProblem(p, -slice.start));
    if (own.length === 0) continue;
    if (isConnectionStatement(statement)) edits.push(...safeFixes(text, slice.start, statement, own, terms));
    else edits.push(...safeUsingFixes(text, slice.start, statement, list, own));
  }
  return edits.length > 0 ? versionedEdit(document, edits) : undefined;
}
