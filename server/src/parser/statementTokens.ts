/**
 * The tokens of one statement, as the grammar reads them: one character per token (the statement's
 * "shape", see flinksql.ohm for the alphabet) and where each token stands in the text.
 *
 * This follows Flink's lexical rules as lexer.ts does: single-quoted strings with `''` escapes,
 * backtick identifiers with doubled backticks, `--` and `//` line comments, block comments and
 * hints. White space and comments are skipped; everything else is a token.
 */
import { closingQuote, lineEndFrom } from './characters';

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

/** The token character of a keyword (`keywordToken('with')`). */
export function keywordToken(word: (typeof KEYWORDS)[number]): string {
  return String.fromCharCode(keywordCodes.get(word)!);
}

/** Token characters that are not keywords. */
export const TokenChar = {
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

export interface StatementTokens {
  /** One character per token: what the grammar matches. */
  readonly shape: string;
  /** Offset of each token's first character. */
  readonly starts: readonly number[];
  /** Offset just past each token's last character. */
  readonly ends: readonly number[];
}

const QUOTE = 0x27;
const BACKTICK = 0x60;

function isSpace(c: number): boolean {
  return c <= 0x20 || c === 0xa0 || c === 0xfeff;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const LETTER = /\p{L}/u;

/** Whether the code point at `i` is a letter; returns its length in UTF-16 units (0 when not). */
function letterAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isAsciiLetter(c)) return 1;
  if (!(c >= 0x80)) return 0; // also past the end, where c is NaN
  const codePoint = text.codePointAt(i)!;
  return LETTER.test(String.fromCodePoint(codePoint)) ? (codePoint > 0xffff ? 2 : 1) : 0;
}

/** Length of the word character at `i` (letter, digit, `_`, `$`), 0 when there is none. */
function wordPartAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isDigit(c) || c === 0x5f || c === 0x24) return 1;
  return letterAt(text, i);
}

/** The tokens of `text`, one statement (or any text: this never fails). */
export function statementTokens(text: string): StatementTokens {
  const codes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (code: number, start: number, end: number): void => {
    codes.push(code);
    starts.push(start);
    ends.push(end);
  };
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if ((c === 0x2d && next === 0x2d) || (c === 0x2f && next === 0x2f)) {
      i = lineEndFrom(text, i + 2);
      continue;
    }
    if (c === 0x2f && next === 0x2a) {
      const close = text.indexOf('*/', i + 2);
      const isHint = text.charCodeAt(i + 2) === 0x2b;
      if (isHint) push(close < 0 ? TokenChar.unclosed : TokenChar.hint, i, close < 0 ? length : close + 2);
      i = close < 0 ? length : close + 2;
      continue;
    }
    if (c === QUOTE || c === BACKTICK) {
      const end = closingQuote(text, i);
      if (end < 0) {
        push(TokenChar.unclosed, i, length);
        break;
      }
      push(c === QUOTE ? TokenChar.string : TokenChar.quotedIdentifier, i, end);
      i = end;
      continue;
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (isDigit(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 0x2e && isDigit(text.charCodeAt(j + 1))) {
        j += 2;
        while (isDigit(text.charCodeAt(j))) j++;
      }
      push(TokenChar.number, i, j);
      i = j;
      continue;
    }
    const letter = c === 0x5f ? 1 : letterAt(text, i);
    if (letter > 0) {
      let j = i + letter;
      for (let part = wordPartAt(text, j); part > 0; part = wordPartAt(text, j)) j += part;
      // Keywords are at most 11 letters; longer words are never looked up.
      const keyword = j - i <= 11 ? keywordCodes.get(text.slice(i, j).toLowerCase()) : undefined;
      push(keyword ?? TokenChar.word, i, j);
      i = j;
      continue;
    }
    // Any other character is punctuation; a code point outside the BMP is one token.
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < length ? 2 : 1;
    push(GRAMMAR_PUNCTUATION.has(c) ? c : TokenChar.otherPunctuation, i, i + width);
    i += width;
  }
  return { shape: charactersOf(codes), starts, ends };
}

/** The string of `codes`, built in chunks: a statement can have more tokens than a call has arguments. */
function charactersOf(codes: readonly number[]): string {
  const CHUNK = 8192;
  if (codes.length <= CHUNK) return String.fromCharCode(...codes);
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += CHUNK) parts.push(String.fromCharCode(...codes.slice(i, i + CHUNK)));
  return parts.join('');
}
