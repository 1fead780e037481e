/**
 * Folding: each statement that spans lines, each `WITH ( … )` / `SET ( … )` option list that spans
 * lines, and each block comment that spans lines. Ranges are whole lines; none starts and ends on
 * the same line, and no two start on the same line (an editor folds one range per line).
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { optionListOf } from '../parser/ast';
import type { ParsedDocument } from '../parser/parseDocument';

/** The folding ranges of `document`, by start line. */
export function foldingRanges(document: TextDocument, parsed: ParsedDocument): FoldingRange[] {
  const text = document.getText();
  const line = (offset: number): number => document.positionAt(offset).line;
  // By start line; the first range offered for a line wins, so statements come before their lists.
  const byStartLine = new Map<number, FoldingRange>();
  const offer = (startLine: number, endLine: number, kind?: FoldingRangeKind): void => {
    if (endLine <= startLine || byStartLine.has(startLine)) return;
    byStartLine.set(startLine, kind === undefined ? { startLine, endLine } : { startLine, endLine, kind });
  };

  for (const { slice } of parsed.statements) {
    offer(line(slice.start), line(slice.semicolon >= 0 ? slice.semicolon : slice.end - 1));
  }
  for (const { slice, statement } of parsed.statements) {
    const list = optionListOf(statement);
    if (!list) continue;
    const open = slice.start + list.span.start;
    const close = slice.start + list.span.end - 1;
    const closeLine = line(close);
    // A `)` that opens its line stays visible, as a closing bracket does in other languages.
    const closeOpensLine = /^\s*$/.test(text.slice(document.offsetAt({ line: closeLine, character: 0 }), close));
    offer(line(open), closeOpensLine ? closeLine - 1 : closeLine);
  }
  for (const comment of parsed.blockComments) {
    offer(line(comment.start), line(comment.end - 1), FoldingRangeKind.Comment);
  }
  return [...byStartLine.values()].sort((a, b) => a.startLine - b.startLine);
}
