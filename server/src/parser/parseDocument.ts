/**
 * Parses a whole document: split into statements, then each statement parsed on its own.
 *
 * Parsing is incremental by content: a statement whose text is unchanged since the previous parse of
 * the same document reuses that parse, wherever it now stands. An edit therefore re-parses only the
 * statements it touched; the split itself is one pass over the characters. The reuse cache holds only
 * the statements of the latest version, so it never grows past the document.
 */
import type { Statement } from './ast';
import { splitStatements, type LexicalError, type SplitResult, type StatementSlice } from './lexer';
import { parseStatement, type ParsedStatement, type SyntaxError } from './parseStatement';

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
  /** Parses by statement text, for the next parse of the same document. */
  readonly cache: ReadonlyMap<string, ParsedStatement>;
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

/** Parses `text`, reusing the statements of `previous` (the same document's last parse) whose text is unchanged. */
export function parseDocument(text: string, previous?: ParsedDocument): ParsedDocument {
  const { statements: slices, errors, blockComments } = splitStatements(text);
  const oldCache = previous?.cache;
  const cache = new Map<string, ParsedStatement>();
  let lexicalIndex = 0;
  const statements = slices.map((slice): DocumentStatement => {
    const statementText = text.slice(slice.start, slice.end);
    // A statement with an unterminated string, identifier or hint is reported once, by the lexical error.
    while (lexicalIndex < errors.length && errors[lexicalIndex]!.start < slice.start) lexicalIndex++;
    const lexicallyBroken = lexicalIndex < errors.length && errors[lexicalIndex]!.start < slice.end;
    if (lexicallyBroken) return { slice, text: statementText, statement: undefined, error: undefined };
    let parsed = cache.get(statementText) ?? oldCache?.get(statementText);
    if (!parsed) parsed = parseSafely(statementText, slice.firstWord);
    cache.set(statementText, parsed);
    return { slice, text: statementText, statement: parsed.statement, error: parsed.error };
  });
  return { statements, lexicalErrors: errors, blockComments, cache };
}
