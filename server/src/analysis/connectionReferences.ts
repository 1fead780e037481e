/**
 * Where named resources — connections, models, tools and agents — are defined and where they are
 * named (`shared/spec/connections.md` §3, `using-connections.md` §6-§8). Offsets are relative to the
 * statement.
 */
import { isReferenceKey } from '../catalogue/keyIndex';
import { modelSelector } from '../catalogue/modelProviders';
import { isApacheFlinkModel } from './checkOptionSets';
import { ENDPOINT_KEY, isKeyInAnyCase, TYPE_KEY } from '../catalogue/optionKeys';
import { toolSelector } from '../catalogue/toolsAndAgents';
import type { OptionList, QualifiedName, Span, Statement, StringLiteral } from '../parser/ast';
import { doubled, firstQuoteOrComment, isPunctuation, isWord, quotedValue, stringContent, TokenScanner, type Token } from '../parser/tokens';
import { isSpace } from '../parser/characters';

/** What a name names. */
export type ResourceKind = 'connection' | 'model' | 'tool' | 'agent';

/**
 * The key a resource is known by among all resources: a connection's is its name, so that connections
 * are looked up as they always were; a model, tool or agent's is its kind and name (a name cannot hold
 * the NUL character, so keys of different kinds never meet).
 */
export const resourceKey = (kind: ResourceKind, name: string): string => (kind === 'connection' ? name : `${kind}\u0000${name}`);

/**
 * What a CREATE CONNECTION, MODEL, TOOL or AGENT tells about what it defines. Holds no credential.
 */
export interface ConnectionDefinition {
  readonly kind: ResourceKind;
  /** The resource's own name: the last part of its qualified name. */
  readonly name: string;
  /** The qualified name as written, parts joined with `.`. */
  readonly qualifiedName: string;
  readonly nameSpan: Span;
  /**
   * In lower case, when given: a connection's `'type'`, a model's `'provider'`, a tool's `'type'`;
   * undefined for an agent.
   */
  readonly type: string | undefined;
  /** A connection's `'endpoint'` value, when given. May embed credentials: show it only through `redactEndpoint`. */
  readonly endpoint: string | undefined;
  readonly comment: string | undefined;
  /** An Apache Flink model (`isApacheFlinkModel`): its provider is Flink's, and its ALTERs are not checked against Confluent's. */
  readonly flink?: boolean;
  /** The connection a model or tool uses, by its own name (USING CONNECTION or a `'….connection'` option). */
  readonly connection?: string;
  /** The model an agent uses, by its own name. */
  readonly model?: string;
  /** The tools an agent uses, or the agents a reflection agent runs, by their own names. */
  readonly uses?: readonly string[];
}

/** How a statement names a resource. */
export type ReferenceKind =
  | 'option' // 'mongodb.connection' = 'name' in CREATE TABLE / CREATE MODEL
  | 'using-connection' // CREATE TOOL … USING CONNECTION name, CREATE TABLE … USING CONNECTION name (Apache Flink)
  | 'using-connections' // CREATE FUNCTION … USING CONNECTIONS ('name', …) or (name, …)
  | 'using' // CREATE AGENT … USING MODEL m, USING TOOLS t1, t2, USING AGENTS a1, a2
  | 'agent-change' // ALTER AGENT … SET MODEL m, ADD TOOL t, REMOVE TOOL t
  | 'argument' // ML_PREDICT('m', …), AI_RUN_AGENT(a, …): the first argument of a model or agent function
  | 'manage'; // ALTER / DROP / DESCRIBE / SHOW CREATE CONNECTION | MODEL | TOOL | AGENT name

export interface ConnectionReference {
  /** What is named. */
  readonly resource: ResourceKind;
  /** The resource's own name (the last part when qualified). */
  readonly name: string;
  /** The name as written, without quotes or backticks. */
  readonly written: string;
  /** The characters of the name: inside the quotes of a string, or the identifier itself. */
  readonly span: Span;
  readonly kind: ReferenceKind;
  /** Whether the name is written in a string (`'name'`) rather than as an identifier. */
  readonly inString: boolean;
  /** For `option` references: the key, e.g. `openai.connection`. */
  readonly optionKey?: string;
}

