/**
 * What is at a position of a document: the statement around it and its kind, the role of the token
 * there (the statement's head, an option key or value, the name of a resource) and the resource it
 * names, with its kind. Completion, hover, definition, references, rename and code actions ask here.
 *
 * Only the statement around the position is read, by the token scanner, which never fails, so that
 * text being typed, which does not parse yet, is read as well as text that does.
 */
import type { ConnectionType } from '../catalogue/connectionTypes';
import { builtInCatalogue, type Catalogue } from '../catalogue/catalogue';
import { isReferenceKey } from '../catalogue/keyIndex';
import { argumentResource, withoutVersion, type ResourceKind } from '../analysis/connectionReferences';
import { definitionIn } from '../analysis/statementFacts';
import { TYPE_KEY } from '../catalogue/optionKeys';
import { findOptionSet, type OptionSet, type Selector } from '../catalogue/optionSets';
import { agentOptions, toolSelector, toolTypes, type ToolSource } from '../catalogue/toolsAndAgents';
import type { Span } from '../parser/ast';
import { lineEndFrom } from '../parser/characters';
import { isPunctuation, isWord, readTokens, stringContent, type Token } from '../parser/tokens';
import type { DocumentStatement, ParsedDocument, TextSource } from '../parser/parseDocument';
import type { NameForm } from '../workspace/connectionIndex';

/** The statements' heads, as the grammar has them: words in order, `a|b` a choice, `?` after an optional word. */
const HEADS = (
  [
    ['createConnection', 'create or? replace? temporary? system? connection'],
    ['alterConnection', 'alter connection'],
    ['dropConnection', 'drop temporary? system? connection'],
    ['describeConnection', 'describe|desc connection'],
    ['showCreateConnection', 'show create connection'],
    ['showConnections', 'show connections'],
    ['createTable', 'create or? replace? temporary? table'],
    ['createModel', 'create or? replace? temporary? model'],
    ['createTool', 'create or? replace? tool'],
    ['createAgent', 'create or? replace? agent'],
    ['alterModel', 'alter model'],
    ['alterTool', 'alter tool'],
    ['alterAgent', 'alter agent'],
    ['createFunction', 'create or? replace? temporary? system? function'],
    ['createAgent', 'create or? replace? agent'],
    ['alterModel', 'alter model'],
    ['alterTool', 'alter tool'],
    ['alterAgent', 'alter agent'],
    ['dropModel', 'drop temporary? model'],
    ['dropTool', 'drop tool'],
    ['dropAgent', 'drop agent'],
    ['describeModel', 'describe|desc model'],
    ['describeTool', 'describe|desc tool'],
    ['showCreateModel', 'show create model'],
    ['showCreateTool', 'show create tool'],
    ['showCreateAgent', 'show create agent'],
  ] as const
).map(([kind, head]) => ({ kind, steps: head.split(' ').map((step) => ({ words: step.replace('?', '').split('|'), optional: step.endsWith('?') })) }));

export type StatementKind = (typeof HEADS)[number]['kind'] | 'other';

export type { ResourceKind };

/** Statements whose own name, after the head, names a resource (which a CREATE defines). */
const OWN_NAME = new Map<StatementKind, ResourceKind>([
  ['createConnection', 'connection'], ['alterConnection', 'connection'], ['dropConnection', 'connection'],
  ['describeConnection', 'connection'], ['showCreateConnection', 'connection'],
  ['createModel', 'model'], ['alterModel', 'model'], ['dropModel', 'model'], ['describeModel', 'model'], ['showCreateModel', 'model'],
  ['createTool', 'tool'], ['alterTool', 'tool'], ['dropTool', 'tool'], ['describeTool', 'tool'], ['showCreateTool', 'tool'],
  ['createAgent', 'agent'], ['alterAgent', 'agent'], ['dropAgent', 'agent'], ['showCreateAgent', 'agent'],
]);

/**
 * The words before a name that say what it names: CREATE AGENT's `USING MODEL m`, `USING TOOLS t1, t2`
 * and `USING AGENTS a1, a2` (a list: every name of it), ALTER AGENT's `SET MODEL m`, `ADD TOOL t` and
 * `REMOVE TOOL t`.
 */
