/**
 * Every diagnostic the analysis reports: its code (what users search for and quick fixes key on),
 * its severity, and what it means.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface DiagnosticCodeInfo {
  readonly severity: Severity;
  /** What the code means, in one sentence. */
  readonly description: string;
}

export const diagnosticCodes = {
  'syntax-error': {
    severity: 'error',
    description: 'The statement does not follow Flink SQL syntax, or a string, quoted name or comment is not closed.',
  },
  'unknown-connection-type': {
    severity: 'error',
    description: "The value of 'type' is not a connection type Confluent Cloud knows.",
  },
  'missing-option': {
    severity: 'error',
    description: "A key the statement needs is missing: a connection's 'type', 'endpoint' or credential; a model's 'provider', 'task' or '<provider>.connection'; an external table's '<connector>.connection'; an MCP tool's 'allowed_tools'.",
  },
  'unknown-option': {
    severity: 'error',
    description: "A key that is not valid for this connection type (or any type), model provider, table connector, tool type or agent. Confluent rejects the statement and does not redact a misspelled secret.",
  },
  'duplicate-option': {
    severity: 'error',
    description: 'The same key is given twice (for models, tables, tools and agents: in any case).',
  },
  'conflicting-auth': {
    severity: 'error',
    description: 'Keys of two authentication methods are mixed; a connection uses exactly one.',
  },
  'incomplete-auth': {
    severity: 'error',
    description: 'An authentication method is given in part (a user name without its password, half an AWS key pair, some of the four OAuth keys).',
  },
  'missing-auth': {
    severity: 'error',
    description: 'A connection type that offers several authentication methods has none of them.',
  },
  'invalid-option-value': {
    severity: 'error',
    description: "A value is empty, not one of the allowed values (a provider, task, connector, tool type or format), not a whole number where one is needed, not JSON where JSON is needed, too long, not allowed with another option, or one key too many (more than 32 '<provider>.params.' keys).",
  },
  'connection-type-mismatch': {
    severity: 'error',
    description: "A model, table or tool names a connection whose CREATE CONNECTION has another type (a 'mongodb.connection' naming an openai connection, an MCP tool over a rest connection).",
  },
  'deprecated-option': {
    severity: 'warning',
    description: "A legacy inline credential or endpoint in a model or table ('openai.api_key', 'mongodb.password'): the secret belongs in a connection.",
  },
  'invalid-endpoint': {
    severity: 'error',
    description: 'The endpoint is not a URL, or its scheme does not fit the connection type.',
  },
  'option-not-alterable': {
    severity: 'warning',
    description: 'ALTER CONNECTION changes credentials only; the type and endpoint of a connection are fixed when it is created.',
  },
  'unquoted-setting': {
    severity: 'warning',
    description: "SET or RESET in the SQL client's older form, with the key or value unquoted; Flink's SQL parser and Confluent Cloud take both as strings.",
  },
  'unknown-connection': {
    severity: 'information',
    description: 'No CREATE CONNECTION in the open documents or the workspace defines this name (it may exist only in Confluent Cloud).',
  },
  'unused-suppression': {
    severity: 'warning',
    description: 'A flinksql-disable comment that silences nothing where it applies, or names a code that does not exist.',
  },
} as const satisfies Record<string, DiagnosticCodeInfo>;

export type DiagnosticCode = keyof typeof diagnosticCodes;

/** The `source` of every diagnostic this project reports. */
export const diagnosticSource = 'flinksql';
