/**
 * Hover: what a connection type, an option key, a connection name or a statement's keywords mean,
 * and in the option lists of models, external tables, tools and agents, what a provider, connector,
 * tool type, key or closed-set value means (with its source and confidence), in Markdown with a link
 * to Confluent's documentation. Never shows a secret: values are shown only where they are one of the
 * catalogue's (a type, a provider, a task…), named as the catalogue writes them, and endpoints only
 * through `redactEndpoint`.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { authMethods } from '../catalogue/authMethods';
import { authMethodsOf, requiredKeysOf } from '../catalogue/connectionKeys';
import { createConnectionDocsUrl, type ConnectionType } from '../catalogue/connectionTypes';
import { builtInCatalogue, type Catalogue } from '../catalogue/catalogue';
import { type OptionKey, ENDPOINT_KEY, TYPE_KEY } from '../catalogue/optionKeys';
import { findOptionSet, findSetKey, sharedKeys, type Confidence, type OptionSet, type SetKey } from '../catalogue/optionSets';
import { redactEndpoint } from '../analysis/redactEndpoint';
import type { ConnectionDefinition, ResourceKind } from '../analysis/connectionReferences';
import { findToolType } from '../catalogue/toolsAndAgents';
import type { ParsedDocument } from '../parser/parseDocument';
import {
  connectionTypeOf,
  optionListSets,
  selectedInDocument,
  tokenAt,
  type OptionListSets,
  type SelectedOf,
  type StatementKind,
  type TokenAt,
} from './atPosition';
import { textSourceOf } from '../workspace/openDocument';

/** Connection definitions by name, from the document and the workspace; `where` says where one is. */
export interface HoverEnvironment {
  /** The definitions of the `kind` (a connection when not given) named `name`. */
  find(name: string, kind?: ResourceKind): readonly (ConnectionDefinition & { readonly where?: string })[];
  /** The provider or tool type of a model's or tool's CREATE elsewhere, for ALTER … SET; the document's own CREATEs are read besides. */
  readonly selectedOf?: SelectedOf;
  /** The catalogue of the document's folder (flinksql.json's additions); the built-in one when not given. */
  readonly catalogue?: Catalogue;
}

const DOCS = 'https://docs.confluent.io/cloud/current/flink/reference/statements';

interface StatementDoc {
  readonly syntax: string;
  readonly summary: string;
  readonly url: string;
}

