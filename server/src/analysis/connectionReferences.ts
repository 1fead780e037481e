/**
 * Where connections are defined and where they are named (`shared/spec/connections.md` §3).
 * Offsets are relative to the statement.
 */
import { isReferenceKey } from '../catalogue/keyIndex';
import { ENDPOINT_KEY, TYPE_KEY } from '../catalogue/optionKeys';
import type { QualifiedName, Span, Statement } from '../parser/ast';

/** What a CREATE CONNECTION tells about the connection. Holds no credential. */
export interface ConnectionDefinition {
  /** The connection's own name: the last part of its qualified name. */
  readonly name: string;
  /** The qualified name as written, parts joined with `.`. */
  readonly qualifiedName: string;
  readonly nameSpan: Span;
  /** The `'type'` value in lower case, when given. */
  readonly type: string | undefined;
  /** The `'endpoint'` value, when given. May embed credentials: show it only through `redactEndpoint`. */
  readonly endpoint: string | undefined;
  readonly comment: string | undefined;
}

/** How a statement names a connection. */
export type ReferenceKind =
  | 'option' // 'mongodb.connection' = 'name' in CREATE TABLE / CREATE MODEL
  | 'using-connection' // CREATE TOOL … USING CONNECTION name, CREATE TABLE … USING CONNECTION name (Apache Flink)
  | 'using-connections' // CREATE FUNCTION … USING CONNECTIONS ('name', …) or (name, …)
  | 'manage'; // ALTER / DROP / DESCRIBE / SHOW CREATE CONNECTION name

export interface ConnectionReference {
  /** The connection's own name (the last part when qualified). */
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

/** The connection a CREATE CONNECTION statement defines, if it is one. */
export function definitionOf(statement: Statement): ConnectionDefinition | undefined {
  if (statement.kind !== 'createConnection') return undefined;
  const option = (key: string) => statement.options.options.find((o) => o.key.value === key)?.value.value;
  const type = option(TYPE_KEY);
  return {
    name: lastPart(statement.name),
    qualifiedName: qualifiedNameText(statement.name),
    nameSpan: statement.name.parts[statement.name.parts.length - 1]!.span,
    type: type === undefined ? undefined : type.toLowerCase(),
    endpoint: option(ENDPOINT_KEY),
    comment: statement.comment?.value,
  };
}

function identifierReference(name: QualifiedName, kind: ReferenceKind): ConnectionReference {
  const last = name.parts[name.parts.length - 1]!;
  return { name: last.value, written: qualifiedNameText(name), span: last.span, kind, inString: false };
}

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
          .map((c): ConnectionReference => ({ name: nameInString(c.value), written: c.value, span: c.valueSpan, kind: 'using-connections', inString: true })),
        ...statement.connectionIdentifiers.map((name) => identifierReference(name, 'using-connections')),
      ].sort((a, b) => a.span.start - b.span.start);
    case 'alterConnection':
    case 'resetConnection':
    case 'renameConnection':
    case 'dropConnection':
    case 'describeConnection':
    case 'showCreateConnection':
      return [identifierReference(statement.name, 'manage')];
    default:
      return [];
  }
}
