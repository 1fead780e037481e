/**
 * Edits that remove options from an option list `( 'k' = 'v', … )` and add options to it, in the
 * list's own layout: a list written one option per line stays so, with the same indentation; a list
 * on one line stays on its line; no comma is left dangling and no empty line is left behind.
 *
 * Offsets are document offsets; the list's spans are relative to `base`, the statement's start.
 */
import type { OptionList, OptionNode } from '../parser/ast';
import { indentationAt, isLineEnd, isSpace, lineStartBefore, nextLineStart } from '../parser/characters';
import { TokenScanner } from '../parser/tokens';

/** Replace `[start, end)` with `newText`. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A key and its value to write, both unquoted. */
export type OptionEntry = readonly [key: string, value: string];

export interface OptionListChange {
  readonly remove?: ReadonlySet<OptionNode>;
  /** Added after the last option that stays, in this order. */
  readonly add?: readonly OptionEntry[];
}

/** A string literal's text: quoted, with `'` doubled. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** An option as the document shows it, in document offsets. */
interface Placed {
  readonly node: OptionNode;
  readonly start: number;
  readonly end: number;
}

const isHorizontalSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

function skipHorizontalSpace(text: string, offset: number): number {
  let i = offset;
  while (isHorizontalSpace(text[i])) i++;
  return i;
}

/** Only white space between the line's start and `offset`. Reads back only to the first other character, so a list written on one long line costs no more per option than one option per line. */
function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (isLineEnd(c)) return true;
    if (!isSpace(c)) return false;
  }
  return true;
}

/** The option has its line to itself: nothing before it, and after it at most its comma and a line comment. */
function aloneOnLine(text: string, option: Placed): boolean {
  if (!startsLine(text, option.start)) return false;
  let i = skipHorizontalSpace(text, option.end);
  if (text[i] === ',') i = skipHorizontalSpace(text, i + 1);
  return i >= text.length || isLineEnd(text.charCodeAt(i)) || text.startsWith('--', i) || text.startsWith('//', i);
}

/** The comma in `[from, to)` (between two options, or after the last), skipping comments (which may contain commas), or -1. */
function commaBetween(text: string, from: number, to: number): number {
  for (const scanner = new TokenScanner(text, from); scanner.next() && scanner.start < to; ) {
    if (scanner.kind === 'punctuation' && text.charCodeAt(scanner.start) === 0x2c) return scanner.start;
  }
  return -1;
}

/** Sorted, with overlapping or touching deletions joined and each insertion folded into a deletion it touches. */
function normalize(deletions: readonly OffsetEdit[], insertions: readonly OffsetEdit[]): OffsetEdit[] {
  const joined: { start: number; end: number; newText: string }[] = [];
  for (const d of [...deletions].sort((a, b) => a.start - b.start)) {
    const last = joined[joined.length - 1];
    if (last && d.start <= last.end) last.end = Math.max(last.end, d.end);
    else joined.push({ ...d });
  }
  const loose: OffsetEdit[] = [];
  for (const insertion of insertions) {
    const host = joined.find((d) => d.start <= insertion.start && insertion.start <= d.end);
    if (!host) loose.push(insertion);
    else if (insertion.start === host.end && host.start !== host.end) host.newText += insertion.newText;
    else host.newText = insertion.newText + host.newText;
  }
  return [...joined, ...loose].sort((a, b) => a.start - b.start);
}

/**
 * The edits that apply `change` to `list`. `text` is the whole document, `base` the offset of the
 * statement that `list`'s spans are relative to, `eol` the document's line break.
 */