const NAMED_AFTER: readonly { readonly statement: StatementKind; readonly words: readonly [string, string]; readonly resource: ResourceKind; readonly list: boolean }[] = [
  { statement: 'createAgent', words: ['using', 'model'], resource: 'model', list: false },
  { statement: 'createAgent', words: ['using', 'tools'], resource: 'tool', list: true },
  { statement: 'createAgent', words: ['using', 'agents'], resource: 'agent', list: true },
  { statement: 'alterAgent', words: ['set', 'model'], resource: 'model', list: false },
  { statement: 'alterAgent', words: ['add', 'tool'], resource: 'tool', list: false },
  { statement: 'alterAgent', words: ['remove', 'tool'], resource: 'tool', list: false },
];

/** The index of the token before the list of names that `first` begins a name of: back over `a, b.c, `. */
function beforeList(tokens: readonly Token[], first: number): number {
  let j = first - 1;
  while (isPunctuation(tokens[j], ',') && isNamePart(tokens[j - 1])) {
    j -= 2;
    while (isPunctuation(tokens[j], '.') && isNamePart(tokens[j - 1])) j -= 2;
  }
  return j;
}

/** Statements whose `USING CONNECTION name` names a connection, and those whose `'<x>.connection'` options do. */
const USING_CONNECTION = new Set<StatementKind>(['createTable', 'createModel', 'createTool']);
const REFERENCE_OPTIONS = new Set<StatementKind>(['createTable', 'createModel', 'alterModel']);

/** Statements whose option list is `SET (…)` rather than `WITH (…)`. */
const SET_LIST = new Set<StatementKind>(['alterConnection', 'alterModel', 'alterTool', 'alterAgent']);

/** Words that end a statement's name rather than continue it. */
const AFTER_NAME = new Set(['with', 'set', 'comment', 'using', 'as', 'input', 'output']);

/**
 * How many of `words` follow `head` to its end (0 when they depart from it or stop short); with
 * `typing`, how many of them begin it, the last one perhaps the beginning of one of its words.
 */
function follow(head: (typeof HEADS)[number], words: readonly string[], typing: boolean): number {
  let taken = 0;
  for (const step of head.steps) {
    const word = words[taken];
    if (word === undefined) return typing ? taken : 0;
    if (step.words.includes(word)) taken++;
    else if (typing && taken === words.length - 1 && step.words.some((w) => w.startsWith(word))) return words.length;
    else if (!step.optional) return 0;
  }
  return taken;
}

const isNamePart = (token: Token | undefined): boolean => token?.kind === 'word' || token?.kind === 'identifier';

/** The statement around a position, read loosely. Offsets in its tokens are relative to `start`. */
export interface StatementAtCursor {
  /** The statement's index in the parse. */
  readonly index: number;
  /** Document offset of the statement's first character. */
  readonly start: number;
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly comments: readonly Span[];
  readonly kind: StatementKind;
  /** How many tokens the head takes (`CREATE OR REPLACE CONNECTION`: 4). */
  readonly headLength: number;
  /** The token index where the statement's own name begins (after `IF [NOT] EXISTS`). */
  readonly nameStart: number;
  /** The statement's own name as written (its last part, without backticks), when it has been typed. */
  readonly name: string | undefined;
  /**
   * The option list (`WITH (…)` or `SET (…)`), when the statement has one: token indexes of `(` and `)`;
   * `reset` for an ALTER's `RESET (…)`, a list of keys without values.
   */
  readonly list: { readonly open: number; readonly close: number | undefined; readonly reset: boolean } | undefined;
  /** `'key' = 'value'` as far as typed, without quotes; in a RESET list, the keys, without values. */
  readonly options: readonly { readonly key: string; readonly value: string | undefined }[];
}

/** A token's text as a name: a word as written, a quoted name or string without its quotes. */
const nameText = (text: string, token: Token): string => (token.kind === 'word' ? text.slice(token.start, token.end) : token.value);

