/**
 * What the cursor is on, for completion and hover: the statement around it, read with the forgiving
 * tokenizer so that half-typed text works, and the position's role in it (a statement start, an
 * option key, an option value, a connection name).
 */
import { lineEndFrom } from '../parser/characters';
import { isPunctuation, isWord, looseTokens, type LooseToken } from '../parser/looseTokens';
import type { ParsedDocument } from '../parser/parseDocument';

export type StatementHead =
  | 'createConnection'
  | 'alterConnection'
  | 'dropConnection'
  | 'describeConnection'
  | 'showConnections'
  | 'createTable'
  | 'createModel'
  | 'createTool'
  | 'createFunction'
  | 'other';

/** `'key' = 'value'` as far as it has been typed. */
export interface LooseOption {
  readonly key: LooseToken;
  readonly value: LooseToken | undefined;
}

/** The statement around the cursor. Offsets in its tokens are relative to `start`. */
export interface StatementAtCursor {
  /** Document offset of the statement's first character. */
  readonly start: number;
  readonly text: string;
  readonly tokens: readonly LooseToken[];
  readonly head: StatementHead;
  /** The tokens of the words that make up the head (`CREATE CONNECTION`, …). */
  readonly headTokens: readonly LooseToken[];
  /** The option list (`WITH (…)` or `SET (…)`), when the statement has one: token indexes of `(` and `)`. */
  readonly list: { readonly open: number; readonly close: number | undefined } | undefined;
  readonly options: readonly LooseOption[];
  /** The connection name a connection statement is about, when it has been typed. */
  readonly name: LooseToken | undefined;
}

/**
 * Where a completion puts its text, always on the cursor's line (a completion edit may not span lines,
 * and a string left open runs on to some later quote: that text is never replaced). Document offsets,
 * `start` ≤ `cursor` ≤ `end`.
 */
export interface EditTarget {
  /** Where the text being typed begins: after the opening quote of a string. */
  readonly start: number;
  readonly cursor: number;
  /** Where the text being typed ends: before a string's closing quote, the end of a word, or the cursor. */
  readonly end: number;
  /**
   * Inside a string: whether its closing quote is at `end`, on this line. An open string (no closing
   * quote on this line) ends at the cursor. Undefined outside a string.
   */
  readonly string?: { readonly closed: boolean };
}

export type CursorContext =
  | { readonly kind: 'none' }
  /** Where a new statement begins; `target` covers the statement's words typed so far, on this line. */
  | { readonly kind: 'statement-start'; readonly target: EditTarget }
  /**
   * A key position in an option list; `target` covers the key being typed. `followedBy` says what
   * comes after it: its own `=`, the next option (a separator is needed), or neither.
   */
  | { readonly kind: 'option-key'; readonly statement: StatementAtCursor; readonly target: EditTarget; readonly followedBy: 'equals' | 'option' | 'nothing' }
  /** A value position; `key` is the option's key. */
  | { readonly kind: 'option-value'; readonly statement: StatementAtCursor; readonly key: string; readonly target: EditTarget }
  /** A place that names a connection, as an identifier or inside a string. */
  | {
      readonly kind: 'connection-name';
      readonly statement: StatementAtCursor;
      readonly target: EditTarget;
      readonly inString: boolean;
    };

/** The statement heads this project knows, as their leading words. */
const HEADS: readonly (readonly [StatementHead, readonly (readonly string[])[]])[] = [
  ['createConnection', [['create', 'connection'], ['create', 'or', 'replace', 'connection']]],
  ['alterConnection', [['alter', 'connection']]],
  ['dropConnection', [['drop', 'connection']]],
  ['describeConnection', [['describe', 'connection'], ['desc', 'connection']]],
  ['showConnections', [['show', 'connections']]],
  ['createTable', [['create', 'table'], ['create', 'temporary', 'table'], ['create', 'or', 'replace', 'table']]],
  ['createModel', [['create', 'model'], ['create', 'or', 'replace', 'model'], ['create', 'temporary', 'model']]],
  ['createTool', [['create', 'tool'], ['create', 'or', 'replace', 'tool']]],
  ['createFunction', [['create', 'function'], ['create', 'temporary', 'function'], ['create', 'temporary', 'system', 'function']]],
];

function headOf(tokens: readonly LooseToken[]): { head: StatementHead; length: number } {
  for (const [head, forms] of HEADS) {
    for (const words of forms) {
      if (words.every((word, i) => tokens[i]?.kind === 'word' && tokens[i]!.value === word)) return { head, length: words.length };
    }
  }
  return { head: 'other', length: 0 };
}


