/**
 * The secret ranges of an open document, from its parse: the statements are the parse's (no second
 * split), and each statement's secrets are found once per text and kept for the next request, so a
 * request after an edit reads only the statements the edit changed. The result equals
 * `secretRanges(text, options)` (a test holds the two together).
 */
import type { Span } from '../parser/ast';
import { ownCopy } from '../parser/lexer';
import type { ParsedDocument } from '../parser/parseDocument';
import { mergeSecretSpans, secretsBetweenStatements, statementSecrets, type SecretCache, type SecretOptions } from './secretRanges';

/**
 * The secret spans of `text`, whose parse is `parsed`, in document order. `cache` keeps each
 * statement's secrets by its text for secrets for the next call on the same document; it holds the
 * current statements only.
 */
export function documentSecrets(text: string, parsed: ParsedDocument, options: SecretOptions, cache: SecretCache): Span[] {
  const { statements } = parsed;
  const spans = secretsBetweenStatements(text, statements.map((s) => s.slice), options);
  const fresh: SecretCache = new Map();
  const { maskAccountIdentifiers } = options;
  for (const { slice, text: statementText } of statements) {
    // The text for secrets runs to the `;`: the statement's own text, unless comments or spaces come
    // before its `;` (then a copy: a slice would keep the whole text alive in the cache).
    const end = slice.semicolon >= 0 ? slice.semicolon : text.length;
    const source = end === slice.end ? statementText : ownCopy(text.slice(slice.start, end));
    // Looking up a statement without a quote costs more than finding it has no secret (it cannot have one).
    if (!source.includes("'")) {
      spans.push(...statementSecrets(source, slice.start, options));
      continue;
    }
    let kept = fresh.get(source) ?? cache.get(source);
    if (kept?.maskAccountIdentifiers !== maskAccountIdentifiers) kept = { maskAccountIdentifiers, spans: statementSecrets(source, 0, options) };
    fresh.set(source, kept);
    for (const span of kept.spans) spans.push({ start: slice.start + span.start, end: slice.start + span.end });
  }
  cache.clear();
  for (const [key, value] of fresh) cache.set(key, value);
  return mergeSecretSpans(spans);
}
