/**
 * Flink's lexical rules that the statement splitter, the grammar's tokenizer and the forgiving
 * tokenizer share: where a line ends and where a quoted token closes.
 */

/** The offset of the first `\r` or `\n` at or after `from` in `text`, or the text's length. */
export function lineEndFrom(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
  }
  return text.length;
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
