/**
 * Formatting of option lists: the `( … )` after `WITH` (CREATE CONNECTION, CREATE TABLE, CREATE MODEL,
 * CREATE TOOL) or `SET` (ALTER CONNECTION) becomes one option per line, with the `=` aligned:
 *
 *     CREATE CONNECTION c WITH (
 *       'type'     = 'openai',
 *       'endpoint' = 'https://api.openai.com/v1/chat/completions',
 *       'api-key'  = '…'
 *     );
 *
 * The line that opens the list (the one with `WITH (`) sets the indentation: the options get one level
 * more than it, the `)` the same. For a statement on one line that is the statement's own indentation;
 * for ``CREATE CONNECTION c` + newline + `  WITH (`` it keeps the options inside the indented `WITH`.
 *
 * Only the list of a statement that parsed is rewritten; every other character of the document (the
 * statement's head, columns, queries, other statements) stays as it was. Keys and values are copied
 * verbatim, quotes and `''` escapes included, so a secret is never re-escaped or otherwise changed.
 * Comments between options are kept: one that shares a line with an option stays at the end of that
 * option's line, one on a line of its own stays on a line of its own before the option that follows
 * it. A list whose text cannot be placed safely (a comment between a key and its value) is left as it
 * is. Formatting formatted text changes nothing, and a list that is already formatted yields no edit.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { optionListOf, type OptionList } from '../parser/ast';
import { indentationAt } from '../parser/characters';
import { TokenScanner } from '../parser/tokens';
import type { DocumentStatement, ParsedDocument } from '../parser/parseDocument';

/** The parts of LSP's `FormattingOptions` that formatting reads. */
export interface FormattingSettings {
  /** Width of one indentation level, in spaces. */
  readonly tabSize: number;
  /** Indent with spaces (`tabSize` of them) rather than one tab. */
  readonly insertSpaces: boolean;
}

/** Edits that format every option list of `document`; `[]` when it is formatted already. */
export function formatDocument(document: TextDocument, parsed: ParsedDocument, options: FormattingSettings): TextEdit[] {
  return formatStatements(document, parsed.statements, options);
}

/**
 * Edits that format the option lists of the statements that intersect `range`. An empty range (a
 * cursor) selects the statement it stands in or touches. An edit may reach beyond `range`, since a
 * list is formatted whole.
 */
export function formatRange(
  document: TextDocument,
  parsed: ParsedDocument,
  range: Range,
  options: FormattingSettings,
): TextEdit[] {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const touched = parsed.statements.filter(({ slice }) =>
    start === end ? slice.start <= start && start <= slice.end : slice.start < end && start < slice.end,
  );
  return formatStatements(document, touched, options);
}

function formatStatements(
  document: TextDocument,
  statements: readonly DocumentStatement[],
  options: FormattingSettings,
): TextEdit[] {
  const text = document.getText();
  const eol = lineEndingOf(text);
  const level = options.insertSpaces ? ' '.repeat(Math.max(1, Math.trunc(options.tabSize) || 1)) : '\t';
  const edits: TextEdit[] = [];
  for (const statement of statements) {
    const list = optionListOf(statement.statement);
    if (!list) continue;
    const base = statement.slice.start;
    const replacement = formatOptionList(statement.text, list, {
      eol,
      level,
      indentAt: (offset) => indentationAt(text, base + offset),
    });
    if (!replacement) continue;
    for (const edit of editsAround(statement.text, replacement)) {
      const start = base + edit.start;
      const end = base + edit.end;
      edits.push({ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: edit.newText });
    }
  }
  return edits;
}

/**
 * The replacement as edits of the text between its keys and values only. Keys and values are never
 * inside an edit: the formatter does not change them, and an edit that carried a value would send a
 * secret back to the editor.
 */
function editsAround(text: string, replacement: ListReplacement): Replacement[] {
  const edits: Replacement[] = [];
  let oldFrom = replacement.start;
  let newFrom = 0;
  const gap = (oldTo: number, newTo: number) => {
    const newText = replacement.newText.slice(newFrom, newTo);
    if (text.slice(oldFrom, oldTo) !== newText) edits.push({ start: oldFrom, end: oldTo, newText });
  };
  for (const anchor of replacement.anchors) {
    gap(anchor.oldStart, anchor.newStart);
    oldFrom = anchor.oldStart + anchor.length;
    newFrom = anchor.newStart + anchor.length;
  }
  gap(replacement.end, replacement.newText.length);
  return edits;
}


/** The document's own line ending, taken from its first line break (`\n` when it has none). */
function lineEndingOf(text: string): string {
  const match = /\r\n|\r|\n/.exec(text);
  return match ? match[0] : '\n';
}

interface Layout {
  readonly eol: string;
  /** One level of indentation. */
  readonly level: string;
  /** The indentation of the line that holds an offset of the statement. */
  readonly indentAt: (offset: number) => string;
}

/** A replacement of `[start, end)` of the statement's text. */
interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** Where a key or value of the old text stands in the new text (both offsets of the same characters). */
interface Anchor {
  readonly oldStart: number;
  readonly newStart: number;
  readonly length: number;
}

interface ListReplacement extends Replacement {
  /** Every key and value, in order. */
  readonly anchors: readonly Anchor[];
}

/** A comment in the white space of an option list, and whether it shares a line with what precedes it. */
interface Comment {
  readonly text: string;
  /** Nothing but spaces (no line break) between the previous token and this comment. */
  readonly sameLine: boolean;
}

