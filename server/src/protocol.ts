/**
 * Custom requests and command ids shared by the server and the client. Both sides import these
 * constants, so a name is written once.
 */
import type { Range } from 'vscode-languageserver-types';
import type { ConnectionSnippet } from './features/snippets';

/** `flinksql/connectionSnippets`: every CREATE CONNECTION snippet (one per type and auth method), no params. */
export const connectionSnippetsRequest = 'flinksql/connectionSnippets';
export type ConnectionSnippetsResult = ConnectionSnippet[];

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
