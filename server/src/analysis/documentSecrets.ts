/**
 * The secret ranges of a document, statement by statement: the statements are the caller's (the
 * server's parse, or the VS Code client's own split), and each statement's secrets are found once per
 * text and kept for the next call, so a call after an edit reads only the statements the edit changed.
 * The result is the same whatever was kept (a test holds the two together).
 */
import type { Span } from '../parser/ast';
import { ownCopy, splitStatements, type StatementSlice } from '../parser/splitStatements';
import { mergeSecretSpans, secretsBetweenStatements, statementSecrets, type SecretCache, type SecretOptions } from './secretRanges';

/** A statement of a document: where it stands, and its text (`text.slice(slice.start, slice.end)`). */
export interface StatementWithText {
  readonly slice: StatementSlice;
  readonly text: string;
}

/**
 * The secret spans of `text`, whose statements are `statements` (a parse's, or `splitStatements`'),
 * in document order. `cache` keeps each statement's secrets by its text for secrets for the next call
 * on the same document; it holds the current statements only.
 */
export function documentSecrets(text: string, statements: readonly StatementWithText[], options: SecretOptions, cache: SecretCache): Span[] {
  const spans = secretsBetweenStatements(text, statements.map((s) => s.slice), options);
  const fresh: SecretCache = new Map();
  const { maskAccountIdentifiers, catalogue } = options;
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
    if (kept?.maskAccountIdentifiers !== maskAccountIdentifiers || kept.catalogue !== catalogue) kept = { maskAccountIdentifiers, catalogue, spans: statementSecrets(source, 0, options) };
    fresh.set(source, kept);
    for (const span of kept.spans) spans.push({ start: slice.start + span.start, end: slice.start + span.end });
  }
  cache.clear();
  for (const [key, value] of fresh) cache.set(key, value);
  return mergeSecretSpans(spans);
}

/** `documentSecrets` for a document that has no parse: its statements are split here. */
export function splitDocumentSecrets(text: string, options: SecretOptions, cache: SecretCache): Span[] {
  const statements = splitStatements(text).statements.map((slice) => ({ slice, text: text.slice(slice.start, slice.end) }));
  return documentSecrets(text, statements, options, cache);
}
