/**
 * Hover: what a connection type, an option key, a connection name or a CONNECTION keyword means,
 * in Markdown with a link to Confluent's documentation. Never shows a secret: values are shown only
 * for `type`, and endpoints only through `redactEndpoint`.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { authMethods } from '../catalogue/authMethods';
import { authMethodsOf, requiredKeysOf } from '../catalogue/connectionKeys';
import { createConnectionDocsUrl, findConnectionType, type ConnectionType } from '../catalogue/connectionTypes';
import { findOptionKey, type OptionKey } from '../catalogue/optionKeys';
import { redactEndpoint } from '../analysis/redactEndpoint';
import type { ConnectionDefinition } from '../analysis/connectionReferences';
import { isPunctuation } from '../parser/looseTokens';
import type { ParsedDocument } from '../parser/parseDocument';
import { statementAt, type StatementAtCursor } from './cursorContext';
import { connectionSnippet, snippetDefaults } from './snippets';

/** Connection definitions by name, from the document and the workspace; `where` says where one is. */
export interface HoverEnvironment {
  find(name: string): readonly (ConnectionDefinition & { readonly where?: string })[];
}

const DOCS = 'https://docs.confluent.io/cloud/current/flink/reference/statements';

interface StatementDoc {
  readonly syntax: string;
  readonly summary: string;
  readonly url: string;
}

const STATEMENT_DOCS: Partial<Record<StatementAtCursor['head'], StatementDoc>> = {
  createConnection: {
    syntax: "CREATE [OR REPLACE] CONNECTION [IF NOT EXISTS] [catalog.][database.]name\n  [COMMENT 'comment']\n  WITH ('type' = '…', 'endpoint' = '…', <credentials>)",
    summary: 'Creates a connection to an external service. Its credentials go to a secret store; DESCRIBE CONNECTION does not show them.',
    url: createConnectionDocsUrl,
  },
  alterConnection: {
    syntax: "ALTER CONNECTION [IF EXISTS] [catalog.][database.]name\n  SET ('key' = 'value', …)",
    summary: "Changes a connection's credentials. The type and endpoint cannot be changed.",
    url: `${DOCS}/alter-connection.html`,
  },
  dropConnection: {
    syntax: 'DROP CONNECTION [IF EXISTS] [catalog.][database.]name',
    summary: 'Deletes a connection and its stored credentials.',
    url: `${DOCS}/drop-connection.html`,
  },
  showConnections: {
    syntax: "SHOW CONNECTIONS [(FROM | IN) [catalog.]database] [LIKE 'pattern']",
    summary: 'Lists the connections.',
    url: `${DOCS}/show.html`,
  },
  describeConnection: {
    syntax: '{ DESCRIBE | DESC } CONNECTION [catalog.][database.]name',
    summary: 'Shows a connection, without its secrets.',
    url: `${DOCS}/describe.html`,
  },
};

const quote = (text: string) => `\`${text}\``;

function statementHover(head: StatementAtCursor['head']): string | undefined {
  const doc = STATEMENT_DOCS[head];
  if (!doc) return undefined;
  return `\`\`\`sql\n${doc.syntax}\n\`\`\`\n\n${doc.summary}\n\n[Confluent documentation](${doc.url})`;
}

/** The auth methods of a type, as Markdown. */
function authSummary(type: ConnectionType): string {
  const methods = authMethodsOf(type);
  const describe = (keys: readonly string[]) => keys.map((k) => quote(`'${k}'`)).join(' + ');
  if (methods.length === 1) {
    const method = methods[0]!;
    const optional = method.optionalKeys.length > 0 ? ` (optional: ${describe(method.optionalKeys)})` : '';
    return `Credentials: ${method.label}: ${describe(method.keys)}${optional}.`;
  }
  return `Credentials, one of:\n${methods.map((m) => `- ${m.label}: ${describe(m.keys)}`).join('\n')}`;
}

export function typeHover(type: ConnectionType): string {
  const example = snippetDefaults(connectionSnippet(type).body);
  const unverified = type.unverified ? `\n\n_Not fully verified:_ ${type.unverified}` : '';
  return [
    `**${type.displayName}** — connection type ${quote(`'${type.name}'`)}`,
    type.description,
    `Required: ${requiredKeysOf(type).map((k) => quote(`'${k}'`)).join(', ')}.`,
    authSummary(type),
    `Endpoint, e.g. ${quote(type.endpoint.example)}`,
    `\`\`\`sql\n${example}\n\`\`\`${unverified}`,
    `[Confluent documentation](${createConnectionDocsUrl})`,
  ].join('\n\n');
}

