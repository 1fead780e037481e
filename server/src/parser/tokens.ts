/**
 * The token scanner: Flink SQL's tokens, read forgivingly, for every reader of a statement's text —
 * the grammar's statement shapes (statementShape.ts), completion and hover (`readTokens`), the secret
 * detector, formatting, option-list edits and suppression comments. What a character is comes from
 * characters.ts; the statement splitter (splitStatements.ts) is a pass of its own on the same rules.
 *
 * Tokens are Flink's: single-quoted strings and backtick names with doubled quotes as escapes (a
 * Unicode string, `U&'\0001'` with an optional `UESCAPE '#'` after it, is one string token), `--`
 * and `//` comments to the line's end, non-nesting block comments, hints (`/*+ … *\/`, one token:
 * `enterHint()` reads the tokens inside, as Flink's lexer does), words (a word character that is not
 * an ASCII digit, then word characters: `$x`, `_1`, `接続`), numbers (ASCII digits, then `.` and
 * digits: `4`, `3.14`; `1abc` is `1` then `abc`, as for Flink), and any other character (a surrogate
 * pair whole) as punctuation. Nothing fails: a string or name left open ends at its line's end, so the
 * lines after it are read, and a block comment or hint left open runs to the end.
 *
 * The detector reads every statement of a document, so this is written for speed: character codes
 * instead of regular expressions, and no token values unless asked for.
 */
import * as characters from './characters';

// Read once, not on each use: see the end of characters.ts' header.
const { closingQuote, isDigit, isSpace, isWordChar, lineEndFrom } = characters;

export type TokenKind = 'word' | 'number' | 'string' | 'identifier' | 'punctuation' | 'hint' | 'comment';

const QUOTE = 0x27;
const BACKTICK = 0x60;
const DASH = 0x2d;
const SLASH = 0x2f;
const STAR = 0x2a;
const PLUS = 0x2b;
const DOT = 0x2e;
const AMPERSAND = 0x26;

/** Whether `U&'` (either case of the `U`) is at `at`: a Unicode string's opening when a token starts there. */
const opensUnicodeString = (text: string, at: number): boolean =>
  (text.charCodeAt(at) | 0x20) === 0x75 && text.charCodeAt(at + 1) === AMPERSAND && text.charCodeAt(at + 2) === QUOTE;

/**
 * Whether a Unicode string literal starts at `at`: `U&'…'` (Calcite's, so Flink's: `\0001` in it is
 * the character U+0001), where a token starts, that is not inside a word: the word characters just
 * before it, if any, are a number's digits (`1U&'a'` is the number 1 and a string).
 */
