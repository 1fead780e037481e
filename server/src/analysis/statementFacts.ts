/**
 * What statements tell about connections. A statement's facts are worked out once per tree: an edit
 * re-parses only the statements it touched and every other statement keeps its tree (parseDocument.ts),
 * so they are remembered across edits, for as long as the tree lives (offsets relative to the
 * statement). An edit's facts — which definitions and uses of names it took away and brought — are
 * worked out once per parse, and read by both the workspace index and the incremental analysis.
 */
import type { Statement } from '../parser/ast';
import { ownCopy } from '../parser/splitStatements';
import type { DocumentStatement, ParsedDocument } from '../parser/parseDocument';
import { definitionOf, lastPart, referencesOf, resourceKey, type ConnectionDefinition, type ConnectionReference } from './connectionReferences';

/** Whether a statement's problems depend on whether the resource it names is defined: a connection's reference, but ALTER, DROP and DESCRIBE. */
export const dependsOnDefinition = (reference: ConnectionReference): boolean => reference.resource === 'connection' && reference.kind !== 'manage';

const definitions = new WeakMap<Statement, ConnectionDefinition>();
const references = new WeakMap<Statement, readonly ConnectionReference[]>();
const NONE: readonly ConnectionReference[] = [];

const DEFINING = new Set<Statement['kind']>(['createConnection', 'createModel', 'createTool', 'createAgent']);

/** The resource a CREATE CONNECTION, MODEL, TOOL or AGENT statement defines (`definitionOf`), remembered. */
export function definitionIn(statement: Statement): ConnectionDefinition | undefined {
  if (!DEFINING.has(statement.kind)) return undefined;
  let definition = definitions.get(statement);
  if (!definition) definitions.set(statement, (definition = definitionOf(statement, referencesIn(statement))!));
  return definition;
}

/** Every place the statement's tree names a resource (`referencesOf`), remembered. */
export function referencesIn(statement: Statement): readonly ConnectionReference[] {
  // Most statements of a large file are of no kind the grammar knows: they need no entry at all.
  if (statement.kind === 'other') return NONE;
  let found = references.get(statement);
  if (!found) references.set(statement, (found = referencesOf(statement)));
  return found;
}

/**
 * The key (`resourceKey`) of what an ALTER checks against the type of its definition: the connection
 * of an ALTER CONNECTION, the model or tool of an ALTER MODEL | TOOL … SET (checked against its
 * provider or tool type). Undefined for other statements.
 */
export function alteredKey(statement: Statement): string | undefined {
  if (statement.kind === 'alterConnection') return lastPart(statement.name);
  if ((statement.kind === 'alterModel' || statement.kind === 'alterTool') && statement.change.action === 'set') {
    return resourceKey(statement.kind === 'alterModel' ? 'model' : 'tool', lastPart(statement.name));
  }
  return undefined;
}

/**
 * What the analysis reads of a definition: its key (`resourceKey`: a connection's name, or a model's,
 * tool's or agent's kind and name) as `name`, and its type.
 */
export type NamedType = Pick<ConnectionDefinition, 'name' | 'type'>;

/**
 * A definition's key and type, as copies of their own: they outlive the statement they were read
 * from. An Apache Flink model has no type here: its ALTERs are not checked against Confluent's providers.
 */
export const ownNamedType = ({ kind, name, type, flink }: Pick<ConnectionDefinition, 'kind' | 'name' | 'type' | 'flink'>): NamedType => ({
  name: ownCopy(resourceKey(kind, name)),
  type: type === undefined || flink ? undefined : ownCopy(type),
});

/** Whether two lists define the same names with the same types, in the same order. */
export const sameNamedTypes = (a: readonly NamedType[], b: readonly NamedType[]): boolean =>
  a.length === b.length && a.every((d, i) => d.name === b[i]!.name && d.type === b[i]!.type);

/** What some statements say about connection names, as copies of their own: they outlive the statements. */
export interface NameFacts {
  /** The resources defined, in order, by key. */
  readonly definitions: readonly NamedType[];
  /** How many statements name each connection (but ALTER, DROP and DESCRIBE): they depend on whether it is defined. */
  readonly referrers: ReadonlyMap<string, number>;
  /** How many ALTERs of each connection, model or tool there are, by key (`alteredKey`): they depend on its type. */
  readonly alterers: ReadonlyMap<string, number>;
}

/** Adds `n` to the count of `name` (a copy of its own when it is new); a count that falls to 0 goes. */
export function addCount(counts: Map<string, number>, name: string, n: number): void {
  const total = (counts.get(name) ?? 0) + n;
  if (total === 0) counts.delete(name);
  else counts.set(counts.has(name) ? name : ownCopy(name), total);
}

const factsByParse = new WeakMap<ParsedDocument, NameFacts>();

/** Counts being made, as `NameFacts` are. */
interface FoundFacts {
  readonly definitions: NamedType[];
  readonly referrers: Map<string, number>;
  readonly alterers: Map<string, number>;
}

const noFacts = (): FoundFacts => ({ definitions: [], referrers: new Map(), alterers: new Map() });

