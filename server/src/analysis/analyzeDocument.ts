/**
 * Every problem in a parsed document, in document offsets.
 *
 * A statement's own problems (syntax, CREATE CONNECTION rules), its definition and its references
 * depend on its text alone and are remembered per parsed statement. Problems that depend on other
 * statements or files (ALTER against the connection's type, references to unknown connections) are
 * map lookups. After an edit, `analyzeEdit` checks only the statements the edit re-parsed, and those
 * that use a name whose definition it changed, and moves the problems of the others; after a change
 * elsewhere every statement is checked again, which is one pass of lookups.
 */
import type { LexicalErrorKind } from '../parser/splitStatements';
import type { DocumentStatement, ParsedDocument } from '../parser/parseDocument';
import type { Statement } from '../parser/ast';
import { builtInCatalogue, type Catalogue } from '../catalogue/catalogue';
import { checkAlterConnection, checkCreateConnection } from './checkConnectionOptions';
import { checkSetting } from './checkSettings';
import { checkAlterOptions, checkUsingStatement, connectionTypeMismatch } from './checkOptionSets';
import { statementSecrets } from './secretRanges';
import type { ConnectionDefinition } from './connectionReferences';
import { shiftProblem, type Problem } from './problem';
import { addCount, alteredKey, dependsOnDefinition, editedNames, groupByName, nameFactsOfParse, namesUsedIn, referencesIn, usesAny, type EditedNames, type NamedType, type NameFacts } from './statementFacts';

/** What the analysis needs to know about connections defined elsewhere (other documents, the workspace). */
export interface ConnectionLookup {
  /**
   * Definitions by key (`resourceKey`: a connection's own name, or a model's, tool's or agent's kind
   * and name), from outside the document being analysed.
   */
  find(key: string): readonly Pick<ConnectionDefinition, 'type' | 'flink'>[];
  /**
   * Changes whenever a name's definitions, or their types, may have changed. An analysis is reused
   * only under the same version; a lookup without one is never trusted to stay the same.
   */
  readonly version?: number;
}

export const noConnections: ConnectionLookup = { find: () => [], version: 0 };

const LEXICAL_MESSAGES: Record<LexicalErrorKind, string> = {
  'unterminated-string': "This string is not closed: add the closing ' (write '' for a quote inside it).",
  'unterminated-identifier': 'This quoted name is not closed: add the closing backtick.',
  'unterminated-comment': 'This comment is not closed: add */.',
};

/** The own problems of each statement, under each catalogue. */
const ownProblemsCache = new WeakMap<Catalogue, WeakMap<Statement, readonly Problem[]>>();

/** Problems of a statement (whose text is `text`) that depend on nothing but its text (and the catalogue). */
function ownProblems(statement: Statement, text: string, catalogue: Catalogue): readonly Problem[] {
  let cache = ownProblemsCache.get(catalogue);
  if (!cache) ownProblemsCache.set(catalogue, (cache = new WeakMap()));
  let problems = cache.get(statement);
  if (!problems) {
    switch (statement.kind) {
      case 'createConnection':
        problems = checkCreateConnection(statement, catalogue);
        break;
      case 'set':
      case 'reset':
        problems = checkSetting(statement, text, catalogue);
        break;
      case 'alterModel':
      case 'alterTool':
        // Checked against the provider or tool type of its CREATE: `checkStatement`.
        problems = [];
        break;
      case 'alterAgent':
        problems = checkAlterOptions(statement, undefined, catalogue);
        break;
      default:
        problems = checkUsingStatement(statement, catalogue) ?? [];
    }
    cache.set(statement, problems);
  }
  return problems;
}

export interface AnalysisOptions {
  /**
   * False for documents that may be another SQL dialect (VS Code's `sql` language): there, a
   * statement that fails to parse, or holds an unclosed string or quoted name, is reported only when
   * it is Flink SQL for sure (`isFlinkSqlForSure`), so that a PostgreSQL `SET search_path = x`,
   * `WITH (fillfactor = 70)` or `E'it\'s'` is left alone.
   */
  readonly flinkOnly: boolean;
  /** What the statements are checked against: the built-in catalogue when not given (flinksql.json may add to it). */
  readonly catalogue?: Catalogue;
}