const STATEMENT_DOCS: Partial<Record<StatementKind, StatementDoc>> = {
  createConnection: {
    syntax: `CREATE [OR REPLACE] CONNECTION [IF NOT EXISTS] [catalog.][database.]name\n  [COMMENT 'comment']\n  WITH ('${TYPE_KEY}' = '…', '${ENDPOINT_KEY}' = '…', <credentials>)`,
    summary: '**CREATE CONNECTION** creates a connection to an external service. Its credentials go to a secret store; DESCRIBE CONNECTION does not show them.',
    url: createConnectionDocsUrl,
  },
  alterConnection: {
    syntax: "ALTER CONNECTION [IF EXISTS] [catalog.][database.]name\n  SET ('key' = 'value', …)",
    summary: "**ALTER CONNECTION** changes a connection's credentials. The type and endpoint cannot be changed.",
    url: `${DOCS}/alter-connection.html`,
  },
  dropConnection: {
    syntax: 'DROP CONNECTION [IF EXISTS] [catalog.][database.]name',
    summary: '**DROP CONNECTION** deletes a connection and its stored credentials.',
    url: `${DOCS}/drop-connection.html`,
  },
  showConnections: {
    syntax: "SHOW CONNECTIONS [(FROM | IN) [catalog.]database] [LIKE 'pattern']",
    summary: '**SHOW CONNECTIONS** lists the connections.',
    url: `${DOCS}/show.html`,
  },
  describeConnection: {
    syntax: '{ DESCRIBE | DESC } CONNECTION [catalog.][database.]name',
    summary: '**DESCRIBE CONNECTION** shows a connection, without its secrets.',
    url: `${DOCS}/describe.html`,
  },
  createModel: {
    syntax: "CREATE MODEL [IF NOT EXISTS] [catalog.][database.]name\n  [INPUT (…)] [OUTPUT (…)] [COMMENT 'comment']\n  WITH ('provider' = '…', 'task' = '…', '<provider>.connection' = '…', …)",
    summary: "**CREATE MODEL** declares a remote AI model; its `'provider'` chooses its keys, and its connection holds the endpoint and credentials.",
    url: `${DOCS}/create-model.html`,
  },
  alterModel: {
    syntax: "ALTER MODEL [IF EXISTS] [catalog.][database.]name[$version]\n  SET ('key' = 'value', …) | RESET ('key', …) | RENAME TO new_name",
    summary: "**ALTER MODEL** changes a model's options (`'default_version'` among them), or renames it.",
    url: `${DOCS}/alter-model.html`,
  },
  createTool: {
    syntax: "CREATE TOOL [IF NOT EXISTS] [catalog.][database.]name\n  [USING FUNCTION f | USING CONNECTION c] [COMMENT 'comment']\n  WITH ('type' = 'function' | 'mcp' | 'a2a', …)",
    summary: '**CREATE TOOL** makes a function, an MCP server or a remote agent callable by models and agents.',
    url: `${DOCS}/create-tool.html`,
  },
  alterTool: {
    syntax: "ALTER TOOL [IF EXISTS] [catalog.][database.]name\n  SET ('key' = 'value', …) | RENAME TO new_name",
    summary: "**ALTER TOOL** changes a tool's options, or renames it.",
    url: `${DOCS}/alter-tool.html`,
  },
  createAgent: {
    syntax: "CREATE AGENT [IF NOT EXISTS] [catalog.][database.]name\n  USING MODEL m USING PROMPT '…' [USING TOOLS t1, t2]\n  | USING AGENTS a1, a2\n  [COMMENT 'comment'] WITH (…)",
    summary: '**CREATE AGENT** creates a streaming agent: a model, a prompt and tools, run by AI_RUN_AGENT.',
    url: `${DOCS}/create-agent.html`,
  },
  alterAgent: {
    syntax: "ALTER AGENT [IF EXISTS] [catalog.][database.]name\n  SET MODEL m | SET PROMPT '…' | ADD TOOL t | REMOVE TOOL t\n  | SET ('key' = 'value', …)",
    summary: "**ALTER AGENT** changes an agent's model, prompt, tools or options.",
    url: `${DOCS}/alter-agent.html`,
  },
};

const quote = (text: string) => `\`${text}\``;

/** A link to Confluent's page for a statement or a type, on the hover's first line, so it is never scrolled away. */
const docsLink = (url: string) => `[docs](${url})`;

function statementHover(kind: StatementKind): string | undefined {
  const doc = STATEMENT_DOCS[kind];
  if (!doc) return undefined;
  return `${doc.summary} ${docsLink(doc.url)}\n\n\`\`\`sql\n${doc.syntax}\n\`\`\``;
}

/** The keys a type needs besides `'type'`, as one short Markdown paragraph (or a list, for a choice of auth methods). */
function neededKeys(type: ConnectionType): string {
  const keys = (names: readonly string[]) => names.map((k) => quote(`'${k}'`)).join(' + ');
  const methods = authMethodsOf(type);
  const others = requiredKeysOf(type).filter((k) => k !== TYPE_KEY && !methods.some((m) => m.keys.includes(k as never)));
  const head = `Needs ${others.map((k) => quote(`'${k}'`)).join(', ')}`;
  if (methods.length === 0) return `${head}.`;
  if (methods.length === 1) {
    const method = methods[0]!;
    const optional = method.optionalKeys.length > 0 ? ` (optional: ${keys(method.optionalKeys)})` : '';
    return `${head} and ${method.label}: ${keys(method.keys)}${optional}.`;
  }
  return `${head} and one of:\n${methods.map((m) => `- ${m.label}: ${keys(m.keys)}`).join('\n')}`;
}

/**
 * A connection type: one line that says what it is (with the link), what the service is, what the
 * statement needs. Short, so it leaves the statement being edited in view: the full statement is a
 * completion away (the type's snippet), the endpoint's form is in the endpoint's completion.
 */
export function typeHover(type: ConnectionType): string {
  const unverified = type.unverified ? `\n\n_Not fully verified:_ ${type.unverified}` : type.addedIn ? `\n\n_Added in ${type.addedIn}._` : '';
  return [
    `**${type.displayName}** — connection type ${quote(`'${type.name}'`)} · ${docsLink(createConnectionDocsUrl)}`,
    type.description,
    `${neededKeys(type)}${unverified}`,
  ].join('\n\n');
}

