/**
 * A list of things at document offsets, made for edits: an edit replaces a few items and moves every
 * item after them by the same number of characters.
 *
 * The items are kept in chunks, and a chunk records how far its items have moved since they were
 * made. An edit makes a new list that shares the chunks before it, shares the items of the chunks
 * after it (under a new distance), and makes anew only the chunks it touched, so an edit costs the
 * same near the start of a large document as near its end. Moved items are made when they are read.
 * Lists are never changed: the list before an edit stays valid.
 */

import { lastAtMost } from './sortedSearch';

/** How many items a chunk holds, at most; rebuilt chunks hold at least half as many when they can. */
const CHUNK_SIZE = 64;

/** How to move an item, and where it starts. */
export interface Movable<T> {
  /** `item` moved by `delta` characters. */
  move(item: T, delta: number): T;
  /** The offset where `item` starts. */
  start(item: T): number;
}

interface Chunk<T> {
  /** The items as they were made. */
  readonly items: readonly T[];
  /** How far they have moved since. */
  readonly delta: number;
}

export class MovedList<T> {
  /** The index of each chunk's first item. */
  private readonly firsts: number[] = [];
  private array: readonly T[] | undefined;
  readonly length: number;

  private constructor(
    private readonly chunks: readonly Chunk<T>[],
    private readonly kind: Movable<T>,
  ) {
    let count = 0;
    for (const chunk of chunks) {
      this.firsts.push(count);
      count += chunk.items.length;
    }
    this.length = count;
  }

  static of<T>(items: readonly T[], kind: Movable<T>): MovedList<T> {
    return new MovedList(chunked(items), kind);
  }

  /** The item at `index` (0 ≤ index < length). */
  at(index: number): T {
    const chunk = this.chunkOf(index);
    const item = this.chunks[chunk]!.items[index - this.firsts[chunk]!]!;
    const { delta } = this.chunks[chunk]!;
    return delta === 0 ? item : this.kind.move(item, delta);
  }

  /** How many items start before `offset` (the items are in order of their starts). */
  countBefore(offset: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const chunk = this.chunkOf(middle);
      const { items, delta } = this.chunks[chunk]!;
      if (this.kind.start(items[middle - this.firsts[chunk]!]!) + delta < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * Visits the items chunk by chunk as they were made, before any move (for what does not depend on
   * offsets), with the index of each chunk's first item. A chunk's array is the same object in every
   * later list that leaves the chunk alone, so what is worked out from it can be remembered by it.
   */
  forEachChunk(visit: (items: readonly T[], first: number) => void): void {
    for (let c = 0; c < this.chunks.length; c++) visit(this.chunks[c]!.items, this.firsts[c]!);
  }

  /** Every item, in order; made once per list. */
  toArray(): readonly T[] {
    if (!this.array) {
      const array: T[] = [];
      for (const { items, delta } of this.chunks) {
        for (const item of items) array.push(delta === 0 ? item : this.kind.move(item, delta));
      }
      this.array = array;
    }
    return this.array;
  }

  /**
   * The list after an edit: the items `[from, to)` replaced by `inserted` (already at their new
   * offsets), and the items from `to` on moved by `delta`.
   */
  splice(from: number, to: number, inserted: readonly T[], delta: number): MovedList<T> {
    if (this.chunks.length === 0) return new MovedList(chunked(inserted), this.kind);
    // The chunks that hold the replaced items (for an insertion, the item at `from`, or the last item).
    const firstChunk = this.chunkOf(Math.min(from, this.length - 1));
    let endChunk = (to > from ? this.chunkOf(to - 1) : firstChunk) + 1;
    const rebuilt: T[] = [];
    this.collect(firstChunk, endChunk, 0, from, 0, rebuilt);
    rebuilt.push(...inserted);
    this.collect(firstChunk, endChunk, to, this.length, delta, rebuilt);
    // A chunk that grew too small takes in the next one, so edits never leave a trail of tiny chunks.
    if (rebuilt.length < CHUNK_SIZE / 2 && endChunk < this.chunks.length) this.collect(endChunk, ++endChunk, 0, this.length, delta, rebuilt);
    const chunks = this.chunks.slice(0, firstChunk).concat(chunked(rebuilt));
    for (let c = endChunk; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      chunks.push(delta === 0 ? chunk : { items: chunk.items, delta: chunk.delta + delta });
    }
    return new MovedList(chunks, this.kind);
  }

  /** Appends the items of chunks `[fromChunk, toChunk)` whose index is in `[from, to)`, moved by `delta` more. */
  private collect(fromChunk: number, toChunk: number, from: number, to: number, delta: number, out: T[]): void {
    for (let c = fromChunk; c < toChunk; c++) {
      const { items, delta: moved } = this.chunks[c]!;
      const first = this.firsts[c]!;
      for (let j = Math.max(0, from - first); j < items.length && first + j < to; j++) {
        out.push(moved + delta === 0 ? items[j]! : this.kind.move(items[j]!, moved + delta));
      }
    }
  }

  /** The index of the chunk that holds the item at `index`. */
  private chunkOf(index: number): number {
    return lastAtMost(this.firsts, index);
  }
}

/** `items` in chunks of about the same size, none larger than `CHUNK_SIZE`. */
function chunked<T>(items: readonly T[]): Chunk<T>[] {
  const count = Math.ceil(items.length / CHUNK_SIZE);
  const chunks: Chunk<T>[] = [];
  for (let c = 0; c < count; c++) {
    chunks.push({ items: items.slice(Math.floor((c * items.length) / count), Math.floor(((c + 1) * items.length) / count)), delta: 0 });
  }
  return chunks;
}