export function qualifiedNameText(name: QualifiedName): string {
  return name.parts.map((p) => p.value).join('.');
}

/** A connection's own name: the last part of its qualified name. */
export function lastPart(name: QualifiedName): string {
  return name.parts[name.parts.length - 1]!.value;
}

/** A string value names a connection by its own name or by a dotted qualified name. */
function nameInString(written: string): string {
  const dot = written.lastIndexOf('.');
  return dot >= 0 ? written.slice(dot + 1) : written;
}

/** The value of the option `key` (compared case-insensitively) in a list, when given. */
function optionValue(options: OptionList | undefined, key: string): string | undefined {
  return options?.options.find((o) => isKeyInAnyCase(o.key.value, key))?.value.value;
}

/** The value of the option `key` as written (CREATE CONNECTION's keys are compared as written). */
const exactValue = (options: OptionList, key: string): string | undefined => options.options.find((o) => o.key.value === key)?.value.value;

const lowerCase = (value: string | undefined): string | undefined => (value === undefined ? undefined : value.toLowerCase());

/** The resource a CREATE CONNECTION, MODEL, TOOL or AGENT statement defines, if it is one; `references` are the statement's `referencesOf`. */
export function definitionOf(statement: Statement, references?: readonly ConnectionReference[]): ConnectionDefinition | undefined {
  // Each object is built whole, in one shape: a large file has thousands of definitions.
  const defined = (
    kind: ResourceKind,
    name: QualifiedName,
    comment: StringLiteral | undefined,
    type: string | undefined,
    endpoint: string | undefined,
  ): { -readonly [K in keyof ConnectionDefinition]: ConnectionDefinition[K] } => ({
    kind,
    name: lastPart(name),
    qualifiedName: qualifiedNameText(name),
    nameSpan: name.parts[name.parts.length - 1]!.span,
    type,
    endpoint,
    comment: comment?.value,
  });
  switch (statement.kind) {
    case 'createConnection':
      return defined('connection', statement.name, statement.comment, lowerCase(exactValue(statement.options, TYPE_KEY)), exactValue(statement.options, ENDPOINT_KEY));
    case 'createModel':
    case 'createTool': {
      const connection = (references ?? referencesOf(statement)).find((r) => r.resource === 'connection')?.name;
      const type = lowerCase(optionValue(statement.options, (statement.kind === 'createModel' ? modelSelector : toolSelector).key));
      const definition = defined(statement.kind === 'createModel' ? 'model' : 'tool', statement.name, statement.comment, type, undefined);
      if (statement.kind === 'createModel' && isApacheFlinkModel(statement)) definition.flink = true;
      if (connection) definition.connection = connection;
      return definition;
    }
    case 'createAgent': {
      const definition = defined('agent', statement.name, statement.comment, undefined, undefined);
      if (statement.model) definition.model = lastPart(statement.model);
      definition.uses = [...statement.tools, ...statement.agents].map(lastPart);
      return definition;
    }
    default:
      return undefined;
  }
}

function identifierReference(name: QualifiedName, kind: ReferenceKind, resource: ResourceKind = 'connection'): ConnectionReference {
  const last = name.parts[name.parts.length - 1]!;
  return { resource, name: last.value, written: qualifiedNameText(name), span: last.span, kind, inString: false };
}

/** What the statements that manage a model, tool or agent name. */
const MANAGED = new Map<Statement['kind'], ResourceKind>([
  ['alterModel', 'model'], ['dropModel', 'model'], ['describeModel', 'model'], ['showCreateModel', 'model'],
  ['alterTool', 'tool'], ['dropTool', 'tool'], ['describeTool', 'tool'], ['showCreateTool', 'tool'],
  ['alterAgent', 'agent'], ['dropAgent', 'agent'], ['showCreateAgent', 'agent'],
]);