/** Reads the statement text into the structure completion and hover need. */
export function readStatement(start: number, text: string): StatementAtCursor {
  const { tokens } = looseTokens(text);
  const { head, length } = headOf(tokens);
  let index = length;
  if (isWord(tokens[index], 'if')) index += isWord(tokens[index + 1], 'not') ? 3 : 2;
  // The name: identifiers joined by dots; the last part is the connection's own name.
  let name: LooseToken | undefined;
  while (tokens[index] && (tokens[index]!.kind === 'word' || tokens[index]!.kind === 'identifier')) {
    if (head === 'other' || ['with', 'set', 'comment', 'using', 'as', 'input', 'output'].includes(tokens[index]!.kind === 'word' ? tokens[index]!.value : '')) break;
    name = tokens[index];
    index++;
    if (!isPunctuation(tokens[index], '.')) break;
    index++;
  }
  const listKeyword = head === 'alterConnection' ? 'set' : 'with';
  let list: StatementAtCursor['list'];
  if (head !== 'other') {
    for (let i = index; i < tokens.length - 1; i++) {
      if (isWord(tokens[i], listKeyword) && isPunctuation(tokens[i + 1], '(')) {
        const close = tokens.findIndex((t, j) => j > i + 1 && isPunctuation(t, ')'));
        list = { open: i + 1, close: close < 0 ? undefined : close };
        break;
      }
    }
  }
  const options: LooseOption[] = [];
  if (list) {
    const end = list.close ?? tokens.length;
    for (let i = list.open + 1; i < end; i++) {
      const key = tokens[i]!;
      if (key.kind === 'string' && isPunctuation(tokens[i + 1], '=')) {
        const value = tokens[i + 2]?.kind === 'string' && i + 2 < end ? tokens[i + 2] : undefined;
        options.push({ key, value });
        i += value ? 2 : 1;
      }
    }
  }
  return { start, text, tokens, head, headTokens: tokens.slice(0, length), list, options, name: head === 'other' ? undefined : name };
}

/** The statement slice around `offset`, or the gap where a new statement would begin. */
function statementBounds(parsed: ParsedDocument, text: string, offset: number): { start: number; end: number } | { gapStart: number } {
  let low = 0;
  let high = parsed.statementCount - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (parsed.statementAt(mid).slice.start <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found < 0) return { gapStart: 0 };
  const { slice } = parsed.statementAt(found);
  if (slice.semicolon >= 0 && offset > slice.semicolon) return { gapStart: slice.semicolon + 1 };
  return { start: slice.start, end: slice.semicolon >= 0 ? slice.semicolon : text.length };
}

function inComment(comments: readonly { start: number; end: number }[], offset: number): boolean {
  return comments.some((c) => c.start < offset && offset <= c.end);
}

/** The statement that contains `offset`, read loosely, or undefined between statements. */
export function statementAt(text: string, parsed: ParsedDocument, offset: number): StatementAtCursor | undefined {
  const bounds = statementBounds(parsed, text, offset);
  return 'gapStart' in bounds ? undefined : readStatement(bounds.start, text.slice(bounds.start, bounds.end));
}

/** The heads whose statements completion writes: a statement's words typed so far may be the start of one. */
const CONNECTION_HEADS = new Set<StatementHead>(['createConnection', 'alterConnection', 'dropConnection', 'describeConnection', 'showConnections']);

/**
 * Whether `words` (lower case) can begin a CONNECTION statement: all but the last are its words, and
 * the last is one of them or, when `partial`, the beginning of one (`create conn`).
 */
function beginsConnectionStatement(words: readonly string[], partial: boolean): boolean {
  return HEADS.some(
    ([head, forms]) =>
      CONNECTION_HEADS.has(head) &&
      forms.some(
        (form) =>
          words.length <= form.length &&
          words.every((word, i) => word === form[i] || (partial && i === words.length - 1 && form[i]!.startsWith(word))),
      ),
  );
}

/** A target on `text` (the whole document) for the token `token` at `base`, or for the bare cursor. */
function targetAt(text: string, base: number, cursor: number, token: LooseToken | undefined): EditTarget {
  if (!token) return { start: cursor, cursor, end: cursor };
  const start = base + token.start;
  const lineEnd = lineEndFrom(text, cursor);
  if (token.kind === 'string') {
    const close = base + token.end - 1;
    const closed = token.closed && close < lineEnd && close >= cursor;
    return { start: start + 1, cursor, end: closed ? close : cursor, string: { closed } };
  }
  return { start, cursor, end: Math.max(cursor, Math.min(base + token.end, lineEnd)) };
}

