/**
 * One character table (characters.ts) and one token scanner (tokens.ts) for every reader. The scanner
 * reads character codes for speed; these tests hold it to a plain reading of its rules (a regular
 * expression per character, values built as it goes) on random text, on every UTF-16 code unit, and
 * on the example files; and they hold every reader to the table's decisions where Flink has none.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applySuppressions } from '../../server/src/analysis/suppressions';
import { formatDocument } from '../../server/src/features/formatting';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { splitStatements } from '../../server/src/parser/splitStatements';
import { firstQuoteOrComment, readTokens, TokenScanner, type Token, type Tokens } from '../../server/src/parser/tokens';
import { problemsOf } from '../helpers/analysis';
import { parseMarkers } from '../helpers/markers';
import { secretRanges } from '../helpers/secrets';

/** Calcite's LETTER ranges beyond ASCII (Parser.jj), which Flink's lexer takes as parts of names. */
const FLINK_LETTER = /[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u1fff\u3040-\u318f\u3300-\u337f\u3400-\u3d2d\u4e00-\u9fff\uf900-\ufaff]/;

/** The scanner's rules written as plainly as possible. */
function referenceTokens(text: string): Tokens {
  const isWordChar = (c: string) => /[\p{L}\p{N}_$]/u.test(c) || FLINK_LETTER.test(c);
  const tokens: Token[] = [];
  const comments: { start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c) && !isWordChar(c)) {
      i++;
    } else if ((c === '-' && text[i + 1] === '-') || (c === '/' && text[i + 1] === '/')) {
      const newline = text.slice(i).search(/[\r\n]/);
      const end = newline < 0 ? text.length : i + newline;
      comments.push({ start: i, end });
      i = end;
    } else if (text.startsWith('/*+', i)) {
      // A hint: its opener, then the tokens inside it.
      tokens.push({ kind: 'hint', start: i, end: i + 3, value: '/*+', closed: text.indexOf('*/', i + 2) >= 0 });
      i += 3;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      comments.push({ start: i, end });
      i = end;
    } else if (/^[uU]&'/.test(text.slice(i, i + 3))) {
      // A Unicode string: `U&`, a string, and when it is closed an optional `UESCAPE '<c>'`; its
      // value has `<c>` (by default a backslash) and four hex digits as that code unit, `<c><c>` as `<c>`.
      const body = /^'((?:[^']|'')*)'(?!')/.exec(text.slice(i + 2));
      if (!body) {
        const lineEnd = text.slice(i + 3).search(/[\r\n]/);
        const end = lineEnd < 0 ? text.length : i + 3 + lineEnd;
        tokens.push({ kind: 'string', start: i, end, value: text.slice(i + 3, end), closed: false });
        i = end;
        continue;
      }
      let end = i + 2 + body[0].length;
      let j = end;
      while (j < text.length && /\s/.test(text[j]!) && !isWordChar(text[j]!)) j++;
      if (text.slice(j, j + 7).toLowerCase() === 'uescape' && !isWordChar(text[j + 7] ?? ' ')) {
        j += 7;
        while (j < text.length && /\s/.test(text[j]!) && !isWordChar(text[j]!)) j++;
        const clause = /^'(?:[^']|'')*'(?!')/.exec(text.slice(j));
        if (clause) end = j + clause[0].length;
      }
      const escape = end > i + 2 + body[0].length ? text[end - 2]! : '\\';
      const quoted = escape.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const value = body[1]!.replaceAll("''", "'").replace(new RegExp(`${quoted}(${quoted}|[0-9a-fA-F]{4})`, 'g'), (_, what: string) => (what === escape ? escape : String.fromCharCode(parseInt(what, 16))));
      tokens.push({ kind: 'string', start: i, end, value, closed: true });
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
    } else if (/[0-9]/.test(c)) {
      const number = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(i))![0];
      tokens.push({ kind: 'number', start: i, end: i + number.length, value: number, closed: true });
      i += number.length;
    } else if (isWordChar(c)) {
      let j = i + 1;
      while (j < text.length && isWordChar(text[j]!)) j++;
      tokens.push({ kind: 'word', start: i, end: j, value: text.slice(i, j).toLowerCase(), closed: true });
      i = j;
    } else {
      const width = /[\ud800-\udbff]/.test(c) && /[\udc00-\udfff]/.test(text[i + 1] ?? '') ? 2 : 1;
      tokens.push({ kind: 'punctuation', start: i, end: i + width, value: text.slice(i, i + width), closed: true });
      i += width;
    }
  }
  return { tokens, comments };
}

