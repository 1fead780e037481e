/** Searches in ascending lists of offsets. */

/** The index of the first element of `sorted` that is at least `value` (`sorted.length` when none is). */
export function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The index of the last element of `sorted` that is at most `value` (0 when none is). */
export function lastAtMost(sorted: readonly number[], value: number): number {
  return Math.max(0, firstAtLeast(sorted, value + 1) - 1);
}
