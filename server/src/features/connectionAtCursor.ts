/**
 * The connection name under the cursor, and every other place that names the same connection: what
 * go to definition, find references and rename share.
 *
 * The current document is read from its current parse, never from the index, so that a request
 * answered between an edit and the index update still sees the text the user sees. Other documents
 * (open or on disk) are read from the index.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../parser/ast';
import type { ParsedDocument } from '../parser/parseDocument';
import { occurrencesIn, occurrencesInStatements, type ConnectionIndex, type ConnectionOccurrence } from '../workspace/connectionIndex';

/** The index of the statement whose text contains `offset` (its end included), or -1. */
function statementAt(parsed: ParsedDocument, offset: number): number {
  let low = 0;
  let high = parsed.statementCount - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const { slice } = parsed.statementAt(middle);
    if (offset < slice.start) high = middle - 1;
    else if (offset > slice.end) low = middle + 1;
    else return middle;
  }
  return -1;
}

/**
 * The connection name at `offset`: the name of a CREATE CONNECTION or any reference to a connection.
 * A cursor just past the name counts as on it. In a qualified name only the connection's own (last)
 * part counts; the catalog and database parts name something else.
 */
export function occurrenceAt(document: TextDocument, parsed: ParsedDocument, offset: number): ConnectionOccurrence | undefined {
  const index = statementAt(parsed, offset);
  if (index < 0) return undefined;
  return occurrencesInStatements(document.uri, document, [parsed.statementAt(index)]).find((o) => o.span.start <= offset && offset <= o.span.end);
}

/** Orders things in documents by document URI, then by place. */
export function byPlace(a: { readonly uri: string; readonly span: Span }, b: { readonly uri: string; readonly span: Span }): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start;
}

/**
 * Every place that names `name`, definitions included: the current document's first (from `parsed`),
 * then the other documents' from the index, by URI and place.
 */
export function occurrencesOf(
  document: TextDocument,
  parsed: ParsedDocument,
  name: string,
  index: ConnectionIndex,
): ConnectionOccurrence[] {
  const local = occurrencesIn(document.uri, document, parsed).filter((o) => o.name === name);
  return [...local, ...index.occurrences(name, document.uri).sort(byPlace)];
}