function readStatement(index: number, start: number, text: string): StatementAtCursor {
  const { tokens, comments } = readTokens(text);
  const wordCount = tokens.findIndex((t) => t.kind !== 'word');
  const words = tokens.slice(0, Math.min(wordCount < 0 ? tokens.length : wordCount, 6)).map((t) => t.value);
  let headLength = 0;
  const kind = HEADS.find((head) => (headLength = follow(head, words, false)) > 0)?.kind ?? 'other';
  let i = headLength;
  if (isWord(tokens[i], 'if')) i += isWord(tokens[i + 1], 'not') ? 3 : 2;
  if ((kind === 'describeConnection' || kind === 'describeModel' || kind === 'describeTool') && isWord(tokens[i], 'extended') && isNamePart(tokens[i + 1])) i++;
  const nameStart = i;
  // The name: identifiers joined by dots; the last part is the statement's own name.
  let name: Token | undefined;
  while (kind !== 'other' && isNamePart(tokens[i]) && !(tokens[i]!.kind === 'word' && AFTER_NAME.has(tokens[i]!.value))) {
    name = tokens[i++];
    if (!isPunctuation(tokens[i], '.')) break;
    i++;
  }
  const alter = SET_LIST.has(kind);
  let list: StatementAtCursor['list'];
  for (let j = i; kind !== 'other' && j < tokens.length - 1; j++) {
    const reset = alter && isWord(tokens[j], 'reset');
    if ((reset || isWord(tokens[j], alter ? 'set' : 'with')) && isPunctuation(tokens[j + 1], '(')) {
      const close = tokens.findIndex((t, k) => k > j + 1 && isPunctuation(t, ')'));
      list = { open: j + 1, close: close < 0 ? undefined : close, reset };
      break;
    }
  }
  const options: { key: string; value: string | undefined }[] = [];
  const end = list?.close ?? tokens.length;
  for (let j = list ? list.open + 1 : end; j < end; j++) {
    if (list!.reset) {
      if (tokens[j]!.kind === 'string') options.push({ key: tokens[j]!.value, value: undefined });
    } else if (tokens[j]!.kind === 'string' && isPunctuation(tokens[j + 1], '=')) {
      const value = tokens[j + 2]?.kind === 'string' && j + 2 < end ? tokens[j + 2]!.value : undefined;
      options.push({ key: tokens[j]!.value, value });
      j += value === undefined ? 1 : 2;
    }
  }
  return { index, start, text, tokens, comments, kind, headLength, nameStart, name: name && nameText(text, name), list, options };
}

/**
 * The statement `offset` is in (from its first character to its `;`, or to the end of the document),
 * or where the gap it is in begins.
 */
function locate(parsed: ParsedDocument, offset: number): { index: number; start: number; end: number } | { gapStart: number } {
  // The first statement that starts after `offset`; the one before it is the statement `offset` may be in.
  let [low, high] = [0, parsed.statementCount];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (parsed.statementAt(middle).slice.start <= offset) low = middle + 1;
    else high = middle;
  }
  if (low === 0) return { gapStart: 0 };
  const { slice } = parsed.statementAt(low - 1);
  if (slice.semicolon >= 0 && offset > slice.semicolon) return { gapStart: slice.semicolon + 1 };
  return { index: low - 1, start: slice.start, end: slice.semicolon >= 0 ? slice.semicolon : parsed.textLength };
}

/** The statement of `parsed` that `offset` is in, its `;` included, or undefined between statements. */
export function parsedStatementAt(parsed: ParsedDocument, offset: number): DocumentStatement | undefined {
  const at = locate(parsed, offset);
  return 'gapStart' in at ? undefined : parsed.statementAt(at.index);
}

/** The statement that contains `offset` of `text` (the document, parsed as `parsed`), read loosely; undefined between statements. */
export function statementAt(text: TextSource, parsed: ParsedDocument, offset: number): StatementAtCursor | undefined {
  const at = locate(parsed, offset);
  return 'gapStart' in at ? undefined : readStatement(at.index, at.start, text.slice(at.start, at.end));
}