/** A CONNECTION statement's head: these statements exist in Flink SQL only. */
const CONNECTION_STATEMENT_HEAD =
  /^(?:create\s+(?:or\s+replace\s+)?(?:temporary\s+(?:system\s+)?)?connection|(?:alter|describe|desc)\s+connection|drop\s+(?:temporary\s+(?:system\s+)?)?connection|show\s+(?:create\s+connection|connections))\b/i;

/** Where a statement names a connection: `USING CONNECTION(S)`, or a `'….connection' =` option. */
const NAMES_A_CONNECTION = /\busing\s+connections?\b|\.connection'\s*=/i;

/**
 * Whether a statement, by its text, is Flink SQL whatever the document's language: a CONNECTION
 * statement, one that names a connection, or one that holds a secret. In a document of VS Code's
 * `sql` language these report what they report in a Flink SQL document, as the checker does.
 */
function isFlinkSqlForSure(text: string): boolean {
  return CONNECTION_STATEMENT_HEAD.test(text) || NAMES_A_CONNECTION.test(text) || statementSecrets(text, 0).length > 0;
}

/** The statement of `parsed` whose slice holds `offset`, if any. */
function statementHolding(parsed: ParsedDocument, offset: number): DocumentStatement | undefined {
  let low = 0;
  let high = parsed.statementCount - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const statement = parsed.statementAt(middle);
    if (offset < statement.slice.start) high = middle - 1;
    else if (offset >= statement.slice.end) low = middle + 1;
    else return statement;
  }
  return undefined;
}

/** Every problem of `parsed`; `lookup` answers for connections defined outside it. */
export function analyzeDocument(
  parsed: ParsedDocument,
  lookup: ConnectionLookup = noConnections,
  options: AnalysisOptions = { flinkOnly: true },
): Problem[] {
  return [...analyzeEdit(parsed, lookup, options).problems];
}

/** An analysis, which the analysis of the document's next parse can start from (`analyzeEdit`). */
export interface DocumentAnalysis {
  readonly parsed: ParsedDocument;
  /** Every problem, in document offsets: the lexical ones, then statement by statement in order. */
  readonly problems: readonly Problem[];
  /** What it was made under. */
  readonly lookupVersion: number | undefined;
  readonly options: AnalysisOptions;
  /** What the statements say about connection names. */
  readonly names: NameUses;
  /** The problems of the statements, statement by statement in order (without the lexical ones). */
  readonly statementProblems: readonly Problem[];
}

/** What the statements of a document say about connection names (`NameFacts`), with the definitions by name, each name's in document order. */
export type NameUses = Omit<NameFacts, 'definitions'> & { readonly definitions: ReadonlyMap<string, readonly NamedType[]> };

/**
 * The analysis of `parsed`: `previous` itself when that analysed `parsed` under the same lookup version
 * and options. When `previous` analysed the parse that `parsed` was made from by an edit (`parsed.edit`),
 * only the statements the edit re-parsed are checked and the other statements' problems are moved;
 * when the edit changed whether a name is defined, or its type, the statements outside the edit that
 * use that name are checked too.
 */
