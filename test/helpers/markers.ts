/**
 * Cursor and range markers for tests: `$0` marks a cursor, `[|…|]` marks an expected range.
 * The markers are removed; offsets refer to the text without them.
 */

export interface Marked {
  readonly text: string;
  readonly cursor: number | undefined;
  readonly ranges: readonly { readonly start: number; readonly end: number }[];
}

export function parseMarkers(source: string): Marked {
  let text = '';
  let cursor: number | undefined;
  const ranges: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('$0', i)) {
      cursor = text.length;
      i += 1;
    } else if (source.startsWith('[|', i)) {
      open.push(text.length);
      i += 1;
    } else if (source.startsWith('|]', i)) {
      const start = open.pop();
      if (start === undefined) throw new Error(`unmatched |] at ${i}`);
      ranges.push({ start, end: text.length });
      i += 1;
    } else {
      text += source[i];
    }
  }
  if (open.length > 0) throw new Error('unmatched [|');
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, cursor, ranges };
}
