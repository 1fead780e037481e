/**
 * A forgiving tokenizer for the statement under the cursor. Completion and hover work on text that
 * is being typed and does not parse yet, so they read tokens rather than the Ohm tree: an unclosed
 * string is a token that runs to the end of the text, and nothing here ever fails.
 */

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

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}_$]/u.test(c);
}

function quoted(text: string, start: number, quote: string): { end: number; value: string; closed: boolean } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { end: i + 1, value, closed: true };
    }
    value += text[i];
    i++;
  }
  // Never closed: like the lexer, the string ends at its line's end, so the lines after it are read.
  const lineEnd = text.slice(start + 1).search(/[\r\n]/);
  const end = lineEnd < 0 ? text.length : start + 1 + lineEnd;
  return { end, value: text.slice(start + 1, end), closed: false };
}

/** Tokenizes `text` (one statement, or the part of it before the cursor). */
export function looseTokens(text: string): LooseTokens {
  const tokens: LooseToken[] = [];
  const comments: { start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if ((c === '-' && text[i + 1] === '-') || (c === '/' && text[i + 1] === '/')) {
      const newline = text.indexOf('\n', i);
      const end = newline < 0 ? text.length : newline;
      comments.push({ start: i, end });
      i = end;
    } else if (c === '/' && text[i + 1] === '*' && text[i + 2] !== '+') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      comments.push({ start: i, end });
      i = end;
    } else if (c === "'" || c === '`') {
      const { end, value, closed } = quoted(text, i, c);
      tokens.push({ kind: c === "'" ? 'string' : 'identifier', start: i, end, value, closed });
      i = end;
    } else if (isWordChar(c)) {
      let j = i + 1;
      while (j < text.length && isWordChar(text[j]!)) j++;
      const word = text.slice(i, j);
      tokens.push({ kind: /^\d/.test(word) ? 'number' : 'word', start: i, end: j, value: word.toLowerCase(), closed: true });
      i = j;
    } else {
      tokens.push({ kind: 'punctuation', start: i, end: i + 1, value: c, closed: true });
      i++;
    }
  }
  return { tokens, comments };
}