export function analyzeEdit(
  parsed: ParsedDocument,
  lookup: ConnectionLookup = noConnections,
  options: AnalysisOptions = { flinkOnly: true },
  previous?: DocumentAnalysis,
): DocumentAnalysis {
  const sameTerms =
    previous !== undefined && lookup.version !== undefined && previous.lookupVersion === lookup.version && previous.options.flinkOnly === options.flinkOnly && previous.options.catalogue === options.catalogue;
  if (sameTerms && previous.parsed === parsed) return previous;
  // Other dialects have other quoting rules (PostgreSQL's E'\'' and $$ … $$), so only Flink SQL
  // documents hear about every unclosed string and comment; other documents about an unclosed string
  // or quoted name in a statement that is Flink SQL for sure.
  const problems: Problem[] = [];
  for (const error of parsed.lexicalErrors) {
    if (!options.flinkOnly) {
      const statement = error.kind === 'unterminated-comment' ? undefined : statementHolding(parsed, error.start);
      if (!statement || !isFlinkSqlForSure(statement.text)) continue;
    }
    problems.push({ code: 'syntax-error', span: { start: error.start, end: error.end }, message: LEXICAL_MESSAGES[error.kind], data: {} });
  }
  const nameEdit = sameTerms ? editedNames(parsed, previous.parsed) : undefined;
  const update = nameEdit && nameUsesAfter(previous!.names, nameEdit, lookup);
  const names = update?.names ?? nameUsesOf(parsed);
  const find = (name: string): readonly Pick<ConnectionDefinition, 'type' | 'flink'>[] => names.definitions.get(name) ?? lookup.find(name);

  const statementProblems: Problem[] = [];
  if (update) {
    // The previous problems are kept, moved, but for those of the statements the edit replaced and
    // of the statements outside it that use a name whose definitions changed: those are checked
    // again. Every problem lies inside its statement, and statements do not overlap.
    const { first, added: count, resume, delta } = parsed.edit!;
    const before = previous!.parsed;
    const startOf = (index: number) => (index < before.statementCount ? before.statementAt(index).slice.start : Infinity);
    const resumeStart = startOf(resume);
    const old = previous!.statementProblems;
    let j = 0;
    /** Keeps the previous problems before `offset` (in the previous text's offsets). */
    const keepUntil = (offset: number) => {
      for (; j < old.length && old[j]!.span.start < offset; j++) {
        statementProblems.push(old[j]!.span.start < resumeStart || delta === 0 ? old[j]! : shiftProblem(old[j]!, delta));
      }
    };
    /** Drops the previous problems up to `offset` (included). */
    const dropUntil = (offset: number) => {
      while (j < old.length && old[j]!.span.start <= offset) j++;
    };
    const checkEdited = () => {
      keepUntil(startOf(first));
      dropUntil(resumeStart - 1);
      for (let index = first; index < first + count; index++) checkStatement(parsed.statementAt(index), find, options, statementProblems);
    };
    const checkAgain = (index: number) => {
      const statement = parsed.statementAt(index);
      const moved = index < first ? 0 : delta;
      keepUntil(statement.slice.start - moved);
      dropUntil(statement.slice.end - moved);
      checkStatement(statement, find, options, statementProblems);
    };
    const again: number[] = [];
    if (update.changed.size > 0) {
      // Only the chunks of statements that use one of the names are looked through.
      parsed.forEachChunk((chunk, chunkStart) => {
        if (!includesAny(namesUsedIn(chunk), update.changed)) return;
        for (let j = 0; j < chunk.length; j++) {
          const index = chunkStart + j;
          const statement = chunk[j]!.statement;
          if ((index < first || index >= first + count) && statement && usesAny(statement, update.changed)) again.push(index);
        }
      });
    }
    let edited = false;
    for (const index of again) {
      if (!edited && index >= first) {
        checkEdited();
        edited = true;
      }
      checkAgain(index);
    }
    if (!edited) checkEdited();
    keepUntil(Infinity);
  } else {
    for (const statement of parsed.statements) checkStatement(statement, find, options, statementProblems);
  }
  for (const problem of statementProblems) problems.push(problem);
  return { parsed, problems, lookupVersion: lookup.version, options, names, statementProblems };
}

/** Whether `set` holds any of `names`. */
function includesAny(set: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
  for (const name of names) if (set.has(name)) return true;
  return false;
}


/** What all of `parsed`'s statements say about names. */
function nameUsesOf(parsed: ParsedDocument): NameUses {
  const { definitions, referrers, alterers } = nameFactsOfParse(parsed);
  return { definitions: groupByName(definitions), referrers, alterers };
}

/** How a list of definitions answers the analysis: whether there is one, and the type of the first typed one. */
function resolution(definitions: readonly Pick<ConnectionDefinition, 'type' | 'flink'>[]): { defined: boolean; type: string | undefined } {
  return { defined: definitions.length > 0, type: definitions.find((d) => d.type !== undefined && !d.flink)?.type };
}

/** `counts` after an edit that took away `removed` and brought `added`; the same map when the edit changed no count. */
function countsAfter(counts: ReadonlyMap<string, number>, added: ReadonlyMap<string, number>, removed: ReadonlyMap<string, number>): ReadonlyMap<string, number> {
  const change = new Map(added);
  for (const [name, n] of removed) addCount(change, name, -n);
  if (change.size === 0) return counts;
  const next = new Map(counts);
  for (const [name, n] of change) addCount(next, name, n);
  return next;
}

/**
 * What the statements say about names after an edit (`edited`), and the names whose definitions
 * changed in a way (defined or not, or the type) that a statement outside the edit depends on.
 * Undefined when a name is defined both inside and outside the edit (the order of its definitions
 * would take the whole document to know).
 */