/** What the cursor at `offset` of `text` (whose parse is `parsed`) is on. */
export function cursorContext(text: string, parsed: ParsedDocument, offset: number): CursorContext {
  const bounds = statementBounds(parsed, text, offset);
  if ('gapStart' in bounds) {
    const gap = looseTokens(text.slice(bounds.gapStart, offset));
    if (inComment(gap.comments, offset - bounds.gapStart)) return { kind: 'none' };
    const last = gap.tokens[gap.tokens.length - 1];
    const typing = last && last.kind === 'word' && last.end === offset - bounds.gapStart;
    if (gap.tokens.length > (typing ? 1 : 0)) return { kind: 'none' };
    return { kind: 'statement-start', target: { start: typing ? bounds.gapStart + last.start : offset, cursor: offset, end: offset } };
  }
  const statement = readStatement(bounds.start, text.slice(bounds.start, bounds.end));
  const at = offset - bounds.start;
  const comments = looseTokens(statement.text).comments;
  if (inComment(comments, at)) return { kind: 'none' };
  return contextInStatement(text, statement, at);
}

function contextInStatement(text: string, statement: StatementAtCursor, at: number): CursorContext {
  const { tokens } = statement;
  // The token the cursor is in or at the end of (a closed string only when strictly inside it).
  const currentIndex = tokens.findIndex(
    (t) => t.start < at && (at < t.end || (at === t.end && (t.kind === 'word' || t.kind === 'number' || !t.closed))),
  );
  const current = currentIndex >= 0 ? tokens[currentIndex] : undefined;
  const before = currentIndex >= 0 ? currentIndex : tokens.filter((t) => t.end <= at).length;
  const previous = tokens[before - 1];
  const cursor = statement.start + at;
  const target = targetAt(text, statement.start, cursor, current);

  if (before === 0) return current?.kind === 'word' ? { kind: 'statement-start', target } : { kind: 'none' };

  // ALTER / DROP / DESCRIBE CONNECTION [IF EXISTS] <name>, CREATE TOOL or TABLE … USING CONNECTION <name>
  const nameAfter = (index: number) => before === index && (!current || current.kind === 'word' || current.kind === 'identifier');
  const headLength = statement.headTokens.length;
  if (['alterConnection', 'dropConnection', 'describeConnection'].includes(statement.head)) {
    const ifExists = isWord(tokens[headLength], 'if') ? 2 : 0;
    if (nameAfter(headLength + ifExists) && !(current?.kind === 'word' && current.value === 'if')) {
      return { kind: 'connection-name', statement, target, inString: false };
    }
  }
  if ((statement.head === 'createTool' || statement.head === 'createTable') && isWord(tokens[before - 1], 'connection') && isWord(tokens[before - 2], 'using') && nameAfter(before)) {
    return { kind: 'connection-name', statement, target, inString: false };
  }
  // CREATE FUNCTION … USING CONNECTIONS ('a', 'b')
  if (statement.head === 'createFunction' && (!current || current.kind === 'string')) {
    for (let i = before - 1; i >= 2; i--) {
      if (isPunctuation(tokens[i], ')')) break;
      if (isPunctuation(tokens[i], '(') && isWord(tokens[i - 1], 'connections') && isWord(tokens[i - 2], 'using')) {
        if (isPunctuation(previous, '(') || isPunctuation(previous, ',')) return { kind: 'connection-name', statement, target, inString: true };
        break;
      }
    }
  }
  // The words of a CONNECTION statement typed so far (`CREATE CONN`, `CREATE CONNECTION `), alone on
  // their line: the place for a whole statement, as at its start.
  const typed = tokens.slice(0, current ? currentIndex + 1 : before);
  const first = statement.start + tokens[0]!.start;
  const nothingAfterOnLine = tokens.every((t, i) => i < typed.length || statement.start + t.start >= lineEndFrom(text, cursor));
  if (
    typed.every((t) => t.kind === 'word') &&
    (!current || current.end === at) &&
    !/[\r\n]/.test(text.slice(first, cursor)) &&
    nothingAfterOnLine &&
    beginsConnectionStatement(
      typed.map((t) => t.value),
      current !== undefined,
    )
  ) {
    return { kind: 'statement-start', target: { start: first, cursor, end: cursor } };
  }

  const list = statement.list;
  if (!list || before <= list.open || (list.close !== undefined && before > list.close)) return { kind: 'none' };
  if (current && current.kind !== 'string' && current.kind !== 'word') return { kind: 'none' };
  if (isPunctuation(previous, '(') || isPunctuation(previous, ',')) {
    const next = tokens[before + (current ? 1 : 0)];
    const followedBy = isPunctuation(next, '=') ? 'equals' : next?.kind === 'string' ? 'option' : 'nothing';
    return { kind: 'option-key', statement, target, followedBy };
  }
  if (isPunctuation(previous, '=') && tokens[before - 2]?.kind === 'string' && (!current || current.kind === 'string')) {
    const key = tokens[before - 2]!.value;
    if (/\.connection$/i.test(key) && (statement.head === 'createTable' || statement.head === 'createModel')) {
      return { kind: 'connection-name', statement, target, inString: true };
    }
    return { kind: 'option-value', statement, key, target };
  }
  return { kind: 'none' };
}
