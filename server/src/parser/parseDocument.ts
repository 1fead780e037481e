/**
 * Parses a whole document: split into statements, then each statement parsed on its own.
 *
 * Parsing is incremental. Given the previous parse of the same document and the edit between the two
 * texts, only the statements the edit reaches are split and parsed again (incrementalSplit.ts); the
 * statements before them are the previous parse's own objects, and the ones after are the same
 * statements, moved (movedList.ts: the move costs nothing until a moved statement is read). Without
 * the edit, the whole text is split and a statement whose text is unchanged reuses its previous
 * parse, wherever it now stands. Either way nothing is kept from older versions.
 */
import type { Span, Statement } from './ast';
import { ownCopy, splitStatements, type LexicalError, type StatementSlice } from './splitStatements';
import { lengthDelta, resplit, shiftSlice, type TextChange, type TextSource } from './incrementalSplit';
import { MovedList, type Movable } from './movedList';
import { parseStatement, type ParsedStatement, type SyntaxError } from './parseStatement';

export type { TextChange, TextSource } from './incrementalSplit';

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
  /** The statements, in document order. */
  readonly statements: readonly DocumentStatement[];
  /**
   * How many statements there are, and one of them: what the edit path reads, because after an edit
   * `statements` is made on first read (a statement that only moved is made when read).
   */
  readonly statementCount: number;
  statementAt(index: number): DocumentStatement;
  /**
   * Visits the statements chunk by chunk, in order, without making moved statements: their trees and
   * texts, not their offsets. `first` is the index of a chunk's first statement. A chunk's array is
   * the same object in every later parse whose edit did not reach it (`MovedList.forEachChunk`).
   */
  forEachChunk(visit: (statements: readonly DocumentStatement[], first: number) => void): void;
  /** Unterminated strings, identifiers and comments (absolute offsets). */
  readonly lexicalErrors: readonly LexicalError[];
  /** Block comments (absolute offsets), for folding; an unclosed one runs to the end. */
  readonly blockComments: readonly Span[];
  /** The length of the text parsed, to check that an edit fits it. */
  readonly textLength: number;
  /** How this parse was made from an earlier one, when it was made from an edit: for incremental analysis. */
  readonly edit?: StatementEdit;
}

/**
 * How the statements of a parse made from an edit relate to the parse it was made from: the same up
 * to `first`, then `added` new ones, then the earlier parse's from `resume` on, moved by `delta`.
 */
export interface StatementEdit {
  /** The earlier parse, held weakly so that no parse keeps older versions alive. */
  readonly previous: WeakRef<ParsedDocument>;
  readonly first: number;
  readonly added: number;
  readonly resume: number;
  readonly delta: number;
}

const movableStatement: Movable<DocumentStatement> = {
  move: ({ slice, text, statement, error }, delta) => ({ slice: shiftSlice(slice, delta), text, statement, error }),
  start: (statement) => statement.slice.start,
};

const movableSpan = <T extends Span>(): Movable<T> => ({
  move: (span, delta) => ({ ...span, start: span.start + delta, end: span.end + delta }),
  start: (span) => span.start,
});
const movableError = movableSpan<LexicalError>();
const movableComment = movableSpan<Span>();

class Parse implements ParsedDocument {
  constructor(
    readonly statementList: MovedList<DocumentStatement>,
    readonly errorList: MovedList<LexicalError>,
    readonly commentList: MovedList<Span>,
    readonly textLength: number,
    readonly edit?: StatementEdit,
  ) {}

  get statements(): readonly DocumentStatement[] {
    return this.statementList.toArray();
  }

  get statementCount(): number {
    return this.statementList.length;
  }

  statementAt(index: number): DocumentStatement {
    return this.statementList.at(index);
  }

  forEachChunk(visit: (statements: readonly DocumentStatement[], first: number) => void): void {
    this.statementList.forEachChunk(visit);
  }

  get lexicalErrors(): readonly LexicalError[] {
    return this.errorList.toArray();
  }