function nameUsesAfter(previous: NameUses, { removed, added, sameDefinitions }: EditedNames, lookup: ConnectionLookup): { names: NameUses; changed: ReadonlySet<string> } | undefined {
  const referrers = countsAfter(previous.referrers, added.referrers, removed.referrers);
  const alterers = countsAfter(previous.alterers, added.alterers, removed.alterers);
  const changed = new Set<string>();
  if (sameDefinitions) return { names: { definitions: previous.definitions, referrers, alterers }, changed };

  const definitions = new Map(previous.definitions);
  const same = (a: NamedType, b: NamedType) => a.name === b.name && a.type === b.type;
  for (const name of new Set([...removed.definitions, ...added.definitions].map((d) => d.name))) {
    // The definitions outside the edit: the name's list without the removed ones, once each. They
    // are told apart by type only: an edit that changed no name or type kept the older objects.
    const before = previous.definitions.get(name) ?? [];
    const kept = [...before];
    for (const definition of removed.definitions) {
      const at = kept.findIndex((d) => same(d, definition));
      if (at >= 0) kept.splice(at, 1);
    }
    const brought = added.definitions.filter((d) => d.name === name);
    if (kept.length > 0 && brought.length > 0) return undefined;
    const after = kept.length > 0 ? kept : brought;
    if (after.length === 0) definitions.delete(name);
    else definitions.set(name, after);
    // As `find` answers: the document's definitions, or else the other documents'.
    const was = resolution(before.length > 0 ? before : lookup.find(name));
    const is = resolution(after.length > 0 ? after : lookup.find(name));
    const outside = (counts: ReadonlyMap<string, number>, inEdit: ReadonlyMap<string, number>) => (counts.get(name) ?? 0) - (inEdit.get(name) ?? 0);
    if (was.defined !== is.defined && outside(referrers, added.referrers) > 0) changed.add(name);
    // ALTERs are checked against the type, and references (`'mongodb.connection' = name`) must name the right one.
    if (was.type !== is.type && (outside(alterers, added.alterers) > 0 || outside(referrers, added.referrers) > 0)) changed.add(name);
  }
  return { names: { definitions, referrers, alterers }, changed };
}

/** The problems of one statement, appended to `problems`. */
function checkStatement(
  { slice, text, statement, error }: DocumentStatement,
  find: (name: string) => readonly Pick<ConnectionDefinition, 'type' | 'flink'>[],
  options: AnalysisOptions,
  problems: Problem[],
): void {
  const base = slice.start;
  if (error) {
    if (!options.flinkOnly && !isFlinkSqlForSure(text)) return;
    const start = base + Math.min(error.offset, text.length);
    // Point at the offending character, or at the statement's last character when it simply ends too early.
    const span = error.offset < text.length ? { start, end: start + 1 } : { start: Math.max(base, start - 1), end: start };
    problems.push({ code: 'syntax-error', span, message: error.message, data: {} });
    return;
  }
  if (!statement || statement.kind === 'other') return;
  // Other dialects have SET statements of their own (PostgreSQL's `SET search_path = app`).
  if (!options.flinkOnly && (statement.kind === 'set' || statement.kind === 'reset')) return;
  const catalogue = options.catalogue ?? builtInCatalogue;
  for (const problem of ownProblems(statement, text, catalogue)) problems.push(shiftProblem(problem, base));
  if (statement.kind === 'alterConnection') {
    const { type } = resolution(find(alteredKey(statement)!));
    for (const problem of checkAlterConnection(statement, type, catalogue)) problems.push(shiftProblem(problem, base));
  } else if (statement.kind === 'alterModel' || statement.kind === 'alterTool') {
    const altered = alteredKey(statement);
    const { type } = altered === undefined ? { type: undefined } : resolution(find(altered));
    for (const problem of checkAlterOptions(statement, type, catalogue)) problems.push(shiftProblem(problem, base));
  }
  for (const reference of referencesIn(statement)) {
    if (!dependsOnDefinition(reference)) continue;
    const definitions = find(reference.name);
    if (definitions.length > 0) {
      const mismatch = connectionTypeMismatch(statement, reference, resolution(definitions).type, catalogue);
      if (mismatch) problems.push(shiftProblem(mismatch, base));
      continue;
    }
    problems.push({
      code: 'unknown-connection',
      span: { start: base + reference.span.start, end: base + reference.span.end },
      message: `No CREATE CONNECTION for '${reference.name}' in the open files or the workspace. It may exist only in Confluent Cloud.`,
      data: { name: reference.name },
    });
  }
}