/** Every place the statement names a connection. */
export function referencesOf(statement: Statement): ConnectionReference[] {
  switch (statement.kind) {
    case 'createTable':
    case 'createModel':
      return [
        ...(statement.connection ? [identifierReference(statement.connection, 'using-connection')] : []),
        ...(statement.options?.options ?? [])
          .filter((o) => isReferenceKey(o.key.value) && o.value.value !== '')
          .map((o): ConnectionReference => ({
            resource: 'connection',
            name: nameInString(o.value.value),
            written: o.value.value,
            span: o.value.valueSpan,
            kind: 'option',
            inString: true,
            optionKey: o.key.value,
          })),
      ];
    case 'createTool':
      return statement.connection ? [identifierReference(statement.connection, 'using-connection')] : [];
    case 'createFunction':
      return [
        ...statement.connections
          .filter((c) => c.value !== '')
          .map((c): ConnectionReference => ({ resource: 'connection', name: nameInString(c.value), written: c.value, span: c.valueSpan, kind: 'using-connections', inString: true })),
        ...statement.connectionIdentifiers.map((name) => identifierReference(name, 'using-connections')),
      ].sort((a, b) => a.span.start - b.span.start);
    case 'alterConnection':
    case 'resetConnection':
    case 'renameConnection':
    case 'dropConnection':
    case 'describeConnection':
    case 'showCreateConnection':
      return [identifierReference(statement.name, 'manage')];
    case 'createAgent':
      return [
        ...(statement.model ? [identifierReference(statement.model, 'using', 'model')] : []),
        ...statement.tools.map((tool) => identifierReference(tool, 'using', 'tool')),
        ...statement.agents.map((agent) => identifierReference(agent, 'using', 'agent')),
      ];
    case 'alterModel':
    case 'alterTool':
    case 'alterAgent': {
      const own = identifierReference(statement.name, 'manage', MANAGED.get(statement.kind));
      const change = statement.change;
      if (change.action === 'setModel') return [own, identifierReference(change.model, 'agent-change', 'model')];
      if (change.action === 'addTool' || change.action === 'removeTool') return [own, identifierReference(change.tool, 'agent-change', 'tool')];
      return [own];
    }
    case 'dropModel':
    case 'dropTool':
    case 'dropAgent':
    case 'describeModel':
    case 'describeTool':
    case 'showCreateModel':
    case 'showCreateTool':
    case 'showCreateAgent':
      return [identifierReference(statement.name, 'manage', MANAGED.get(statement.kind))];
    default:
      return [];
  }
}

/**
 * The functions whose first argument names a model or an agent ([spec] §7): `ML_PREDICT('m', …)`,
 * `AI_RUN_AGENT(`agent`, …)`, as a string or an identifier, a model perhaps with its version (`'m$2'`).
 */
const NAMING_FUNCTIONS = new Map<string, ResourceKind>([
  ['ml_predict', 'model'], ['ml_evaluate', 'model'], ['ai_complete', 'model'], ['ai_embedding', 'model'], ['ai_tool_invoke', 'model'],
  ['ai_run_agent', 'agent'],
]);

/**
 * Whether a statement's text may call one of the functions that name a model or an agent: it matches
 * every word that is one of their names, and some longer words. No `\b` before the name: after digits
 * (`1ML_PREDICT`) the name is a word of its own, a number's token being digits only.
 */
export const MAY_CALL_NAMING_FUNCTION = /(?:ml_predict|ml_evaluate|ai_complete|ai_embedding|ai_tool_invoke|ai_run_agent)\b/i;

const isNamePart = (token: Token | undefined): boolean => token?.kind === 'word' || token?.kind === 'identifier';

/** A statement's tokens by index (undefined past either end). */
export type TokenAt = (index: number) => Token | undefined;

/**
 * What the name that begins at token `first` names as a function's argument: the first argument of a
 * function of `NAMING_FUNCTIONS`, or Apache Flink's `MODEL m` argument of `ML_PREDICT(TABLE t, MODEL m, …)`.
 */
