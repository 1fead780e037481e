/**
 * Where named resources — connections, models, tools and agents — are defined and where they are
 * named (`shared/spec/connections.md` §3, `using-connections.md` §6-§8). Offsets are relative to the
 * statement.
 */
import { isReferenceKey } from '../catalogue/keyIndex';
import { modelSelector } from '../catalogue/modelProviders';
import { isApacheFlinkModel } from './checkOptionSets';
import { ENDPOINT_KEY, TYPE_KEY } from '../catalogue/optionKeys';
import { toolSelector } from '../catalogue/toolsAndAgents';
import type { OptionList, QualifiedName, Span, Statement } from '../parser/ast';
import { isPunctuation, isWord, readTokens, type Token } from '../parser/tokens';

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
  return options?.options.find((o) => o.key.value.toLowerCase() === key)?.value.value;
}

/** The value of the option `key` as written (CREATE CONNECTION's keys are compared as written). */
const exactValue = (options: OptionList, key: string): string | undefined => options.options.find((o) => o.key.value === key)?.value.value;

const lowerCase = (value: string | undefined): string | undefined => (value === undefined ? undefined : value.toLowerCase());

/** The resource a CREATE CONNECTION, MODEL, TOOL or AGENT statement defines, if it is one. */
export function definitionOf(statement: Statement): ConnectionDefinition | undefined {
  const common = (kind: ResourceKind, name: QualifiedName, comment: string | undefined) => ({
    kind,
    name: lastPart(name),
    qualifiedName: qualifiedNameText(name),
    nameSpan: name.parts[name.parts.length - 1]!.span,
    endpoint: undefined,
    comment,
  });
  switch (statement.kind) {
    case 'createConnection':
      return {
        ...common('connection', statement.name, statement.comment?.value),
        type: lowerCase(exactValue(statement.options, TYPE_KEY)),
        endpoint: exactValue(statement.options, ENDPOINT_KEY),
      };
    case 'createModel':
    case 'createTool': {
      const connection = referencesOf(statement).find((r) => r.resource === 'connection')?.name;
      const type = lowerCase(optionValue(statement.options, (statement.kind === 'createModel' ? modelSelector : toolSelector).key));
      const flink = statement.kind === 'createModel' && isApacheFlinkModel(statement);
      return {
        ...common(statement.kind === 'createModel' ? 'model' : 'tool', statement.name, statement.comment?.value),
        type,
        ...(flink ? { flink } : {}),
        ...(connection ? { connection } : {}),
      };
    }
    case 'createAgent':
      return {
        ...common('agent', statement.name, statement.comment?.value),
        type: undefined,
        ...(statement.model ? { model: lastPart(statement.model) } : {}),
        uses: [...statement.tools, ...statement.agents].map(lastPart),
      };
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

/** Whether a statement's text may call one of the functions that name a model or an agent. */
export const MAY_CALL_NAMING_FUNCTION = /\b(?:ml_predict|ml_evaluate|ai_complete|ai_embedding|ai_tool_invoke|ai_run_agent)\b/i;

const isNamePart = (token: Token | undefined): boolean => token?.kind === 'word' || token?.kind === 'identifier';

/**
 * What the name that begins at token `first` names as a function's argument: the first argument of a
 * function of `NAMING_FUNCTIONS`, or Apache Flink's `MODEL m` argument of `ML_PREDICT(TABLE t, MODEL m, …)`.
 */
export function argumentResource(tokens: readonly Token[], first: number, token: Token | undefined = tokens[first]): ResourceKind | undefined {
  // Without a token: whether a name typed at `first` would name one.
  if (token && !(isNamePart(token) || token.kind === 'string')) return undefined;
  if (isPunctuation(tokens[first - 1], '(') && tokens[first - 2]?.kind === 'word') {
    const resource = NAMING_FUNCTIONS.get(tokens[first - 2]!.value);
    if (resource && !(token && isWord(token, 'table') && isNamePart(tokens[first + 1]))) return resource;
  }
  if (token?.kind !== 'string' && isWord(tokens[first - 1], 'model') && isPunctuation(tokens[first - 2], ',')) {
    // Inside the call's own parentheses: back to the `(` that opens them.
    for (let j = first - 3, depth = 0; j >= 1; j--) {
      if (isPunctuation(tokens[j], ')')) depth++;
      else if (isPunctuation(tokens[j], '(') && depth-- === 0) return NAMING_FUNCTIONS.get(tokens[j - 1]?.kind === 'word' ? tokens[j - 1]!.value : '') === 'model' ? 'model' : undefined;
    }
  }
  return undefined;
}

/** A model's version suffix at the end of a name as written: `$2`, `$all`. */
const VERSION = /\$(?:\d+|all)$/i;

/** `written` without a model's version suffix. */
export const withoutVersion = (written: string): string => written.replace(VERSION, '');

/** The models and agents named by the functions a statement (`text`) calls; offsets relative to `text`. */
export function argumentReferences(text: string): ConnectionReference[] {
  if (!MAY_CALL_NAMING_FUNCTION.test(text)) return [];
  const { tokens } = readTokens(text);
  const found: ConnectionReference[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const resource = argumentResource(tokens, i);
    if (!resource) continue;
    const token = tokens[i]!;
    if (token.kind === 'string') {
      const raw = withoutVersion(text.slice(token.start + 1, token.end - (token.closed ? 1 : 0)));
      const dot = raw.lastIndexOf('.');
      const written = withoutVersion(token.value);
      const name = written.slice(written.lastIndexOf('.') + 1);
      if (name !== '') found.push({ resource, name, written, span: { start: token.start + 1 + dot + 1, end: token.start + 1 + raw.length }, kind: 'argument', inString: true });
      continue;
    }
    // The last part of a qualified name; without its version, as in ALTER MODEL: a quoted name's span then starts at its backtick.
    let last = i;
    const parts = [tokens[i]!];
    while (isPunctuation(tokens[last + 1], '.') && isNamePart(tokens[last + 2])) parts.push(tokens[(last += 2)]!);
    const lastToken = tokens[last]!;
    const value = lastToken.kind === 'word' ? text.slice(lastToken.start, lastToken.end) : lastToken.value;
    const name = withoutVersion(value);
    const quote = lastToken.kind === 'identifier' ? 1 : 0;
    const inner = text.slice(lastToken.start + quote, lastToken.end - (quote && lastToken.closed ? 1 : 0));
    const end = name === value ? lastToken.end : lastToken.start + quote + withoutVersion(inner).length;
    const written = parts.map((p) => (p.kind === 'word' ? text.slice(p.start, p.end) : p.value)).join('.');
    found.push({ resource, name, written: withoutVersion(written), span: { start: lastToken.start, end }, kind: 'argument', inString: false });
    i = last;
  }
  return found;
}
