/**
 * The syntax tree of one statement. Offsets are relative to the statement's first character, so a
 * parsed statement can be reused wherever its text moves in the document.
 */

/** A half-open range of offsets `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A single-quoted string literal. */
export interface StringLiteral {
  /** The value, with `''` turned into `'`. */
  readonly value: string;
  /** From the opening to just past the closing quote. */
  readonly span: Span;
  /** The characters between the quotes (the raw text, escapes included). */
  readonly valueSpan: Span;
}

/** A plain or backtick-quoted identifier. */
export interface Identifier {
  /** The name, without backticks and with doubled backticks turned into one. */
  readonly value: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** A possibly qualified name: `[catalog.][database.]name`. */
export interface QualifiedName {
  readonly parts: readonly Identifier[];
  readonly span: Span;
}

/** `'key' = 'value'` inside `WITH (…)` or `SET (…)`. */
export interface OptionNode {
  readonly key: StringLiteral;
  readonly value: StringLiteral;
  readonly span: Span;
}

/** `( option, … )`. */
export interface OptionList {
  readonly options: readonly OptionNode[];
  /** From `(` to just past `)`. */
  readonly span: Span;
}

/** A keyword that starts a clause, for diagnostics that point at the clause. */
export interface Keyword {
  readonly span: Span;
}

export interface CreateConnection {
  readonly kind: 'createConnection';
  readonly orReplace: boolean;
  /** `CREATE TEMPORARY [SYSTEM] CONNECTION`: Apache Flink's session-scoped connections (FLIP-529). */
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly comment: StringLiteral | undefined;
  readonly withKeyword: Keyword;
  readonly options: OptionList;
}

export interface AlterConnection {
  readonly kind: 'alterConnection';
  readonly ifExists: boolean;
  readonly name: QualifiedName;
  readonly setKeyword: Keyword;
  readonly options: OptionList;
}

/** Apache Flink's `ALTER CONNECTION … RESET ('key', …)` and `… RENAME TO new_name` (FLIP-529). */
export interface ChangeConnection {
  readonly kind: 'resetConnection' | 'renameConnection';
  readonly ifExists: boolean;
  readonly name: QualifiedName;
}

export interface DropConnection {
  readonly kind: 'dropConnection';
  readonly ifExists: boolean;
  /** `DROP TEMPORARY [SYSTEM] CONNECTION` (Apache Flink). */
  readonly temporary: boolean;
  readonly name: QualifiedName;
}

export interface ShowConnections {
  readonly kind: 'showConnections';
  readonly scope: QualifiedName | undefined;
  readonly like: StringLiteral | undefined;
}

/** `DESCRIBE CONNECTION [EXTENDED] name`, and Apache Flink's `SHOW CREATE CONNECTION name`. */
export interface DescribeConnection {
  readonly kind: 'describeConnection' | 'showCreateConnection';
  readonly name: QualifiedName;
}

/** CREATE TABLE or CREATE MODEL: only the name, the WITH options and the connection are read. */
export interface CreateWithOptions {
  readonly kind: 'createTable' | 'createModel';
  readonly name: QualifiedName;
  readonly options: OptionList | undefined;
  /** A table's `USING CONNECTION name` (Apache Flink, FLIP-529). */
  readonly connection: QualifiedName | undefined;
}

export interface CreateTool {
  readonly kind: 'createTool';
  readonly name: QualifiedName;
  /** `USING CONNECTION name`; undefined for `USING FUNCTION`. */
  readonly connection: QualifiedName | undefined;
  readonly comment: StringLiteral | undefined;
  readonly options: OptionList | undefined;
}

export interface CreateFunction {
  readonly kind: 'createFunction';
  readonly name: QualifiedName;
  /** `USING CONNECTIONS ('a', 'b')`: the names written as strings. */
  readonly connections: readonly StringLiteral[];
  /** `USING CONNECTIONS (a, \`db\`.\`b\`)`: the names written as identifiers. */
  readonly connectionIdentifiers: readonly QualifiedName[];
}

/**
 * The SQL client's older `SET key = value` / `RESET key`, which writes the key (or the value)
 * without quotes: where the key's text and the value's text stand.
 */
export interface LegacySetting {
  readonly key: Span;
  /** From the first token after `=` to the end of the statement; undefined for RESET. */
  readonly value: Span | undefined;
}

export interface SetStatement {
  readonly kind: 'set';
  readonly key: StringLiteral | undefined;
  readonly value: StringLiteral | undefined;
  readonly legacy: LegacySetting | undefined;
}

export interface ResetStatement {
  readonly kind: 'reset';
  readonly key: StringLiteral | undefined;
  readonly legacy: LegacySetting | undefined;
}

export interface UseStatement {
  readonly kind: 'use';
  readonly target: 'catalog' | 'database' | 'modules';
  readonly names: readonly QualifiedName[];
}

/** Any statement this grammar does not own (queries, INSERT, other DDL). */
export interface OtherStatement {
  readonly kind: 'other';
}

export type Statement =
  | CreateConnection
  | AlterConnection
  | ChangeConnection
  | DropConnection
  | ShowConnections
  | DescribeConnection
  | CreateWithOptions
  | CreateTool
  | CreateFunction
  | SetStatement
  | ResetStatement
  | UseStatement
  | OtherStatement;

export type StatementKind = Statement['kind'];

/** The option list of a statement whose grammar reads one (`WITH (…)` or `SET (…)`), if it has one. */
export function optionListOf(statement: Statement | undefined): OptionList | undefined {
  switch (statement?.kind) {
    case 'createConnection':
    case 'alterConnection':
    case 'createTable':
    case 'createModel':
    case 'createTool':
      return statement.options;
    default:
      return undefined;
  }
}
