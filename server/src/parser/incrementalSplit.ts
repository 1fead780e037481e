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
import { scanStatements, type LexicalError, type SplitResult, type StatementSlice } from './lexer';

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

/** The previous split's statements, read by index (a parsed document need not copy them into an array). */
export interface PreviousStatements {
  readonly count: number;
  slice(index: number): StatementSlice;
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
}

/** `slice` moved by `delta` (the same object when it does not move). */
export function shiftSlice(slice: StatementSlice, delta: number): StatementSlice {
  if (delta === 0) return slice;
  const { start, end, semicolon, firstWord } = slice;
  return { start: start + delta, end: end + delta, semicolon: semicolon < 0 ? semicolon : semicolon + delta, firstWord };
}

/** The items of a sorted list whose start is before `before`, the new ones, then the old ones from `from` on, moved. */
function spliceSpans<T extends { readonly start: number; readonly end: number }>(
  old: readonly T[],
  before: number,
  found: readonly T[],
  from: number,
  delta: number,
): T[] {
  const result: T[] = [];
  let i = 0;
  for (; i < old.length && old[i]!.start < before; i++) result.push(old[i]!);
  result.push(...found);
  for (; i < old.length; i++) {
    const item = old[i]!;
    if (item.start >= from) result.push(delta === 0 ? item : { ...item, start: item.start + delta, end: item.end + delta });
  }
  return result;
}

/**
 * Splits `text`, the previous split's text after `change`, reusing the previous split everywhere the
 * change cannot have reached.
 */
export function resplit(text: string, previous: PreviousStatements, change: TextChange): Resplit {
  const delta = lengthDelta(change);
  const { count } = previous;

  // The last statement that starts before the change. (A top-level offset's state depends only on
  // the characters before it, so restarting at the change itself would do too; strictly before is
  // the simpler thing to be sure of.)
  let low = 0;
  let high = count - 1;
  let touched = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (previous.slice(middle).start < change.start) {
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
    if (slice.semicolon >= 0 && slice.semicolon + 1 < change.start) {
      from = slice.semicolon + 1;
      first = touched + 1;
    } else {
      from = slice.start;
      first = touched;
    }
  }

  // The previous split's top-level offsets from `first` on, in order: each statement's start, then
  // just past its `;`. `next` walks them as the new scan moves on.
  let next = first;
  let pastSemicolon = false;
  let resume = count;
  const inStep = (offset: number): boolean => {
    const old = offset - delta;
    while (next < count) {
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
  };
  // Only past the inserted text do both texts read the same from there on.
  const scan = scanStatements(text, from, inStep, change.start + change.newLength);
  const resumeAt = scan.stoppedAt < 0 ? Infinity : scan.stoppedAt - delta;
  return { first, resume, delta, from, resumeAt, statements: scan.statements, errors: scan.errors, blockComments: scan.blockComments };
}

/** `splitStatements(text)`, from the split of the text before `change`. */
export function resplitStatements(text: string, previous: SplitResult, change: TextChange): SplitResult {
  const old = previous.statements;
  const found = resplit(text, { count: old.length, slice: (i) => old[i]! }, change);
  const statements = old.slice(0, found.first).concat(found.statements);
  for (let i = found.resume; i < old.length; i++) statements.push(shiftSlice(old[i]!, found.delta));
  const spans = <T extends { readonly start: number; readonly end: number }>(before: readonly T[], inScan: readonly T[]) =>
    spliceSpans(before, found.from, inScan, found.resumeAt, found.delta);
  return { statements, errors: spans(previous.errors, found.errors), blockComments: spans(previous.blockComments, found.blockComments) };
}