/**
 * What a token is, or what a token typed there would be: a word of the statement's head, an option's
 * key or value, or a name of a resource, which the statement `defines` or names as an identifier or
 * in a string (the value of the option `key`, such as `'mongodb.connection'`).
 */
export type Role =
  | { readonly kind: 'head' | 'key' }
  | { readonly kind: 'value'; readonly key: string }
  | { readonly kind: 'name'; readonly resource: ResourceKind; readonly defines: boolean; readonly inString: boolean; readonly key?: string };

export type NameRole = Extract<Role, { kind: 'name' }>;

/** Whether token index `i` lies inside `USING CONNECTIONS ( … )`. */
function inConnectionList(tokens: readonly Token[], i: number): boolean {
  for (let j = i - 1; j >= 2; j--) {
    if (isPunctuation(tokens[j], ')')) return false;
    if (isPunctuation(tokens[j], '(')) return isWord(tokens[j - 1], 'connections') && isWord(tokens[j - 2], 'using');
  }
  return false;
}

/**
 * The role of `token` at index `i` of the statement, or with `token` undefined, of a token typed at
 * `i`; decided by the tokens before it. In a qualified name only the last part names the resource.
 */
function roleAt(statement: StatementAtCursor, i: number, token: Token | undefined): Role | undefined {
  const { tokens, kind, list } = statement;
  if (i < statement.headLength) return { kind: 'head' };
  const identifier = !token || isNamePart(token);
  const string = !token || token.kind === 'string';
  let first = i;
  while (isPunctuation(tokens[first - 1], '.') && isNamePart(tokens[first - 2])) first -= 2;
  const last = !token || !isPunctuation(tokens[i + 1], '.');
  const resource = OWN_NAME.get(kind);
  if (resource && first === statement.nameStart && identifier && last) return { kind: 'name', resource, defines: kind.startsWith('create'), inString: false };
  if (identifier && last) {
    for (const after of NAMED_AFTER) {
      if (after.statement !== kind) continue;
      const j = after.list ? beforeList(tokens, first) : first - 1;
      if (isWord(tokens[j], after.words[1]) && isWord(tokens[j - 1], after.words[0])) return { kind: 'name', resource: after.resource, defines: false, inString: false };
    }
  }
  if ((identifier || string) && last) {
    const argument = argumentResource((j) => tokens[j], first, first === i ? token : tokens[first]);
    if (argument) return { kind: 'name', resource: argument, defines: false, inString: token?.kind === 'string' };
  }
  if (USING_CONNECTION.has(kind) && isWord(tokens[first - 1], 'connection') && isWord(tokens[first - 2], 'using') && identifier && last) {
    return { kind: 'name', resource: 'connection', defines: false, inString: false };
  }
  const listed = (j: number) => isPunctuation(tokens[j - 1], '(') || isPunctuation(tokens[j - 1], ',');
  if (kind === 'createFunction' && listed(first) && (identifier || string) && last && inConnectionList(tokens, first)) {
    return { kind: 'name', resource: 'connection', defines: false, inString: string };
  }
  if (!list || i <= list.open || (list.close !== undefined && i > list.close)) return undefined;
  if (listed(i) && (string || token!.kind === 'word')) return { kind: 'key' };
  const key = tokens[i - 2];
  if (isPunctuation(tokens[i - 1], '=') && key?.kind === 'string' && string) {
    if (REFERENCE_OPTIONS.has(kind) && isReferenceKey(key.value)) return { kind: 'name', resource: 'connection', defines: false, inString: true, key: key.value };
    return { kind: 'value', key: key.value };
  }
  return undefined;
}

/** A place where a resource is named. */
export interface NamedResource {
  readonly kind: ResourceKind;
  /** Its own name, without quotes or backticks: the last part of a qualified name, the text after a string's last `.`. */
  readonly name: string;
  /** Whether the statement creates it (the name of a CREATE CONNECTION) rather than refers to it. */
  readonly defines: boolean;
  /** Document offsets of the name as written: an identifier with its backticks; in a string, the characters after the last `.` inside the quotes. */
  readonly span: Span;
  readonly form: NameForm;
  /** The index in the parse of the statement it is in. */
  readonly statementIndex: number;
}

