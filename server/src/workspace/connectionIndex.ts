/**
 * The connections defined across the workspace, and every place that names them: in the open
 * documents and in the `.sql` files on disk. One entry per document URI; an open document's entry
 * replaces the one read from disk.
 */
import type { Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConnectionLookup } from '../analysis/analyzeDocument';
import { definitionOf, referencesOf, type ConnectionDefinition, type ReferenceKind } from '../analysis/connectionReferences';
import type { Span } from '../parser/ast';
import { parseDocument, type DocumentStatement, type ParsedDocument } from '../parser/parseDocument';

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

/** How a name is written, which decides how a rename writes the new one. */
export type NameForm = 'plain' | 'backticked' | 'string';

/** A place that names a connection: the name in its CREATE CONNECTION, or any reference to it. */
export interface ConnectionOccurrence {
  readonly uri: string;
  /** The connection's own name (the last part when qualified), without quotes or backticks. */
  readonly name: string;
  readonly kind: 'definition' | ReferenceKind;
  readonly form: NameForm;
  /**
   * Document offsets of the name as written: an identifier with its backticks, or, in a string, the
   * characters after the last `.` inside the quotes (escapes as written).
   */
  readonly span: Span;
  readonly range: Range;
}

type StatementOccurrence = Omit<ConnectionOccurrence, 'uri' | 'range'>;

/** The occurrences of one statement, with offsets relative to it. */
function statementOccurrences({ statement, text }: DocumentStatement): StatementOccurrence[] {
  if (!statement) return [];
  if (statement.kind === 'createConnection') {
    const last = statement.name.parts[statement.name.parts.length - 1]!;
    return [{ name: last.value, kind: 'definition', form: last.quoted ? 'backticked' : 'plain', span: last.span }];
  }
  return referencesOf(statement)
    .filter((reference) => reference.name !== '')
    .map((reference): StatementOccurrence => {
      if (reference.kind === 'option' || reference.kind === 'using-connections') {
        // The string's own name is what follows its last dot; escapes never contain a dot.
        const raw = text.slice(reference.span.start, reference.span.end);
        const start = reference.span.start + raw.lastIndexOf('.') + 1;
        return { name: reference.name, kind: reference.kind, form: 'string', span: { start, end: reference.span.end } };
      }
      const backticked = text.charCodeAt(reference.span.start) === 0x60;
      return { name: reference.name, kind: reference.kind, form: backticked ? 'backticked' : 'plain', span: reference.span };
    });
}

/** Every place a parsed document names a connection, in document order. */
export function occurrencesIn(uri: string, document: TextDocument, parsed: ParsedDocument): ConnectionOccurrence[] {
  const occurrences: ConnectionOccurrence[] = [];
  for (const documentStatement of parsed.statements) {
    const base = documentStatement.slice.start;
    for (const { name, kind, form, span } of statementOccurrences(documentStatement)) {
      const start = base + span.start;
      const end = base + span.end;
      occurrences.push({
        uri,
        name,
        kind,
        form,
        span: { start, end },
        range: { start: document.positionAt(start), end: document.positionAt(end) },
      });
    }
  }
  return occurrences;
}

/** What the index holds for one document. */
export interface IndexEntries {
  readonly definitions: readonly IndexedDefinition[];
  readonly occurrences: readonly ConnectionOccurrence[];
}

/** The definitions and occurrences of a parsed document, for `ConnectionIndex.set`. */
export function entriesIn(uri: string, document: TextDocument, parsed: ParsedDocument): IndexEntries {
  return { definitions: definitionsIn(uri, document, parsed), occurrences: occurrencesIn(uri, document, parsed) };
}

/** The definitions and occurrences in a file's text (for files that are not open). */
export function entriesInText(uri: string, text: string): IndexEntries {
  const document = TextDocument.create(uri, 'flinksql', 0, text);
  return entriesIn(uri, document, parseDocument(text));
}

function groupByName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T[]> {
  const byName = new Map<string, T[]>();
  for (const item of items) {
    const list = byName.get(item.name);
    if (list) list.push(item);
    else byName.set(item.name, [item]);
  }
  return byName;
}

/** A fingerprint of what other documents' diagnostics depend on: names and types. */
function signature(definitions: readonly IndexedDefinition[]): string {
  return definitions.map((d) => `${d.name}\u0000${d.type ?? ''}`).sort().join('\u0001');
}

export class ConnectionIndex {
  private readonly byUri = new Map<string, IndexEntries>();
  /** Definitions by connection name, rebuilt on the first lookup after a change. */
  private byName: Map<string, IndexedDefinition[]> | undefined;
  /** Occurrences by connection name, rebuilt on the first lookup after a change. */
  private occurrencesByName: Map<string, ConnectionOccurrence[]> | undefined;

  /**
   * Records what a document defines and names (`entriesIn(…)` / `entriesInText(…)`). Returns true
   * when names or types changed, which is when other documents' diagnostics may change.
   */
  set(uri: string, next: IndexEntries): boolean {
    const before = this.byUri.get(uri);
    this.byUri.set(uri, next);
    this.byName = undefined;
    this.occurrencesByName = undefined;
    return signature(before?.definitions ?? []) !== signature(next.definitions);
  }

  /** Forgets a document. Returns true when it defined anything. */
  delete(uri: string): boolean {
    const before = this.byUri.get(uri);
    this.byUri.delete(uri);
    this.byName = undefined;
    this.occurrencesByName = undefined;
    return (before?.definitions.length ?? 0) > 0;
  }

  /** Definitions of `name` in every document but `exceptUri`. */
  find(name: string, exceptUri?: string): IndexedDefinition[] {
    this.byName ??= groupByName(this.all());
    const found = this.byName.get(name) ?? [];
    return exceptUri === undefined ? [...found] : found.filter((d) => d.uri !== exceptUri);
  }

  /** Every place that names `name` (definitions included) in every document but `exceptUri`. */
  occurrences(name: string, exceptUri?: string): ConnectionOccurrence[] {
    this.occurrencesByName ??= groupByName([...this.byUri.values()].flatMap((entries) => entries.occurrences));
    const found = this.occurrencesByName.get(name) ?? [];
    return exceptUri === undefined ? [...found] : found.filter((o) => o.uri !== exceptUri);
  }

  /** Every definition, for completion and workspace symbols. */
  all(): IndexedDefinition[] {
    return [...this.byUri.values()].flatMap((entries) => entries.definitions);
  }

  /** The lookup the analysis of `uri` uses: every other document's definitions. */
  lookupFor(uri: string): ConnectionLookup {
    return { find: (name) => this.find(name, uri) };
  }

  get documentCount(): number {
    return this.byUri.size;
  }
}
