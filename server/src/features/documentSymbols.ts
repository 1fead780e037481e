/**
 * The document's outline: each connection, table, model, tool, agent and function it creates.
 *
 * A symbol is named by its own (last) name part, the name other statements match it by; the
 * qualifier, when there is one, goes in the detail. A connection's detail is its type and nothing
 * else from its options: endpoints and secrets never reach the outline.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Identifier, QualifiedName, Statement } from '../parser/ast';
import { definitionOf, type ConnectionDefinition, type ResourceKind } from '../analysis/connectionReferences';
import type { DocumentStatement, ParsedDocument } from '../parser/parseDocument';

/**
 * The kind of a connection's symbol: an object with properties (its options), shown as "object" and
 * with the object icon in outlines; neither a type (`Interface`) nor code.
 */
export const CONNECTION_SYMBOL_KIND = SymbolKind.Object;

/** The symbol kind of each named resource: a connection an object; models and tools are called, as functions are; an agent acts, a class of its own. */
export const RESOURCE_SYMBOL_KINDS: Readonly<Record<ResourceKind, SymbolKind>> = {
  connection: CONNECTION_SYMBOL_KIND,
  model: SymbolKind.Function,
  tool: SymbolKind.Function,
  agent: SymbolKind.Class,
};

/** A model's, tool's or agent's detail: what it is, with its provider or tool type when given (never an option's value but that). */
export const resourceDetail = (definition: Pick<ConnectionDefinition, 'kind' | 'type'>): string =>
  definition.kind === 'connection' ? (definition.type ?? '') : definition.type ? `${definition.kind} (${definition.type})` : definition.kind;

/** What a symbol is, and the detail that says so. */
function describe(statement: Statement): { kind: SymbolKind; detail: string; name: QualifiedName } | undefined {
  switch (statement.kind) {
    case 'createConnection':
      return { kind: CONNECTION_SYMBOL_KIND, detail: resourceDetail(definitionOf(statement)!), name: statement.name };
    case 'createTable':
      return { kind: SymbolKind.Struct, detail: 'table', name: statement.name };
    case 'createModel':
    case 'createTool':
    case 'createAgent': {
      const definition = definitionOf(statement)!;
      return { kind: RESOURCE_SYMBOL_KINDS[definition.kind], detail: resourceDetail(definition), name: statement.name };
    }
    case 'createFunction':
      return { kind: SymbolKind.Function, detail: 'function', name: statement.name };
    default:
      return undefined;
  }
}

/** An identifier as a symbol name, which editors refuse when empty or blank: then as written. */
function symbolName(part: Identifier, statementText: string): string {
  return part.value.trim() !== '' ? part.value : statementText.slice(part.span.start, part.span.end);
}

function symbolOf(document: TextDocument, { slice, text, statement }: DocumentStatement): DocumentSymbol | undefined {
  const described = statement && describe(statement);
  if (!described) return undefined;
  const parts = described.name.parts;
  const last = parts[parts.length - 1]!;
  const qualifier = parts.slice(0, -1).map((p) => p.value).join('.');
  const detail = qualifier === '' ? described.detail : [described.detail, `in ${qualifier}`].filter((s) => s !== '').join(' ');
  // The statement with its `;`, so that the outline follows the cursor up to the end of the line.
  const end = slice.semicolon >= 0 ? slice.semicolon + 1 : slice.end;
  return {
    name: symbolName(last, text),
    detail,
    kind: described.kind,
    range: { start: document.positionAt(slice.start), end: document.positionAt(end) },
    selectionRange: { start: document.positionAt(slice.start + last.span.start), end: document.positionAt(slice.start + last.span.end) },
  };
}

/** One symbol per CREATE CONNECTION, TABLE, MODEL, TOOL, AGENT and FUNCTION that parsed, in document order. */
export function documentSymbols(document: TextDocument, parsed: ParsedDocument): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const documentStatement of parsed.statements) {
    const symbol = symbolOf(document, documentStatement);
    if (symbol) symbols.push(symbol);
  }
  return symbols;
}
