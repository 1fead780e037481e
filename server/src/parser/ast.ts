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

/** `SHOW CONNECTIONS | MODELS | TOOLS | AGENTS [FROM|IN db] [[NOT] LIKE 'pattern']`. */
export interface ShowObjects {
  readonly kind: 'showConnections' | 'showModels' | 'showTools' | 'showAgents';
  readonly scope: QualifiedName | undefined;
  readonly like: StringLiteral | undefined;
}

/** `DESCRIBE CONNECTION [EXTENDED] name`, and Apache Flink's `SHOW CREATE CONNECTION name`. */
export interface DescribeConnection {
  readonly kind: 'describeConnection' | 'showCreateConnection';
  readonly name: QualifiedName;
}

/** CREATE TABLE: only the name, the WITH options and the connection are read. */
export interface CreateTable {
  readonly kind: 'createTable';
  readonly name: QualifiedName;
  readonly options: OptionList | undefined;
  /** `USING CONNECTION name` (Apache Flink, FLIP-529). */
  readonly connection: QualifiedName | undefined;
}

/**
 * `CREATE [TEMPORARY] MODEL [IF NOT EXISTS] name [INPUT (…)] [OUTPUT (…)] [USING CONNECTION c]
 * [COMMENT '…'] [WITH (…)] [AS query]`: Confluent's form and Apache Flink's (TEMPORARY, AS query).
 */
export interface CreateModel {
  readonly kind: 'createModel';
  /** Accepted by the grammar; Confluent's reference has no `OR REPLACE` for models. */
  readonly orReplace: boolean;
  /** Apache Flink's session-scoped model. */
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  /** The INPUT and OUTPUT column lists, from `(` to just past `)`; their columns are not read. */
  readonly input: Span | undefined;
  readonly output: Span | undefined;
  /**
   * `USING CONNECTION name`: written in Confluent's own demo (confluentinc/demo-confluent-intelligence-f1
   * demo-reference/streaming_agent.sql @ 864a2054), not in its reference, which names the connection in the
   * `'<provider>.connection'` option instead.
   */
  readonly connection: QualifiedName | undefined;
  readonly comment: StringLiteral | undefined;
  readonly options: OptionList | undefined;
  /** `… AS SELECT …`: Apache Flink's model trained from a query (FLIP-437); Confluent has no such form. */
  readonly trained: boolean;
}

/** `CREATE TOOL [IF NOT EXISTS] name [USING FUNCTION f | USING CONNECTION c] [COMMENT '…'] WITH (…)`. */
export interface CreateTool {
  readonly kind: 'createTool';
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  /** `USING CONNECTION name`: an MCP or A2A tool's connection. */
  readonly connection: QualifiedName | undefined;
  /** `USING FUNCTION name`: the function (UDF) a function tool calls. */
  readonly function: QualifiedName | undefined;
  readonly comment: StringLiteral | undefined;
  readonly options: OptionList | undefined;
}

/**
 * `CREATE AGENT [IF NOT EXISTS] name USING MODEL m USING PROMPT '…' [USING TOOLS t1, t2] [COMMENT '…']
 * WITH (…)`, or a reflection agent's `CREATE AGENT name USING AGENTS a1, a2 [COMMENT '…'] WITH (…)`.
 */
export interface CreateAgent {
  readonly kind: 'createAgent';
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  /** `USING MODEL name`; undefined for the USING AGENTS form. */
  readonly model: QualifiedName | undefined;
  /** `USING PROMPT '…'`; undefined for the USING AGENTS form. */
  readonly prompt: StringLiteral | undefined;
  /** `USING TOOLS t1, t2`, in order; empty when there is none. */
  readonly tools: readonly QualifiedName[];
  /** `USING AGENTS a1, a2`, in order; empty for a standard agent. */
  readonly agents: readonly QualifiedName[];
  readonly comment: StringLiteral | undefined;
  readonly options: OptionList | undefined;
}

/**
 * A model's version, Confluent's `$` suffix to its name: `m$2`, `` `m$all` ``. It is split from the
 * name in the statements that manage a model (ALTER, DROP, DESCRIBE, SHOW CREATE; Confluent documents
 * it for ALTER … SET / RESET, DROP and DESCRIBE), never in CREATE MODEL. The name's last part then
 * ends before the `$`: its value is the model's own name, and when it is quoted its span starts at
 * the opening backtick while the closing one follows the version.
 */
export interface ModelVersion {
  /** What follows the `$`: digits, or `all`. */
  readonly value: string;
  /** From the `$` to the version's last character. */
  readonly span: Span;
}

/** What an ALTER MODEL, ALTER TOOL or ALTER AGENT changes. */
export type AlterChange =
  /** `SET ('key' = 'value', …)`. */
  | { readonly action: 'set'; readonly setKeyword: Keyword; readonly options: OptionList }
  /** `RESET ('key', …)`. */
  | { readonly action: 'reset'; readonly keys: readonly StringLiteral[] }
  /** `RENAME TO new_name`. */
  | { readonly action: 'rename'; readonly newName: QualifiedName }
  /** An agent's `SET MODEL name`. */
  | { readonly action: 'setModel'; readonly model: QualifiedName }
  /** An agent's `SET PROMPT '…'`. */
  | { readonly action: 'setPrompt'; readonly prompt: StringLiteral }
  /** An agent's `ADD TOOL name` / `REMOVE TOOL name`. */
  | { readonly action: 'addTool' | 'removeTool'; readonly tool: QualifiedName };

/** `ALTER MODEL | TOOL | AGENT [IF EXISTS] name …`: the agent's own changes only on `alterAgent`. */
export interface AlterObject {
  readonly kind: 'alterModel' | 'alterTool' | 'alterAgent';
  readonly ifExists: boolean;
  readonly name: QualifiedName;
  /** `ALTER MODEL m$2 SET (…)`: the version changed (models only). */
  readonly version: ModelVersion | undefined;
  readonly change: AlterChange;
}

/** DROP, DESCRIBE and SHOW CREATE of a model, tool or agent: statements that only name one. */
export interface ManageObject {
  readonly kind:
    | 'dropModel'
    | 'dropTool'
    | 'dropAgent'
    | 'describeModel'
    | 'describeTool'
    | 'showCreateModel'
    | 'showCreateTool'
    | 'showCreateAgent';
  /** `DROP … IF EXISTS`. */
  readonly ifExists: boolean;
  /** Apache Flink's `DROP TEMPORARY MODEL`. */
  readonly temporary: boolean;
  readonly name: QualifiedName;
  /** `DROP MODEL m$2`, `` DESCRIBE MODEL `m$all` `` (models only). */
  readonly version: ModelVersion | undefined;
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
  | ShowObjects
  | DescribeConnection
  | CreateTable
  | CreateModel
  | CreateTool
  | CreateAgent
  | AlterObject
  | ManageObject
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
    case 'createAgent':
      return statement.options;
    case 'alterModel':
    case 'alterTool':
    case 'alterAgent':
      return statement.change.action === 'set' ? statement.change.options : undefined;
    default:
      return undefined;
  }
}