/** The resource `token` names, if its role is a name. A model's version (`m$2`, `` `m$all` ``) is no part of its name. */
function namedBy(statement: StatementAtCursor, token: Token, role: Role | undefined): NamedResource | undefined {
  if (role?.kind !== 'name') return undefined;
  const { resource: kind, defines } = role;
  const start = statement.start + token.start;
  const statementIndex = statement.index;
  const versioned = kind === 'model' && !defines;
  if (token.kind !== 'string') {
    const written = nameText(statement.text, token);
    const name = versioned ? withoutVersion(written) : written;
    if (name === written) {
      const form = token.kind === 'identifier' ? 'backticked' : 'plain';
      return { kind, name, defines, span: { start, end: statement.start + token.end }, form, statementIndex };
    }
    const quote = token.kind === 'identifier' ? 1 : 0;
    const inner = statement.text.slice(token.start + quote, token.end - (quote && token.closed ? 1 : 0));
    const span = { start: start + quote, end: start + quote + withoutVersion(inner).length };
    return { kind, name, defines, span, form: quote ? 'in-backticks' : 'plain', statementIndex };
  }
  // The string's own name is what follows its last dot; a doubled quote is no dot (a Unicode string's
  // escaped dot, `\002E`, is not seen as one here: nobody writes a name so).
  const content = stringContent(statement.text, token.start, token.end, token.closed);
  const open = statement.start + content.start;
  const close = statement.start + content.end;
  const raw = statement.text.slice(content.start, content.end);
  const end = versioned ? open + withoutVersion(raw).length : close;
  const dot = raw.slice(0, end - open).lastIndexOf('.');
  const value = versioned ? withoutVersion(token.value) : token.value;
  const name = value.slice(value.lastIndexOf('.') + 1);
  return { kind, name, defines, span: { start: open + dot + 1, end }, form: 'string', statementIndex };
}

/** A token of the statement around a position: where it is (document offsets), what it is, what it names. */
export interface TokenAt {
  readonly statement: StatementAtCursor;
  readonly token: Token;
  readonly span: Span;
  readonly role: Role | undefined;
  /** The resource named, when the position is on its name (not on a catalog or database part before it). */
  readonly named: NamedResource | undefined;
}

/**
 * The token whose characters include `offset`, or with `touching`, the name that `offset` is on or
 * just past (where a cursor on a name may stand), in the document `text` parsed as `parsed`.
 */
export function tokenAt(text: TextSource, parsed: ParsedDocument, offset: number, touching = false): TokenAt | undefined {
  const statement = statementAt(text, parsed, offset);
  if (!statement) return undefined;
  const at = offset - statement.start;
  const found = statement.tokens.flatMap((token, i): TokenAt[] => {
    if (token.start > at || at > token.end || (at === token.end && !touching)) return [];
    const role = roleAt(statement, i, token);
    const named = namedBy(statement, token, role);
    const on = named && named.span.start <= offset && offset <= named.span.end;
    return [{ statement, token, span: { start: statement.start + token.start, end: statement.start + token.end }, role, named: on ? named : undefined }];
  });
  return touching ? found.find((f) => f.named) : found[0];
}

/** The name of a resource that `offset` is on or just past. */
export const nameAt = (text: TextSource, parsed: ParsedDocument, offset: number): NamedResource | undefined => tokenAt(text, parsed, offset, true)?.named;

/** The connection type a CONNECTION statement is about: its own `'type'`, or for ALTER, the type `typeOf` gives the connection it names. */
export function connectionTypeOf(
  statement: StatementAtCursor,
  typeOf: (name: string) => string | undefined,
  catalogue: Catalogue = builtInCatalogue,
): ConnectionType | undefined {
  const type = statement.kind === 'alterConnection' ? statement.name && typeOf(statement.name) : statement.options.find((o) => o.key === TYPE_KEY)?.value;
  return type ? catalogue.findConnectionType(type) : undefined;
}

