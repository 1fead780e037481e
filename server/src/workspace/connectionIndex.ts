/**
 * The connections defined across the workspace, and every place that names them: in the open
 * documents and in the `.sql` files on disk. One entry per document URI; an open document's entry
 * replaces the one read from disk.
 */
import type { Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConnectionLookup } from '../analysis/analyzeDocument';
import type { ConnectionDefinition, ReferenceKind } from '../analysis/connectionReferences';
import { definitionIn, editedNames, groupByName, ownNamedType, referencesIn, sameNamedTypes, type NamedType } from '../analysis/statementFacts';
import type { Span, Statement } from '../parser/ast';
import { ownCopy, splitStatements } from '../parser/splitStatements';
import { parseDocument, type DocumentStatement, type ParsedDocument } from '../parser/parseDocument';

/** A definition and where it is. */
export interface IndexedDefinition extends ConnectionDefinition {
  readonly uri: string;
  /** The range of the connection's own name. */
  readonly nameRange: Range;
}

/**
 * A range read from `document` when it is asked for: a large document has thousands of names, and
 * most lists of them are filtered or never read before a position is needed. Valid while `document`
 * is the version the offsets belong to; the server replaces a document's entries on every change.
 */
function rangeWhenRead(document: TextDocument, start: number, end: number): () => Range {
  return () => ({ start: document.positionAt(start), end: document.positionAt(end) });
}

