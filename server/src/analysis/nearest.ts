/**
 * "Did you mean": the candidate closest to a misspelled word.
 */

/** Edit distance with adjacent transpositions counted as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/** Longer words get no suggestion. */
const MAX_WORD_LENGTH = 64;

/** Lower case, and `_`, `-`, `.` and spaces treated as the same separator. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/[-_.\s]+/g, '-');
}

/**
 * The candidate a user most likely meant by `word`, or undefined when none is close enough.
 * `aliases` maps known wrong spellings, passed through `normalizeWord`, to the candidate they mean.
 */
export function nearest(word: string, candidates: readonly string[], aliases?: ReadonlyMap<string, string>): string | undefined {
  // Nothing a user means by a key or a type is this long; a pasted value must not cost a
  // length × length table per candidate.
  if (word.length === 0 || word.length > MAX_WORD_LENGTH) return undefined;
  const wanted = normalizeWord(word);
  const alias = aliases?.get(wanted);
  if (alias && candidates.includes(alias)) return alias;
  // Allow one edit for short words, then one more per four characters.
  const allowed = Math.max(1, Math.floor(wanted.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const normalized = normalizeWord(candidate);
    if (Math.abs(normalized.length - wanted.length) > allowed) continue;
    const distance = editDistance(wanted, normalized);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}
