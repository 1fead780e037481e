/**
 * Find all references: every place that names the connection under the cursor, across the open
 * documents and the workspace's files.
 */
import type { Location } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../parser/parseDocument';
import type { ConnectionIndex } from '../workspace/connectionIndex';
import { occurrenceAt, occurrencesOf } from './connectionAtCursor';

/**
 * The places that name the connection at `offset` (a CREATE CONNECTION name or any reference):
 * option values, USING CONNECTION, USING CONNECTIONS and ALTER / DROP / DESCRIBE, plus the CREATE
 * CONNECTION names when `includeDeclaration`. This document's first, then others by URI. An
 * identifier's range includes its backticks; a string's covers the name inside the quotes.
 */
export function references(
  document: TextDocument,
  parsed: ParsedDocument,
  offset: number,
  index: ConnectionIndex,
  includeDeclaration: boolean,
): Location[] {
  const at = occurrenceAt(document, parsed, offset);
  if (!at) return [];
  return occurrencesOf(document, parsed, at.name, index)
    .filter((o) => includeDeclaration || o.kind !== 'definition')
    .map((o) => ({ uri: o.uri, range: o.range }));
}
