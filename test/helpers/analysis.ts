/**
 * One `check` helper for diagnostics tests: the source marks each expected problem's range with
 * `[|…|]`, and `codes` lists the expected codes in the order of those ranges.
 */
import assert from 'node:assert/strict';
import { analyzeDocument, noConnections, type ConnectionLookup } from '../../server/src/analysis/analyzeDocument';
import type { Problem } from '../../server/src/analysis/problem';
import type { Catalogue } from '../../server/src/catalogue/catalogue';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { parseMarkers } from './markers';

export function problemsOf(text: string, lookup: ConnectionLookup = noConnections, catalogue?: Catalogue): Problem[] {
  return analyzeDocument(parseDocument(text), lookup, { flinkOnly: true, ...(catalogue ? { catalogue } : {}) }).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** Asserts the problems of `source` are exactly `codes` at the marked ranges; returns them for further checks. */
export function checkProblems(source: string, codes: readonly string[], lookup?: ConnectionLookup, catalogue?: Catalogue): Problem[] {
  const { text, ranges } = parseMarkers(source);
  assert.equal(ranges.length, codes.length, 'the test marks as many ranges as it lists codes');
  const problems = problemsOf(text, lookup, catalogue);
  const actual = problems.map((p) => `${p.code} ${JSON.stringify(text.slice(p.span.start, p.span.end))}`);
  const expected = codes.map((code, i) => `${code} ${JSON.stringify(text.slice(ranges[i]!.start, ranges[i]!.end))}`);
  assert.deepEqual(actual, expected);
  return problems;
}

/** Asserts `source` has no problems at all. */
export function checkClean(source: string, lookup?: ConnectionLookup, catalogue?: Catalogue): void {
  assert.deepEqual(problemsOf(source, lookup, catalogue).map((p) => `${p.code}: ${p.message}`), []);
}