/** Pieces that meet every rule: quotes and escapes, comment markers, line ends, white space and letters of other scripts, surrogates. */
const PIECES = [
  "'", '`', "''", '``', '--', '//', '/*', '*/', '/*+', '\n', '\r', '\r\n', ' ', '\t', '\v', '\u00a0', '\u1680', '\u2028', '\u3000', '\ufeff', '\u0007',
  '😀', '\ud835', '\udc00', '接続', 'é', 'e\u0301', 'Ω', '٣', '²', 'x', 'A', '1', '2.5', '_', '$', '=', ';', '(', ')', '.', '-', '/', '*', '+', "'api-key'",
  "U&'", 'u&', '&', '\\', '\\0041', '#00e9', ' UESCAPE ', 'uescape', "'#'", "U&'a\\0041\\\\'", "u&'#00e9##' UESCAPE '#'",
];
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((pieces) => pieces.join('')),
);

describe('readTokens', () => {
  test('reads random text as the plain reading of its rules does', () => {
    fc.assert(
      fc.property(text, (t) => assert.deepEqual(readTokens(t), referenceTokens(t))),
      { numRuns: 2000, seed: 20261126 },
    );
  });

  test('classifies every UTF-16 code unit as the plain reading does: word character, white space or punctuation', () => {
    let all = '';
    for (let c = 0; c < 0x10000; c++) all += `${String.fromCharCode(c)} a${String.fromCharCode(c)}b `;
    assert.deepEqual(readTokens(all), referenceTokens(all));
  });

  test('reads the example files as the plain reading does', () => {
    const examples = path.join(__dirname, '../../examples');
    for (const name of readdirSync(examples).filter((n) => n.endsWith('.sql'))) {
      const source = readFileSync(path.join(examples, name), 'utf8');
      assert.deepEqual(readTokens(source), referenceTokens(source), name);
    }
  });

  test('strings: doubled quotes resolved when closed, taken as typed to the line end when not', () => {
    const { tokens } = readTokens("'it''s' `a``b` 'open''\nx");
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.value, t.closed]),
      [['string', "it's", true], ['identifier', 'a`b', true], ['string', "open''", false], ['word', 'x', true]],
    );
  });

  test("Unicode strings: U&'…' is one string token, with its UESCAPE clause, and its escapes read as Calcite reads them", () => {
    const read = (t: string) => readTokens(t).tokens.map((k) => [k.kind, t.slice(k.start, k.end), k.value, k.closed]);
    assert.deepEqual(read("U&'\\0001' u&'a\\0041\\\\b\\zz' U&'it''s'"), [
      ['string', "U&'\\0001'", '\u0001', true],
      ['string', "u&'a\\0041\\\\b\\zz'", 'aA\\b\\zz', true],
      ['string', "U&'it''s'", "it's", true],
    ]);
    assert.deepEqual(read("U&'#00e9##\\0041' UESCAPE  '#', x"), [['string', "U&'#00e9##\\0041' UESCAPE  '#'", 'é#\\0041', true], ['punctuation', ',', ',', true], ['word', 'x', 'x', true]]);
    // Unclosed: as typed, to the line's end; a word that ends in U, and a U& not before a quote, are no such string.
    assert.deepEqual(read("U&'open\\0041\nx"), [['string', "U&'open\\0041", 'open\\0041', false], ['word', 'x', 'x', true]]);
    assert.deepEqual(read("xU&'a' U& 'b'"), [['word', 'xU', 'xu', true], ['punctuation', '&', '&', true], ['string', "'a'", 'a', true], ['word', 'U', 'u', true], ['punctuation', '&', '&', true], ['string', "'b'", 'b', true]]);
    assert.deepEqual(read("1U&'a'"), [['number', '1', '1', true], ['string', "U&'a'", 'a', true]]);
    assert.equal(firstQuoteOrComment("x = 1U&'a'"), 5);
    assert.equal(firstQuoteOrComment("x = xU&'a'"), 7);
  });

  test('numbers are digits with an optional fraction; a word may not start with a digit, as for Flink', () => {
    assert.deepEqual(
      readTokens('4 3.14 1abc 2. x1 $x _y').tokens.map((t) => `${t.kind}:${t.value}`),
      ['number:4', 'number:3.14', 'number:1', 'word:abc', 'number:2', 'punctuation:.', 'word:x1', 'word:$x', 'word:_y'],
    );
  });
});

