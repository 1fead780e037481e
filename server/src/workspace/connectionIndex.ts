/**
 * The connections defined across the workspace: in the open documents and in the `.sql` files on
 * disk. One entry per document URI; an open document's entry replaces the one read from disk.
 */
import type { Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConnectionLookup } from '../analysis/analyzeDocument';
import { definitionOf, type ConnectionDefinition } from '../analysis/connectionReferences';
import { parseDocument, type ParsedDocument } from '../parser/parseDocument';

/** A definition and where it is. */
export interface IndexedDefinition extends ConnectionDefinition {
  readonly uri: string;
  /** The range of the connection's own name. */
  readonly nameRange: Range;
}

/** The definitions of a parsed document, with their places. */
export function definitionsIn(uri: string, document: TextDocument, parsed: ParsedDocument): IndexedDefinition[] {
  const definitions: IndexedDefinition[] = [];
  for (const { slice, statement } of parsed.statements) {
    const definition = statement && definitionOf(statement);
    if (!definition) continue;
    const start = slice.start + definition.nameSpan.start;
    const end = slice.start + definition.nameSpan.end;
    definitions.push({
      ...definition,
      nameSpan: { start, end },
      uri,
      nameRange: { start: document.positionAt(start), end: document.positionAt(end) },
    });
  }
  return definitions;
}

/** The definitions in a file's text (for files that are not open). */
export function definitionsInText(uri: string, text: string): IndexedDefinition[] {
  const document = TextDocument.create(uri, 'flinksql', 0, text);
  return definitionsIn(uri, document, parseDocument(text));
}

/** A fingerprint of what other documents' diagnostics depend on: names and types. */
function signature(definitions: readonly IndexedDefinition[]): string {
  return definitions.map((d) => `${d.name}\u0000${d.type ?? ''}`).sort().join('\u0001');
}

export class ConnectionIndex {
  private readonly byUri = new Map<string, readonly IndexedDefinition[]>();
  /** Definitions by connection name, rebuilt on the first lookup after a change. */
  private byName: Map<string, IndexedDefinition[]> | undefined;

  /**
   * Records the definitions of a document. Returns true when names or types changed, which is when
   * other documents' diagnostics may change.
   */
  set(uri: string, definitions: readonly IndexedDefinition[]): boolean {
    const before = this.byUri.get(uri);
    this.byUri.set(uri, definitions);
    this.byName = undefined;
    return signature(before ?? []) !== signature(definitions);
  }

  /** Forgets a document. Returns true when it defined anything. */
  delete(uri: string): boolean {
    const before = this.byUri.get(uri);
    this.byUri.delete(uri);
    this.byName = undefined;
    return (before?.length ?? 0) > 0;
  }

  /** Definitions of `name` in every document but `exceptUri`. */
  find(name: string, exceptUri?: string): IndexedDefinition[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const definition of this.all()) {
        const list = this.byName.get(definition.name);
        if (list) list.push(definition);
        else this.byName.set(definition.name, [definition]);
      }
    }
    const found = this.byName.get(name) ?? [];
    return exceptUri === undefined ? [...found] : found.filter((d) => d.uri !== exceptUri);
  }

  /** Every definition, for completion and workspace symbols. */
  all(): IndexedDefinition[] {
    return [...this.byUri.values()].flat();
  }

  /** The lookup the analysis of `uri` uses: every other document's definitions. */
  lookupFor(uri: string): ConnectionLookup {
    return { find: (name) => this.find(name, uri) };
  }

  get documentCount(): number {
    return this.byUri.size;
  }
}