  get blockComments(): readonly Span[] {
    return this.commentList.toArray();
  }
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
 * statements the edit reaches are looked at, and only the text around them is read.
 */
export function parseDocument(source: string | TextSource, previous?: ParsedDocument, change?: TextChange): ParsedDocument {
  if (previous instanceof Parse && change && fits(previous, change, source)) return reparse(source, previous, change);
  const text = typeof source === 'string' ? source : source.slice(0, source.length);
  const { statements: slices, errors, blockComments } = splitStatements(text);
  // Parses by text: the previous version's, then this one's as they come (large files repeat statements).
  const byText = new Map(previous?.statements.map((s) => [s.text, s]));
  const lexicallyBroken = brokenBy(errors);
  const statements = slices.map((slice) => {
    // With an older version around, new statements get their own copy of their text, so that the
    // parse never keeps the texts of several versions alive.
    const statement = documentStatement(text, 0, slice, lexicallyBroken(slice), byText, previous !== undefined);
    byText.set(statement.text, statement);
    return statement;
  });
  return new Parse(
    MovedList.of(statements, movableStatement),
    MovedList.of(errors, movableError),
    MovedList.of(blockComments, movableComment),
    text.length,
  );
}

/**
 * The statements of `text` that `wanted` keeps (given each statement's text), parsed as a full parse
 * parses them, one at a time (a caller may stop in between to let other work through); the others
 * are never parsed. For files that are not open: the workspace index needs only the statements that
 * can define or name a resource, and the splitter's pass is the only one over the whole text.
 */
export function* eachStatementOf(text: string, wanted: (statementText: string) => boolean): Generator<DocumentStatement, void, undefined> {
  const { statements: slices, errors } = splitStatements(text);
  const lexicallyBroken = brokenBy(errors);
  const none: ReadonlyMap<string, DocumentStatement> = new Map();
  for (const slice of slices) {
    // Asked of every slice, in order, as `brokenBy` needs.
    const broken = lexicallyBroken(slice);
    if (wanted(text.slice(slice.start, slice.end))) yield documentStatement(text, 0, slice, broken, none, false);
  }
}

/** Whether `change` can have turned the text of `previous` into `text`. */
function fits(previous: ParsedDocument, change: TextChange, text: TextSource): boolean {
  return (
    change.start >= 0 &&
    change.start <= change.end &&
    change.end <= previous.textLength &&
    previous.textLength + lengthDelta(change) === text.length
  );
}

function reparse(text: TextSource, previous: Parse, change: TextChange): ParsedDocument {
  const old = previous.statementList;
  const split = resplit(text, { count: old.length, slice: (i) => old.at(i).slice, errors: previous.lexicalErrors }, change);
  const { first, resume, delta } = split;
  // The statements the edit replaced, by text: a `;` deleted and typed again brings its statements back.
  const replaced = new Map<string, DocumentStatement>();
  for (let i = first; i < resume; i++) {
    const statement = old.at(i);
    replaced.set(statement.text, statement);
  }
  const lexicallyBroken = brokenBy(split.errors);
  const added = split.statements.map((slice) => documentStatement(split.window, split.from, slice, lexicallyBroken(slice), replaced, true));
  // Lexical errors and block comments: those before the scan, the scan's, and those after it, moved.
  const spans = <T extends Span>(list: MovedList<T>, found: readonly T[]) =>
    list.splice(list.countBefore(split.from), list.countBefore(split.resumeAt), found, delta);
  return new Parse(
    old.splice(first, resume, added, delta),
    spans(previous.errorList, split.errors),
    spans(previous.commentList, split.blockComments),
    text.length,
    { previous: new WeakRef(previous), first, added: added.length, resume, delta },
  );
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

/** The statement `slice` of a text of which `text` is the part from `base` on. */
function documentStatement(
  text: string,
  base: number,
  slice: StatementSlice,
  lexicallyBroken: boolean,
  byText: ReadonlyMap<string, DocumentStatement>,
  copyText: boolean,
): DocumentStatement {
  const sliced = text.slice(slice.start - base, slice.end - base);
  // Not looked up in an empty map: a lookup hashes the whole statement text (a twentieth of reading a workspace).
  const known = byText.size === 0 ? undefined : byText.get(sliced);
  const statementText = known ? known.text : copyText ? ownCopy(sliced) : sliced;
  if (lexicallyBroken) return { slice, text: statementText, statement: undefined, error: undefined };
  // A statement that was lexically broken before has no parse to reuse.
  const parsed = known && (known.statement || known.error) ? known : parseSafely(statementText, slice.firstWord);
  return { slice, text: statementText, statement: parsed.statement, error: parsed.error };
}