/**
 * Visits each name the problems of `statement` (of a kind the grammar knows) depend on: each
 * connection it names (`dependsOnDefinition`), then what it ALTERs (`alteredKey`), with `alters` set.
 */
function forEachNameUsed(statement: Statement, visit: (name: string, alters: boolean) => void): void {
  for (const reference of referencesIn(statement)) if (dependsOnDefinition(reference)) visit(reference.name, false);
  const altered = alteredKey(statement);
  if (altered !== undefined) visit(altered, true);
}

/** Whether `statement`'s problems depend on the definitions of any of `names`. */
export function usesAny(statement: Statement, names: ReadonlySet<string>): boolean {
  if (statement.kind === 'other') return false;
  let uses = false;
  forEachNameUsed(statement, (name) => {
    uses ||= names.has(name);
  });
  return uses;
}

/** Adds what `statement` says about names to `found`, and the names its problems depend on to `used`. */
function addFacts(found: FoundFacts, statement: Statement, used?: Set<string>): void {
  const definition = definitionIn(statement);
  if (definition) found.definitions.push(ownNamedType(definition));
  forEachNameUsed(statement, (name, alters) => {
    addCount(alters ? found.alterers : found.referrers, name, 1);
    used?.add(name);
  });
}

/** The names the problems of a chunk's statements depend on, by chunk (`namesUsedIn`). */
const namesByChunk = new WeakMap<readonly DocumentStatement[], ReadonlySet<string>>();

/**
 * What every statement of `parsed` says about names, worked out once per parse: the analysis (its
 * definitions by name) and the workspace index (its list of names and types) both read it. The
 * same walk remembers, for each chunk of statements, the names its statements' problems depend on
 * (`namesUsedIn`), so that the first edit after a large document is opened finds the statements
 * that use a name without a walk over all of them while the JIT is still cold.
 */
export function nameFactsOfParse(parsed: ParsedDocument): NameFacts {
  let facts = factsByParse.get(parsed);
  if (!facts) {
    const found = noFacts();
    parsed.forEachChunk((chunk) => {
      const used = namesByChunk.has(chunk) ? undefined : new Set<string>();
      for (const { statement } of chunk) if (statement && statement.kind !== 'other') addFacts(found, statement, used);
      if (used) namesByChunk.set(chunk, used);
    });
    factsByParse.set(parsed, (facts = found));
  }
  return facts;
}

/** What the trees `statements` say about names. */
export function nameFactsOf(statements: Iterable<Statement | undefined>): NameFacts {
  const found = noFacts();
  for (const statement of statements) if (statement && statement.kind !== 'other') addFacts(found, statement);
  return found;
}

/**
 * The names that the problems of a chunk of statements (`ParsedDocument.forEachChunk`) depend on:
 * the connections they name (`dependsOnDefinition`) and what they ALTER (`alteredKey`). Remembered
 * by the chunk, which later parses share while no edit reaches it; a superset of what `usesAny`
 * finds in any one of them, so a chunk without any of some names needs no statement looked at.
 */
export function namesUsedIn(chunk: readonly DocumentStatement[]): ReadonlySet<string> {
  let names = namesByChunk.get(chunk);
  if (!names) {
    const used = new Set<string>();
    for (const { statement } of chunk) if (statement && statement.kind !== 'other') forEachNameUsed(statement, (name) => used.add(name));
    namesByChunk.set(chunk, (names = used));
  }
  return names;
}

/** What an edit changed in what a document says about names. */
export interface EditedNames {
  /** What the statements the edit replaced said. */
  readonly removed: NameFacts;
  /** What the statements the edit brought say. */
  readonly added: NameFacts;
  /** Whether the document defines the same names with the same types, in the same order, as before the edit. */
  readonly sameDefinitions: boolean;
}

const editedByParse = new WeakMap<ParsedDocument, EditedNames>();

/**
 * What the edit that made `parsed` from `previous` (`parsed.edit`) changed in names, read from the
 * statements it replaced and brought only; undefined when `parsed` was not made from `previous`.
 */
export function editedNames(parsed: ParsedDocument, previous: ParsedDocument): EditedNames | undefined {
  const edit = parsed.edit;
  if (!edit || edit.previous.deref() !== previous) return undefined;
  let edited = editedByParse.get(parsed);
  if (!edited) {
    const removed = nameFactsOf(treesIn(previous, edit.first, edit.resume));
    const added = nameFactsOf(treesIn(parsed, edit.first, edit.first + edit.added));
    editedByParse.set(parsed, (edited = { removed, added, sameDefinitions: sameNamedTypes(removed.definitions, added.definitions) }));
  }
  return edited;
}

const treesIn = (parsed: ParsedDocument, from: number, to: number) => Array.from({ length: to - from }, (_, i) => parsed.statementAt(from + i).statement);

/** `items` grouped by name, each group in order. */
export function groupByName<T extends { readonly name: string }>(items: Iterable<T>): Map<string, T[]> {
  const byName = new Map<string, T[]>();
  for (const item of items) {
    const list = byName.get(item.name);
    if (list) list.push(item);
    else byName.set(item.name, [item]);
  }
  return byName;
}