function isUnicodeStringAt(text: string, at: number): boolean {
  if (!opensUnicodeString(text, at)) return false;
  for (let i = at - 1; i >= 0 && isWordChar(text.charCodeAt(i)); i--) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Where a closed Unicode string's token ends, its closing quote being just before `from`: after a
 * `UESCAPE '<character>'` clause when one follows (white space around the word), else at `from`.
 */
function unicodeEscapeClauseEnd(text: string, from: number): number {
  let i = from;
  while (isSpace(text.charCodeAt(i))) i++;
  if (text.slice(i, i + 7).toLowerCase() !== 'uescape' || isWordChar(text.charCodeAt(i + 7))) return from;
  i += 7;
  while (isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== QUOTE) return from;
  const close = closingQuote(text, i);
  return close >= 0 ? close : from;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * Steps through the tokens and comments of a text: `next()` moves to the next one and sets `kind`,
 * `start`, `end` and `closed`; `value()` builds the current token's value.
 */
export class TokenScanner {
  kind: TokenKind = 'punctuation';
  start = 0;
  /** Just past the current token; where `next()` goes on from. */
  end = 0;
  /** For strings, names, hints and block comments: whether their closing quote or `*\/` is there. */
  closed = true;

  /**
   * Scanning starts at `from`, which must be where a token can begin: 0, `firstQuoteOrComment(text)`, or
   * before that, a word that follows white space, `(` or `,`.
   */
  constructor(
    readonly text: string,
    from = 0,
  ) {
    this.end = from;
  }

  /** Moves to the next token or comment; false when the text has none left. */
  next(): boolean {
    const text = this.text;
    const length = text.length;
    let i = this.end;
    while (i < length && isSpace(text.charCodeAt(i))) i++;
    if (i >= length) return false;
    const c = text.charCodeAt(i);
    this.start = i;
    this.closed = true;
    // The next character is read only where it matters: after `-` and `/`, and for a surrogate pair.
    const slash = c === SLASH;
    if ((slash || c === DASH) && text.charCodeAt(i + 1) === c) {
      this.kind = 'comment';
      this.end = lineEndFrom(text, i + 2);
    } else if (slash && text.charCodeAt(i + 1) === STAR) {
      const close = text.indexOf('*/', i + 2);
      this.kind = text.charCodeAt(i + 2) === PLUS ? 'hint' : 'comment';
      this.closed = close >= 0;
      this.end = close < 0 ? length : close + 2;
    } else if (c === QUOTE || c === BACKTICK) {
      const close = closingQuote(text, i);
      this.kind = c === QUOTE ? 'string' : 'identifier';
      this.closed = close >= 0;
      this.end = close >= 0 ? close : lineEndFrom(text, i + 1);
    } else if ((c | 0x20) === 0x75 && opensUnicodeString(text, i)) {
      const close = closingQuote(text, i + 2);
      this.kind = 'string';
      this.closed = close >= 0;
      this.end = close >= 0 ? unicodeEscapeClauseEnd(text, close) : lineEndFrom(text, i + 3);
    } else if (isDigit(c)) {
      let j = i + 1;
      while (isDigit(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === DOT && isDigit(text.charCodeAt(j + 1))) {
        j += 2;
        while (isDigit(text.charCodeAt(j))) j++;
      }
      this.kind = 'number';
      this.end = j;
    } else if (isWordChar(c)) {
      let j = i + 1;
      while (isWordChar(text.charCodeAt(j))) j++;
      this.kind = 'word';
      this.end = j;
    } else {
      const pair = c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1));
      this.kind = 'punctuation';
      this.end = i + (pair ? 2 : 1);
    }
    return true;
  }

  /** On a hint: goes on inside it, so that its tokens come next (its closing `*\/` then reads as `*` and `/`). */
  enterHint(): void {
    this.end = this.start + 3;
  }

  /** The current token's value: words in lower case, quoted text as `quotedValue` gives it, anything else as written. */
  value(): string {
    const { text, start, end } = this;
    switch (this.kind) {
      case 'string':
      case 'identifier':
        return quotedValue(text, start, end, this.closed);
      case 'word':
        return text.slice(start, end).toLowerCase();
      default:
        return text.slice(start, end);
    }
  }
}

/**
 * The value of the string or quoted identifier at `[start, end)` of `text`: without its quotes, and
 * when it is closed, with each doubled quote read as one (an unclosed one is taken as typed). A
 * closed Unicode string's escapes are read as Calcite reads them: the escape character (`\`, or its
 * `UESCAPE` clause's) and four hex digits is that UTF-16 code unit, the escape character doubled is
 * itself; any other use of it, which Flink rejects, is kept as written.
 */
export function quotedValue(text: string, start: number, end: number, closed: boolean): string {
  const opening = text.charCodeAt(start);
  if (opening !== QUOTE && opening !== BACKTICK) return unicodeStringValue(text, start, end, closed);
  if (!closed) return text.slice(start + 1, end);
  const inner = text.slice(start + 1, end - 1);
  const doubled = opening === QUOTE ? "''" : '``';
  return inner.includes(doubled) ? inner.replaceAll(doubled, doubled[0]!) : inner;
}

/** `quotedValue` of the Unicode string at `[start, end)`. */
function unicodeStringValue(text: string, start: number, end: number, closed: boolean): string {
  const { start: from, end: to } = stringContent(text, start, end, closed);
  if (!closed) return text.slice(from, to);
  const inner = text.slice(from, to);
  const value = inner.includes("''") ? inner.replaceAll("''", "'") : inner;
  // A `UESCAPE '<c>'` clause ends the token with its one-character string.
  return unescapeUnicode(value, to + 2 < end ? text[end - 2]! : '\\');
}

/**
 * The characters between the quotes of the string or quoted identifier at `[start, end)` (to the
 * token's end when it is not closed): after `U&'` for a Unicode string, and before its `UESCAPE` clause.
 */
export function stringContent(text: string, start: number, end: number, closed: boolean): { start: number; end: number } {
  const opening = text.charCodeAt(start);
  const unicode = opening !== QUOTE && opening !== BACKTICK;
  const from = start + (unicode ? 3 : 1);
  if (!closed) return { start: from, end };
  return { start: from, end: (unicode ? closingQuote(text, start + 2) : end) - 1 };
}

/** `value` with Calcite's Unicode escapes read (`SqlLiteral.unescapeUnicode`), `escape` being the escape character. */
function unescapeUnicode(value: string, escape: string): string {
  if (!value.includes(escape)) return value;
  let result = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c !== escape) {
      result += c;
    } else if (value[i + 1] === escape) {
      result += escape;
      i++;
    } else if (/^[0-9a-f]{4}$/i.test(value.slice(i + 1, i + 5))) {
      result += String.fromCharCode(parseInt(value.slice(i + 1, i + 5), 16));
      i += 4;
    } else {
      result += c;
    }
  }
  return result;
}