/** What an option list of a model, an external table, a tool or an agent holds, by the catalogue's option sets. */
export interface OptionListSets {
  /** The selector (`'provider'`, `'connector'`, a tool's `'type'`), or the one set an agent has. */
  readonly choose: Selector | OptionSet;
  /** The set chosen: by the list's own selector key, or for ALTER … SET by the statement that created the object. */
  readonly set: OptionSet | undefined;
  /** ALTER … SET: nothing is required, ALTER-only keys are allowed. */
  readonly alter: boolean;
  /** What the statement is about, for messages: 'model', 'table', 'tool', 'agent'. */
  readonly noun: 'model' | 'table' | 'tool' | 'agent';
  /** A tool's `USING FUNCTION` or `USING CONNECTION` clause, where written. */
  readonly using?: ToolSource;
}

/** The value of the option `key` (without regard to case), as far as typed. */
export const optionValue = (statement: StatementAtCursor, key: string): string | undefined =>
  statement.options.find((o) => o.key.toLowerCase() === key)?.value;

/** A tool's `USING FUNCTION` / `USING CONNECTION`, read from the tokens before its option list. */
function toolUsing(statement: StatementAtCursor): ToolSource | undefined {
  const { tokens } = statement;
  const end = statement.list?.open ?? tokens.length;
  for (let i = statement.nameStart; i < end - 1; i++) {
    if (!isWord(tokens[i], 'using')) continue;
    if (isWord(tokens[i + 1], 'function')) return 'function';
    if (isWord(tokens[i + 1], 'connection')) return 'connection';
  }
  return undefined;
}

/** What `selectedOf` answers: the selector value (provider, tool type) of the CREATE of the model or tool named. */
export type SelectedOf = (kind: 'model' | 'tool', name: string) => string | undefined;

/**
 * The option sets of the statement's option list; undefined for statements without such a list,
 * for a TEMPORARY model, and for a table whose `'connector'` is not one of Confluent's external
 * connectors (kafka, filesystem, …), which the catalogue does not describe. `typing`: the key whose
 * value is being typed, which does not choose.
 */
export function optionListSets(
  statement: StatementAtCursor,
  selectedOf: SelectedOf,
  typing?: string,
  { modelSelector, connectorSelector }: Catalogue = builtInCatalogue,
): OptionListSets | undefined {
  // The value being typed chooses nothing yet: `'connector' = 'mon'` is still any connector.
  const valueOf = (key: string) => (key === typing?.toLowerCase() ? undefined : optionValue(statement, key));
  const chosen = (selector: Selector, alterOf?: 'model' | 'tool'): OptionSet | undefined => {
    const own = valueOf(selector.key);
    if (own !== undefined) return findOptionSet(selector.sets, own);
    // ALTER MODEL m$2 SET (…): the model is `m`, whatever its version.
    const name = statement.name?.replace(/\$[^$]*$/, '');
    const created = alterOf && name ? selectedOf(alterOf, name) : undefined;
    return created === undefined ? undefined : findOptionSet(selector.sets, created);
  };
  switch (statement.kind) {
    case 'createModel':
      // A TEMPORARY model is Apache Flink's, with Flink's own keys.
      if (statement.tokens.slice(0, statement.headLength).some((t) => isWord(t, 'temporary'))) return undefined;
      return { choose: modelSelector, set: chosen(modelSelector), alter: false, noun: 'model' };
    case 'alterModel':
      return { choose: modelSelector, set: chosen(modelSelector, 'model'), alter: true, noun: 'model' };
    case 'createTable': {
      const connector = valueOf(connectorSelector.key);
      const set = connector === undefined ? undefined : findOptionSet(connectorSelector.sets, connector);
      return connector !== undefined && !set ? undefined : { choose: connectorSelector, set, alter: false, noun: 'table' };
    }
    case 'createTool': {
      const using = toolUsing(statement);
      return { choose: toolSelector, set: chosen(toolSelector), alter: false, noun: 'tool', ...(using ? { using } : {}) };
    }
    case 'alterTool':
      return { choose: toolSelector, set: chosen(toolSelector, 'tool'), alter: true, noun: 'tool' };
    case 'createAgent':
      return { choose: agentOptions, set: agentOptions, alter: false, noun: 'agent' };
    case 'alterAgent':
      return { choose: agentOptions, set: agentOptions, alter: true, noun: 'agent' };
    default:
      return undefined;
  }
}