test('a line comment ends at a lone carriage return too, as the statement splitter reads it', () => {
  const { tokens, comments } = readTokens("a -- note\r'api-key' = 'x'");
  assert.deepEqual(tokens.map((t) => t.value), ['a', 'api-key', '=', 'x']);
  assert.deepEqual(comments, [{ start: 2, end: 9 }]);
});

describe('TokenScanner from the first quote or comment', () => {
  test('finds the same tokens and comments as a scan from the start, from that offset on', () => {
    fc.assert(
      fc.property(text, (t) => {
        const from = firstQuoteOrComment(t);
        const scanner = new TokenScanner(t, from);
        const seen: [string, number, number][] = [];
        while (scanner.next()) {
          if (scanner.kind === 'hint') scanner.enterHint();
          seen.push([scanner.kind, scanner.start, scanner.end]);
        }
        const whole = readTokens(t);
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

describe('every reader takes the same characters for white space, words and line ends', () => {
  const openai = (space: string) => `CREATE${space}CONNECTION${space}c${space}WITH${space}('type'${space}=${space}'openai',${space}'api-key'${space}=${space}'[|sk-1|]')`;

  for (const [name, space] of [['ideographic space U+3000', '\u3000'], ['no-break space U+00A0', '\u00a0'], ['vertical tab', '\v'], ['byte order mark', '\ufeff']]) {
    test(`a ${name} between words is white space: the statement splits, parses, formats and keeps its secret masked`, () => {
      const { text, ranges } = parseMarkers(`${space}${openai(space)};`);
      const [statement] = splitStatements(text).statements;
      assert.equal(statement!.start, 1);
      assert.equal(statement!.firstWord, 'create');
      assert.equal(parseDocument(text).statements[0]!.statement?.kind, 'createConnection');
      assert.deepEqual(secretRanges(text), ranges);
      const formatted = formatDocument(TextDocument.create('file:///a.sql', 'flinksql', 1, text), parseDocument(text), { tabSize: 2, insertSpaces: true });
      assert.ok(formatted.length > 0, 'the option list is formatted');
    });
  }

  test('`$` and `_` start a name and letters Flink reads in names are word characters: no syntax error where Flink accepts the name', () => {
    // `café` with a combining accent (U+0301), and U+1680, which Calcite's lexer counts among its letters.
    for (const name of ['$x', '_x', 'cafe\u0301', 'a\u1680b', '接続']) {
      const text = `CREATE CONNECTION ${name} WITH ('type' = 'openai');`;
      const statement = parseDocument(text).statements[0]!.statement;
      assert.ok(statement?.kind === 'createConnection', name);
      assert.equal(statement.name.parts[0]!.value, name);
    }
  });

  test('an emoji, a control character or a double quote outside a string is punctuation, which Flink rejects: a syntax error', () => {
    for (const junk of ['😀', '\u0001', '"']) {
      const text = `CREATE CONNECTION c${junk} WITH ('type' = 'openai');`;
      assert.ok(parseDocument(text).statements[0]!.error, JSON.stringify(junk));
    }
  });

  test('a line ends at \\n, \\r\\n and a lone \\r for line comments and suppression comments alike', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const { text, ranges } = parseMarkers(
        [
          `-- flinksql-disable-next-line unknown-option`,
          `CREATE CONNECTION a WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key' = '[|k|]');`,
          `CREATE CONNECTION b WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', [|'ap-key'|] = '[|k|]'); -- 'api-key' = '[|sk|]`,
        ].join(eol),
      );
      const problems = applySuppressions(text, problemsOf(text)).filter((p) => p.code === 'unknown-option');
      assert.deepEqual(problems.map((p) => p.span), [ranges[1]], JSON.stringify(eol));
      assert.deepEqual(secretRanges(text), [ranges[0], ranges[2], ranges[3]], JSON.stringify(eol));
    }
  });
});