/**
 * The first offset of `text` where a string, a quoted identifier, a comment or a hint can begin (its
 * length when there is none). Before it lie only words, numbers, punctuation and white space, which
 * end at it, so a scan for strings may start there.
 */
export function firstQuoteOrComment(text: string): number {
  let first = text.length;
  for (const opener of ["'", '`', '--', '//', '/*']) {
    const at = text.indexOf(opener);
    if (at >= 0 && at < first) first = at;
  }
  // A Unicode string's token starts at its `U&`.
  return first >= 2 && isUnicodeStringAt(text, first - 2) ? first - 2 : first;
}

/** A typed array twice as long as `buffer`, its first part a copy of it: for buffers of tokens reused from statement to statement. */
export function doubled<T extends Uint8Array | Uint16Array | Int32Array>(buffer: T): T {
  const next = new (buffer.constructor as new (length: number) => T)(buffer.length * 2);
  next.set(buffer);
  return next;
}

/** A token with its value, as `readTokens` collects them. */
export interface Token {
  readonly kind: Exclude<TokenKind, 'comment'>;
  /** Offsets in the text read. */
  readonly start: number;
  readonly end: number;
  /** Words in lower case; strings and quoted identifiers without their quotes (escapes resolved). */
  readonly value: string;
  /** For strings and quoted identifiers: whether the closing quote is there. */
  readonly closed: boolean;
}

export interface Tokens {
  /** A hint is its `/*+` (a `hint` token), then the tokens inside it. */
  readonly tokens: readonly Token[];
  /** Comments, as `[start, end)` offsets, so a cursor inside one can be recognised. */
  readonly comments: readonly { readonly start: number; readonly end: number }[];
}

/** Whether `token` is the punctuation character `char`. */
export const isPunctuation = (token: Token | undefined, char: string): boolean => token?.kind === 'punctuation' && token.value === char;

/** Whether `token` is the word `word` (given in lower case). */
export const isWord = (token: Token | undefined, word: string): boolean => token?.kind === 'word' && token.value === word;

/** The tokens and comments of `text` (a statement, or the part of it before the cursor), with their values. */
export function readTokens(text: string): Tokens {
  const tokens: Token[] = [];
  const comments: { start: number; end: number }[] = [];
  const scanner = new TokenScanner(text);
  while (scanner.next()) {
    const { kind, start } = scanner;
    if (kind === 'comment') {
      comments.push({ start, end: scanner.end });
      continue;
    }
    if (kind === 'hint') scanner.enterHint();
    tokens.push({ kind, start, end: scanner.end, value: scanner.value(), closed: scanner.closed });
  }
  return { tokens, comments };
}