export function keyHover(key: OptionKey, type: ConnectionType | undefined, alter: boolean): string {
  const lines = [`**${quote(`'${key.name}'`)}** — connection option · ${docsLink(createConnectionDocsUrl)}`, key.description];
  if (type) {
    const method = type.authMethods.map((id) => authMethods[id]).find((m) => [...m.keys, ...m.optionalKeys].includes(key.name as never));
    if (requiredKeysOf(type).includes(key.name as never)) lines.push(`Required for ${quote(`'${type.name}'`)} connections.`);
    else if (method && method.optionalKeys.includes(key.name as never)) lines.push(`Optional, with ${method.label}.`);
    else if (method) lines.push(`Part of ${method.label}, one of the authentication methods of ${quote(`'${type.name}'`)}.`);
    else if (type.optionalKeys.includes(key.name as never)) lines.push(`Optional for ${quote(`'${type.name}'`)} connections.`);
    else lines.push(`Not valid for ${quote(`'${type.name}'`)} connections.`);
  }
  if (alter && !key.alterable) lines.push('Cannot be changed by ALTER CONNECTION.');
  if (key.secret === 'always') lines.push('**Secret.** Masked in the editor and never repeated in a message; Confluent keeps it in a secret store.');
  if (key.secret === 'opt-in') lines.push('Identifies an account; masked in the editor when `flinksql.secrets.maskUsernames` is on.');
  if (key.value.kind === 'enum') lines.push(`Values: ${key.value.values.map(quote).join(', ')} (${key.value.defaultValue ? `default ${quote(key.value.defaultValue)}; ` : ''}case-insensitive).`);
  return lines.join('\n\n');
}