export function keyHover(key: OptionKey, type: ConnectionType | undefined, alter: boolean): string {
  const lines = [`**${quote(`'${key.name}'`)}** — connection option`, key.description];
  if (type) {
    const method = type.authMethods.map((id) => authMethods[id]).find((m) => [...m.keys, ...m.optionalKeys].includes(key.name as never));
    if (requiredKeysOf(type).includes(key.name as never)) lines.push(`Required for ${quote(`'${type.name}'`)} connections.`);
    else if (method && method.optionalKeys.includes(key.name as never)) lines.push(`Optional, with ${method.label}.`);
    else if (method) lines.push(`Part of ${method.label}, one of the authentication methods of ${quote(`'${type.name}'`)}.`);
    else if (type.optionalKeys.includes(key.name as never)) lines.push(`Optional for ${quote(`'${type.name}'`)} connections.`);
    else lines.push(`Not valid for ${quote(`'${type.name}'`)} connections.`);
  }
  if (alter && (key.name === 'type' || key.name === 'endpoint')) lines.push('Cannot be changed by ALTER CONNECTION.');
  if (key.secret === 'always') lines.push('**Secret.** Masked in the editor and never repeated in a message; Confluent keeps it in a secret store.');
  if (key.secret === 'opt-in') lines.push('Identifies an account; masked in the editor when `flinksql.secrets.maskUsernames` is on.');
  if (key.value.kind === 'enum') lines.push(`Values: ${key.value.values.map(quote).join(', ')} (default ${quote(key.value.defaultValue)}; case-insensitive).`);
  lines.push(`[Confluent documentation](${createConnectionDocsUrl})`);
  return lines.join('\n\n');
}

function connectionHover(name: string, environment: HoverEnvironment): string {
  const definitions = environment.find(name);
  if (definitions.length === 0) {
    return `**${quote(name)}** — connection\n\nNo CREATE CONNECTION for it in the open files or the workspace; it may exist only in Confluent Cloud.`;
  }
  const parts = definitions.map((d) => {
    const type = d.type ? findConnectionType(d.type) : undefined;
    const lines = [`**${quote(d.qualifiedName)}** — ${type ? `${type.displayName} connection (${quote(`'${type.name}'`)})` : 'connection'}`];
    if (d.endpoint) lines.push(`Endpoint: ${quote(redactEndpoint(d.endpoint))}`);
    if (d.comment) lines.push(`_${d.comment.replace(/[_*`\\]/g, (c) => `\\${c}`)}_`);
    if (d.where) lines.push(`Defined in ${d.where}.`);
    return lines.join('\n\n');
  });
  return parts.join('\n\n---\n\n');
}

/** The connection name the token stands for, if it names one. */
function connectionNameAt(statement: StatementAtCursor, index: number): string | undefined {
  const { tokens, head } = statement;
  const token = tokens[index]!;
  const text = token.kind === 'word' ? statement.text.slice(token.start, token.end) : token.value;
  if (token === statement.name && ['createConnection', 'alterConnection', 'dropConnection', 'describeConnection'].includes(head)) return text;
  if (head === 'createTool' && tokens[index - 1]?.value === 'connection' && tokens[index - 2]?.value === 'using') return text;
  if (token.kind === 'string' && (head === 'createTable' || head === 'createModel') && isPunctuation(tokens[index - 1], '=')) {
    const key = tokens[index - 2];
    if (key?.kind === 'string' && /\.connection$/i.test(key.value)) return token.value.slice(token.value.lastIndexOf('.') + 1);
  }
  if (token.kind === 'string' && head === 'createFunction') {
    for (let i = index - 1; i >= 2; i--) {
      if (isPunctuation(tokens[i], ')')) return undefined;
      if (isPunctuation(tokens[i], '(')) return tokens[i - 1]?.value === 'connections' && tokens[i - 2]?.value === 'using' ? token.value : undefined;
    }
  }
  return undefined;
}

function hoverText(statement: StatementAtCursor, index: number, environment: HoverEnvironment): string | undefined {
  const { tokens } = statement;
  const token = tokens[index]!;
  if (statement.headTokens.includes(token)) return statementHover(statement.head);
  const name = connectionNameAt(statement, index);
  if (name !== undefined) return connectionHover(name, environment);
  const connectionStatement = statement.head === 'createConnection' || statement.head === 'alterConnection';
  if (token.kind !== 'string' || !connectionStatement) return undefined;
  const typeValue = statement.options.find((o) => o.key.value === 'type')?.value?.value;
  let type = typeValue ? findConnectionType(typeValue) : undefined;
  if (statement.head === 'alterConnection' && statement.name) {
    const connection = statement.name.kind === 'word' ? statement.text.slice(statement.name.start, statement.name.end) : statement.name.value;
    const known = environment.find(connection).find((d) => d.type)?.type;
    type = known ? findConnectionType(known) : undefined;
  }
  if (isPunctuation(tokens[index + 1], '=')) {
    const key = findOptionKey(token.value);
    return key ? keyHover(key, type, statement.head === 'alterConnection') : undefined;
  }
  if (isPunctuation(tokens[index - 1], '=') && tokens[index - 2]?.value === 'type') {
    const named = findConnectionType(token.value);
    return named ? typeHover(named) : undefined;
  }
  return undefined;
}

/** The hover at `offset`, or null where there is nothing to say. */
export function hover(document: TextDocument, parsed: ParsedDocument, offset: number, environment: HoverEnvironment): Hover | null {
  const statement = statementAt(document.getText(), parsed, offset);
  if (!statement) return null;
  const at = offset - statement.start;
  const index = statement.tokens.findIndex((t) => t.start <= at && at < t.end);
  if (index < 0) return null;
  const value = hoverText(statement, index, environment);
  if (!value) return null;
  const token = statement.tokens[index]!;
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: { start: document.positionAt(statement.start + token.start), end: document.positionAt(statement.start + token.end) },
  };
}