/**
 * The provider or tool type of the models and tools a document creates: the CREATE of `name` (the
 * last one with a provider or type, as the last CREATE OR REPLACE wins), read from the definitions
 * the analysis keeps; an Apache Flink model's provider is not Confluent's, as in the workspace's answer.
 */
export function selectedInDocument(parsed: ParsedDocument): SelectedOf {
  return (kind, name) => {
    let found: string | undefined;
    for (const { statement } of parsed.statements) {
      const definition = statement && definitionIn(statement);
      if (definition?.kind === kind && definition.type !== undefined && !definition.flink && withoutVersion(definition.name) === name) found = definition.type;
    }
    return found;
  };
}

/**
 * The connection type a tool's `USING CONNECTION` must name: its `'type'`'s, or with no type
 * given, any of the types a tool can use (MCP server, A2A).
 */
export function toolConnectionTypes(statement: StatementAtCursor): readonly string[] {
  const type = optionValue(statement, toolSelector.key);
  const set = type === undefined ? undefined : toolTypes.find((t) => t.name === type.trim().toLowerCase());
  if (set?.connectionType) return [set.connectionType];
  return toolTypes.flatMap((t) => (t.connectionType ? [t.connectionType] : []));
}

/**
 * Where a completion puts its text, always on the cursor's line (a completion edit may not span lines,
 * and a string left open runs on to some later quote: that text is never replaced). Document offsets,
 * `start` ≤ `cursor` ≤ `end`.
 */
export interface EditTarget {
  /** Where the text being typed begins: after the opening quote of a string. */
  readonly start: number;
  readonly cursor: number;
  /** Where the text being typed ends: before a string's closing quote, the end of a word, or the cursor. */
  readonly end: number;
  /**
   * Inside a string: whether its closing quote is at `end`, on this line. An open string (no closing
   * quote on this line) ends at the cursor. Undefined outside a string.
   */
  readonly string?: { readonly closed: boolean };
}

/** What completion can write at the cursor. */
export type CursorContext =
  | { readonly kind: 'none' }
  /** Where a new statement begins; `target` covers the statement's words typed so far, on this line. */
  | { readonly kind: 'statement-start'; readonly target: EditTarget }
  /**
   * A key position in an option list; `target` covers the key being typed, `replacing` is that key.
   * `followedBy` says what comes after it: its own `=`, the next option (a separator is needed), or
   * neither. In a RESET list (`statement.list.reset`) keys take no value.
   */
  | { readonly kind: 'option-key'; readonly statement: StatementAtCursor; readonly target: EditTarget; readonly followedBy: 'equals' | 'option' | 'nothing'; readonly replacing?: string }
  /** A value position; `key` is the option's key. */
  | { readonly kind: 'option-value'; readonly statement: StatementAtCursor; readonly key: string; readonly target: EditTarget }
  /** A place that names a resource, as an identifier or inside a string. */
  | { readonly kind: 'name'; readonly statement: StatementAtCursor; readonly target: EditTarget; readonly role: NameRole };

const NONE: CursorContext = { kind: 'none' };

/** The statements completion writes: the words typed at a statement's start may begin one of them. */
const WRITTEN = new Set<StatementKind>(['createConnection', 'alterConnection', 'dropConnection', 'describeConnection', 'showConnections']);

const inComment = (comments: readonly Span[], offset: number): boolean => comments.some((c) => c.start < offset && offset <= c.end);

