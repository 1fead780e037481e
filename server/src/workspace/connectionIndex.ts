/**
 * The connections, models, tools and agents defined across the workspace, and every place that names
 * them: in the open documents and in the `.sql` files on disk. One entry per document URI; an open document's entry
 * replaces the one read from disk.
 */
import type { Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConnectionLookup } from '../analysis/analyzeDocument';
import { argumentReferences, definitionOf, MAY_CALL_NAMING_FUNCTION, referencesOf, resourceKey, type ConnectionDefinition, type ConnectionReference, type ReferenceKind, type ResourceKind } from '../analysis/connectionReferences';
import { addCount, definitionIn, editedNames, nameFactsOfParse, referencesIn, sameNamedTypes, type NamedType } from '../analysis/statementFacts';
import type { Span, Statement } from '../parser/ast';
import { ownCopy } from '../parser/splitStatements';
import { firstAtLeast } from '../parser/sortedSearch';
import { lineBreaks } from './openDocument';
import { eachStatementOf, type DocumentStatement, type ParsedDocument } from '../parser/parseDocument';

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

/**
 * How a name is written, which decides how a rename writes the new one: `in-backticks` is the name's
 * part of a backticked identifier that goes on with a model's version (`` `m$2` ``), its span the
 * characters after the backtick.
 */
export type NameForm = 'plain' | 'backticked' | 'string' | 'in-backticks';

/** A place that names a resource: the name in its CREATE, or any reference to it. */
export interface ConnectionOccurrence {
  readonly uri: string;
  readonly resource: ResourceKind;
  /** The resource's own name (the last part when qualified), without quotes or backticks. */
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
  // A statement of no kind the grammar knows (a query, an INSERT) names models and agents only in
  // function calls, which `argumentReferences` reads (it tests for such a call first).
  if (!statement || statement.kind === 'other') return occurrencesOfTree(undefined, text);
  let found = occurrencesByTree.get(statement);
  if (!found) occurrencesByTree.set(statement, (found = occurrencesOfTree(statement, text)));
  return found;
}

function occurrencesOfTree(statement: Statement | undefined, text: string): StatementOccurrence[] {
  const found: StatementOccurrence[] = [];
  const definition = statement && definitionIn(statement);
  const references = statement ? referencesIn(statement) : [];
  forEachOccurrenceOfTree(text, definition, references, (resource, name, kind, form, start, end) => found.push({ resource, name, kind, form, span: { start, end } }));
  return found;
}

/**
 * Each place a statement (`text`) names a resource: the name its CREATE defines (`definition`), its
 * tree's `references`, then the names its function calls give. Offsets relative to the statement.
 */