/**
 * The formatted text of `list` in the statement `text`, from the end of its `WITH`/`SET` keyword (or
 * from its `(` when a comment stands between them) to its `)`. Undefined when the list holds
 * something that cannot be placed safely.
 */
function formatOptionList(text: string, list: OptionList, layout: Layout): ListReplacement | undefined {
  const open = list.span.start;
  const close = list.span.end - 1;
  // `WITH (`: one space after the keyword, unless a comment stands between them.
  const keywordEnd = keywordEndBefore(text, open);
  const start = keywordEnd ?? open;
  const prefix = keywordEnd === undefined ? '' : ' ';

  const { options } = list;
  // The white space around each option: before the first, between two, after the last.
  const gaps: Comment[][] = [];
  for (let i = 0; i <= options.length; i++) {
    const from = i === 0 ? open + 1 : options[i - 1]!.span.end;
    const to = i === options.length ? close : options[i]!.span.start;
    const commas = i === 0 || i === options.length ? 0 : 1;
    const comments = commentsBetween(text, from, to, commas);
    if (!comments) return undefined;
    gaps.push(comments);
  }
  if (options.length === 0) {
    // `WITH ()` stays as it is written, save its spacing; an empty list with a comment is left alone.
    return gaps[0]!.length === 0 ? { start, end: list.span.end, newText: `${prefix}()`, anchors: [] } : undefined;
  }
  // Only white space and `=` between a key and its value: a comment there has no safe place.
  for (const option of options) {
    if (text.slice(option.key.span.end, option.value.span.start).replace(/\s/g, '') !== '=') return undefined;
  }

  const keys = options.map((option) => text.slice(option.key.span.start, option.key.span.end));
  const widths = keys.map(displayWidth);
  const keyWidth = Math.max(...widths);
  // The line that opens the list sets the indentation: its own for `)`, one level more for the options.
  const { eol } = layout;
  const indent = layout.indentAt(start);
  const optionIndent = indent + layout.level;

  let out = `${prefix}(${trailing(gaps[0]!)}`;
  const anchors: Anchor[] = [];
  const copy = (span: { start: number; end: number }) => {
    anchors.push({ oldStart: span.start, newStart: out.length, length: span.end - span.start });
    out += text.slice(span.start, span.end);
  };
  options.forEach((option, i) => {
    for (const line of ownLines(gaps[i]!)) out += eol + optionIndent + line;
    const comma = i < options.length - 1 ? ',' : '';
    out += `${eol}${optionIndent}`;
    copy(option.key.span);
    out += `${' '.repeat(keyWidth - widths[i]!)} = `;
    copy(option.value.span);
    out += `${comma}${trailing(gaps[i + 1]!)}`;
  });
  for (const line of ownLines(gaps[options.length]!)) out += eol + optionIndent + line;
  out += `${eol}${indent})`;
  return { start, end: list.span.end, newText: out, anchors };
}

/** East Asian wide and full-width characters, and emoji: two columns in a monospaced editor font. */
const WIDE =
  /[\p{Extended_Pictographic}\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const graphemes = new Intl.Segmenter();

/** The columns `text` takes on screen, so that a key with an emoji or CJK still lines its `=` up. */
function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += WIDE.test(segment) ? 2 : 1;
  return width;
}

/** The comments that share a line with the token before the gap, as text to append to that line. */
function trailing(gap: readonly Comment[]): string {
  const comments = [];
  for (const comment of gap) {
    if (!comment.sameLine) break;
    comments.push(comment.text);
  }
  return comments.length > 0 ? ` ${comments.join(' ')}` : '';
}

/** The comments of a gap that stand on lines of their own, one string per line. */
function ownLines(gap: readonly Comment[]): string[] {
  const first = gap.findIndex((comment) => !comment.sameLine);
  if (first < 0) return [];
  const lines: string[] = [];
  for (const comment of gap.slice(first)) {
    if (comment.sameLine && lines.length > 0) lines[lines.length - 1] += ` ${comment.text}`;
    else lines.push(comment.text);
  }
  return lines;
}

/**
 * The comments in `text[from, to)`, which must hold nothing else but white space and exactly
 * `commas` commas; undefined otherwise.
 */
function commentsBetween(text: string, from: number, to: number, commas: number): Comment[] | undefined {
  const comments: Comment[] = [];
  let previousEnd = from;
  let commasSeen = 0;
  for (const scanner = new TokenScanner(text, from); scanner.next() && scanner.start < to; ) {
    const { kind, start, end } = scanner;
    if (kind === 'punctuation' && text.charCodeAt(start) === 0x2c) {
      commasSeen++;
      continue;
    }
    if (kind !== 'comment') return undefined;
    const between = text.slice(previousEnd, start);
    let comment = text.slice(start, end);
    // A line comment's trailing spaces are not its text; a block comment is kept exactly.
    if (!comment.startsWith('/*')) comment = comment.replace(/[ \t]+$/, '');
    comments.push({ text: comment, sameLine: !/[\r\n]/.test(between) });
    previousEnd = end;
  }
  return commasSeen === commas ? comments : undefined;
}

/** The end of the `WITH` or `SET` that is the last token before `open`, or undefined when something else is. */
function keywordEndBefore(text: string, open: number): number | undefined {
  let end: number | undefined;
  for (const scanner = new TokenScanner(text); scanner.next() && scanner.start < open; ) {
    end = scanner.kind === 'word' && /^(with|set)$/.test(scanner.value()) ? scanner.end : undefined;
  }
  return end;
}
