/**
 * Folding: each statement that spans lines, each `WITH ( … )` / `SET ( … )` option list that spans
 * lines, and each block comment that spans lines. Ranges are whole lines; none starts and ends on
 * the same line, and no two start on the same line (an editor folds one range per line).
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OptionList, Span, Statement } from '../parser/ast';
import type { ParsedDocument } from '../parser/parseDocument';

/**
 * The block comments of `text` (not `/*+ … *\/` hints, which belong to their statement), found by the
 * lexer's rules: strings and backtick identifiers with doubled quotes, one that is not closed ending
 * at its line's end; `--` and `//` line comments; an unclosed block comment running to the end.
 */
export function blockComments(text: string): Span[] {
  const comments: Span[] = [];
  const lineEndFrom = (from: number): number => {
    const match = /[\r\n]/g;
    match.lastIndex = from;
    return match.exec(text)?.index ?? text.length;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "'" || c === '`') {
      let close = i + 1;
      for (;;) {
        close = text.indexOf(c, close);
        if (close < 0 || text[close + 1] !== c) break;
        close += 2;
      }
      i = close < 0 ? Math.max(lineEndFrom(i + 1), i + 1) : close + 1;
    } else if ((c === '-' && next === '-') || (c === '/' && next === '/')) {
      i = lineEndFrom(i + 2);
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      if (text[i + 2] !== '+') comments.push({ start: i, end });
      i = end;
    } else {
      i++;
    }
  }
  return comments;
}

function optionListOf(statement: Statement | undefined): OptionList | undefined {
  switch (statement?.kind) {
    case 'createConnection':
    case 'alterConnection':
    case 'createTable':
    case 'createModel':
    case 'createTool':
      return statement.options;
    default:
      return undefined;
  }
}

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
  for (const comment of blockComments(text)) {
    offer(line(comment.start), line(comment.end - 1), FoldingRangeKind.Comment);
  }
  return [...byStartLine.values()].sort((a, b) => a.startLine - b.startLine);
}