export function argumentResource(tokens: TokenAt, first: number, token: Token | undefined = tokens(first)): ResourceKind | undefined {
  // Without a token: whether a name typed at `first` would name one.
  if (token && !(isNamePart(token) || token.kind === 'string')) return undefined;
  if (isPunctuation(tokens(first - 1), '(') && tokens(first - 2)?.kind === 'word') {
    const resource = NAMING_FUNCTIONS.get(tokens(first - 2)!.value);
    if (resource && !(token && isWord(token, 'table') && isNamePart(tokens(first + 1)))) return resource;
  }
  if (token?.kind !== 'string' && isWord(tokens(first - 1), 'model') && isPunctuation(tokens(first - 2), ',')) {
    // Inside the call's own parentheses: back to the `(` that opens them.
    for (let j = first - 3, depth = 0; j >= 1; j--) {
      if (isPunctuation(tokens(j), ')')) depth++;
      else if (isPunctuation(tokens(j), '(') && depth-- === 0) return NAMING_FUNCTIONS.get(tokens(j - 1)?.kind === 'word' ? tokens(j - 1)!.value : '') === 'model' ? 'model' : undefined;
    }
  }
  return undefined;
}

/** A model's version suffix at the end of a name as written: `$2`, `$all`. */
const VERSION = /\$(?:\d+|all)$/i;

/** `written` without a model's version suffix. */
export const withoutVersion = (written: string): string => written.replace(VERSION, '');

/**
 * The tokens of the statement `argumentReferences` reads, in buffers reused from statement to
 * statement: a long INSERT … SELECT makes no object per token, only for the few that follow a `(` or
 * MODEL, where a named argument can be.
 */
const KINDS: readonly Token['kind'][] = ['word', 'number', 'string', 'identifier', 'punctuation', 'hint'];
let kinds = new Uint8Array(1024);
let starts = new Int32Array(1024);
let ends = new Int32Array(1024);
let closed = new Uint8Array(1024);

/**
 * Reads the tokens of `text` from `from`, where a token begins (comments left out, a hint's insides
 * read as `readTokens` reads them) into the buffers; how many.
 */
function scanTokens(text: string, from: number): number {
  let count = 0;
  const scanner = new TokenScanner(text, from);
  while (scanner.next()) {
    if (scanner.kind === 'comment') continue;
    if (scanner.kind === 'hint') scanner.enterHint();
    if (count === kinds.length) {
      kinds = doubled(kinds);
      closed = doubled(closed);
      starts = doubled(starts);
      ends = doubled(ends);
    }
    kinds[count] = KINDS.indexOf(scanner.kind as Token['kind']);
    starts[count] = scanner.start;
    ends[count] = scanner.end;
    closed[count] = scanner.closed ? 1 : 0;
    count++;
  }
  return count;
}

const WORD = KINDS.indexOf('word');
const NAMING_WORDS: ReadonlySet<string> = new Set(NAMING_FUNCTIONS.keys());
const MODEL_WORD: ReadonlySet<string> = new Set(['model']);
/** The lengths of those words: no other word is read. */
const WORD_LENGTHS: ReadonlySet<number> = new Set([...NAMING_WORDS, ...MODEL_WORD].map((word) => word.length));
const IDENTIFIER = KINDS.indexOf('identifier');
const STRING = KINDS.indexOf('string');
const PUNCTUATION = KINDS.indexOf('punctuation');