/** The definitions of a parsed document, with their places. */
export function definitionsIn(uri: string, document: TextDocument, parsed: ParsedDocument): IndexedDefinition[] {
  const definitions: IndexedDefinition[] = [];
  for (const { slice, statement } of parsed.statements) {
    const definition = statement && definitionIn(statement);
    if (!definition) continue;
    const start = slice.start + definition.nameSpan.start;
    const end = slice.start + definition.nameSpan.end;
    const range = rangeWhenRead(document, start, end);
    definitions.push({
      ...definition,
      nameSpan: { start, end },
      uri,
      get nameRange() {
        return range();
      },
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

/** The occurrences of each tree, relative to its statement (a tree belongs to one statement text). */
const occurrencesByTree = new WeakMap<Statement, readonly StatementOccurrence[]>();

/** The occurrences of one statement, with offsets relative to it. */
function statementOccurrences({ statement, text }: DocumentStatement): readonly StatementOccurrence[] {
  if (!statement || statement.kind === 'other') return [];
  let found = occurrencesByTree.get(statement);
  if (!found) occurrencesByTree.set(statement, (found = occurrencesOfTree(statement, text)));
  return found;
}

function occurrencesOfTree(statement: Statement, text: string): StatementOccurrence[] {
  if (statement.kind === 'createConnection') {
    const last = statement.name.parts[statement.name.parts.length - 1]!;
    return [{ name: last.value, kind: 'definition', form: last.quoted ? 'backticked' : 'plain', span: last.span }];
  }
  return referencesIn(statement)
    .filter((reference) => reference.name !== '')
    .map((reference): StatementOccurrence => {
      if (reference.inString) {
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
  return occurrencesInStatements(uri, document, parsed.statements);
}

/** Every place some statements of a document name a connection, in their order. */
export function occurrencesInStatements(uri: string, document: TextDocument, statements: readonly DocumentStatement[]): ConnectionOccurrence[] {
  const occurrences: ConnectionOccurrence[] = [];
  for (const documentStatement of statements) {
    const base = documentStatement.slice.start;
    for (const { name, kind, form, span } of statementOccurrences(documentStatement)) {
      const start = base + span.start;
      const end = base + span.end;
      const range = rangeWhenRead(document, start, end);
      occurrences.push({
        uri,
        name,
        kind,
        form,
        span: { start, end },
        get range() {
          return range();
        },
      });
    }
  }
  return occurrences;
}

/** What the index holds for one document. */
export interface IndexEntries {
  /**
   * The names and types of the definitions, in order: what other documents' diagnostics depend on. Their
   * strings are copies of their own: the index's map of names can outlive many versions of a document.
   */
  readonly defined: readonly NamedType[];
  readonly definitions: readonly IndexedDefinition[];
  readonly occurrences: readonly ConnectionOccurrence[];
  /** The parse these come from, for an open document: `set` then compares only what an edit changed. */
  readonly parsed?: ParsedDocument;
}

/** The names and types a parsed document defines (`IndexEntries.defined`). */
function definedIn(parsed: ParsedDocument): NamedType[] {
  const defined: NamedType[] = [];
  parsed.forEachTree((statement) => {
    const definition = statement && definitionIn(statement);
    if (definition) defined.push(ownNamedType(definition));
  });
  return defined;
}

/**
 * The definitions and occurrences of an open document, for `ConnectionIndex.set`. Nothing is worked
 * out until it is read: the lists when first read, and their positions when those are read, from
 * `document`, which must stay at this version while these entries are in the index.
 */
export function entriesIn(uri: string, document: TextDocument, parsed: ParsedDocument): IndexEntries {
  let defined: NamedType[] | undefined;
  let definitions: IndexedDefinition[] | undefined;
  let occurrences: ConnectionOccurrence[] | undefined;
  return {
    parsed,
    get defined() {
      return (defined ??= definedIn(parsed));
    },
    get definitions() {
      return (definitions ??= definitionsIn(uri, document, parsed));
    },
    get occurrences() {
      return (occurrences ??= occurrencesIn(uri, document, parsed));
    },
  };
}

/**
 * Whether a statement can define or name a connection: `CREATE CONNECTION`, a `'….connection'` key,
 * `USING CONNECTION(S)` all hold the word. The index parses only such statements of a file on disk.
 */
const MAY_NAME_CONNECTION = /connection/i;

/**
 * `text` with every statement that cannot define or name a connection blanked out (spaces; line breaks
 * kept, so offsets and positions stay those of the text): the grammar then runs only where it matters.
 * The splitter's pass is the only one over the whole text.
 */
export function onlyConnectionStatements(text: string): string {
  const { statements } = splitStatements(text);
  const parts: string[] = [];
  let at = 0;
  let blanked = false;
  for (const slice of statements) {
    if (MAY_NAME_CONNECTION.test(text.slice(slice.start, slice.end))) continue;
    parts.push(text.slice(at, slice.start), text.slice(slice.start, slice.end).replace(/[^\r\n]/g, ' '));
    at = slice.end;
    blanked = true;
  }
  if (!blanked) return text;
  parts.push(text.slice(at));
  return parts.join('');
}

/** The definitions and occurrences in a file's text (for files that are not open), positions included. */
export function entriesInText(uri: string, text: string): IndexEntries {
  const document = TextDocument.create(uri, 'flinksql', 0, text);
  const parsed = parseDocument(onlyConnectionStatements(text));
  // Positions are read now and strings copied, so neither the text nor its parse is kept.
  const definitions = definitionsIn(uri, document, parsed).map(detached);
  return {
    defined: definitions,
    definitions,
    occurrences: occurrencesIn(uri, document, parsed).map(detached),
  };
}

/**
 * A copy of `item` (its getters read) with its own copy of every string: a name sliced from a file's
 * text keeps the whole text alive, and the index holds the entries of every file in the workspace.
 */
function detached<T extends object>(item: T): T {
  const copy = { ...item } as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) if (typeof value === 'string') copy[key] = ownCopy(value);
  return copy as T;
}

/** One document's entries, with its definitions by name once another document has asked for one. */
interface Stored {
  readonly entries: IndexEntries;
  definitionsByName?: Map<string, IndexedDefinition[]>;
}

export class ConnectionIndex {
  private readonly byUri = new Map<string, Stored>();
  /**
   * The documents that define each name, in the order of `byUri`. It depends on names only, so it is
   * rebuilt (on the first lookup) only after a change of names or types, not after every keystroke.
   */
  private urisByName: Map<string, string[]> | undefined;
  /** Occurrences by connection name, rebuilt on the first lookup after a change. */
  private occurrencesByName: Map<string, ConnectionOccurrence[]> | undefined;
  /** How many times names or types have changed, in all documents and in each. */
  private changes = 0;
  private readonly changesOf = new Map<string, number>();

  /**
   * Records what a document defines and names (`entriesIn(…)` / `entriesInText(…)`). Returns true
   * when names or types changed, which is when other documents' diagnostics may change.
   */
  set(uri: string, next: IndexEntries): boolean {
    const before = this.byUri.get(uri)?.entries;
    this.byUri.set(uri, { entries: next });
    this.occurrencesByName = undefined;
    // Read from the edit between the two parses when there is one (statementFacts' `editedNames`).
    const edited = before?.parsed && next.parsed && editedNames(next.parsed, before.parsed);
    return this.definitionsChanged(uri, edited ? !edited.sameDefinitions : !sameNamedTypes(before?.defined ?? [], next.defined));
  }

  /** Forgets a document. Returns true when it defined anything. */
  delete(uri: string): boolean {
    const before = this.byUri.get(uri);
    this.byUri.delete(uri);
    this.occurrencesByName = undefined;
    const changed = this.definitionsChanged(uri, (before?.entries.defined.length ?? 0) > 0);
    // Only lookups for other documents count the change now; a new entry for `uri` starts afresh.
    this.changesOf.delete(uri);
    return changed;
  }

  private definitionsChanged(uri: string, changed: boolean): boolean {
    if (changed) {
      this.changes++;
      this.changesOf.set(uri, (this.changesOf.get(uri) ?? 0) + 1);
      this.urisByName = undefined;
    }
    return changed;
  }

  /** Definitions of `name` in every document but `exceptUri`. */
  find(name: string, exceptUri?: string): IndexedDefinition[] {
    if (!this.urisByName) {
      this.urisByName = new Map();
      for (const [uri, { entries }] of this.byUri) {
        for (const { name } of entries.defined) {
          const uris = this.urisByName.get(name);
          if (!uris) this.urisByName.set(name, [uri]);
          else if (uris[uris.length - 1] !== uri) uris.push(uri);
        }
      }
    }
    const found: IndexedDefinition[] = [];
    for (const uri of this.urisByName.get(name) ?? []) {
      if (uri !== exceptUri) found.push(...this.definitionsByName(this.byUri.get(uri)!).get(name)!);
    }
    return found;
  }

  private definitionsByName(stored: Stored): Map<string, IndexedDefinition[]> {
    return (stored.definitionsByName ??= groupByName(stored.entries.definitions));
  }

  /** Every place that names `name` (definitions included) in every document but `exceptUri`. */
  occurrences(name: string, exceptUri?: string): ConnectionOccurrence[] {
    this.occurrencesByName ??= groupByName([...this.byUri.values()].flatMap((stored) => stored.entries.occurrences));
    const found = this.occurrencesByName.get(name) ?? [];
    return exceptUri === undefined ? [...found] : found.filter((o) => o.uri !== exceptUri);
  }

  /** Every definition, for completion and workspace symbols. */
  all(): IndexedDefinition[] {
    return [...this.byUri.values()].flatMap((stored) => stored.entries.definitions);
  }

  /**
   * The lookup the analysis of `uri` uses: every other document's definitions. Its version counts
   * the changes of names and types in the other documents only, so that an edit of `uri`'s own
   * definitions does not make its analysis start over.
   */
  lookupFor(uri: string): ConnectionLookup {
    return { find: (name) => this.find(name, uri), version: this.changes - (this.changesOf.get(uri) ?? 0) };
  }
}
