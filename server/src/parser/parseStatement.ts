/**
 * Parses one statement with the Ohm grammar. Never throws: a statement that does not match yields a
 * syntax error (offset and message) instead of a tree.
 *
 * The grammar matches the statement's shape (one character per token, statementShape.ts), and the
 * outcome of a shape, a tree template or an error, is remembered: large files repeat a handful of
 * shapes thousands of times, and each repeat then costs one pass over its characters. Ohm's match
 * result, with its memo table, is dropped as soon as the template is built.
 */
import grammar from './flinksql.ohm-bundle';
import { semantics } from './semantics';
import type { Statement } from './ast';
import { placeTemplate } from './placeTemplate';
import { statementShape } from './statementShape';
import { isWordChar } from './characters';

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

/**
 * What matching a shape gave: a tree template, or the token where matching stopped and what was
 * expected there, in words (every token rule has a description: WITH, a name, a string in single quotes).
 */
type ShapeOutcome = { readonly template: Statement } | { readonly failedAt: number; readonly expected: string };

/**
 * Outcomes by shape, each with the count of lookups at its last use. Bounded in count, and long
 * shapes (a statement of thousands of tokens is one of a kind) are not kept at all, so the cache stays
 * small whatever is typed. A hit only writes its count: moving it to the end of the map on every
 * lookup, as a strict LRU order would, filled the map with deleted entries to compact, for a tenth
 * of a workspace's parsing.
 */
const outcomes = new Map<string, { readonly outcome: ShapeOutcome; used: number }>();
const MAX_SHAPES = 4000;
const MAX_CACHED_SHAPE_LENGTH = 1000;
let lookups = 0;

function outcomeOf(shape: string): ShapeOutcome {
  lookups++;
  const known = outcomes.get(shape);
  if (known) {
    known.used = lookups;
    return known.outcome;
  }
  const match = grammar.match(shape, 'statement');
  const outcome: ShapeOutcome = match.failed()
    ? { failedAt: match.getRightmostFailurePosition(), expected: match.getExpectedText() }
    : { template: semantics(match).statement() };
  if (shape.length <= MAX_CACHED_SHAPE_LENGTH) {
    outcomes.set(shape, { outcome, used: lookups });
    if (outcomes.size > MAX_SHAPES) forgetLeastRecentlyUsed();
  }
  return outcome;
}

/**
 * Forgets the half of the shapes least recently used. It runs once per MAX_SHAPES / 2 new shapes, so
 * each new shape pays a constant share of it.
 */
function forgetLeastRecentlyUsed(): void {
  // Each count is another lookup's, so exactly half the shapes were last used before the median.
  const median = [...outcomes.values()].map(({ used }) => used).sort((a, b) => a - b)[outcomes.size >> 1]!;
  for (const [shape, { used }] of outcomes) if (used < median) outcomes.delete(shape);
}

/** How many shapes are remembered (for tests of the cache's bound). */
export function rememberedShapes(): number {
  return outcomes.size;
}

/** Parses `text`, a statement without its `;`, whose first word (lower case) is `firstWord`. */
export function parseStatement(text: string, firstWord: string): ParsedStatement {
  if (!OWNED_FIRST_WORDS.has(firstWord)) return OTHER;
  const tokens = statementShape(text);
  const outcome = outcomeOf(tokens.shape);
  if ('template' in outcome) return { statement: placeTemplate(outcome.template, text, tokens) };
  const atEnd = outcome.failedAt >= tokens.starts.length;
  const offset = atEnd ? text.length : tokens.starts[outcome.failedAt]!;
  let message = `Expected ${outcome.expected}${atEnd ? ' at the end of the statement.' : '.'}`;
  // The documentation's own examples write `CREATE CONNECTION my-conn …`; Flink needs backticks there.
  if (text[offset] === '-' && isWordChar(text.charCodeAt(offset - 1))) {
    message += ' A name that contains "-" must be quoted with backticks, e.g. `my-conn`.';
  }
  // …and `'openai.connection' = openai_connection`: an option's value written as a name. (The
  // message does not quote the value: it may be a secret written without its quotes.)
  if (outcome.expected === 'a string in single quotes' && /=\s*$/.test(text.slice(0, offset)) && /^[\w`$]/u.test(text.slice(offset))) {
    message += ' Option values are strings: write this value in single quotes.';
  }
  // Apache Flink registers system connections only as temporary ones.
  if (/^(create|drop)\s+(?:or\s+replace\s+)?system\s+connection\b/i.test(text)) {
    message += ` A system connection is always temporary: write ${firstWord.toUpperCase()} TEMPORARY SYSTEM CONNECTION.`;
  }
  // …and `WITH (...)` for options they leave out, which Flink reads as three dots.
  if (/^\.\s*\.\s*\./.test(text.slice(offset, offset + 8))) {
    message += " The documentation's `...` stands for options it leaves out: write each option as 'key' = 'value'.";
  }
  return { error: { offset, message } };
}
