/**
 * A forgiving tokenizer for the statement under the cursor. Completion and hover work on text that
 * is being typed and does not parse yet, so they read tokens rather than the Ohm tree: an unclosed
 * string is a token that runs to the end of its line, and nothing here ever fails.
 *
 * The secret detector reads every statement of a document with the same tokenizer, so it is written
 * for speed: character codes instead of regular expressions, and no token values unless asked for
 * (`LooseScanner` steps through the tokens; `looseTokens` collects them with their values).
 */
import { lineEndFrom } from './characters';

export type LooseTokenKind = 'word' | 'string' | 'identifier' | 'number' | 'punctuation';

export interface LooseToken {
  readonly kind: LooseTokenKind;
  /** Offsets in the tokenized text. */
  readonly start: number;
  readonly end: number;
  /** Words in lower case; strings and quoted identifiers without their quotes (escapes resolved). */
  readonly value: string;
  /** For strings and quoted identifiers: whether the closing quote is there. */
  readonly closed: boolean;
}

export interface LooseTokens {
  readonly tokens: readonly LooseToken[];
  /** Comments, as `[start, end)` offsets, so a cursor inside one can be recognised. */
  readonly comments: readonly { readonly start: number; readonly end: number }[];
}

/** Whether `token` is the punctuation character `char`. */
export const isPunctuation = (token: LooseToken | undefined, char: string): boolean => token?.kind === 'punctuation' && token.value === char;

/** Whether `token` is the word `word` (given in lower case). */
export const isWord = (token: LooseToken | undefined, word: string): boolean => token?.kind === 'word' && token.value === word;

const QUOTE = 0x27;
const BACKTICK = 0x60;
const DASH = 0x2d;
const SLASH = 0x2f;
const STAR = 0x2a;
const PLUS = 0x2b;

/**
 * The class of each UTF-16 code unit beyond ASCII, filled in on first sight. A word character is a
 * letter or digit of any script, `_` or `$` (`/[\p{L}\p{N}_$]/u` on one code unit, so each half of a
 * surrogate pair is neither); white space is what `/\s/` matches.
 */
const CLASSIFIED = 1;
const WORD = 2;
const SPACE = 4;
const classes = new Uint8Array(0x10000);

function classOf(c: number): number {
  let bits = classes[c]!;
  if (bits === 0) {
    const char = String.fromCharCode(c);
    bits = CLASSIFIED | (/[\p{L}\p{N}_$]/u.test(char) ? WORD : 0) | (/\s/.test(char) ? SPACE : 0);
    classes[c] = bits;
  }
  return bits;
}

function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24;
  return (classOf(c) & WORD) !== 0;
}

function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (classOf(c) & SPACE) !== 0;
}

/**
 * Steps through the tokens and comments of a text without building their values: `next()` moves to
 * the next one and sets `kind`, `start`, `end` and `closed`; `value()` builds the value `looseTokens`
 * gives the current token.
 */
export class LooseScanner {
  kind: LooseTokenKind | 'comment' = 'punctuation';
  start = 0;
  end = 0;
  closed = true;

  /** Scanning starts at `from`, which must be where a token can begin: 0, or `firstQuoteOrComment(text)`. */
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
    const after = text.charCodeAt(i + 1);
    this.start = i;
    this.closed = true;
    if ((c === DASH && after === DASH) || (c === SLASH && after === SLASH)) {
      // A line comment ends at the line's end, `\r` included, as it does for the statement splitter.
      this.kind = 'comment';
      this.end = lineEndFrom(text, i + 2);
    } else if (c === SLASH && after === STAR && text.charCodeAt(i + 2) !== PLUS) {
      const close = text.indexOf('*/', i + 2);
      this.kind = 'comment';
      this.end = close < 0 ? length : close + 2;
    } else if (c === QUOTE || c === BACKTICK) {
      this.kind = c === QUOTE ? 'string' : 'identifier';
      this.quoted(i, c === QUOTE ? "'" : '`');
    } else if (isWordChar(c)) {
      let j = i + 1;
      while (j < length && isWordChar(text.charCodeAt(j))) j++;
      this.kind = c >= 0x30 && c <= 0x39 ? 'number' : 'word';
      this.end = j;
    } else {
      this.kind = 'punctuation';
      this.end = i + 1;
    }
    return true;
  }

  /** Ends the string or quoted identifier that opens at `open`; a doubled quote is an escaped one. */
  private quoted(open: number, quote: string): void {
    const text = this.text;
    const code = quote.charCodeAt(0);
    let i = open + 1;
    for (;;) {
      const close = text.indexOf(quote, i);
      if (close < 0) break;
      if (text.charCodeAt(close + 1) === code) {
        i = close + 2;
        continue;
      }
      this.end = close + 1;
      return;
    }
    // Never closed: like the lexer, the string ends at its line's end, so the lines after it are read.
    this.closed = false;
    this.end = lineEndFrom(text, open + 1);
  }

  /** The current token's value: words in lower case, quoted text as `quotedValue` gives it. */
  value(): string {
    const text = this.text;
    switch (this.kind) {
      case 'string':
      case 'identifier':
        return quotedValue(text, this.start, this.end, this.closed);
      case 'punctuation':
        return text[this.start]!;
      default:
        return text.slice(this.start, this.end).toLowerCase();
    }
  }
}

/**
 * The value of the string or quoted identifier at `[start, end)` of `text`: without its quotes, and
 * when it is closed, with each doubled quote read as one (an unclosed one is taken as typed).
 */
export function quotedValue(text: string, start: number, end: number, closed: boolean): string {
  if (!closed) return text.slice(start + 1, end);
  const inner = text.slice(start + 1, end - 1);
  const doubled = text.charCodeAt(start) === QUOTE ? "''" : '``';
  return inner.includes(doubled) ? inner.replaceAll(doubled, doubled[0]!) : inner;
}

/**
 * The first offset of `text` where a string, a quoted identifier or a comment can begin (its length
 * when there is none). Before it lie only words, punctuation and white space, which end at it, so a
 * scan for strings may start there.
 */
export function firstQuoteOrComment(text: string): number {
  let first = text.length;
  for (const opener of ["'", '`', '--', '//', '/*']) {
    const at = text.indexOf(opener);
    if (at >= 0 && at < first) first = at;
  }
  return first;
}

/** Tokenizes `text` (one statement, or the part of it before the cursor). */
export function looseTokens(text: string): LooseTokens {
  const tokens: LooseToken[] = [];
  const comments: { start: number; end: number }[] = [];
  const scanner = new LooseScanner(text);
  while (scanner.next()) {
    const { kind, start, end } = scanner;
    if (kind === 'comment') comments.push({ start, end });
    else tokens.push({ kind, start, end, value: scanner.value(), closed: scanner.closed });
  }
  return { tokens, comments };
}
