/**
 * An open document whose edits cost what they touch. `TextDocument` from
 * vscode-languageserver-textdocument keeps the text as one string, so every keystroke in a 2 MB file
 * copies 2 MB and leaves the old copy to the garbage collector; at typing speed that churn, not the
 * live data, sets the server's peak memory. Here the text is kept in chunks of a few kilobytes: an
 * edit rewrites the chunks it touches, `slice` reads a range without the rest, and the whole text is
 * joined only when `getText()` asks for it (then kept until the next edit).
 *
 * Lines, positions and their clamping follow `TextDocument` exactly (a test compares the two after
 * random edits): `\r\n`, `\r` and `\n` end lines, and a position never points between `\r` and `\n`.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextChange, TextSource } from '../parser/parseDocument';
import { firstAtLeast, lastAtMost } from '../parser/sortedSearch';

/** Chunks are joined or split to stay between these sizes (a paste may make one larger chunk for a while). */
const CHUNK = 16 * 1024;
const SMALL_CHUNK = CHUNK / 4;

const LF = 10;
const CR = 13;
const isEOL = (c: number) => c === LF || c === CR;

export class OpenDocument implements TextDocument {
  private chunks: string[] = [];
  /** The offset of each chunk's first character. */
  private chunkStarts: number[] = [];
  /** The offset of each line's first character. */
  private lineStarts: number[] = [];
  /** The whole text, once asked for, until the next edit. */
  private whole: string | undefined;
  private textLength = 0;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    text: string,
  ) {
    this.setText(text);
  }

  get length(): number {
    return this.textLength;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  getText(range?: Range): string {
    if (range) return this.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    return (this.whole ??= this.chunks.join(''));
  }

  /** Whether the text holds `needle`, read chunk by chunk: no copy of the whole text is made. */
  includes(needle: string): boolean {
    if (this.whole !== undefined) return this.whole.includes(needle);
    let tail = '';
    for (const chunk of this.chunks) {
      if (chunk.includes(needle) || (tail && (tail + chunk.slice(0, needle.length - 1)).includes(needle))) return true;
      tail = chunk.slice(-(needle.length - 1));
    }
    return false;
  }

  /** The characters `[start, end)` (clamped to the text). */
  slice(start: number, end: number): string {
    start = Math.max(0, Math.min(start, this.textLength));
    end = Math.max(start, Math.min(end, this.textLength));
    if (this.whole !== undefined) return this.whole.slice(start, end);
    if (end - start === this.textLength) return this.getText();
    const first = this.chunkAt(start);
    const last = this.chunkAt(Math.max(start, end - 1));
    if (first === last) return this.chunks[first]!.slice(start - this.chunkStarts[first]!, end - this.chunkStarts[first]!);
    const parts = [this.chunks[first]!.slice(start - this.chunkStarts[first]!)];
    for (let c = first + 1; c < last; c++) parts.push(this.chunks[c]!);
    parts.push(this.chunks[last]!.slice(0, end - this.chunkStarts[last]!));
    return parts.join('');
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.textLength), 0);
    const line = this.lineOf(offset);
    return { line, character: this.beforeEOL(offset, this.lineStarts[line]!) - this.lineStarts[line]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.textLength;
    if (position.line < 0) return 0;
    const lineStart = this.lineStarts[position.line]!;
    if (position.character <= 0) return lineStart;
    const nextLineStart = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.textLength;
    return this.beforeEOL(Math.min(lineStart + position.character, nextLineStart), lineStart);
  }

  getLineRange(line: number): Range {
    if (line >= this.lineStarts.length) {
      const last = this.lineStarts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.textLength - this.lineStarts[last]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = this.lineStarts[line]!;
    const end = this.beforeEOL(line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.textLength, start);
    return { start: { line, character: 0 }, end: { line, character: end - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lineStarts.length) return '';
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.textLength;
    return this.slice(this.beforeEOL(next, this.lineStarts[line]!), next);
  }

  /**
   * Applies one content change, as `TextDocument.update` does (a range's ends clamped to the text and
   * put in order), and returns it in the offsets of the text before it; undefined for a whole text.
   */
  apply(change: TextDocumentContentChangeEvent): TextChange | undefined {
    if (!('range' in change)) {
      this.setText(change.text);
      return undefined;
    }
    const from = this.offsetAt(change.range.start);
    const to = this.offsetAt(change.range.end);
    const edit: TextChange = { start: Math.min(from, to), end: Math.max(from, to), newLength: change.text.length };
    this.replace(edit.start, edit.end, change.text);
    return edit;
  }

  private setText(text: string): void {
    this.chunks = [];
    for (let start = 0; start < text.length; start += CHUNK) this.chunks.push(text.slice(start, start + CHUNK));
    if (this.chunks.length === 0) this.chunks.push('');
    this.textLength = text.length;
    this.whole = text;
    this.chunkStartsFrom(0);
    this.lineStarts = lineBreaks(text, 0, text.length, 0, [0]);
  }

  private replace(start: number, end: number, text: string): void {
    const first = this.chunkAt(start);
    let last = this.chunkAt(Math.max(start, end - 1));
    const firstStart = this.chunkStarts[first]!;
    let merged = [this.chunks[first]!.slice(0, start - firstStart), text, this.chunks[last]!.slice(end - this.chunkStarts[last]!)].join('');
    // A small chunk takes in its neighbour, so that edits leave no trail of tiny chunks.
    if (merged.length < SMALL_CHUNK && last + 1 < this.chunks.length) merged += this.chunks[++last]!;
    const pieces: string[] = [];
    const count = Math.max(1, Math.ceil(merged.length / (2 * CHUNK)));
    for (let p = 0; p < count; p++) pieces.push(merged.slice(Math.floor((p * merged.length) / count), Math.floor(((p + 1) * merged.length) / count)));
    this.chunks.splice(first, last - first + 1, ...pieces);
    this.textLength += text.length - (end - start);
    this.whole = undefined;
    this.chunkStartsFrom(first);
    this.updateLineStarts(start, end, start + text.length);
  }

  /** Line starts after `[start, end)` became `[start, newEnd)`: those whose break may have changed are found again, the rest move. */
  private updateLineStarts(start: number, end: number, newEnd: number): void {
    // A line starts after a `\n`, or after a `\r` not followed by `\n`: the breaks that changed are
    // those of the characters from just before the edit to just after it.
    const from = Math.max(0, start - 1);
    const to = Math.min(this.textLength, newEnd + 1);
    const region = this.slice(from, Math.min(this.textLength, to + 1));
    const found = lineBreaks(region, 0, to - from, from);
    const removeFrom = firstAtLeast(this.lineStarts, Math.max(1, start));
    const removeTo = firstAtLeast(this.lineStarts, end + 2);
    const delta = newEnd - end;
    if (found.length <= 1000) {
      this.lineStarts.splice(removeFrom, removeTo - removeFrom, ...found);
      if (delta !== 0) for (let i = removeFrom + found.length; i < this.lineStarts.length; i++) this.lineStarts[i]! += delta;
    } else {
      // Too many to pass as arguments: the list is rebuilt.
      const after = this.lineStarts.slice(removeTo).map((lineStart) => lineStart + delta);
      this.lineStarts = this.lineStarts.slice(0, removeFrom).concat(found, after);
    }
  }

  private chunkStartsFrom(first: number): void {
    this.chunkStarts.length = this.chunks.length;
    let offset = first === 0 ? 0 : this.chunkStarts[first - 1]! + this.chunks[first - 1]!.length;
    for (let c = first; c < this.chunks.length; c++) {
      this.chunkStarts[c] = offset;
      offset += this.chunks[c]!.length;
    }
  }

  /** The chunk that holds the character at `offset` (the last chunk for the end of the text). */
  private chunkAt(offset: number): number {
    return lastAtMost(this.chunkStarts, offset);
  }

  private charCodeAt(offset: number): number {
    const chunk = this.chunkAt(offset);
    return this.chunks[chunk]!.charCodeAt(offset - this.chunkStarts[chunk]!);
  }

  /** The line that holds `offset`. */
  private lineOf(offset: number): number {
    return firstAtLeast(this.lineStarts, offset + 1) - 1;
  }

  /** `offset` moved back over line-break characters, not before `lineStart`. */
  private beforeEOL(offset: number, lineStart: number): number {
    while (offset > lineStart && isEOL(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/**
 * The line starts that the characters `[from, to)` of `text` make (a `\r` followed by `\n` makes
 * none; the `\n` does), as offsets plus `base`, added to `starts`. `text` may go on past `to`, so that
 * a `\r` at the end is read with the character after it.
 */
export function lineBreaks(text: string, from: number, to: number, base: number, starts: number[] = []): number[] {
  const cr = text.indexOf('\r', from);
  if (cr < 0 || cr >= to) {
    // Only `\n` ends lines here: found by the engine's own search, which a large file opens faster with.
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) starts.push(base + i + 1);
    return starts;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) starts.push(base + i + 1);
  }
  return starts;
}

/**
 * What the readers of the statement at the cursor read a document's text through: an open document
 * reads a statement from its chunks (right after an edit, joining a large file's text would cost
 * more than the request); any other document is its text.
 */
export const textSourceOf = (document: TextDocument): TextSource => (document instanceof OpenDocument ? document : document.getText());
