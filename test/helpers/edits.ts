/**
 * Checks on what features return: ranges inside the document, and edits a client would accept
 * (inside the document, none overlapping another, for the document's current version).
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentEdit, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';

/** Asserts that `range` lies inside `document`, with positions that exist in it. */
export function assertInside(document: TextDocument, range: Range, what: string): void {
  const length = document.getText().length;
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  // offsetAt clamps, so a range past the end would pass unnoticed: the positions must round-trip too.
  const exact = (offset: number, position: Range['start']) =>
    document.positionAt(offset).line === position.line && document.positionAt(offset).character === position.character;
  assert.ok(0 <= start && start <= end && end <= length, `${what}: ${JSON.stringify(range)}`);
  assert.ok(exact(start, range.start) && exact(end, range.end), `${what} lies outside the document: ${JSON.stringify(range)}`);
}

/** Asserts that a client would accept `edits`: inside the document, and none overlapping another. */
export function assertEditsApply(document: TextDocument, edits: readonly TextEdit[], what: string): void {
  const spans = edits
    .map((e) => {
      assertInside(document, e.range, what);
      return { start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end) };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1]!.end <= spans[i]!.start, `${what}: overlapping edits`);
}

/**
 * Asserts that a workspace edit only edits `document`, in edits a client would accept, and (for
 * versioned edits) names its current version. Returns its edits.
 */
export function assertWorkspaceEditApplies(document: TextDocument, edit: WorkspaceEdit | undefined | null, what: string): TextEdit[] {
  const all: TextEdit[] = [];
  for (const change of edit?.documentChanges ?? []) {
    assert.ok(TextDocumentEdit.is(change), `${what}: a text document edit`);
    assert.deepEqual(change.textDocument, { uri: document.uri, version: document.version }, `${what}: for this version`);
    all.push(...(change.edits as TextEdit[]));
  }
  for (const [uri, edits] of Object.entries(edit?.changes ?? {})) {
    assert.equal(uri, document.uri, what);
    all.push(...edits);
  }
  assertEditsApply(document, all, what);
  return all;
}

/** The text of `document` after `edits`. */
export function applied(document: TextDocument, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(document, [...edits]);
}
