/**
 * Quick fixes about suppression comments: "Ignore '<code>' on this line" for any finding (a
 * `-- flinksql-disable-next-line <code>` above its line, or the code added to one already there),
 * and "Remove the unused suppression comment" for `unused-suppression`.
 */
import { CodeActionKind, Range, TextDocumentEdit, TextEdit, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isSuppressibleCode } from '../analysis/suppressions';
import { indentationAt, lineEndFrom, lineStartBefore, nextLineStart } from '../parser/characters';
import { diagnosticSource } from '../diagnosticCodes';
import type { OffsetEdit } from './optionListEdits';

export interface SuppressionFix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
}

/** A next-line directive alone on its line, naming codes and giving no reason: one more code can join it. */
const JOINABLE = /^([ \t]*--[ \t]*flinksql-disable-next-line[ \t]+[a-z][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z][a-z0-9-]*)*)[ \t]*$/;

/** The suppression fixes for a finding of `code` at `[start, end)` of `text`. */
export function suppressionFixes(text: string, code: string, start: number, end: number): SuppressionFix[] {
  if (code === 'unused-suppression') {
    const lineStart = lineStartBefore(text, start);
    const lineEnd = lineEndFrom(text, end);
    const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '';
    // Alone on its line: the line goes, with its line break; after code: the comment and the spaces before it.
    const edit = alone
      ? { start: lineStart, end: nextLineStart(text, end), newText: '' }
      : { start: start - (text.slice(lineStart, start).length - text.slice(lineStart, start).trimEnd().length), end, newText: '' };
    return [{ title: 'Remove the unused suppression comment', edits: [edit] }];
  }
  if (!isSuppressibleCode(code)) return [];
  const lineStart = lineStartBefore(text, start);
  const title = `Ignore '${code}' on this line`;
  if (lineStart > 0) {
    const previousEnd = lineStart - (text.startsWith('\r\n', lineStart - 2) ? 2 : 1);
    const previousStart = lineStartBefore(text, previousEnd);
    const previous = text.slice(previousStart, previousEnd);
    const joinable = JOINABLE.exec(previous);
    if (joinable) {
      const at = previousStart + joinable[1]!.length;
      return [{ title, edits: [{ start: at, end: at, newText: `, ${code}` }] }];
    }
  }
  const indent = indentationAt(text, lineEndFrom(text, lineStart));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return [{ title, edits: [{ start: lineStart, end: lineStart, newText: `${indent}-- flinksql-disable-next-line ${code}${eol}` }] }];
}

/**
 * The suppression quick fixes of a code action request: one per diagnostic of this server (with its
 * code in `data`, as the server sends them), after the fixes `codeActions` offers.
 */
export function suppressionActions(document: TextDocument, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[] {
  if (only !== undefined && !only.some((kind) => CodeActionKind.QuickFix === kind || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
  const text = document.getText();
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const code = (diagnostic.data as { code?: unknown } | null | undefined)?.code;
    if (diagnostic.source !== diagnosticSource || typeof code !== 'string') continue;
    for (const fix of suppressionFixes(text, code, document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end))) {
      const edits = fix.edits.map((e) => TextEdit.replace(Range.create(document.positionAt(e.start), document.positionAt(e.end)), e.newText));
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] },
      });
    }
  }
  return actions;
}