/** A definition's comment, in italics with Markdown's characters escaped, and where it is defined. */
function closingLines(d: { readonly comment: string | undefined; readonly where?: string }): string[] {
  return [...(d.comment ? [`_${d.comment.replace(/[_*`\\]/g, (c) => `\\${c}`)}_`] : []), ...(d.where ? [`Defined in ${d.where}.`] : [])];
}

function connectionHover(name: string, environment: HoverEnvironment): string {
  const definitions = environment.find(name, 'connection').filter((d) => d.kind === 'connection');
  if (definitions.length === 0) {
    return `**${quote(name)}** — connection\n\nNo CREATE CONNECTION for it in the open files or the workspace; it may exist only in Confluent Cloud.`;
  }
  const parts = definitions.map((d) => {
    const type = d.type ? (environment.catalogue ?? builtInCatalogue).findConnectionType(d.type) : undefined;
    const lines = [`**${quote(d.qualifiedName)}** — ${type ? `${type.displayName} connection (${quote(`'${type.name}'`)})` : 'connection'}`];
    if (d.endpoint) lines.push(`Endpoint: ${quote(redactEndpoint(d.endpoint))}`);
    lines.push(...closingLines(d));
    return lines.join('\n\n');
  });
  return parts.join('\n\n---\n\n');
}

const NOUNS: Readonly<Record<Exclude<ResourceKind, 'connection'>, { noun: string; create: string }>> = {
  model: { noun: 'model', create: 'CREATE MODEL' },
  tool: { noun: 'tool', create: 'CREATE TOOL' },
  agent: { noun: 'agent', create: 'CREATE AGENT' },
};

/** Names as code, joined. */
const codeList = (names: readonly string[]): string => names.map((n) => quote(n)).join(', ');

/**
 * A model's, tool's or agent's hover: what it is (a model's provider, a tool's type), the connection
 * it uses, an agent's model and tools, its comment and where it is defined. Names only: never an
 * option's value but the provider or type, so never a secret.
 */
function resourceHover(kind: Exclude<ResourceKind, 'connection'>, name: string, environment: HoverEnvironment): string {
  const { noun, create } = NOUNS[kind];
  const definitions = environment.find(name, kind).filter((d) => d.kind === kind);
  if (definitions.length === 0) return `**${quote(name)}** — ${noun}\n\nNo ${create} for it in the open files or the workspace; it may exist only in Confluent Cloud.`;
  const parts = definitions.map((d) => {
    let what: string = noun;
    if (kind === 'model' && d.type) {
      const provider = d.flink ? undefined : findOptionSet((environment.catalogue ?? builtInCatalogue).modelSelector.sets, d.type);
      what = `${d.flink ? 'Apache Flink ' : provider ? `${provider.displayName} ` : ''}model (provider ${quote(`'${d.type}'`)})`;
    } else if (kind === 'tool' && d.type) {
      const type = findToolType(d.type);
      what = `${type ? type.displayName : 'tool'} (type ${quote(`'${d.type}'`)})`;
    }
    const lines = [`**${quote(d.qualifiedName)}** — ${what}`];
    if (d.connection) lines.push(`Connection: ${quote(d.connection)}`);
    if (d.model) lines.push(`Model: ${quote(d.model)}`);
    if (d.uses && d.uses.length > 0) lines.push(`${d.model ? 'Tools' : 'Agents'}: ${codeList(d.uses)}`);
    lines.push(...closingLines(d));
    return lines.join('\n\n');
  });
  return parts.join('\n\n---\n\n');
}

/** How sure the sources are, in words a user reads. */
const CONFIDENCE: Record<Confidence, string> = {
  documented: 'documented',
  inferred: 'inferred (seen in every example, never stated)',
  'not-found': 'not documented (the sources are silent)',
};

const sourceLine = (source: string, confidence: Confidence) => `_Source:_ ${source} · ${CONFIDENCE[confidence]}`;

/** "provider `'openai'`", "connector `'mongodb'`", "tool type `'mcp'`", or "agent". */
function setLabel(set: OptionSet, sets: OptionListSets): string {
  return 'sets' in sets.choose ? `${sets.choose.noun} ${quote(`'${set.name}'`)}` : sets.noun;
}

/**
 * A set (a provider, a connector, a tool type): what it is, the connection it uses, the keys it
 * needs, the keys passed through, where that comes from.
 */
export function optionSetHover(set: OptionSet, sets: OptionListSets): string {
  const selector = 'sets' in sets.choose ? sets.choose.key : undefined;
  const label = setLabel(set, sets);
  const title = label.startsWith(sets.noun) ? label : `${sets.noun} ${label}`;
  const lines = [`**${set.displayName}** — ${title} · ${docsLink(set.docsUrl)}`, set.description];
  if (set.connectionType) lines.push(`Uses a connection of type ${quote(`'${set.connectionType}'`)}.`);
  const required = set.keys.filter((k) => k.required && k.name !== selector && !k.deprecated);
  if (required.length > 0) lines.push(`Needs ${required.map((k) => quote(`'${k.name}'`) + (k.confidence === 'documented' ? '' : ' (inferred)')).join(', ')}.`);
  if (set.freeKeys) lines.push(`Keys under ${quote(`'${set.freeKeys.prefix}'`)} are passed to the service${set.freeKeys.limit === undefined ? '' : ` (at most ${set.freeKeys.limit})`}.`);
  lines.push(sourceLine(set.source, set.confidence));
  return lines.join('\n\n');
}

/** A key of a model, table, tool or agent list: what it holds, whether it is needed, its values, where that comes from. Never a value typed by the user. */
export function setKeyHover(key: SetKey, sets: OptionListSets, set: OptionSet | undefined): string {
  const of = set && 'sets' in sets.choose ? ` of ${setLabel(set, sets)}` : '';
  const lines = [`**${quote(`'${key.name}'`)}** — ${sets.noun} option${of} · ${docsLink(set?.docsUrl ?? setsDocsUrl(sets))}`, key.description];
  const sure = key.confidence === 'documented' ? '' : ` (${key.confidence})`;
  if (key.deprecated) lines.push(`**Deprecated.** ${key.deprecated}`);
  else if (key.alterOnly) lines.push(sets.alter ? 'Only in ALTER … SET.' : 'Only in ALTER … SET, once the object exists; not in CREATE.');
  else if (key.required) lines.push(sets.alter ? `Required when the ${sets.noun} is created${sure}.` : `Required${sure}.`);
  else lines.push(`Optional${sure}.`);
  if (key.value.kind === 'connection-name') {
    lines.push(`Names a connection of type ${quote(`'${key.value.connectionType}'`)}${key.value.pairing === 'documented' ? '' : ' (the pairing is inferred)'}.`);
  }
  if (key.value.kind === 'enum') {
    const prefixes = (key.value.prefixes ?? []).map((p) => quote(`${p}<name>`));
    lines.push(`Values: ${[...key.value.values.map(quote), ...prefixes].join(', ')} (case-insensitive).`);
  }
  if (key.value.kind === 'integer') lines.push(`A whole number of at least ${key.value.min}, written as a string.`);
  if (key.secret === 'always') lines.push('**Secret.** Masked in the editor and never repeated in a message.');
  if (key.legacy) lines.push('Legacy: accepted, not needed.');
  lines.push(sourceLine(key.source, key.confidence));
  return lines.join('\n\n');
}

const setsDocsUrl = (sets: OptionListSets): string => ('sets' in sets.choose ? sets.choose.sets[0]!.docsUrl : sets.choose.docsUrl);

/** A key or value of a model's, an external table's, a tool's or an agent's option list. */
function setListHover({ statement, token, role }: TokenAt, parsed: ParsedDocument, environment: HoverEnvironment): string | undefined {
  if (token.kind !== 'string' || (role?.kind !== 'key' && role?.kind !== 'value')) return undefined;
  const own = selectedInDocument(parsed);
  const sets = optionListSets(statement, (kind, name) => own(kind, name) ?? environment.selectedOf?.(kind, name), undefined, environment.catalogue);
  if (!sets) return undefined;
  const keys = sets.set ?? { keys: sharedKeys(sets.choose) };
  if (role.kind === 'key') {
    const key = findSetKey(keys, token.value);
    if (key) return setKeyHover(key, sets, sets.set);
    const free = sets.set?.freeKeys;
    if (free && token.value.toLowerCase().startsWith(free.prefix) && token.value.length > free.prefix.length) {
      const limit = free.limit === undefined ? '' : ` Confluent accepts at most ${free.limit} of them.`;
      return `**${quote(`'${token.value}'`)}** — passed to the service by ${setLabel(sets.set!, sets)} · ${docsLink(sets.set!.docsUrl)}\n\nKeys under ${quote(`'${free.prefix}'`)}: ${free.description}${limit}`;
    }
    return undefined;
  }
  if (role.kind !== 'value') return undefined;
  const lower = role.key.toLowerCase();
  if ('sets' in sets.choose && lower === sets.choose.key) {
    const set = findOptionSet(sets.choose.sets, token.value);
    return set && optionSetHover(set, sets);
  }
  // A closed set's value, named as the catalogue writes it: never the text of a free or secret value.
  const key = findSetKey(keys, lower);
  if (key?.value.kind !== 'enum' || key.secret === 'always') return undefined;
  const upper = token.value.trim().toUpperCase();
  const value = key.value.values.find((v) => v.toUpperCase() === upper);
  if (!value) return undefined;
  return [`**${quote(`'${value}'`)}** — a value of ${quote(`'${key.name}'`)} · ${docsLink(sets.set?.docsUrl ?? setsDocsUrl(sets))}`, key.description, `Values: ${key.value.values.map(quote).join(', ')}.`, sourceLine(key.source, key.confidence)].join('\n\n');
}

function hoverText(at: TokenAt, parsed: ParsedDocument, environment: HoverEnvironment): string | undefined {
  const { statement, token, role, named } = at;
  if (role?.kind === 'head') return statementHover(statement.kind);
  if (named) return named.kind === 'connection' ? connectionHover(named.name, environment) : resourceHover(named.kind, named.name, environment);
  if (statement.kind !== 'createConnection' && statement.kind !== 'alterConnection') return setListHover(at, parsed, environment);
  if (token.kind !== 'string') return undefined;
  const catalogue = environment.catalogue ?? builtInCatalogue;
  if (role?.kind === 'key') {
    const key = catalogue.findOptionKey(token.value);
    const type = connectionTypeOf(statement, (name) => environment.find(name).find((d) => d.type)?.type, catalogue);
    return key ? keyHover(key, type, statement.kind === 'alterConnection') : undefined;
  }
  const type = role?.kind === 'value' && role.key === TYPE_KEY ? catalogue.findConnectionType(token.value) : undefined;
  return type ? typeHover(type) : undefined;
}

/** The hover at `offset`, or null where there is nothing to say. */
export function hover(document: TextDocument, parsed: ParsedDocument, offset: number, environment: HoverEnvironment): Hover | null {
  const at = tokenAt(textSourceOf(document), parsed, offset);
  const value = at && hoverText(at, parsed, environment);
  if (!value) return null;
  return { contents: { kind: MarkupKind.Markdown, value }, range: { start: document.positionAt(at.span.start), end: document.positionAt(at.span.end) } };
}
