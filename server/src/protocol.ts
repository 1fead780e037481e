/**
 * Custom requests and command ids shared by the server and the client. Both sides import these
 * constants, so a name is written once.
 */
import type { ConnectionSnippet } from './features/snippets';

/** `flinksql/connectionSnippets`: every CREATE CONNECTION snippet (one per type and auth method), no params. */
export const connectionSnippetsRequest = 'flinksql/connectionSnippets';
export type ConnectionSnippetsResult = ConnectionSnippet[];

/** Command ids the extension contributes. */
export const commands = {
  insertConnection: 'flinksql.insertConnection',
} as const;
