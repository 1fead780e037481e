/**
 * The forgiving tokenizer reads character codes for speed; these tests hold it to a plain reading of
 * its rules (a regular expression per character, values built as it goes) on random text, on every
 * UTF-16 code unit, and on the example files.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { firstQuoteOrComment, LooseScanner, looseTokens, type LooseToken, type LooseTokens } from '../../server/src/parser/looseTokens';

/** The tokenizer's rules written as plainly as possible. */
function referenceTokens(text: string): LooseTokens {
  const isWordChar = (c: string) => /[\p{L}\p{N}_$]/u.test(c);
  const tokens: LooseToken[] = [];
  const comments: { start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if ((c === '-' && text[i + 1] === '-') || (c === '/' && text[i + 1] === '/')) {
      const newline = text.slice(i).search(/[\r\n]/);
      const end = newline < 0 ? text.length : i + newline;
      comments.push({ start: i, end });
      i = end;
    } else if (c === '/' && text[i + 1] === '*' && text[i + 2] !== '+') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      comments.push({ start: i, end });
      i = end;
    } else if (c === "'" || c === '`') {
      let value = '';
      let j = i + 1;
      let end = -1;
      while (j < text.length) {
        if (text[j] === c && text[j + 1] === c) {
          value += c;
          j += 2;
        } else if (text[j] === c) {
          end = j + 1;
          break;
        } else {
          value += text[j];
          j++;
        }
      }
      const kind = c === "'" ? 'string' : 'identifier';
      if (end >= 0) {
        tokens.push({ kind, start: i, end, value, closed: true });
      } else {
        const lineEnd = text.slice(i + 1).search(/[\r\n]/);
        end = lineEnd < 0 ? text.length : i + 1 + lineEnd;
        tokens.push({ kind, start: i, end, value: text.slice(i + 1, end), closed: false });
      }
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

/** Pieces that meet every rule: quotes and escapes, comment markers, line ends, white space and letters of other scripts, surrogates. */
const PIECES = [
  "'", '`', "''", '``', '--', '//', '/*', '*/', '/*+', '\n', '\r', '\r\n', ' ', '\t', '\v', '\u00a0', '\u2028', '\u3000', '\ufeff',
  '😀', '\ud835', '\udc00', '接続', 'é', 'Ω', '٣', '²', 'x', 'A', '1', '_', '$', '=', ';', '(', ')', '.', '-', '/', '*', '+', "'api-key'",
];
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((pieces) => pieces.join('')),
);

describe('looseTokens', () => {
  test('reads random text as the plain reading of its rules does', () => {
    fc.assert(
      fc.property(text, (t) => assert.deepEqual(looseTokens(t), referenceTokens(t))),
      { numRuns: 2000, seed: 20261126 },
    );
  });

  test('classifies every UTF-16 code unit as the plain reading does: word character, white space or punctuation', () => {
    let all = '';
    for (let c = 0; c < 0x10000; c++) all += `${String.fromCharCode(c)} a${String.fromCharCode(c)}b `;
    assert.deepEqual(looseTokens(all), referenceTokens(all));
  });

  test('reads the example files as the plain reading does', () => {
    const examples = path.join(__dirname, '../../examples');
    for (const name of readdirSync(examples).filter((n) => n.endsWith('.sql'))) {
      const source = readFileSync(path.join(examples, name), 'utf8');
      assert.deepEqual(looseTokens(source), referenceTokens(source), name);
    }
  });

  test('strings: doubled quotes resolved when closed, taken as typed to the line end when not', () => {
    const { tokens } = looseTokens("'it''s' `a``b` 'open''\nx");
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.value, t.closed]),
      [['string', "it's", true], ['identifier', 'a`b', true], ['string', "open''", false], ['word', 'x', true]],
    );
  });
});

test('a line comment ends at a lone carriage return too, as the statement splitter reads it', () => {
  const { tokens, comments } = looseTokens("a -- note\r'api-key' = 'x'");
  assert.deepEqual(tokens.map((t) => t.value), ['a', 'api-key', '=', 'x']);
  assert.deepEqual(comments, [{ start: 2, end: 9 }]);
});

describe('LooseScanner from the first quote or comment', () => {
  test('finds the same tokens and comments as a scan from the start, from that offset on', () => {
    fc.assert(
      fc.property(text, (t) => {
        const from = firstQuoteOrComment(t);
        const scanner = new LooseScanner(t, from);
        const seen: [string, number, number][] = [];
        while (scanner.next()) seen.push([scanner.kind, scanner.start, scanner.end]);
        const whole = looseTokens(t);
        const expected = [...whole.tokens.map((k): [string, number, number] => [k.kind, k.start, k.end]), ...whole.comments.map((c): [string, number, number] => ['comment', c.start, c.end])]
          .filter(([, start]) => start >= from)
          .sort((a, b) => a[1] - b[1]);
        assert.deepEqual(seen, expected);
        // Before that offset there is nothing but words, numbers and punctuation.
        assert.ok(whole.tokens.every((k) => k.start >= from || ['word', 'number', 'punctuation'].includes(k.kind)));
        assert.ok(whole.comments.every((c) => c.start >= from));
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });
});
