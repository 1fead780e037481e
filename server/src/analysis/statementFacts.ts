/**
 * What one statement tells about connections, worked out once per tree. An edit re-parses only the
 * statements it touched and every other statement keeps its tree (parseDocument.ts), so these facts
 * are remembered across edits, for as long as the tree lives. Offsets are relative to the statement.
 */
import type { Statement } from '../parser/ast';
import type { ParsedDocument } from '../parser/parseDocument';
import { definitionOf, referencesOf, type ConnectionDefinition, type ConnectionReference } from './connectionReferences';

const definitions = new WeakMap<Statement, ConnectionDefinition>();
const references = new WeakMap<Statement, readonly ConnectionReference[]>();
const NONE: readonly ConnectionReference[] = [];

/** The connection a CREATE CONNECTION statement defines (`definitionOf`), remembered. */
export function definitionIn(statement: Statement): ConnectionDefinition | undefined {
  if (statement.kind !== 'createConnection') return undefined;
  let definition = definitions.get(statement);
  if (!definition) definitions.set(statement, (definition = definitionOf(statement)!));
  return definition;
}

/** Every place the statement names a connection (`referencesOf`), remembered. */
export function referencesIn(statement: Statement): readonly ConnectionReference[] {
  // Most statements of a large file are of no kind the grammar knows: they need no entry at all.
  if (statement.kind === 'other') return NONE;
  let found = references.get(statement);
  if (!found) references.set(statement, (found = referencesOf(statement)));
  return found;
}

/** The next statement from `from` on (up to `to`) that defines a connection, or `to`. */
function nextDefinition(parsed: ParsedDocument, from: number, to: number): number {
  let i = from;
  for (; i < to; i++) {
    const { statement } = parsed.statementAt(i);
    if (statement && definitionIn(statement)) break;
  }
  return i;
}

/**
 * Whether `parsed`, made by an edit of `previous` (`parsed.edit`), defines the same connections as
 * `previous`: the same names with the same types, in the same order, which is all that the analysis
 * of other statements and other documents reads of them. Compares only the statements the edit
 * replaced with the ones it brought. Undefined when `parsed` was not made from `previous`.
 */
export function sameDefinitionsAfterEdit(previous: ParsedDocument, parsed: ParsedDocument): boolean | undefined {
  const edit = parsed.edit;
  if (!edit || edit.previous.deref() !== previous) return undefined;
  const afterEnd = edit.first + edit.added;
  let i = nextDefinition(previous, edit.first, edit.resume);
  let j = nextDefinition(parsed, edit.first, afterEnd);
  while (i < edit.resume && j < afterEnd) {
    const a = definitionIn(previous.statementAt(i).statement!)!;
    const b = definitionIn(parsed.statementAt(j).statement!)!;
    if (a.name !== b.name || a.type !== b.type) return false;
    i = nextDefinition(previous, i + 1, edit.resume);
    j = nextDefinition(parsed, j + 1, afterEnd);
  }
  return i === edit.resume && j === afterEnd;
}
