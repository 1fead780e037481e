/**
 * Find all references: every place that names the connection, model, tool or agent under the cursor, across the open
 * documents and the workspace's files.
 */
import type { Location } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../parser/ast';
import type { ParsedDocument } from '../parser/parseDocument';
import { occurrencesIn, type ConnectionIndex, type ConnectionOccurrence } from '../workspace/connectionIndex';
import { nameAt, type ResourceKind } from './atPosition';
import { textSourceOf } from '../workspace/openDocument';

/** Orders things in documents by document URI, then by place. */
export function byPlace(a: { readonly uri: string; readonly span: Span }, b: { readonly uri: string; readonly span: Span }): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start;
}

/**
 * Every place that names the `resource` named `name`, definitions included: the current document's first, read from its
 * current parse (never from the index, so that a request answered between an edit and the index
 * update sees the text the user sees), then the other documents' from the index, by URI and place.
 */
export function occurrencesOf(
  document: TextDocument,
  parsed: ParsedDocument,
  name: string,
  index: ConnectionIndex,
  resource: ResourceKind = 'connection',
): ConnectionOccurrence[] {
  const local = occurrencesIn(document.uri, document, parsed).filter((o) => o.name === name && o.resource === resource);
  return [...local, ...index.occurrences(name, document.uri, resource).sort(byPlace)];
}

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
  const at = nameAt(textSourceOf(document), parsed, offset);
  if (!at) return [];
  return occurrencesOf(document, parsed, at.name, index, at.kind)
    .filter((o) => includeDeclaration || o.kind !== 'definition')
    .map((o) => ({ uri: o.uri, range: o.range }));
}
