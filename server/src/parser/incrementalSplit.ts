/**
 * The split into statements after an edit, found without scanning the whole document again.
 *
 * The scan restarts at the last top-level offset before the edit (the start of the statement it
 * touches, or just past the `;` before it) and stops at the first top-level offset past the edit that
 * the previous split also had, moved by the edit's change in length: from there on both scans read
 * the same characters in the same state, so the previous statements, lexical errors and block comments
 * only move. The result is exactly what `splitStatements` gives for the new text (a property test
 * holds the two together), and costs what the touched statements cost, wherever they are.
 */
import { scanStatements, type LexicalError, type SplitResult, type StatementSlice } from './splitStatements';

/** One edit, in the offsets of the text before it: `[start, end)` was replaced by `newLength` characters. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly newLength: number;
}

/** How much longer the text got. */
export function lengthDelta(change: TextChange): number {
  return change.newLength - (change.end - change.start);
}

/** Two edits in a row as one: `second` is in the offsets of the text that `first` produced. */
export function composeChanges(first: TextChange, second: TextChange): TextChange {
  const start = Math.min(first.start, second.start);
  // Where both edits end, in the offsets of the text between them; at or past the end of each, so
  // moving it back by the first edit's delta and on by the second's gives the ends before and after.
  const middleEnd = Math.max(first.start + first.newLength, second.end);
  return { start, end: middleEnd - lengthDelta(first), newLength: middleEnd + lengthDelta(second) - start };
}

/** A text read by ranges: a string, or an open document that keeps its text in pieces. */
export interface TextSource {
  readonly length: number;
  slice(start: number, end: number): string;
}

/** How far past an edit the first scan reads; it reads four times as far each time that is not enough. */
const WINDOW = 4096;

/** The previous split's statements, read by index (a parsed document need not copy them into an array), and its lexical errors. */
export interface PreviousStatements {
  readonly count: number;
  slice(index: number): StatementSlice;
  readonly errors: readonly LexicalError[];
}

/**
 * How the new split is made of the previous one. Its lexical errors and block comments are the
 * previous ones that start before `from`, the ones found, and the previous ones from `resumeAt` on,
 * moved by `delta`; likewise for statements, by index.
 */
export interface Resplit {
  /** The previous statements before this index are unchanged, offsets included. */
  readonly first: number;
  /** The previous statements from this index on are unchanged but for their offsets, moved by `delta`. */
  readonly resume: number;
  readonly delta: number;
  /** The previous text's offset where the scan started again. */
  readonly from: number;
  /** The previous text's offset where the scan was back in step (Infinity when it reached the end). */
  readonly resumeAt: number;
  /** What the new scan found in between. */
  readonly statements: readonly StatementSlice[];
  readonly errors: readonly LexicalError[];
  readonly blockComments: SplitResult['blockComments'];
  /** The text the scan read, from `from` on: the new statements' texts are in it. */
  readonly window: string;
}

/** `slice` moved by `delta` (the same object when it does not move). */
export function shiftSlice(slice: StatementSlice, delta: number): StatementSlice {
  if (delta === 0) return slice;
  const { start, end, semicolon, firstWord } = slice;
  return { start: start + delta, end: end + delta, semicolon: semicolon < 0 ? semicolon : semicolon + delta, firstWord };
}

/**
 * Splits `text`, the previous split's text after `change`, reusing the previous split everywhere the
 * change cannot have reached.
 */
export function resplit(text: TextSource, previous: PreviousStatements, change: TextChange): Resplit {
  const delta = lengthDelta(change);
  const { count } = previous;

  // The scan starts again at the last top-level offset before the change. A scan's state there
  // depends on the characters before it, and on one thing after it: whether an unclosed string or
  // quoted name before it has a closing quote anywhere further on (then it was not unclosed). A quote
  // typed after one makes the scan start before it.
  const inserted = text.slice(change.start, change.start + change.newLength);
  let restartBefore = change.start;
  for (const error of previous.errors) {
    if (error.start >= restartBefore) break;
    const quote = error.kind === 'unterminated-string' ? "'" : error.kind === 'unterminated-identifier' ? '`' : '';
    if (quote && inserted.includes(quote)) restartBefore = error.start + 1;
  }
  // The last statement that starts before that. (Restarting at a top-level offset right at the change
  // would do too; strictly before is the simpler thing to be sure of.)
  let low = 0;
  let high = count - 1;
  let touched = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (previous.slice(middle).start < restartBefore) {
      touched = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  let from = 0;
  let first = 0;
  if (touched >= 0) {
    const slice = previous.slice(touched);
    if (slice.semicolon >= 0 && slice.semicolon + 1 < restartBefore) {
      from = slice.semicolon + 1;
      first = touched + 1;
    } else {
      from = slice.start;
      first = touched;
    }
  }

  // Only past the inserted text do both texts read the same from there on. The scan reads a window
  // of the text from `from`. A token that runs into the window's end ends the scan there; a string or
  // quoted name whose closing quote is not in the window may have one further on. Otherwise, when the
  // scan gets back in step inside the window, it found what a scan of the whole text finds; when it
  // does not, it reads again, further.
  const stopFrom = change.start + change.newLength;
  for (let windowEnd = Math.min(text.length, stopFrom + WINDOW); ; windowEnd = Math.min(text.length, from + 4 * (windowEnd - from))) {
    const window = text.slice(from, windowEnd);
    const inStep = inStepWith(previous, first, delta);
    const scan = scanStatements(window, 0, (offset) => inStep.at(offset + from), stopFrom - from);
    const unclosedQuote = scan.errors.some((error) => error.kind !== 'unterminated-comment');
    if ((scan.stoppedAt < 0 || unclosedQuote) && windowEnd < text.length) continue;
    const move = <T extends { readonly start: number; readonly end: number }>(spans: readonly T[]) => spans.map((span) => ({ ...span, start: span.start + from, end: span.end + from }));
    return {
      first,
      resume: inStep.resume(),
      delta,
      from,
      resumeAt: scan.stoppedAt < 0 ? Infinity : scan.stoppedAt + from - delta,
      statements: scan.statements.map((slice) => shiftSlice(slice, from)),
      errors: move(scan.errors),
      blockComments: move(scan.blockComments),
      window,
    };
  }
}

/**
 * Whether the previous split was at a top-level offset that matches the new text's `offset`, once
 * moved by `delta`, for offsets asked in increasing order: the previous split's top-level offsets from
 * statement `first` on are each statement's start, then just past its `;`. `resume` then tells from
 * which previous statement on the two splits agree.
 */
function inStepWith(previous: PreviousStatements, first: number, delta: number): { at(offset: number): boolean; resume(): number } {
  let next = first;
  let pastSemicolon = false;
  let resume = previous.count;
  return {
    at: (offset) => {
      const old = offset - delta;
      while (next < previous.count) {
        const slice = previous.slice(next);
        const point = pastSemicolon ? slice.semicolon + 1 : slice.start;
        if (point > old) return false;
        if (point === old) {
          resume = pastSemicolon ? next + 1 : next;
          return true;
        }
        if (!pastSemicolon && slice.semicolon >= 0) {
          pastSemicolon = true;
        } else {
          pastSemicolon = false;
          next++;
        }
      }
      return false;
    },
    resume: () => resume,
  };
}
