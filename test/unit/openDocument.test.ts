/**
 * An open document kept in chunks reads exactly like `TextDocument` with the same text: after random
 * edits (line breaks of every kind, across chunk boundaries, whole-text changes), every text, line,
 * position and offset agrees. And each edit reports where it was, in the offsets before it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OpenDocument } from '../../server/src/workspace/openDocument';

const PIECES = ['\n', '\r', '\r\n', '\n\r', 'x', 'ab', ' ', "'", '😀', 'CREATE CONNECTION c;'];
const piecesOf = (maxLength: number) => fc.array(fc.constantFrom(...PIECES), { maxLength }).map((p) => p.join(''));
/** Texts from empty to a few chunks long. */
const texts = fc.oneof(piecesOf(30), fc.tuple(piecesOf(40), fc.integer({ min: 1, max: 3000 })).map(([unit, times]) => unit.repeat(times)));
const position = fc.record({ line: fc.integer({ min: -2, max: 3000 }), character: fc.integer({ min: -2, max: 200 }) });
const edit = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: fc.oneof(piecesOf(4), piecesOf(3000)) }) },
  { weight: 1, arbitrary: texts.map((text) => ({ text })) },
);

/** Every answer of `actual` compared with `expected`'s, at a sample of offsets, lines and positions. */
function assertSame(actual: OpenDocument, expected: TextDocument, positions: readonly { line: number; character: number }[]): void {
  const text = expected.getText();
  assert.equal(actual.getText(), text);
  assert.equal(actual.length, text.length);
  assert.equal(actual.lineCount, expected.lineCount);
  const step = Math.max(1, Math.floor(text.length / 300));
  for (let offset = -1; offset <= text.length + 1; offset += offset < 3 || offset > text.length - 3 ? 1 : step) {
    assert.deepEqual(actual.positionAt(offset), expected.positionAt(offset), `positionAt(${offset})`);
    assert.equal(actual.slice(offset, offset + 5), text.slice(Math.max(0, offset), Math.max(0, offset + 5)), `slice at ${offset}`);
  }
  for (let line = -1; line <= expected.lineCount; line += Math.max(1, Math.floor(expected.lineCount / 100))) {
    assert.deepEqual(actual.getLineRange(line), expected.getLineRange(line), `getLineRange(${line})`);
    assert.equal(actual.getEOLCharacters(line), expected.getEOLCharacters(line), `getEOLCharacters(${line})`);
    for (const character of [0, 1, 5, 1000]) assert.equal(actual.offsetAt({ line, character }), expected.offsetAt({ line, character }));
  }
  for (const p of positions) {
    assert.equal(actual.offsetAt(p), expected.offsetAt(p), `offsetAt(${JSON.stringify(p)})`);
    assert.equal(actual.getText({ start: p, end: { line: p.line + 1, character: 0 } }), expected.getText({ start: p, end: { line: p.line + 1, character: 0 } }));
  }
}

describe('an open document in chunks', () => {
  test('reads like TextDocument after every edit of a series', () => {
    fc.assert(
      fc.property(texts, fc.array(edit, { maxLength: 6 }), fc.array(position, { maxLength: 10 }), (initial, edits, positions) => {
        const actual = new OpenDocument('untitled:a', 'flinksql', 1, initial);
        let expected = TextDocument.create('untitled:a', 'flinksql', 1, initial);
        for (const change of edits) {
          const before = expected.getText();
          const applied = actual.apply(change);
          const range = 'range' in change ? change.range : { start: { line: 0, character: 0 }, end: { line: Number.MAX_SAFE_INTEGER, character: 0 } };
          expected = TextDocument.create('untitled:a', 'flinksql', 1, TextDocument.applyEdits(expected, [{ range, newText: change.text }]));
          if (applied) {
            // The reported change turns the text before it into the text after it.
            assert.equal(before.slice(0, applied.start) + change.text + before.slice(applied.end), expected.getText());
            assert.equal(applied.newLength, change.text.length);
          } else {
            assert.ok(!('range' in change), 'only a whole-text change is reported as none');
          }
          // The document is read between edits only sometimes: the joined text must not go stale.
          if (change.text.length % 2 === 0) assertSame(actual, expected, positions);
        }
        assertSame(actual, expected, positions);
      }),
      { numRuns: 300 },
    );
  });

  test('finds a text anywhere, also across the boundary of two chunks, without joining them', () => {
    const mark = 'flinksql-';
    // Documents of several chunks (16 KB each) with the mark, or a near miss of it, at every offset around a boundary.
    for (const at of [0, 16_380, 16_383, 16_384, 16_385, 16_390, 32_760, 40_000]) {
      for (const needle of [mark, 'flinksql_']) {
        const text = `${'x'.repeat(at)}${needle}${'y'.repeat(50_000 - at)}`;
        const document = new OpenDocument('untitled:a', 'flinksql', 1, text);
        assert.equal(document.includes(mark), text.includes(mark), `${needle} at ${at}`);
      }
    }
    fc.assert(
      fc.property(texts, fc.array(edit, { maxLength: 4 }), (initial, edits) => {
        const document = new OpenDocument('untitled:a', 'flinksql', 1, initial);
        for (const change of edits) document.apply(change);
        for (const needle of ['a', "'", 'CREATE', '\n', 'zz']) assert.equal(document.includes(needle), document.getText().includes(needle));
      }),
      { numRuns: 200 },
    );
  });
});
