/**
 * Rename a connection everywhere it is named: its CREATE CONNECTION, ALTER / DROP / DESCRIBE, USING
 * CONNECTION, USING CONNECTIONS and `'….connection'` option values, in every document the index
 * holds; a model, tool or agent likewise: its CREATE, ALTER / DROP / DESCRIBE / SHOW CREATE, USING
 * MODEL / TOOLS / AGENTS, SET MODEL, ADD / REMOVE TOOL and the first argument of ML_PREDICT, AI_RUN_AGENT, …. Only the connection's own (last) name part changes; catalog and database parts stay.
 *
 * Each place gets the new name in its own form: in a string, `'` doubled; in a backticked
 * identifier, backticks doubled; in a plain identifier, the name as is when it can stand unquoted,
 * and in backticks otherwise.
 */
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../parser/parseDocument';
import { occurrencesInStatements, type ConnectionIndex, type ConnectionOccurrence, type NameForm } from '../workspace/connectionIndex';
import { nameAt, type ResourceKind } from './atPosition';
import { occurrencesOf } from './references';
import { textSourceOf } from '../workspace/openDocument';

/**
 * Words that cannot be an unquoted name: this grammar's reserved words and the SQL reserved words
 * of Flink's Calcite parser that a connection name is likely to collide with. A name that is one of
 * these is written in backticks; quoting a word that did not need it is harmless.
 */
const RESERVED_WORDS = new Set(
  `all allocate allow alter and any are array as asymmetric at authorization avg begin between bigint binary bit
  blob boolean both by call called cardinality cascaded case cast ceil ceiling char character check clob close
  collate collect column comment commit condition connect constraint convert corr corresponding count create cross
  cube current cursor cycle date day deallocate dec decimal declare default delete desc describe deterministic
  disallow disconnect distinct double drop dynamic each element else end escape every except exec execute exists
  exp explain extend external extract false fetch filter float floor for foreign free from full function fusion get
  global grant group grouping having hold hour identity if import in indicator inner inout insensitive insert int
  integer intersect intersection interval into is join language large lateral leading left like limit ln local
  localtime localtimestamp lower match max member merge method min minute mod modifies module month multiset
  national natural nchar nclob new next no none normalize not null nullif numeric of offset old on only open or
  order out outer over overlaps overlay parameter partition position power precision prepare primary procedure
  range rank reads real recursive ref references referencing release reset result return returns revoke right
  rollback rollup row rows savepoint scope scroll search second select sensitive session_user set show similar
  smallint some specific specifictype sql sqlexception sqlstate sqlwarning sqrt start static submultiset sum
  symmetric system system_user table tablesample then time timestamp tinyint to trailing translate translation
  treat trigger trim true uescape union unique unknown unnest update upper upsert user using value values
  varbinary varchar varying when whenever where window with within without year`.split(/\s+/),
);

const backticked = (name: string): string => '`' + name.replace(/`/g, '``') + '`';

/** `name` as an identifier: as it is where it can stand unquoted, in backticks otherwise. For completion and rename. */
export function quoteIdentifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) && !RESERVED_WORDS.has(name.toLowerCase()) ? name : backticked(name);
}

/** A rename that cannot be made; its message is for the user. */
export class RenameError extends Error {
  override readonly name = 'RenameError';
}

/**
 * Why `newName` cannot be the new name of a connection (or of the `kind` given), or undefined when it
 * can. A name with `.` is refused because a string that names one (`'openai.connection' = 'env.db.name'`,
 * `ML_PREDICT('db.model', …)`) reads the part after its last `.` as the name, so such a rename would
 * break those references.
 */
export function newNameProblem(newName: string, kind: ResourceKind = 'connection'): string | undefined {
  const noun = `A ${kind} name`;
  if (newName === '') return `Enter a name for the ${kind}.`;
  if (newName.trim() !== newName) return `${noun} cannot start or end with white space.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(newName)) return `${noun} cannot contain a line break or a control character.`;
  if (newName.includes('.')) {
    return `${noun} cannot contain '.': a string that names a ${kind} reads the part after the last '.' as its name.`;
  }
  return undefined;
}

/** `name` as it is written in a place of the given form. */
export function nameAsWritten(name: string, form: NameForm): string {
  if (form === 'string') return name.replace(/'/g, "''");
  if (form === 'in-backticks') return name.replace(/`/g, '``');
  return form === 'plain' ? quoteIdentifier(name) : backticked(name);
}

/**
 * The place at `offset` that names a connection, as a rename edits it: only where the statement's
 * tree names it too, so that a rename never leaves the name under the cursor unchanged.
 */
function placeAt(document: TextDocument, parsed: ParsedDocument, offset: number): ConnectionOccurrence | undefined {
  const at = nameAt(textSourceOf(document), parsed, offset);
  const own = at ? occurrencesInStatements(document.uri, document, [parsed.statementAt(at.statementIndex)]) : [];
  return own.find((o) => o.span.start === at!.span.start && o.resource === at!.kind);
}

/** The range of the name's own characters: without the backticks of a backticked identifier. */
function innerRange(document: TextDocument, occurrence: ConnectionOccurrence): Range {
  if (occurrence.form !== 'backticked') return occurrence.range;
  return { start: document.positionAt(occurrence.span.start + 1), end: document.positionAt(occurrence.span.end - 1) };
}

/**
 * Whether the cursor is on a connection name that can be renamed: the range of the name (inside
 * backticks or quotes) and the name as the rename box should show it. Null elsewhere.
 */
export function prepareRename(
  document: TextDocument,
  parsed: ParsedDocument,
  offset: number,
): { range: Range; placeholder: string } | null {
  const at = placeAt(document, parsed, offset);
  return at ? { range: innerRange(document, at), placeholder: at.name } : null;
}

/**
 * The edits that rename the connection named at `offset` to `newName` in every document, keyed by
 * URI (documents that are not open have no version to pin). Null when the cursor is on no connection
 * name. Throws a `RenameError` when `newNameProblem(newName)` has a problem, for the server to turn
 * into an error response that the editor shows.
 */
export function rename(
  document: TextDocument,
  parsed: ParsedDocument,
  offset: number,
  newName: string,
  index: ConnectionIndex,
): WorkspaceEdit | null {
  const at = placeAt(document, parsed, offset);
  if (!at) return null;
  const problem = newNameProblem(newName, at.resource);
  if (problem) throw new RenameError(problem);
  const changes: { [uri: string]: TextEdit[] } = {};
  for (const occurrence of occurrencesOf(document, parsed, at.name, index, at.resource)) {
    (changes[occurrence.uri] ??= []).push({ range: occurrence.range, newText: nameAsWritten(newName, occurrence.form) });
  }
  return { changes };
}