export function optionListEdits(text: string, base: number, list: OptionList, change: OptionListChange, eol = '\n'): OffsetEdit[] {
  const removed = change.remove ?? new Set<OptionNode>();
  const added = change.add ?? [];
  const options: Placed[] = list.options.map((node) => ({ node, start: base + node.span.start, end: base + node.span.end }));
  const isKept = (o: Placed) => !removed.has(o.node);
  const kept = options.filter(isKept);
  const open = base + list.span.start;
  const close = base + list.span.end - 1;
  const deletions: OffsetEdit[] = [];
  const insertions: OffsetEdit[] = [];
  const deleteRange = (start: number, end: number) => deletions.push({ start, end, newText: '' });

  // The separator between key and value, as the list writes it.
  const sample = kept[kept.length - 1]?.node ?? list.options[0];
  const between = sample ? text.slice(base + sample.key.span.end, base + sample.value.span.start) : '';
  const separator = /^[ \t]*=[ \t]*$/.test(between) ? between : ' = ';
  const entries = added.map(([key, value]) => `${sqlString(key)}${separator}${sqlString(value)}`);
  const lineStarter = [...kept, ...options].reverse().find((o) => startsLine(text, o.start));
  const indent = lineStarter ? indentationAt(text, lineStarter.start) : '';
  const onLines = (prefix: string) => entries.map((e) => prefix + e).join(`,${eol}`);

  // Removals, one run of consecutive removed options at a time.
  let tailLinesStart: number | undefined;
  for (let i = 0; i < options.length; ) {
    if (isKept(options[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < options.length && !isKept(options[j + 1]!)) j++;
    const first = options[i]!;
    const last = options[j]!;
    const previous = options[i - 1];
    const next = options[j + 1];
    const allAlone = options.slice(i, j + 1).every((o) => aloneOnLine(text, o));
    if (allAlone) {
      // Whole lines go, comments on them included.
      deleteRange(lineStartBefore(text, first.start), nextLineStart(text, last.end));
      if (!next && previous) {
        // The comma after the option that is now last goes, unless added options follow it.
        if (entries.length > 0) tailLinesStart = lineStartBefore(text, first.start);
        else {
          const comma = commaBetween(text, previous.end, first.start);
          if (comma >= 0) deleteRange(comma, comma + 1);
        }
      }
    } else if (next) {
      // From the first option to past the comma after the last, and the spaces after it.
      const comma = commaBetween(text, last.end, next.start);
      let start = first.start;
      let end = skipHorizontalSpace(text, comma >= 0 ? comma + 1 : last.end);
      if (isLineEnd(text.charCodeAt(end))) {
        while (isHorizontalSpace(text[start - 1])) start--;
        // Nothing is left on the line: the line goes too.
        if (start === lineStartBefore(text, start)) end = nextLineStart(text, end);
      }
      deleteRange(start, end);
    } else if (previous) {
      // The tail of the list: from the end of the option that is now last.
      deleteRange(previous.end, last.end);
    } else {
      deleteRange(first.start, last.end);
    }
    i = j + 1;
  }

  if (entries.length > 0) {
    const anchor = kept[kept.length - 1];
    if (!anchor && options.length === 0) {
      // An empty list gets one option per line, indented a step from the line of its `(`.
      const outer = indentationAt(text, open);
      const step = outer.includes('\t') ? '\t' : '  ';
      const interior = text.slice(open + 1, close);
      const newText = `${eol}${onLines(outer + step)}${eol}${outer}`;
      insertions.push(/^\s*$/.test(interior) ? { start: open + 1, end: close, newText } : { start: open + 1, end: open + 1, newText });
    } else if (!anchor) {
      // Every option removed: the new ones take the place of the first.
      const at = deletions.reduce((min, d) => Math.min(min, d.start), options[0]!.start);
      const newText = at === lineStartBefore(text, at) ? `${onLines(indent)}${eol}` : entries.join(', ');
      insertions.push({ start: at, end: at, newText });
    } else if (!lineStarter) {
      insertions.push({ start: anchor.end, end: anchor.end, newText: `, ${entries.join(', ')}` });
    } else if (tailLinesStart !== undefined) {
      // The removed last lines are replaced by the new ones, after the comma that was already there.
      insertions.push({ start: tailLinesStart, end: tailLinesStart, newText: `${onLines(indent)}${eol}` });
    } else {
      const isLast = anchor === options[options.length - 1];
      const after = text.slice(anchor.end, close);
      const lineBreak = after.search(/[\r\n]/);
      if (isLast && lineBreak >= 0 && after.slice(0, lineBreak).trim() !== '') {
        // A comment follows the last option on its line: the comma goes before it, the new lines after it.
        insertions.push({ start: anchor.end, end: anchor.end, newText: ',' });
        insertions.push({ start: anchor.end + lineBreak, end: anchor.end + lineBreak, newText: `${eol}${onLines(indent)}` });
      } else {
        insertions.push({ start: anchor.end, end: anchor.end, newText: `,${eol}${onLines(indent)}` });
      }
    }
  }
  return normalize(deletions, insertions);
}
