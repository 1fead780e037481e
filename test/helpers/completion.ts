/**
 * Runs completion at the `$0` of a source text and applies a chosen item, snippet tab stops removed.
 */
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completion, type CompletionEnvironment } from '../../server/src/features/completion';
import { snippetDefaults } from '../../server/src/features/snippets';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { parseMarkers } from './markers';

export const noEnvironment: CompletionEnvironment = { connections: [] };

export function completionsAt(source: string, environment: CompletionEnvironment = noEnvironment) {
  const { text, cursor } = parseMarkers(source);
  assert.notEqual(cursor, undefined, 'the source marks the cursor with $0');
  const document = TextDocument.create('file:///test.sql', 'flinksql', 1, text);
  const items = completion(document, parseDocument(text), cursor!, environment);
  return { document, items, labels: items.map((i) => i.label) };
}

/** The text after accepting `label`, with snippet placeholders reduced to their defaults. */
export function accept(source: string, label: string, environment: CompletionEnvironment = noEnvironment): string {
  const { document, items } = completionsAt(source, environment);
  const item = items.find((i: CompletionItem) => i.label === label);
  assert.ok(item, `no completion item '${label}'`);
  const edit = item.textEdit as TextEdit;
  const text = TextDocument.applyEdits(document, [edit]);
  return snippetDefaults(text);
}
