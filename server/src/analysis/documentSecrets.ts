/**
 * The secret ranges of a document, statement by statement: the statements are the caller's (the
 * server's parse, or the VS Code client's own split). After an edit only the statements the edit
 * reaches and the gaps around them are read again, the other spans kept or moved: from the server's
 * parse (`parsedSecrets`) or from the client's split, split again where the edit reaches
 * (`splitSecretsAfter`). A reading of the whole text finds each statement's secrets once per text and
 * keeps them for the next such reading. The result is the same whatever was kept (tests hold each way
 * against the detector run on the whole text).
 */
import type { Span } from '../parser/ast';
import { lengthDelta, resplit, shiftSlice, type TextChange, type TextSource } from '../parser/incrementalSplit';
import type { ParsedDocument } from '../parser/parseDocument';
import { ownCopy, splitStatements, type LexicalError, type StatementSlice } from '../parser/splitStatements';
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
 * touched is read again (`secretsAfterEdit`); the whole text is read only without such a `previous`.
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
  const brought: StatementSlice[] = [];
  for (let index = first; index < first + added; index++) brought.push(parsed.statementAt(index).slice);
  return found(secretsAfterEdit(text, previous.spans, { first, resume, delta, brought, before: (i) => old.statementAt(i).slice, count: old.statementCount, length: old.textLength }, options));
}

/** A text's split and its secret spans, as the VS Code client keeps them between edits: it has no parse. */
export interface SplitSecrets {
  /** The length of the text they were found in. */
  readonly length: number;
  readonly statements: readonly StatementSlice[];
  readonly errors: readonly LexicalError[];
  readonly maskAccountIdentifiers: boolean;
  readonly catalogue: SecretOptions['catalogue'];
  readonly spans: readonly Span[];
}

/** The secret spans of `text` (`documentSecrets`), whose statements are split here, with the split, for `splitSecretsAfter`. */
export function splitSecrets(text: string, options: SecretOptions, cache: SecretCache): SplitSecrets {
  const { statements, errors } = splitStatements(text);
  const spans = documentSecrets(text, statements.map((slice) => ({ slice, text: text.slice(slice.start, slice.end) })), options, cache);
  return { length: text.length, statements, errors, maskAccountIdentifiers: options.maskAccountIdentifiers, catalogue: options.catalogue, spans };
}

/**
 * The secret spans of `text`, which `change` made from the text of `previous`: the statements the
 * change reaches are split again (`resplit`), and only they and the gaps around them are read for
 * secrets (`secretsAfterEdit`). Under other options, or a change that does not fit, the whole text is read.
 */
export function splitSecretsAfter(text: TextSource, previous: SplitSecrets, change: TextChange, options: SecretOptions, cache: SecretCache): SplitSecrets {
  const fits = change.start >= 0 && change.start <= change.end && change.end <= previous.length && previous.length + lengthDelta(change) === text.length;
  if (!fits || previous.maskAccountIdentifiers !== options.maskAccountIdentifiers || previous.catalogue !== options.catalogue) {
    return splitSecrets(text.slice(0, text.length), options, cache);
  }
  const old = previous.statements;
  const split = resplit(text, { count: old.length, slice: (i) => old[i]!, errors: previous.errors }, change);
  const { first, resume, delta } = split;
  const statements = [...old.slice(0, first), ...split.statements];
  for (let i = resume; i < old.length; i++) statements.push(shiftSlice(old[i]!, delta));
  // As a parse puts its lexical errors together (parseDocument.ts: `reparse`).
  const errors = previous.errors.filter((error) => error.start < split.from);
  errors.push(...split.errors);
  for (const error of previous.errors) if (error.start >= split.resumeAt) errors.push({ ...error, start: error.start + delta, end: error.end + delta });
  const spans = secretsAfterEdit(text, previous.spans, { first, resume, delta, brought: split.statements, before: (i) => old[i]!, count: old.length, length: previous.length }, options);
  return { length: text.length, statements, errors, maskAccountIdentifiers: options.maskAccountIdentifiers, catalogue: options.catalogue, spans };
}

/**
 * How an edit changed a text's statements: the previous ones before `first` are unchanged, `brought`
 * stand (in the new text) where the previous ones from `first` to `resume` stood, and the previous
 * ones from `resume` on (of `count`, in a text of `length`) moved by `delta`.
 */
interface EditedStatements {
  readonly first: number;
  readonly resume: number;
  readonly delta: number;
  readonly brought: readonly StatementSlice[];
  before(index: number): StatementSlice;
  readonly count: number;
  readonly length: number;
}

/**
 * The secret spans of a text after an edit, from `previous`, those of the text before it: the stretch
 * from the `;` of the last statement before the edit to the first statement after it, which moved, is
 * read again; the spans before it are kept and those after it moved. A statement's secrets lie
 * between its start and its `;`, and those between statements between that `;` and the next
 * statement, so no span crosses the stretch's ends. Every statement before `first` ends with a `;`
 * before the edit (incrementalSplit.ts: `resplit`).
 */
function secretsAfterEdit(text: TextSource, previous: readonly Span[], edit: EditedStatements, options: SecretOptions): Span[] {
  const { first, resume, delta, brought } = edit;
  const from = first > 0 ? edit.before(first - 1).semicolon : 0;
  const oldTo = resume < edit.count ? edit.before(resume).start : edit.length;
  const window = text.slice(from, oldTo + delta);
  const statements = brought.map((slice) => {
    const moved = shiftSlice(slice, -from);
    return { slice: moved, text: window.slice(moved.start, moved.end) };
  });
  // The spans are sorted and do not overlap (`mergeSecretSpans`): those that start before `from` end before it.
  const kept = firstStartingAt(previous, from);
  const moved = firstStartingAt(previous, oldTo);
  const spans = previous.slice(0, kept);
  // The stretch is read as a text of its own, with a cache of its own: a document's cache holds the
  // statements of the last reading of the whole text.
  for (const span of documentSecrets(window, statements, options, new Map())) spans.push({ start: span.start + from, end: span.end + from });
  for (let i = moved; i < previous.length; i++) {
    const span = previous[i]!;
    spans.push(delta === 0 ? span : { start: span.start + delta, end: span.end + delta });
  }
  return spans;
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