function forEachOccurrenceOfTree(
  text: string,
  definition: ConnectionDefinition | undefined,
  references: readonly ConnectionReference[],
  visit: (resource: ResourceKind, name: string, kind: ConnectionOccurrence['kind'], form: NameForm, start: number, end: number) => void,
): void {
  if (definition) {
    const quoted = text.charCodeAt(definition.nameSpan.start) === 0x60;
    visit(definition.kind, definition.name, 'definition', quoted ? 'backticked' : 'plain', definition.nameSpan.start, definition.nameSpan.end);
  }
  const visitReference = ({ resource, name, kind, inString, span }: ConnectionReference) => {
    if (name === '') return;
    if (inString) {
      // The string's own name is what follows its last dot; escapes never contain a dot.
      visit(resource, name, kind, 'string', span.start + text.slice(span.start, span.end).lastIndexOf('.') + 1, span.end);
    } else if (text.charCodeAt(span.start) !== 0x60) {
      visit(resource, name, kind, 'plain', span.start, span.end);
    } else if (text.charCodeAt(span.end - 1) === 0x60 && span.end - span.start >= 2) {
      visit(resource, name, kind, 'backticked', span.start, span.end);
    } else {
      // A backticked name that goes on with a version (`` `m$2` ``) ends before the `$`, its closing backtick after the version.
      visit(resource, name, kind, 'in-backticks', span.start + 1, span.end);
    }
  };
  for (const reference of references) visitReference(reference);
  for (const reference of argumentReferences(text)) visitReference(reference);
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
    for (const { resource, name, kind, form, span } of statementOccurrences(documentStatement)) {
      const start = base + span.start;
      const end = base + span.end;
      const range = rangeWhenRead(document, start, end);
      occurrences.push({
        uri,
        resource,
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
  /** Every occurrence, in order. */
  readonly occurrences: readonly ConnectionOccurrence[];
  /** The occurrences of the `resource` named `name`, in order. */
  occurrencesNamed(resource: ResourceKind, name: string): readonly ConnectionOccurrence[];
  /** The parse these come from, for an open document: `set` then compares only what an edit changed. */
  readonly parsed?: ParsedDocument;
}

/**
 * The definitions and occurrences of an open document, for `ConnectionIndex.set`. Nothing is worked
 * out until it is read: the lists when first read, and their positions when those are read, from
 * `document`, which must stay at this version while these entries are in the index.
 */
export function entriesIn(uri: string, document: TextDocument, parsed: ParsedDocument): IndexEntries {
  let definitions: IndexedDefinition[] | undefined;
  let occurrences: ConnectionOccurrence[] | undefined;
  return {
    parsed,
    // Worked out once per parse, for the analysis too.
    get defined() {
      return nameFactsOfParse(parsed).definitions;
    },
    get definitions() {
      return (definitions ??= definitionsIn(uri, document, parsed));
    },
    get occurrences() {
      return (occurrences ??= occurrencesIn(uri, document, parsed));
    },
    occurrencesNamed(resource, name) {
      return this.occurrences.filter((o) => o.name === name && o.resource === resource);
    },
  };
}

/**
 * Whether a statement can define or name a resource: `CREATE CONNECTION`, a `'….connection'` key,
 * `USING CONNECTION(S)` all hold the word; CREATE, ALTER, DROP … MODEL, TOOL and AGENT, USING MODEL,
 * TOOLS and AGENTS hold one of the others, and the functions that name a model or an agent
 * (ML_PREDICT, AI_RUN_AGENT, …) theirs. The index parses only such statements of a file on disk.
 */
const MAY_NAME_RESOURCE = new RegExp(`connection|model|tool|agent|${MAY_CALL_NAMING_FUNCTION.source}`, 'i');

/** Whether a statement's text can define or name a resource (`MAY_NAME_RESOURCE`). */
export const mayNameResource = (statementText: string): boolean => MAY_NAME_RESOURCE.test(statementText);

/** The definitions and occurrences in a file's text (for files that are not open), positions included. */
export function entriesInText(uri: string, text: string): IndexEntries {
  const steps = readingEntries(uri, text);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `entriesInText`, one statement at a time: the reader of a workspace stops in between to let the
 * editor's messages through (a file's statements take tens of milliseconds while the JIT is cold).
 */
export function* readingEntries(uri: string, text: string): Generator<void, IndexEntries, undefined> {
  // Positions are read now and strings copied, so neither the text nor its parse is kept. The trees
  // live only for this call: their facts are read straight, not remembered by tree.
  const places = new Places(text);
  const definitions: StoredDefinition[] = [];
  const occurrences = new StoredOccurrences(uri);
  for (const { slice, statement, text: statementText } of eachStatementOf(text, mayNameResource)) {
    const base = slice.start;
    const references = statement ? referencesOf(statement) : [];
    const definition = statement && definitionOf(statement, references);
    if (definition) definitions.push(new StoredDefinition(definition, uri, base, places));
    // A statement of no kind the grammar knows (a query, an INSERT) names models and agents only in
    // function calls, which `argumentReferences` reads for every statement.
    forEachOccurrenceOfTree(statementText, definition, references, (resource, name, kind, form, start, end) =>
      occurrences.add(resource, name, kind, form, base + start, base + end, places),
    );
    yield;
  }
  return storedEntries(definitions, occurrences.done());
}

/**
 * The entries of a file read from disk. Made here, not in `readingEntries`: closures made there would
 * keep all its variables alive with them (the file's line starts, 13 KB a file).
 */
function storedEntries(definitions: readonly StoredDefinition[], occurrences: StoredOccurrences): IndexEntries {
  return {
    // The definitions' strings are copies already: their types are shared.
    defined: definitions.map(({ kind, name, type, flink }) => ({ name: ownCopy(resourceKey(kind, name)), type: flink ? undefined : type })),
    definitions,
    get occurrences() {
      return occurrences.all();
    },
    occurrencesNamed: (resource, name) => occurrences.named(resource, name),
  };
}

/**
 * Line and character of offsets in a text, for offsets asked in any order: the line starts, found
 * once, then a binary search. Lines end as in `TextDocument` (`\n`, `\r\n` or `\r`).
 */
class Places {
  /** Where each line but the first starts. */
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.lineStarts = lineBreaks(text, 0, text.length, 0);
  }

  /** The line of `offset`: how many lines start at or before it, after the first. */
  lineOf(offset: number): number {
    return firstAtLeast(this.lineStarts, offset + 1);
  }

  /** The character of `offset` on `line`. */
  characterOf(offset: number, line: number): number {
    return line === 0 ? offset : offset - this.lineStarts[line - 1]!;
  }
}

const ownOptional = (value: string | undefined): string | undefined => (value === undefined ? undefined : ownCopy(value));

/**
 * A definition as the index keeps it for a file on disk: a copy of its own of every string (a name
 * sliced from a file's text keeps the whole text alive, and the index holds the entries of every file
 * in the workspace), its place in numbers; its span and range are made when read.
 */
class StoredDefinition implements IndexedDefinition {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly qualifiedName: string;
  readonly type: string | undefined;
  readonly endpoint: string | undefined;
  readonly comment: string | undefined;
  readonly flink?: boolean;
  readonly connection?: string;
  readonly model?: string;
  readonly uses?: readonly string[];
  readonly uri: string;
  private readonly start: number;
  private readonly end: number;
  private readonly line: number;
  private readonly startCharacter: number;
  private readonly endLine: number;
  private readonly endCharacter: number;

  constructor(definition: ConnectionDefinition, uri: string, base: number, places: Places) {
    const { kind, name, qualifiedName, type, endpoint, comment, flink, connection, model, uses, nameSpan } = definition;
    this.kind = kind;
    this.name = ownCopy(name);
    this.qualifiedName = qualifiedName === name ? this.name : ownCopy(qualifiedName);
    this.type = ownOptional(type);
    this.endpoint = ownOptional(endpoint);
    this.comment = ownOptional(comment);
    if (flink !== undefined) this.flink = flink;
    if (connection !== undefined) this.connection = ownCopy(connection);
    if (model !== undefined) this.model = ownCopy(model);
    if (uses !== undefined) this.uses = uses.map(ownCopy);
    this.uri = uri;
    this.start = base + nameSpan.start;
    this.end = base + nameSpan.end;
    this.line = places.lineOf(this.start);
    this.startCharacter = places.characterOf(this.start, this.line);
    this.endLine = places.lineOf(this.end);
    this.endCharacter = places.characterOf(this.end, this.endLine);
  }

  get nameSpan(): Span {
    return { start: this.start, end: this.end };
  }

  get nameRange(): Range {
    return { start: { line: this.line, character: this.startCharacter }, end: { line: this.endLine, character: this.endCharacter } };
  }
}

/** Every value of `T`, in a fixed order (a value of `T` left out does not compile): an occurrence keeps their indexes. */
const everyValue = <T extends string>() => <const L extends readonly T[]>(values: L & ([Exclude<T, L[number]>] extends [never] ? unknown : never)): readonly T[] => values;
const RESOURCES = everyValue<ResourceKind>()(['connection', 'model', 'tool', 'agent']);
const KINDS = everyValue<ConnectionOccurrence['kind']>()(['definition', 'option', 'using-connection', 'using-connections', 'using', 'agent-change', 'argument', 'manage']);
const FORMS = everyValue<NameForm>()(['plain', 'backticked', 'string', 'in-backticks']);
/** Numbers kept per occurrence: resource, kind and form in one, start, end, then the range's lines and characters. */
const FIELDS = 7;

/**
 * The occurrences of a file on disk, packed: the name of each (one copy per distinct name in the file)
 * and seven numbers. A workspace holds a hundred thousand occurrences and most are never asked for;
 * those asked for (`named`, `all`) are made then.
 */
class StoredOccurrences {
  private names: string[] = [];
  private numbers: number[] | Int32Array = [];
  private readonly ownNames = new Map<string, string>();

  constructor(private readonly uri: string) {}

  add(resource: ResourceKind, name: string, kind: ConnectionOccurrence['kind'], form: NameForm, start: number, end: number, places: Places): void {
    let own = this.ownNames.get(name);
    if (own === undefined) this.ownNames.set((own = ownCopy(name)), own);
    this.names.push(own);
    const startLine = places.lineOf(start);
    const endLine = places.lineOf(end);
    const code = RESOURCES.indexOf(resource) | (KINDS.indexOf(kind) << 4) | (FORMS.indexOf(form) << 8);
    (this.numbers as number[]).push(code, start, end, startLine, places.characterOf(start, startLine), endLine, places.characterOf(end, endLine));
  }

  /** Packs the numbers once every occurrence is added; the map of names is no longer needed. */
  private packed(): Int32Array {
    if (Array.isArray(this.numbers)) {
      this.numbers = Int32Array.from(this.numbers);
      this.ownNames.clear();
    }
    return this.numbers;
  }

  /** Every occurrence, in order. */
  all(): ConnectionOccurrence[] {
    return this.names.map((_, i) => this.at(i));
  }

  /** The occurrences of the `resource` named `name`, in order. */
  named(resource: ResourceKind, name: string): ConnectionOccurrence[] {
    const found: ConnectionOccurrence[] = [];
    const numbers = this.packed();
    const code = RESOURCES.indexOf(resource);
    for (let i = 0; i < this.names.length; i++) if (this.names[i] === name && (numbers[i * FIELDS]! & 0xf) === code) found.push(this.at(i));
    return found;
  }

  private at(i: number): ConnectionOccurrence {
    const n = this.packed();
    const o = i * FIELDS;
    const code = n[o]!;
    return {
      uri: this.uri,
      resource: RESOURCES[code & 0xf]!,
      name: this.names[i]!,
      kind: KINDS[(code >> 4) & 0xf]!,
      form: FORMS[(code >> 8) & 0xf]!,
      span: { start: n[o + 1]!, end: n[o + 2]! },
      range: { start: { line: n[o + 3]!, character: n[o + 4]! }, end: { line: n[o + 5]!, character: n[o + 6]! } },
    };
  }

  /** Called once the file's occurrences are all added. */
  done(): this {
    this.packed();
    return this;
  }
}

/** One document's entries, with its definitions by key (`resourceKey`) once another document has asked for one. */
interface Stored {
  readonly entries: IndexEntries;
  definitionsByKey?: Map<string, IndexedDefinition[]>;
  /**
   * How many definitions of each key the document holds, once a lookup has asked. An edit updates it
   * from what the edit removed and added (`editedNames`), so a keystroke never walks the whole document.
   */
  definedCounts?: Map<string, number>;
}

/** How many of `defined` there are of each key. */
function countByKey(defined: readonly NamedType[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { name } of defined) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/** `items` grouped by key (`resourceKey`), each group in order. */
function groupByKey<T extends { readonly name: string }>(items: Iterable<T>, kindOf: (item: T) => ResourceKind): Map<string, T[]> {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const key = resourceKey(kindOf(item), item.name);
    const list = byKey.get(key);
    if (list) list.push(item);
    else byKey.set(key, [item]);
  }
  return byKey;
}

export class ConnectionIndex {
  private readonly byUri = new Map<string, Stored>();
  /**
   * The documents that define each name, in the order of `byUri`. It depends on names only, so it is
   * rebuilt (on the first lookup) only after a change of names or types, not after every keystroke.
   */
  private urisByKey: Map<string, string[]> | undefined;
  /** How many times names or types have changed, in all documents and in each. */
  private changes = 0;
  private readonly changesOf = new Map<string, number>();

  /**
   * Records what a document defines and names (`entriesIn(…)` / `entriesInText(…)`). Returns true
   * when names or types changed, which is when other documents' diagnostics may change.
   */
  set(uri: string, next: IndexEntries): boolean {
    const before = this.byUri.get(uri);
    const stored: Stored = { entries: next };
    this.byUri.set(uri, stored);
    // Read from the edit between the two parses when there is one (statementFacts' `editedNames`).
    const edited = before?.entries.parsed && next.parsed && editedNames(next.parsed, before.entries.parsed);
    if (!edited) {
      let changed = false;
      if (sameNamedTypes(before?.entries.defined ?? [], next.defined)) {
        stored.definedCounts = before?.definedCounts;
      } else if (!this.urisByKey) {
        changed = this.definitionsChanged(uri, true, undefined);
      } else {
        // A file read from disk, or a document's whole new text: the keys it began or ceased to define
        // are told apart by their counts before and after, when the documents-by-name map is there to update.
        const was = before ? this.definedCountsOf(before) : new Map<string, number>();
        const now = this.definedCountsOf(stored);
        const moved = [...now.keys()].filter((key) => !was.has(key));
        for (const key of was.keys()) if (!now.has(key)) moved.push(key);
        changed = this.definitionsChanged(uri, true, moved, before === undefined);
      }
      // An open document's counts are made now, from the definitions just read, so that its edits
      // update them: made on the first lookup after an edit, they took a walk over its whole new parse
      // (28 ms for 10,000 statements, on the first `;` deleted after opening).
      if (next.parsed) this.definedCountsOf(stored);
      return changed;
    }
    const counts = before!.definedCounts;
    if (edited.sameDefinitions || !counts) {
      stored.definedCounts = counts;
      return this.definitionsChanged(uri, !edited.sameDefinitions, undefined);
    }
    // The counts move to the new entry, updated by what the edit removed and added; the keys whose
    // documents changed (defined here before and not now, or the other way) are the only ones to update.
    const keys = new Set([...edited.removed.definitions, ...edited.added.definitions].map((d) => d.name));
    const had = new Map([...keys].map((key) => [key, counts.has(key)]));
    for (const { name } of edited.removed.definitions) addCount(counts, name, -1);
    for (const { name } of edited.added.definitions) addCount(counts, name, 1);
    stored.definedCounts = counts;
    return this.definitionsChanged(uri, true, [...keys].filter((key) => had.get(key) !== counts.has(key)));
  }

  /** Forgets a document. Returns true when it defined anything. */
  delete(uri: string): boolean {
    const before = this.byUri.get(uri);
    this.byUri.delete(uri);
    const changed = this.definitionsChanged(uri, (before?.entries.defined.length ?? 0) > 0, before && this.urisByKey ? [...this.definedCountsOf(before).keys()] : undefined);
    // Only lookups for other documents count the change now; a new entry for `uri` starts afresh.
    this.changesOf.delete(uri);
    return changed;
  }

  /**
   * Counts a change of names or types in `uri`. `keysMoved` lists the keys that `uri` began or ceased
   * to define, when they are known: only their lists of documents change (`uri` added or taken out;
   * `appended`: `uri` is new, last in `byUri`, so it goes last); otherwise the lists are rebuilt on
   * the next lookup. Reading a workspace thus never makes a lookup walk every file's definitions.
   */
  private definitionsChanged(uri: string, changed: boolean, keysMoved: readonly string[] | undefined, appended = false): boolean {
    if (changed) {
      this.changes++;
      this.changesOf.set(uri, (this.changesOf.get(uri) ?? 0) + 1);
      if (keysMoved && this.urisByKey) {
        const stored = this.byUri.get(uri);
        const counts = stored && this.definedCountsOf(stored);
        for (const key of keysMoved) {
          const uris = this.urisByKey.get(key);
          if (appended && counts?.has(key)) {
            if (uris) uris.push(uri);
            else this.urisByKey.set(key, [uri]);
            continue;
          }
          const next = !counts?.has(key)
            ? (uris ?? []).filter((u) => u !== uri)
            : [...this.byUri].filter(([, other]) => this.definedCountsOf(other).has(key)).map(([u]) => u);
          if (next.length > 0) this.urisByKey.set(key, next);
          else this.urisByKey.delete(key);
        }
      } else this.urisByKey = undefined;
    }
    return changed;
  }

  private definedCountsOf(stored: Stored): Map<string, number> {
    return (stored.definedCounts ??= countByKey(stored.entries.defined));
  }

  /** Definitions of the `kind` named `name` in every document but `exceptUri`. */
  find(name: string, exceptUri?: string, kind: ResourceKind = 'connection'): IndexedDefinition[] {
    return this.findKey(resourceKey(kind, name), exceptUri);
  }

  /** Definitions by key (`resourceKey`) in every document but `exceptUri`. */
  private findKey(key: string, exceptUri?: string): IndexedDefinition[] {
    if (!this.urisByKey) {
      this.urisByKey = new Map();
      for (const [uri, stored] of this.byUri) {
        for (const key of this.definedCountsOf(stored).keys()) {
          const uris = this.urisByKey.get(key);
          if (!uris) this.urisByKey.set(key, [uri]);
          else uris.push(uri);
        }
      }
    }
    const found: IndexedDefinition[] = [];
    for (const uri of this.urisByKey.get(key) ?? []) {
      if (uri !== exceptUri) found.push(...this.definitionsByKey(this.byUri.get(uri)!).get(key)!);
    }
    return found;
  }

  private definitionsByKey(stored: Stored): Map<string, IndexedDefinition[]> {
    return (stored.definitionsByKey ??= groupByKey(stored.entries.definitions, (d) => d.kind));
  }

  /** Every place that names the `resource` named `name` (definitions included) in every document but `exceptUri`. */
  occurrences(name: string, exceptUri?: string, resource: ResourceKind = 'connection'): ConnectionOccurrence[] {
    const found: ConnectionOccurrence[] = [];
    for (const [uri, stored] of this.byUri) if (uri !== exceptUri) found.push(...stored.entries.occurrencesNamed(resource, name));
    return found;
  }

  /** Every definition (of `kind`, when given), for completion and workspace symbols. */
  all(kind?: ResourceKind): IndexedDefinition[] {
    const every = [...this.byUri.values()].flatMap((stored) => stored.entries.definitions);
    return kind === undefined ? every : every.filter((d) => d.kind === kind);
  }

  /**
   * The lookup the analysis of `uri` uses: every other document's definitions. Its version counts
   * the changes of names and types in the other documents only, so that an edit of `uri`'s own
   * definitions does not make its analysis start over.
   */
  lookupFor(uri: string): ConnectionLookup {
    return { find: (key) => this.findKey(key, uri), version: this.changes - (this.changesOf.get(uri) ?? 0) };
  }
}
