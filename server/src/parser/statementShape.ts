/**
 * The tokens of one statement as the grammar reads them: one character per token (the statement's
 * "shape", see flinksql.ohm for the alphabet) and where each token stands in the text. The tokens are
 * the token scanner's (tokens.ts); comments are skipped, and a hint is one token.
 */
import { TokenScanner } from './tokens';

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
  readonly starts: readonly number[];
  /** Offset just past each token's last character. */
  readonly ends: readonly number[];
}

/**
 * The shape of `text`, one statement (or any text: this never fails). What lies inside a pair of
 * parentheses that the grammar reads only as a balanced run of tokens (a table's columns, a model's
 * INPUT and OUTPUT, PARTITIONED BY, a query's subqueries) is left out (`withoutBalancedRuns`): `()`
 * stands for the pair, which keeps its place in the text.
 */
export function statementShape(text: string): StatementShape {
  const every = everyToken(text);
  return every.shape.includes('(') && !SESSION.has(every.shape.charCodeAt(0)) ? withoutBalancedRuns(every) : every;
}

/** The shape of `text` with every token, the insides of parentheses included. */
export function everyToken(text: string): StatementShape {
  const codes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const scanner = new TokenScanner(text);
  while (scanner.next()) {
    if (scanner.kind === 'comment') continue;
    // An unclosed string, name or hint is one token to the end, which no statement accepts.
    const closed = scanner.closed;
    codes.push(closed ? tokenChar(scanner) : TokenChar.unclosed);
    starts.push(scanner.start);
    ends.push(closed ? scanner.end : text.length);
    if (!closed) break;
  }
  return { shape: charactersOf(codes), starts, ends };
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

/** Where each `(` closes, by token index (-1: never); reused from statement to statement. */
let closeOf = new Int32Array(256);

/**
 * The tokens without the insides of the balanced pairs of parentheses that no option list opens. A
 * pair that holds `CONNECTIONS` keeps its insides: a function's `USING CONNECTIONS (…)` after it must
 * not be hidden in it; so does a SET or RESET statement (`SESSION`, left to the caller). One pass to
 * pair the parentheses, one to copy: linear whatever the nesting.
 */
function withoutBalancedRuns({ shape, starts, ends }: StatementShape): StatementShape {
  const count = shape.length;
  if (closeOf.length < count) closeOf = new Int32Array(count * 2);
  const open: number[] = [];
  for (let i = 0; i < count; i++) {
    const code = shape.charCodeAt(i);
    if (code === OPEN) {
      closeOf[i] = -1;
      open.push(i);
    } else if (code === CLOSE && open.length > 0) closeOf[open.pop()!] = i;
  }
  // How many CONNECTIONS keywords come before each token, where the statement has any (rarely).
  let connectionsBefore: Int32Array | undefined;
  if (shape.includes(String.fromCharCode(CONNECTIONS))) {
    connectionsBefore = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) connectionsBefore[i + 1] = connectionsBefore[i]! + (shape.charCodeAt(i) === CONNECTIONS ? 1 : 0);
  }
  const holdsConnections = (from: number, to: number) => connectionsBefore !== undefined && connectionsBefore[to]! > connectionsBefore[from]!;
  const keptCodes: number[] = [];
  const keptStarts: number[] = [];
  const keptEnds: number[] = [];
  for (let i = 0; i < count; i++) {
    const code = shape.charCodeAt(i);
    keptCodes.push(code);
    keptStarts.push(starts[i]!);
    keptEnds.push(ends[i]!);
    if (code !== OPEN) continue;
    const close = closeOf[i]!;
    if (close > i + 1 && !READ_INSIDE.has(shape.charCodeAt(i - 1)) && !holdsConnections(i + 1, close)) {
      keptCodes.push(CLOSE);
      keptStarts.push(starts[close]!);
      keptEnds.push(ends[close]!);
      i = close;
    }
  }
  return { shape: charactersOf(keptCodes), starts: keptStarts, ends: keptEnds };
}

/** The token character of the scanner's current token, a closed one. */
function tokenChar({ kind, text, start, end }: TokenScanner): number {
  switch (kind) {
    case 'word':
      // Keywords are at most 11 letters; longer words are never looked up.
      return (end - start <= 11 && keywordCodes.get(text.slice(start, end).toLowerCase())) || TokenChar.word;
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

/** The string of `codes`, built in chunks: a statement can have more tokens than a call has arguments. */
function charactersOf(codes: readonly number[]): string {
  const CHUNK = 8192;
  if (codes.length <= CHUNK) return String.fromCharCode(...codes);
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += CHUNK) parts.push(String.fromCharCode(...codes.slice(i, i + CHUNK)));
  return parts.join('');
}
