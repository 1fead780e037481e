/**
 * The secret ranges of a whole document read afresh, statement by statement, nothing kept: the
 * reference that what the server and the client keep between edits (documentSecrets.ts) must equal.
 */
import { mergeSecretSpans, secretsBetweenStatements, statementSecrets, type SecretOptions } from '../../server/src/analysis/secretRanges';
import type { Span } from '../../server/src/parser/ast';
import { splitStatements } from '../../server/src/parser/splitStatements';

export function secretRanges(text: string, options: SecretOptions = { maskAccountIdentifiers: false }): Span[] {
  const { statements } = splitStatements(text);
  const spans = secretsBetweenStatements(text, statements, options);
  // A statement's text for secrets runs to its `;` (or the end), so the comments after its last token count.
  for (const s of statements) spans.push(...statementSecrets(text.slice(s.start, s.semicolon >= 0 ? s.semicolon : text.length), s.start, options));
  return mergeSecretSpans(spans);
}