/** A target in the document for the token `token` of `statement`, or for the bare cursor. */
function targetAt(statement: StatementAtCursor, cursor: number, token: Token | undefined): EditTarget {
  if (!token) return { start: cursor, cursor, end: cursor };
  const base = statement.start;
  const start = base + token.start;
  // The token lies in the statement: its line's end past the statement would change nothing here.
  const lineEnd = lineEndIn(statement, cursor);
  if (token.kind === 'string') {
    const content = stringContent(statement.text, token.start, token.end, token.closed);
    const close = base + content.end;
    const closed = token.closed && close < lineEnd && close >= cursor;
    return { start: base + content.start, cursor, end: closed ? close : cursor, string: { closed } };
  }
  return { start, cursor, end: Math.max(cursor, Math.min(base + token.end, lineEnd)) };
}

/** What the cursor at `offset` of `text` (whose parse is `parsed`) can have written there. */
export function cursorContext(text: TextSource, parsed: ParsedDocument, offset: number): CursorContext {
  const at = locate(parsed, offset);
  if ('gapStart' in at) {
    const gap = readTokens(text.slice(at.gapStart, offset));
    if (inComment(gap.comments, offset - at.gapStart)) return NONE;
    const last = gap.tokens[gap.tokens.length - 1];
    const typing = last && last.kind === 'word' && last.end === offset - at.gapStart;
    if (gap.tokens.length > (typing ? 1 : 0)) return NONE;
    return { kind: 'statement-start', target: { start: typing ? at.gapStart + last.start : offset, cursor: offset, end: offset } };
  }
  const statement = readStatement(at.index, at.start, text.slice(at.start, at.end));
  return inComment(statement.comments, offset - at.start) ? NONE : contextInStatement(statement, offset - at.start);
}

/**
 * Where the line of `cursor` (in `statement`) ends, as far as the statement goes: what lies past its
 * end is never read, so the document's text is not needed.
 */
const lineEndIn = (statement: StatementAtCursor, cursor: number) => statement.start + lineEndFrom(statement.text, cursor - statement.start);

function contextInStatement(statement: StatementAtCursor, at: number): CursorContext {
  const { tokens } = statement;
  // The token the cursor is in or at the end of (a closed string only when strictly inside it).
  const currentIndex = tokens.findIndex(
    (t) => t.start < at && (at < t.end || (at === t.end && (t.kind === 'word' || t.kind === 'number' || !t.closed))),
  );
  const current = currentIndex >= 0 ? tokens[currentIndex] : undefined;
  const before = currentIndex >= 0 ? currentIndex : tokens.filter((t) => t.end <= at).length;
  const cursor = statement.start + at;
  const target = targetAt(statement, cursor, current);
  if (before === 0) return current?.kind === 'word' ? { kind: 'statement-start', target } : NONE;

  const role = roleAt(statement, before, current);
  if (role?.kind === 'name' && !role.defines) return { kind: 'name', statement, target, role };
  // The words of a CONNECTION statement typed so far (`CREATE CONN`, `CREATE CONNECTION `), alone on
  // their line: the place for a whole statement, as at its start.
  const typed = tokens.slice(0, current ? currentIndex + 1 : before);
  const first = statement.start + tokens[0]!.start;
  const lineEnd = lineEndIn(statement, cursor);
  const words = typed.map((t) => t.value);
  if (
    typed.every((t) => t.kind === 'word') &&
    (!current || current.end === at) &&
    !/[\r\n]/.test(statement.text.slice(first - statement.start, at)) &&
    tokens.every((t, i) => i < typed.length || statement.start + t.start >= lineEnd) &&
    HEADS.some((head) => WRITTEN.has(head.kind) && follow(head, words, current !== undefined) === words.length)
  ) {
    return { kind: 'statement-start', target: { start: first, cursor, end: cursor } };
  }
  if (role?.kind === 'key') {
    const next = tokens[before + (current ? 1 : 0)];
    const followedBy = isPunctuation(next, '=') ? 'equals' : next?.kind === 'string' ? 'option' : 'nothing';
    return { kind: 'option-key', statement, target, followedBy, replacing: current?.kind === 'string' ? current.value : undefined };
  }
  return role?.kind === 'value' ? { kind: 'option-value', statement, key: role.key, target } : NONE;
}
