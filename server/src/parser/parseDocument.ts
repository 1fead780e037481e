/**
 * Parses a whole document: split into statements, then each statement parsed on its own.
 *
 * Parsing is incremental. Given the previous parse of the same document and the edit between the two
 * texts, only the statements the edit reaches are split and parsed again (incrementalSplit.ts); the
 * statements before them are the previous parse's own objects, and the ones after are the same
 * statements, moved. Without the edit, the whole text is split and a statement whose text is unchanged
 * reuses its previous parse, wherever it now stands. Either way nothing is kept from older versions.
 */
import type { Statement } from './ast';
import { ownCopy, splitStatements, type LexicalError, type SplitResult, type StatementSlice } from './lexer';
import { lengthDelta, resplit, shiftSlice, type TextChange } from './incrementalSplit';
import { parseStatement, type ParsedStatement, type SyntaxError } from './parseStatement';

export type { TextChange } from './incrementalSplit';

export interface DocumentStatement {
  /** Where the statement stands; `slice.start` is the base of every offset in `statement` and `error`. */
  readonly slice: StatementSlice;
  /** The statement's text (without its `;`). */
  readonly text: string;
  /** The tree, when the statement parsed. */
  readonly statement: Statement | undefined;
  /** Why it did not parse, relative to `slice.start`. */
  readonly error: SyntaxError | undefined;
}

export interface ParsedDocument {
  readonly statements: readonly DocumentStatement[];
  /** Unterminated strings, identifiers and comments (absolute offsets). */
  readonly lexicalErrors: readonly LexicalError[];
  /** Block comments (absolute offsets), for folding. */
  readonly blockComments: SplitResult['blockComments'];
  /** The length of the text parsed, to check that an edit fits it. */
  readonly textLength: number;
}

const FAILED: ParsedStatement = { error: { offset: 0, message: 'This statement could not be analysed.' } };

function parseSafely(text: string, firstWord: string): ParsedStatement {
  try {
    return parseStatement(text, firstWord);
  } catch {
    // The grammar does not throw on any input we know of; if it ever does, the statement is reported
    // as unanalysable and every other statement is still analysed.
    return FAILED;
  }
}

/**
 * Parses `text`. With `previous`, the same document's last parse, statements whose text is unchanged
 * keep their trees; with `change` too, the edit that turned `previous`'s text into `text`, only the
 * statements the edit reaches are looked at.
 */
export function parseDocument(text: string, previous?: ParsedDocument, change?: TextChange): ParsedDocument {
  if (previous && change && fits(previous, change, text)) return reparse(text, previous, change);
  const { statements: slices, errors, blockComments } = splitStatements(text);
  // Parses by text: the previous version's, then this one's as they come (large files repeat statements).
  const byText = new Map(previous?.statements.map((s) => [s.text, s]));
  const lexicallyBroken = brokenBy(errors);
  const statements = slices.map((slice) => {
    // With an older version around, new statements get their own copy of their text, so that the
    // parse never keeps the texts of several versions alive.
    const statement = documentStatement(text, slice, lexicallyBroken(slice), byText, previous !== undefined);
    byText.set(statement.text, statement);
    return statement;
  });
  return { statements, lexicalErrors: errors, blockComments, textLength: text.length };
}

/** Whether `change` can have turned the text of `previous` into `text`. */
function fits(previous: ParsedDocument, change: TextChange, text: string): boolean {
  return (
    change.start >= 0 &&
    change.start <= change.end &&
    change.end <= previous.textLength &&
    previous.textLength + lengthDelta(change) === text.length
  );
}

function reparse(text: string, previous: ParsedDocument, change: TextChange): ParsedDocument {
  const old = previous.statements;
  const split = resplit(
    text,
    { count: old.length, slice: (i) => old[i]!.slice, errors: previous.lexicalErrors, blockComments: previous.blockComments },
    change,
  );
  // The statements the edit replaced, by text: a `;` deleted and typed again brings its statements back.
  const replaced = new Map<string, DocumentStatement>();
  for (let i = split.first; i < split.resume; i++) replaced.set(old[i]!.text, old[i]!);
  const lexicallyBroken = brokenBy(split.errors);
  const statements = old.slice(0, split.first);
  for (const slice of split.statements) statements.push(documentStatement(text, slice, lexicallyBroken(slice), replaced, true));
  const { delta } = split;
  for (let i = split.resume; i < old.length; i++) {
    const moved = old[i]!;
    statements.push(delta === 0 ? moved : { ...moved, slice: shiftSlice(moved.slice, delta) });
  }
  return { statements, lexicalErrors: split.errors, blockComments: split.blockComments, textLength: text.length };
}

/**
 * Whether a slice holds an unterminated string, identifier or hint, for slices asked in document
 * order: such a statement is reported once, by its lexical error, and not parsed.
 */
function brokenBy(errors: readonly LexicalError[]): (slice: StatementSlice) => boolean {
  let index = 0;
  return (slice) => {
    while (index < errors.length && errors[index]!.start < slice.start) index++;
    return index < errors.length && errors[index]!.start < slice.end;
  };
}

function documentStatement(
  text: string,
  slice: StatementSlice,
  lexicallyBroken: boolean,
  byText: ReadonlyMap<string, DocumentStatement>,
  copyText: boolean,
): DocumentStatement {
  const sliced = text.slice(slice.start, slice.end);
  const known = byText.get(sliced);
  const statementText = known ? known.text : copyText ? ownCopy(sliced) : sliced;
  if (lexicallyBroken) return { slice, text: statementText, statement: undefined, error: undefined };
  // A statement that was lexically broken before has no parse to reuse.
  const parsed = known && (known.statement || known.error) ? known : parseSafely(statementText, slice.firstWord);
  return { slice, text: statementText, statement: parsed.statement, error: parsed.error };
}
