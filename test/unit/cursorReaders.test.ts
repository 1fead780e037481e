/**
 * Completion, hover and navigation read the statement at the cursor from an open document's chunks
 * (`textSourceOf`), not from its whole text, which a large file would join after every edit. What they
 * read must be what the whole text gives, at every offset, with the text split in chunks of any size.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cursorContext, tokenAt } from '../../server/src/features/atPosition';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { OpenDocument, textSourceOf } from '../../server/src/workspace/openDocument';
import { generateDocument } from '../../scripts/benchDocument';

const folders = ['examples', 'test/vscode/fixtures'].map((folder) => path.join(__dirname, '../..', folder));
const texts = [
  ...folders.flatMap((folder) => readdirSync(folder).filter((f) => f.endsWith('.sql')).map((f) => readFileSync(path.join(folder, f), 'utf8'))),
  generateDocument(150, 11),
  // A statement that ends on a line that goes on after it, and lines ended by \r\n and \r.
  "CREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = 'k'); SELECT 1; CREATE TABLE t (a INT)\r\nWITH ('connector' = 'x');\rALTER CONNECTION c SET ('",
];

/** An open document of `text` whose whole text is not kept: an edit that changes nothing drops it. */
function chunked(text: string): OpenDocument {
  const document = new OpenDocument('untitled:a', 'flinksql', 1, `x${text}`);
  document.apply({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' });
  return document;
}

describe('reading the statement at the cursor from an open document', () => {
  test('gives what the whole text gives, at every offset', () => {
    let read = 0;
    for (const text of texts) {
      assert.equal(chunked(text).getText(), text);
      const parsed = parseDocument(text);
      const source = textSourceOf(chunked(text));
      assert.notEqual(typeof source, 'string', 'an open document is read through its chunks');
      for (let offset = 0; offset <= text.length; offset++) {
        assert.deepEqual(cursorContext(source, parsed, offset), cursorContext(text, parsed, offset), `cursorContext at ${offset}`);
        assert.deepEqual(tokenAt(source, parsed, offset, true), tokenAt(text, parsed, offset, true), `tokenAt at ${offset}`);
        read++;
      }
    }
    assert.ok(read > 10_000);
  });
});
