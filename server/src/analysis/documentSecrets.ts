/**
 * The secret ranges of a document, statement by statement: the statements are the caller's (the
 * server's parse, or the VS Code client's own split), and each statement's secrets are found once per
 * text and kept for the next call, so a call after an edit reads only the statements the edit changed.
 * The result is the same whatever was kept (a test holds the two together).
 */
import type { Span } from '../parser/ast';
import { shiftSlice, type TextSource } from '../parser/incrementalSplit';
import type { ParsedDocument } from '../parser/parseDocument';
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

/** The secret spans of a parse, under the options they were found with: what `parsedSecrets` starts from after an edit. */
export interface ParseSecrets {
  readonly parsed: ParsedDocument;
  readonly maskAccountIdentifiers: boolean;
  readonly catalogue: SecretOptions['catalogue'];
  readonly spans: readonly Span[];
}

/**
 * The secret spans of `parsed`, the parse of `text` (`documentSecrets`). With `previous`, the secrets
 * of the parse that `parsed` was made from by an edit, under the same options, only what the edit
 * touched is read again: the statements it brought and the gaps around them, from the `;` of the
 * last statement before them to the first statement after them, which moved. A statement's secrets
 * lie between its start and its `;`, and those between statements between that `;` and the next
 * statement, so the spans before and after that stretch are the previous ones, the latter moved. The
 * whole text is read only without such a `previous`.
 */
export function parsedSecrets(text: TextSource, parsed: ParsedDocument, options: SecretOptions, cache: SecretCache, previous?: ParseSecrets): ParseSecrets {
  const { maskAccountIdentifiers, catalogue } = options;
  const found = (spans: readonly Span[]): ParseSecrets => ({ parsed, maskAccountIdentifiers, catalogue, spans });
  const sameOptions = previous !== undefined && previous.maskAccountIdentifiers === maskAccountIdentifiers && previous.catalogue === catalogue;
  if (sameOptions && previous.parsed === parsed) return previous;
  const edit = parsed.edit;
  if (!sameOptions || !edit || edit.previous.deref() !== previous.parsed) return found(documentSecrets(text.slice(0, text.length), parsed.statements, options, cache));
  const old = previous.parsed;
  const { first, added, resume, delta } = edit;
  // Every statement before `first` ends with a `;` before the edit (incrementalSplit.ts: `resplit`).
  const from = first > 0 ? old.statementAt(first - 1).slice.semicolon : 0;
  const oldTo = resume < old.statementCount ? old.statementAt(resume).slice.start : old.textLength;
  const to = oldTo + delta;
  const window = text.slice(from, to);
  const statements: StatementWithText[] = [];
  for (let index = first; index < first + added; index++) {
    const { slice, text: statementText } = parsed.statementAt(index);
    statements.push({ slice: shiftSlice(slice, -from), text: statementText });
  }
  // The spans are sorted and do not overlap (`mergeSecretSpans`): those that start before `from` end before it.
  const kept = firstStartingAt(previous.spans, from);
  const moved = firstStartingAt(previous.spans, oldTo);
  const spans = previous.spans.slice(0, kept);
  // The stretch is read as a text of its own, with a cache of its own: the document's cache holds the
  // statements of the last reading of the whole text.
  for (const span of documentSecrets(window, statements, options, new Map())) spans.push({ start: span.start + from, end: span.end + from });
  for (let i = moved; i < previous.spans.length; i++) {
    const span = previous.spans[i]!;
    spans.push(delta === 0 ? span : { start: span.start + delta, end: span.end + delta });
  }
  return found(spans);
}

/** The index of the first of `spans` (sorted) that starts at or after `offset`. */
function firstStartingAt(spans: readonly Span[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (spans[middle]!.start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
