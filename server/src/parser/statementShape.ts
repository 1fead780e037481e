/**
 * The tokens of one statement as the grammar reads them: one character per token (the statement's
 * "shape", see flinksql.ohm for the alphabet) and where each token stands in the text. The tokens are
 * the token scanner's (tokens.ts); comments are skipped, and a hint is one token.
 */
import { doubled, TokenScanner } from './tokens';

/** The words the grammar knows, in the order of their token characters (U+E000 onwards). */
export const KEYWORDS = [
  'alter', 'as', 'buckets', 'by', 'catalog', 'comment', 'connection', 'connections', 'create', 'desc',
  'describe', 'distributed', 'drop', 'exists', 'extended', 'from', 'function', 'if', 'in', 'input',
  'into', 'like', 'model', 'modules', 'not', 'or', 'output', 'partitioned', 'rename', 'replace',
  'reset', 'set', 'show', 'system', 'table', 'temporary', 'to', 'tool', 'use', 'using', 'with',
  'add', 'agent', 'agents', 'models', 'prompt', 'remove', 'tools',
] as const;

const FIRST_KEYWORD = 0xe000;
const keywordCodes = new Map<string, number>(KEYWORDS.map((word, index) => [word, FIRST_KEYWORD + index]));

/** The keywords by length and first letter (`length * 26 + letter`), each with its token character. */
const keywordsByLengthAndFirst: [string, number][][] = [];
for (const [word, code] of keywordCodes) (keywordsByLengthAndFirst[word.length * 26 + word.charCodeAt(0) - 0x61] ??= []).push([word, code]);
const LONGEST_KEYWORD = Math.max(...KEYWORDS.map((word) => word.length));

/**
 * The token character of the keyword that `text[start, end)` is, in any case; undefined when it is
 * no keyword. An ASCII word is compared letter by letter (upper case ASCII letters are the lower case
 * ones plus 0x20, and no other ASCII character becomes a letter that way), without making a string:
 * a large file has hundreds of thousands of words. A word with a character beyond ASCII is compared as
 * its lower case (the Kelvin sign's is `k`): one that starts with such a character, or that has one
 * where the letter-by-letter comparison stops. A word whose lower case is a keyword has the keyword's
 * length and first letter, so a word with no keyword of its length and first letter is none.
 */
function keywordCode(text: string, start: number, end: number): number | undefined {
  const length = end - start;
  if (length > LONGEST_KEYWORD) return undefined;
  const firstChar = text.charCodeAt(start);
  if (firstChar >= 0x80) return keywordCodes.get(text.slice(start, end).toLowerCase());
  const first = (firstChar | 0x20) - 0x61;
  const candidates = first >= 0 && first < 26 ? keywordsByLengthAndFirst[length * 26 + first] : undefined;
  if (!candidates) return undefined;
  // Indexed, not `for … of` nor `[word, code] =`: until the JIT optimises this, each step of an iterator is an object.
  next: for (let k = 0; k < candidates.length; k++) {
    const word = candidates[k]![0];
    for (let i = 1; i < length; i++) {
      const c = text.charCodeAt(start + i);
      if ((c | 0x20) === word.charCodeAt(i)) continue;
      if (c >= 0x80) return keywordCodes.get(text.slice(start, end).toLowerCase());
      continue next;
    }
    return candidates[k]![1];
  }
  return undefined;
}

/** Token characters that are not keywords. */
const TokenChar = {
  string: 0x27, // '
  quotedIdentifier: 0x60, // `
  word: 0x61, // a
  number: 0x30, // 0
  hint: 0x2b, // +
  unclosed: 0x21, // !
  otherPunctuation: 0x23, // #
} as const;

/** Punctuation the grammar names; it stands for itself in the shape. */
const GRAMMAR_PUNCTUATION = new Set([0x28, 0x29, 0x2c, 0x3d, 0x2e]); // ( ) , = .

export interface StatementShape {
  /** One character per token: what the grammar matches. */
  readonly shape: string;
  /** Offset of each token's first character. */
  readonly starts: ArrayLike<number>;
  /** Offset just past each token's last character. */
  readonly ends: ArrayLike<number>;
}

/**
 * The buffers a shape is built in, reused from statement to statement and grown as needed: a large
 * file's statements then make no arrays of their own. A shape's `starts` and `ends` are views of
 * them, valid until the next statement is shaped.
 */
let codes = new Uint16Array(1024);
let starts = new Int32Array(1024);
let ends = new Int32Array(1024);
/** Where each `(` closes, by token index (-1: never), and the `(` still open while pairing. */
let closeOf = new Int32Array(1024);
let openStack = new Int32Array(1024);

function grow(): void {
  codes = doubled(codes);
  starts = doubled(starts);
  ends = doubled(ends);
  closeOf = new Int32Array(closeOf.length * 2);
  openStack = new Int32Array(openStack.length * 2);
}

/**
 * The shape of `text`, one statement (or any text: this never fails). What lies inside a pair of
 * parentheses that the grammar reads only as a balanced run of tokens (a table's columns, a model's
 * INPUT and OUTPUT, PARTITIONED BY, a query's subqueries) is left out (`withoutBalancedRuns`): `()`
 * stands for the pair, which keeps its place in the text. Its `starts` and `ends` are valid until the
 * next statement is shaped.
 */
export function statementShape(text: string): StatementShape {
  const { count, parentheses, connections } = scanTokens(text);
  return shapeOf(parentheses && !SESSION.has(codes[0]!) ? withoutBalancedRuns(count, connections) : count);
}