/** The models and agents named by the functions a statement (`text`) calls; offsets relative to `text`. */
export function argumentReferences(text: string): ConnectionReference[] {
  const call = text.search(MAY_CALL_NAMING_FUNCTION);
  if (call < 0) return [];
  // Nothing before the first naming function's name can be named by it (nor by a `, MODEL` argument:
  // one before it is in no naming function's call). The tokens are read from that name when it begins
  // a token that follows white space, `(` or `,` with no string or comment before it; otherwise from
  // the first string or comment, before which everything is read alike from anywhere.
  const plainUpTo = firstQuoteOrComment(text);
  const before = text.charCodeAt(call - 1);
  const from = call > plainUpTo ? plainUpTo : call === 0 || isSpace(before) || before === 0x28 || before === 0x2c ? call : 0;
  const count = scanTokens(text, from);
  // Each token as `readTokens` gives it, made only when read.
  const tokens: TokenAt = (index) => {
    if (index < 0 || index >= count) return undefined;
    const kind = KINDS[kinds[index]!]!;
    const start = starts[index]!;
    const end = ends[index]!;
    const isClosed = closed[index] === 1;
    const value = kind === 'string' || kind === 'identifier' ? quotedValue(text, start, end, isClosed) : kind === 'word' ? text.slice(start, end).toLowerCase() : text.slice(start, end);
    return { kind, start, end, value, closed: isClosed };
  };
  // A named argument follows `(` after a function of `NAMING_FUNCTIONS`, or `, MODEL` (`argumentResource`):
  // only those tokens are asked about, and only their words are read.
  const wordIn = (index: number, words: ReadonlySet<string>) =>
    index >= 0 && kinds[index] === WORD && WORD_LENGTHS.has(ends[index]! - starts[index]!) && words.has(text.slice(starts[index]!, ends[index]!).toLowerCase());
  const punctuationIs = (index: number, code: number) => index >= 0 && kinds[index] === PUNCTUATION && text.charCodeAt(starts[index]!) === code;
  const mayFollow = (index: number) => (punctuationIs(index, 0x28) && wordIn(index - 1, NAMING_WORDS)) || (punctuationIs(index - 1, 0x2c) && wordIn(index, MODEL_WORD));
  const found: ConnectionReference[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i];
    if ((kind !== WORD && kind !== IDENTIFIER && kind !== STRING) || !mayFollow(i - 1)) continue;
    const resource = argumentResource(tokens, i);
    if (!resource) continue;
    const { reference, last } = namedArgument(text, tokens, i, resource);
    if (reference) found.push(reference);
    i = last;
  }
  return found;
}

/**
 * The name that token `first` begins, an argument that names the `resource`: a string's name after its
 * last `.`, or a qualified name's last part, either without a model's version. `last` is the name's
 * last token. No reference for an empty string.
 */
export function namedArgument(text: string, tokens: TokenAt, first: number, resource: ResourceKind): { reference: ConnectionReference | undefined; last: number } {
  const token = tokens(first)!;
  if (token.kind === 'string') {
    const content = stringContent(text, token.start, token.end, token.closed);
    const raw = withoutVersion(text.slice(content.start, content.end));
    const dot = raw.lastIndexOf('.');
    const written = withoutVersion(token.value);
    const name = written.slice(written.lastIndexOf('.') + 1);
    const span = { start: content.start + dot + 1, end: content.start + raw.length };
    return { reference: name === '' ? undefined : { resource, name, written, span, kind: 'argument', inString: true }, last: first };
  }
  // The last part of a qualified name; without its version, as in ALTER MODEL: a quoted name's span then starts at its backtick.
  let last = first;
  const parts = [token];
  while (isPunctuation(tokens(last + 1), '.') && isNamePart(tokens(last + 2))) parts.push(tokens((last += 2))!);
  const lastToken = parts[parts.length - 1]!;
  const value = lastToken.kind === 'word' ? text.slice(lastToken.start, lastToken.end) : lastToken.value;
  const name = withoutVersion(value);
  const quote = lastToken.kind === 'identifier' ? 1 : 0;
  const inner = text.slice(lastToken.start + quote, lastToken.end - (quote && lastToken.closed ? 1 : 0));
  const end = name === value ? lastToken.end : lastToken.start + quote + withoutVersion(inner).length;
  const written = parts.map((p) => (p.kind === 'word' ? text.slice(p.start, p.end) : p.value)).join('.');
  return { reference: { resource, name, written: withoutVersion(written), span: { start: lastToken.start, end }, kind: 'argument', inString: false }, last };
}
