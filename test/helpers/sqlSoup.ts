/**
 * SQL-ish token soup: CONNECTION statements' words, quotes, comment markers, brackets, emoji and CJK
 * thrown together in any order. The robustness tests feed it to every feature; the scaling benchmark
 * times it at growing sizes.
 */
import fc from 'fast-check';

export const SQL_PIECES = [
  'CREATE', 'CONNECTION', 'ALTER', 'DROP', 'SHOW', 'CONNECTIONS', 'DESCRIBE', 'TABLE', 'MODEL', 'TOOL', 'FUNCTION', 'WITH', 'SET',
  'USING', 'IF', 'NOT', 'EXISTS', 'OR', 'REPLACE', 'COMMENT', 'EXECUTE', 'STATEMENT', 'BEGIN', 'END', 'SELECT', 'INSERT',
  "'type'", "'openai'", "'endpoint'", "'https://x'", "'api-key'", "'ap-key'", "'sk-1'", "'password'", "'mongodb.connection'",
  "'", '`', '``', "''", '(', ')', ',', '=', ';', '.', '--', '//', '/*', '*/', '/*+', '\n', ' ', '😀', '接続', 'x',
];

/** Soup of `minPieces` to `maxPieces` pieces, separated by spaces. */
export function sqlSoup(maxPieces: number, minPieces = 0): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...SQL_PIECES), { minLength: minPieces, maxLength: maxPieces }).map((pieces) => pieces.join(' '));
}

/** One soup of exactly `pieces` pieces, the same on every run. */
export function fixedSqlSoup(pieces: number, seed = 20261125): string {
  return fc.sample(sqlSoup(pieces, pieces), { seed, numRuns: 1 })[0]!;
}
