/**
 * What each character is in Flink SQL: white space, part of a word, a line end. Every reader of the
 * text asks here (the statement splitter, the token scanner and through it the grammar, completion,
 * hover, secrets, formatting, option-list edits and suppression comments), so they cannot disagree.
 *
 * Flink's lexer is Calcite's (apache/calcite core/src/main/codegen/templates/Parser.jj, in the
 * back-tick quoting Flink uses): it skips only space, `\t`, `\n`, `\r` and `\f`; an identifier is a
 * LETTER then LETTERs and DIGITs, where LETTER is `$`, `_`, ASCII letters and the ranges in
 * `FLINK_LETTER` below, and DIGIT is ASCII and a dozen scripts' decimal digits; any other character
 * outside a string, quoted name or comment is a lexical error. Where Flink has an answer we give the
 * same one; where Flink rejects the character, we choose what keeps every reader useful and
 * never reports an error on SQL that Flink accepts:
 *
 * - White space is what JavaScript's `\s` matches (Flink's five, `\v`, no-break space U+00A0, the BOM,
 *   the ideographic space U+3000, U+2000–U+200A, U+2028/9, U+202F, U+205F), except U+1680, which
 *   Flink reads as a letter. A no-break or full-width space pasted or typed between words is meant as
 *   a space: read as one, `'api-key' = '…'` with U+3000 around its `=` stays a key and a secret
 *   value, and completion and hover still see the words around it. Flink rejects the statement; we
 *   stay silent about it.
 * - A word character is a Flink LETTER or DIGIT, or any other letter or digit of Unicode (`\p{L}`,
 *   `\p{N}`), by UTF-16 code unit: a name in Hangul or with `²` reads as one word (Flink rejects it,
 *   we stay silent), and a surrogate (an emoji, a letter beyond the BMP, which Flink rejects too) is
 *   not a word character. A word starts with any word character but an ASCII digit (`$x` and `_x`
 *   are names, as for Flink); see tokens.ts.
 * - Other control characters (U+0000–U+0008, U+000E–U+001F) are punctuation: Flink rejects them.
 * - A line ends at `\n` or `\r` (`\r\n` is one line end), as Flink's line comments and LSP's lines do;
 *   U+2028 is white space but no line end.
 * - `'` opens a string and `` ` `` a quoted name; a doubled quote inside is an escaped one. `"` is
 *   punctuation, as in Flink's back-tick mode.
 *
 * A module that asks for every character (the splitter, the scanner) reads these functions once into
 * constants of its own (`const { isSpace } = characters`): run through a CommonJS transform (tsx, in
 * the tests and the benchmark), each use of an imported name is a read through two getters, which
 * makes such a loop several times slower. The bundled server and client are not affected.
 */

const SPACE = 1;
const WORD = 2;
const CLASSIFIED = 4;

/** Calcite's LETTER ranges beyond ASCII (its DIGITs are all `\p{N}`). */
const FLINK_LETTER = /[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u1fff\u3040-\u318f\u3300-\u337f\u3400-\u3d2d\u4e00-\u9fff\uf900-\ufaff]/;
const UNICODE_WORD = /[\p{L}\p{N}_$]/u;

/** The class of each UTF-16 code unit beyond ASCII, filled in on first sight. */
const classes = new Uint8Array(0x10000);

function classOf(c: number): number {
  const known = classes[c];
  if (known !== 0) return known ?? 0; // undefined past the end of a text, where charCodeAt gives NaN
  const char = String.fromCharCode(c);
  const word = FLINK_LETTER.test(char) || UNICODE_WORD.test(char);
  return (classes[c] = CLASSIFIED | (word ? WORD : /\s/.test(char) ? SPACE : 0));
}

/** Whether the UTF-16 code unit `c` is white space (any `c`, NaN included). ASCII is spelled out: the splitter asks for every character. */
export function isSpace(c: number): boolean {
  return c < 0x80 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : (classOf(c) & SPACE) !== 0;
}

/** Whether the UTF-16 code unit `c` can be part of a word (any `c`, NaN included). */
export function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24;
  return (classOf(c) & WORD) !== 0;
}

/** Whether `c` is an ASCII digit, which starts a number rather than a word. */
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Whether `c` ends a line. */
export function isLineEnd(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

/** The offset of the first line end at or after `from` in `text`, or the text's length. */
export function lineEndFrom(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (isLineEnd(text.charCodeAt(i))) return i;
  }
  return text.length;
}

/** The offset where the line that `offset` stands on starts. */
export function lineStartBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isLineEnd(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Where the line after the one `offset` stands on starts: past its `\r\n`, `\n` or `\r` (the text's length on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEndFrom(text, offset);
  return text.startsWith('\r\n', end) ? end + 2 : Math.min(end + 1, text.length);
}

/** The spaces and tabs that start the line `offset` stands on, up to `offset`. */
export function indentationAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStartBefore(text, offset), offset))![0];
}

/**
 * The end of the quoted token (a string or a backtick name) that opens at `open`, where a doubled
 * quote is an escaped one: the offset just past its closing quote, or -1 when it is not closed.
 */
export function closingQuote(text: string, open: number): number {
  const quote = text[open]!;
  let i = open + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) return -1;
    if (text[close + 1] !== quote) return close + 1;
    i = close + 2;
  }
}
