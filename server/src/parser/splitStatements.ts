/**
 * Splits a Flink SQL document into statements in one pass over its characters.
 *
 * It reads every character of a document (on opening it; an edit re-reads only what it touched,
 * incrementalSplit.ts), so it is a tight loop of its own rather than the token scanner (tokens.ts),
 * on the same character table (characters.ts), and reads no more than it needs to find the `;` that end
 * statements: single-quoted strings (`''` escapes, no backslash escapes), backtick identifiers
 * (doubled backticks), `--` and `//` line comments, non-nesting block comments and hints, and
 * `EXECUTE STATEMENT SET BEGIN … END`, whose inner `;` do not end the statement.
 *
 * An unterminated string or quoted identifier is reported and ends at its line's end, so that a quote
 * being typed does not swallow every statement after it. An unterminated block comment runs to the end
 * of the document, as it does for Flink.
 */
import * as characters from './characters';

/** One statement: the text from its first token to just before its `;` (or the end of the document). */
export interface StatementSlice {
  /** Offset of the statement's first character that is not white space or a comment. */
  readonly start: number;
  /** Offset just past the statement's last character, before its `;`. */
  readonly end: number;
  /** Offset of the `;` that ends the statement, or -1 when the document ends first. */
  readonly semicolon: number;
  /** The statement's first word in lower case (`create`, `insert`, …), or '' when it starts otherwise. */
  readonly firstWord: string;
}

export type LexicalErrorKind = 'unterminated-string' | 'unterminated-identifier' | 'unterminated-comment';

export interface LexicalError {
  readonly kind: LexicalErrorKind;
  /** Offset of the opening quote, backtick or comment start. */
  readonly start: number;
  /** Offset where the unterminated token was taken to end. */
  readonly end: number;
}

export interface SplitResult {
  readonly statements: StatementSlice[];
  readonly errors: LexicalError[];
  /** Block comments (not hints), as `[start, end)` offsets; an unclosed one runs to the end. */
  readonly blockComments: { readonly start: number; readonly end: number }[];
}

// Read once, not on each use: see the end of characters.ts' header.
const { closingQuote, isSpace, isWordChar, lineEndFrom } = characters;

const SEMICOLON = 0x3b;
const QUOTE = 0x27;
const BACKTICK = 0x60;
const DASH = 0x2d;
const SLASH = 0x2f;
const STAR = 0x2a;

/** The words that open a statement set, whose inner `;` belong to it. */
const STATEMENT_SET_HEAD = ['execute', 'statement', 'set', 'begin'];

/** Splits `text` into statements. Never throws; every character is either in a statement or skipped as white space, comment or `;`. */
export function splitStatements(text: string): SplitResult {
  const { statements, errors, blockComments } = scanStatements(text, 0);
  return { statements, errors, blockComments };
}

/** What `scanStatements` found, and where it stopped. */
export interface ScanResult extends SplitResult {
  /** The top-level offset where `stopAt` agreed to stop, or -1 when the scan reached the end of the text. */
  readonly stoppedAt: number;
}

/**
 * Scans `text` from `from`, which must be a top-level offset: one where a scan from the start of the
 * text is between statements and outside any token (0, a statement's start, or just past a `;` that
 * ends a statement). At every later top-level offset from `stopFrom` on, asks `stopAt`, and stops
 * there when it answers true: the incremental split stops once it is back in step with the previous
 * split. Without `stopAt`, scans to the end.
 */
export function scanStatements(text: string, from: number, stopAt?: (offset: number) => boolean, stopFrom = 0): ScanResult {
  const statements: StatementSlice[] = [];
  const errors: LexicalError[] = [];
  const blockComments: { start: number; end: number }[] = [];
  const length = text.length;
  const checkFrom = stopAt ? stopFrom : Infinity;

  let start = -1; // first significant offset of the current statement, -1 between statements
  let end = -1; // just past the last significant character of the current statement
  let firstWord = '';
  // For EXECUTE STATEMENT SET BEGIN … END: the statement's leading words while they match, and the last word.
  let headWords = 0;
  let inStatementSet = false;
  let lastWord = '';

  const finish = (semicolon: number): void => {
    if (start >= 0) statements.push({ start, end, semicolon, firstWord });
    start = -1;
    end = -1;
    firstWord = '';
    headWords = 0;
    inStatementSet = false;
    lastWord = '';
  };
  const significant = (from: number, to: number): void => {
    if (start < 0) start = from;
    end = to;
  };

  let i = from;
  while (i < length) {
    // Between statements every variable above has its initial value, so the scan from here on
    // depends on nothing but the text from here on.
    if (start < 0 && i >= checkFrom && stopAt!(i)) return { statements, errors, blockComments, stoppedAt: i };
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if ((c === DASH && text.charCodeAt(i + 1) === DASH) || (c === SLASH && text.charCodeAt(i + 1) === SLASH)) {
      i = lineEndFrom(text, i + 2);
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const close = text.indexOf('*/', i + 2);
      const isHint = text.charCodeAt(i + 2) === 0x2b; // `/*+ … */` is a hint: part of the statement
      const tokenEnd = close < 0 ? length : close + 2;
      if (close < 0) errors.push({ kind: 'unterminated-comment', start: i, end: length });
      if (isHint) {
        significant(i, tokenEnd);
        lastWord = '';
      } else {
        blockComments.push({ start: i, end: tokenEnd });
      }
      i = tokenEnd;
      continue;
    }
    if (c === QUOTE || c === BACKTICK) {
      let tokenEnd = closingQuote(text, i);
      if (tokenEnd < 0) {
        tokenEnd = Math.max(lineEndFrom(text, i + 1), i + 1);
        errors.push({ kind: c === QUOTE ? 'unterminated-string' : 'unterminated-identifier', start: i, end: tokenEnd });
      }
      significant(i, tokenEnd);
      lastWord = '';
      if (!inStatementSet) headWords = STATEMENT_SET_HEAD.length + 1; // a quoted token ends the head
      i = tokenEnd;
      continue;
    }
    if (c === SEMICOLON) {
      if (inStatementSet && lastWord !== 'end') {
        significant(i, i + 1);
        lastWord = '';
        i++;
        continue;
      }
      finish(i);
      i++;
      continue;
    }
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < length && isWordChar(text.charCodeAt(j))) j++;
      // Words are only read where they matter: a statement's first words, and inside a statement set.
      const needed = start < 0 || inStatementSet || headWords < STATEMENT_SET_HEAD.length;
      const word = needed ? text.slice(i, j).toLowerCase() : '';
      if (start < 0) firstWord = ownCopy(word);
      significant(i, j);
      lastWord = word;
      if (!inStatementSet && headWords < STATEMENT_SET_HEAD.length) {
        if (word === STATEMENT_SET_HEAD[headWords]) {
          headWords++;
          if (headWords === STATEMENT_SET_HEAD.length) inStatementSet = true;
        } else {
          headWords = STATEMENT_SET_HEAD.length + 1;
        }
      }
      i = j;
      continue;
    }
    // Any other character (operators, parentheses, dots) is part of the statement.
    significant(i, i + 1);
    lastWord = '';
    if (!inStatementSet) headWords = STATEMENT_SET_HEAD.length + 1;
    i++;
  }
  finish(-1);
  return { statements, errors, blockComments, stoppedAt: -1 };
}

/**
 * `text` as a string of its own. V8 may represent a slice of a long string as a view that keeps the
 * whole string alive; kept slices of every edited version of a large document would add up.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