/** The shape of `text` with every token, the insides of parentheses included (valid until the next statement is shaped). */
export function everyToken(text: string): StatementShape {
  return shapeOf(scanTokens(text).count);
}

function shapeOf(count: number): StatementShape {
  return { shape: charactersOf(codes, count), starts: starts.subarray(0, count), ends: ends.subarray(0, count) };
}

/** Puts the tokens of `text` in the buffers; whether any is `(`, and whether any is CONNECTIONS. */
function scanTokens(text: string): { count: number; parentheses: boolean; connections: boolean } {
  let count = 0;
  let parentheses = false;
  let connections = false;
  const scanner = new TokenScanner(text);
  while (scanner.next()) {
    if (scanner.kind === 'comment') continue;
    if (count === codes.length) grow();
    // An unclosed string, name or hint is one token to the end, which no statement accepts.
    const closed = scanner.closed;
    const code = closed ? tokenChar(scanner) : TokenChar.unclosed;
    if (code === OPEN) parentheses = true;
    else if (code === CONNECTIONS) connections = true;
    codes[count] = code;
    starts[count] = scanner.start;
    ends[count] = closed ? scanner.end : text.length;
    count++;
    if (!closed) break;
  }
  return { count, parentheses, connections };
}

const OPEN = 0x28;
const CLOSE = 0x29;

/**
 * The parentheses whose insides the grammar reads token by token: option lists (`WITH (`, `SET (`,
 * `RESET (`) and `USING CONNECTIONS (`. Every other pair holds what the grammar reads as a balanced
 * run (`parenthesized`, `query`, the tokens before a function's USING CONNECTIONS), whatever its
 * tokens: so a statement's outcome is the same without them, and the thousands of column lists a
 * large file holds become a handful of shapes.
 */
const READ_INSIDE = new Set(['with', 'set', 'reset', 'connections'].map((word) => keywordCodes.get(word)!));
const CONNECTIONS = keywordCodes.get('connections')!;
/** SET and RESET in the SQL client's older form read their key up to the first `=`, inside parentheses too. */
const SESSION = new Set(['set', 'reset'].map((word) => keywordCodes.get(word)!));

/**
 * Leaves out of the buffers' `count` tokens the insides of the balanced pairs of parentheses that no
 * option list opens; returns how many tokens are left. A pair that holds `CONNECTIONS` keeps its
 * insides: a function's `USING CONNECTIONS (…)` after it must not be hidden in it; so does a SET or
 * RESET statement (`SESSION`, left to the caller). One pass to pair the parentheses, one to move the
 * kept tokens down in place: linear whatever the nesting.
 */
function withoutBalancedRuns(count: number, connections: boolean): number {
  let open = 0;
  for (let i = 0; i < count; i++) {
    const code = codes[i]!;
    if (code === OPEN) {
      closeOf[i] = -1;
      openStack[open++] = i;
    } else if (code === CLOSE && open > 0) closeOf[openStack[--open]!] = i;
  }
  // How many CONNECTIONS keywords come before each token, where the statement has any (rarely).
  let connectionsBefore: Int32Array | undefined;
  if (connections) {
    connectionsBefore = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) connectionsBefore[i + 1] = connectionsBefore[i]! + (codes[i] === CONNECTIONS ? 1 : 0);
  }
  const holdsConnections = (from: number, to: number) => connectionsBefore !== undefined && connectionsBefore[to]! > connectionsBefore[from]!;
  // Tokens move down only (`kept` <= `i`), and a pair's `)` is read before anything is written there.
  let kept = 0;
  let previous = -1;
  for (let i = 0; i < count; i++) {
    const code = codes[i]!;
    codes[kept] = code;
    starts[kept] = starts[i]!;
    ends[kept] = ends[i]!;
    kept++;
    const before = previous;
    previous = code;
    if (code !== OPEN) continue;
    const close = closeOf[i]!;
    if (close > i + 1 && !READ_INSIDE.has(before) && !holdsConnections(i + 1, close)) {
      codes[kept] = CLOSE;
      starts[kept] = starts[close]!;
      ends[kept] = ends[close]!;
      kept++;
      previous = CLOSE;
      i = close;
    }
  }
  return kept;
}

/** The token character of the scanner's current token, a closed one. */
function tokenChar({ kind, text, start, end }: TokenScanner): number {
  switch (kind) {
    case 'word':
      return keywordCode(text, start, end) ?? TokenChar.word;
    case 'punctuation': {
      const c = text.charCodeAt(start);
      return GRAMMAR_PUNCTUATION.has(c) ? c : TokenChar.otherPunctuation;
    }
    case 'string':
      return TokenChar.string;
    case 'identifier':
      return TokenChar.quotedIdentifier;
    case 'number':
      return TokenChar.number;
    default:
      return TokenChar.hint;
  }
}

/** The string of the first `count` of `codes`, built in chunks: a statement can have more tokens than a call has arguments. */
function charactersOf(codes: Uint16Array, count: number): string {
  const CHUNK = 8192;
  if (count <= CHUNK) return String.fromCharCode.apply(null, codes.subarray(0, count) as unknown as number[]);
  const parts: string[] = [];
  for (let i = 0; i < count; i += CHUNK) parts.push(String.fromCharCode.apply(null, codes.subarray(i, Math.min(i + CHUNK, count)) as unknown as number[]));
  return parts.join('');
}
