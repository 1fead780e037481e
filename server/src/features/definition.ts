/**
 * Go to definition: from any place that names a connection, model, tool or agent to its CREATE, in
 * this document or any other the index holds.
 */
import type { Location } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../parser/parseDocument';
import { definitionsIn, type ConnectionIndex } from '../workspace/connectionIndex';
import { nameAt } from './atPosition';
import { byPlace } from './references';
import { textSourceOf } from '../workspace/openDocument';

/**
 * The definitions of the connection named at `offset`: this document's first, then other documents'
 * by URI. On the name of a CREATE CONNECTION, that name itself. Names match case-sensitively by the
 * connection's own (last) name part. Empty when the cursor is on no connection name.
 */
export function definition(document: TextDocument, parsed: ParsedDocument, offset: number, index: ConnectionIndex): Location[] {
  const at = nameAt(textSourceOf(document), parsed, offset);
  if (!at) return [];
  if (at.defines) return [{ uri: document.uri, range: { start: document.positionAt(at.span.start), end: document.positionAt(at.span.end) } }];
  const local = definitionsIn(document.uri, document, parsed).filter((d) => d.name === at.name && d.kind === at.kind);
  // Read field by field: a definition read from disk makes its span and range when they are read.
  const others = index.find(at.name, document.uri, at.kind).map((d) => ({ uri: d.uri, span: d.nameSpan, range: d.nameRange })).sort(byPlace);
  return [...local.map((d) => ({ uri: d.uri, range: d.nameRange })), ...others.map(({ uri, range }) => ({ uri, range }))];
}
