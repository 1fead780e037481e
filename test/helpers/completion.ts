/**
 * Runs completion at the `$0` of a source text and applies a chosen item, snippet tab stops removed.
 */
import assert from 'node:assert/strict';
import { InsertReplaceEdit, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
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

/** An item's edit as a client applies it: an insert/replace edit with the range the client chose. */
export function editOf(item: CompletionItem, mode: 'insert' | 'replace' = 'replace'): TextEdit {
  const edit = item.textEdit;
  assert.ok(edit, `completion item '${item.label}' has no text edit`);
  return InsertReplaceEdit.is(edit) ? { range: mode === 'insert' ? edit.insert : edit.replace, newText: edit.newText } : edit;
}

/**
 * The text after accepting `label`, with snippet placeholders reduced to their defaults. An
 * insert/replace edit is applied as `mode` says (VS Code inserts by default; clients without
 * insert/replace support replace).
 */
export function accept(source: string, label: string, environment: CompletionEnvironment = noEnvironment, mode: 'insert' | 'replace' = 'replace'): string {
  const { document, items } = completionsAt(source, environment);
  const item = items.find((i: CompletionItem) => i.label === label);
  assert.ok(item, `no completion item '${label}'`);
  const text = TextDocument.applyEdits(document, [editOf(item, mode)]);
  return snippetDefaults(text);
}
