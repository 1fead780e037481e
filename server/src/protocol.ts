/**
 * Custom requests and command ids shared by the server and the client. Both sides import these
 * constants, so a name is written once. It imports no module of the server's: the client bundles it.
 */
import type { Range } from 'vscode-languageserver-types';

/** `flinksql/connectionSnippets`: every CREATE CONNECTION snippet (one per type and auth method), no params. */
export const connectionSnippetsRequest = 'flinksql/connectionSnippets';
export type ConnectionSnippetsResult = ConnectionSnippet[];

export interface ConnectionSnippet {
  /** What the statement creates. */
  readonly statement: 'connection' | 'model' | 'table' | 'tool' | 'agent';
  /** What the snippet is of: the connection type, model provider, table connector or tool type (`'agent'` for an agent). */
  readonly type: string;
  /** The auth method the snippet uses; empty for statements other than CREATE CONNECTION. */
  readonly method: string;
  /** The option that says what it is, for a quick pick: `'type' = 'openai'`, `'provider' = 'openai'`. */
  readonly selector: string;
  /** For a quick pick or completion list: `OpenAI (API key)`. */
  readonly label: string;
  readonly description: string;
  /** The statement, in VS Code / LSP snippet syntax. */
  readonly body: string;
}

/**
 * `flinksql/secretRanges`: one range per secret value of the document (the characters between its
 * quotes). The single source of truth for masking, in VS Code and in any other editor.
 */
export const secretRangesRequest = 'flinksql/secretRanges';
export interface SecretRangesParams {
  readonly textDocument: { readonly uri: string };
}
export type SecretRangesResult = Range[];

/** Command ids the extension contributes. */
export const commands = {
  insertConnection: 'flinksql.insertConnection',
  revealSecrets: 'flinksql.revealSecrets',
  hideSecrets: 'flinksql.hideSecrets',
  toggleSecrets: 'flinksql.toggleSecrets',
  copySecret: 'flinksql.copySecret',
} as const;

/** The settings that change what counts as a secret (read by the server). */
export interface SecretSettings {
  readonly maskUsernames: boolean;
}
