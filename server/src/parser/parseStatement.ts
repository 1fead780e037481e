/**
 * Parses one statement with the Ohm grammar. Never throws: a statement that does not match yields a
 * syntax error (offset and message) instead of a tree.
 */
import type { FailedMatchResult } from 'ohm-js';
import grammar from './flinksql.ohm-bundle';
import { semantics } from './semantics';
import type { Statement } from './ast';

export interface SyntaxError {
  /** Offset, relative to the statement, where the statement stops matching. */
  readonly offset: number;
  /** What was expected there, in words. Never quotes the statement's text. */
  readonly message: string;
}

export type ParsedStatement =
  | { readonly statement: Statement; readonly error?: undefined }
  | { readonly statement?: undefined; readonly error: SyntaxError };

const OTHER: ParsedStatement = { statement: { kind: 'other' } };

/**
 * First words of the statements the grammar owns. Any other statement (SELECT, INSERT, EXECUTE …) is
 * an `other` statement without running the grammar at all, which keeps large files fast.
 */
const OWNED_FIRST_WORDS = new Set(['create', 'alter', 'drop', 'show', 'describe', 'desc', 'set', 'reset', 'use']);

/** Parses `text`, a statement without its `;`, whose first word (lower case) is `firstWord`. */
export function parseStatement(text: string, firstWord: string): ParsedStatement {
  if (!OWNED_FIRST_WORDS.has(firstWord)) return OTHER;
  const match = grammar.match(text, 'Statement');
  if (match.failed()) return { error: syntaxErrorOf(text, match) };
  return { statement: semantics(match).statement() };
}

/** Turns Ohm's `"with" (case-insensitive)` into `WITH`, and its other terminals into quoted text. */
function readableExpectation(expected: string): string {
  return expected.replace(/"([a-z]+)" \(case-insensitive\)/g, (_, word: string) => word.toUpperCase());
}

function syntaxErrorOf(text: string, match: FailedMatchResult): SyntaxError {
  const offset = match.getRightmostFailurePosition();
  let message = `Expected ${readableExpectation(match.getExpectedText())}`;
  message += offset >= text.trimEnd().length ? ' at the end of the statement.' : '.';
  // The documentation's own examples write `CREATE CONNECTION my-conn …`; Flink needs backticks there.
  if (text[offset] === '-' && offset > 0 && /[\w$]/.test(text[offset - 1] ?? '')) {
    message += ' A name that contains "-" must be quoted with backticks, e.g. `my-conn`.';
  }
  return { offset, message };
}
