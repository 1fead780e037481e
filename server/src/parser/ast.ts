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

export interface DropConnection {
  readonly kind: 'dropConnection';
  readonly ifExists: boolean;
  readonly name: QualifiedName;
}

export interface ShowConnections {
  readonly kind: 'showConnections';
  readonly scope: QualifiedName | undefined;
  readonly like: StringLiteral | undefined;
}

export interface DescribeConnection {
  readonly kind: 'describeConnection';
  readonly name: QualifiedName;
}

/** CREATE TABLE or CREATE MODEL: only the name and the WITH options are read. */
export interface CreateWithOptions {
  readonly kind: 'createTable' | 'createModel';
  readonly name: QualifiedName;
  readonly options: OptionList | undefined;
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
  /** `USING CONNECTIONS ('a', 'b')`. */
  readonly connections: readonly StringLiteral[];
}

export interface SetStatement {
  readonly kind: 'set';
  readonly key: StringLiteral | undefined;
  readonly value: StringLiteral | undefined;
}

export interface ResetStatement {
  readonly kind: 'reset';
  readonly key: StringLiteral | undefined;
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
