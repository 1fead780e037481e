/**
 * Where the secrets are: one span per secret value, covering the characters between its quotes.
 *
 * Confluent's own masking only knows correctly spelled keys in statements that parse. This detector
 * has none of those holes: it reads every statement with the token scanner, which never fails (so
 * broken and half-typed statements count), treats near misses of a secret key as secret keys, reads
 * hints and comments too, and masks credentials embedded in endpoints. It is the single source of truth for
 * the editor's masking and for keeping secrets out of every message.
 */
import { allOptionKeys, isSecretPlaceholder, type SecretLevel } from '../catalogue/optionKeys';
import { builtInCatalogue, type Catalogue } from '../catalogue/catalogue';
import type { Span } from '../parser/ast';
import { ownCopy, type StatementSlice } from '../parser/splitStatements';
import { isSpace, isWordChar, lineEndFrom } from '../parser/characters';
import { firstQuoteOrComment, quotedValue, stringContent, TokenScanner } from '../parser/tokens';
import { editDistance, normalizeWord } from './nearest';

/**
 * The secrets of each statement by its text, for the next call on the same document (`documentSecrets`):
 * an edit then re-reads only the statements it changed. Holds the current statements only.
 */
export type SecretCache = Map<string, { readonly maskAccountIdentifiers: boolean; readonly catalogue: Catalogue | undefined; readonly spans: readonly Span[] }>;

export interface SecretOptions {
  /** Also mask user names, client ids, scopes and token endpoints (the keys whose secret level is `opt-in`). */
  readonly maskAccountIdentifiers: boolean;
  /**
   * The catalogue whose added secret keys (flinksql.json's) are secret too, at their level. What the
   * detector finds on its own stays masked: an added key never unmasks anything.
   */
  readonly catalogue?: Catalogue;
}

/** The first characters of the catalogue's placeholders (`{{sessionconfig/…}}`, `<api-key>`): tested before a value is copied out. */
const BRACE = 0x7b;
const ANGLE = 0x3c;

const keysBy = (level: SecretLevel) => allOptionKeys.filter((k) => k.secret === level);

/** Normalised spellings of every secret key, with the misspellings seen in the wild. */
function spellings(level: SecretLevel): Set<string> {
  return new Set(keysBy(level).flatMap((k) => [k.name, ...k.misspellings].map(normalizeWord)));
}
const SECRET_SPELLINGS = spellings('always');
const ACCOUNT_SPELLINGS = spellings('opt-in');
/**
 * Words that end an option key that names a credential (`openai.api_key`, `mongodb.password`,
 * `sasl.jaas.config`), with the ones Apache Flink's connections store as secrets (FLIP-529's
 * DefaultConnectionFactory: `basic-auth`, `auth-params`, `http-headers`, `fs.azure.account.key`).
 */
const CREDENTIAL_WORD =
  /(^|-)(api-?key|apikey|password|passwd|pwd|secret|token|credentials?|private-key|service-key|access-key|secret-key|session-token|jaas-config|basic-auth|auth-params|http-headers|account-key)$/;

/**
 * Words that make a key a secret key wherever they stand in it, in any case and with any prefix or
 * suffix (`'api-key-old'`, `'password_backup'`, `'openai.apikey'`, `'properties.sasl.jaas.config'`):
 * Apache Flink's list of sensitive key words (`GlobalConfiguration.SENSITIVE_KEYS`) and the parts of
 * our own secret keys. Read on the normalised key (`normalizeWord`: lower case, `_`/`.` as `-`). A
 * key being retyped keeps its word, so its value stays masked while the key is edited. `tokens`
 * (plural: `'max_tokens'`, a count) is not a credential.
 */
const SECRET_WORD = /passw(or)?d|secret|api-?key|token(?!s)|service-key|access-key|session-token|jaas-config|basic-auth|http-headers|auth-params/;

/**
 * The catalogue's keys whose values are not always secret: their own level decides (`'type'`,
 * `'endpoint'`, `'transport-type'`, `'connector'`, `'provider'` never; `'username'`, `'token-endpoint'`
 * only when asked).
 */
const NOT_ALWAYS_SECRET = new Map([...builtInCatalogue.secretLevels].filter(([, level]) => level !== 'always').map(([name, level]) => [normalizeWord(name), level]));

/** How close to a secret key a misspelled key must be to be treated as one. */
function nearSecret(normalized: string, spellingsOf: ReadonlySet<string>): boolean {
  if (spellingsOf.has(normalized)) return true;
  if (normalized.length > 40) return false;
  for (const spelling of spellingsOf) {
    const allowed = Math.max(1, Math.floor(spelling.length / 4));
    if (Math.abs(spelling.length - normalized.length) <= allowed && editDistance(normalized, spelling) <= allowed) return true;
  }
  return false;
}

/** Whether the value of an option with this key is a secret. */
export function isSecretKey(key: string, options: SecretOptions): boolean {
  const normalized = normalizeWord(key);
  const level = NOT_ALWAYS_SECRET.get(normalized);
  if (level !== undefined) return level === 'opt-in' && options.maskAccountIdentifiers;
  if (SECRET_WORD.test(normalized) || nearSecret(normalized, SECRET_SPELLINGS)) return true;
  const lastPart = normalized.slice(normalized.lastIndexOf('.') + 1);
  if (CREDENTIAL_WORD.test(lastPart)) return true;
  return options.maskAccountIdentifiers && (nearSecret(normalized, ACCOUNT_SPELLINGS) || /(^|-)(username|user|client-id)$/.test(lastPart));
}

/** `SET 'sql.secrets.<name>' = …`: the CLI hides keys whose prefix is within two edits of `sql.secrets.`. */
function isSessionSecret(key: string): boolean {
  const dot = key.toLowerCase().indexOf('.', key.toLowerCase().indexOf('.') + 1);
  const prefix = dot < 0 ? key.toLowerCase() : key.toLowerCase().slice(0, dot + 1);
  return editDistance(prefix, 'sql.secrets.') <= 2;
}

/** Keys longer than this are not remembered by `memoized` (nothing a user means by a key is this long). */
const MEMO_KEY_LENGTH = 100;
/** How many keys `memoized` remembers before it starts over. */
const MEMO_SIZE = 1024;

/**
 * `compute`, remembering its answers for the keys seen lately: a document repeats its keys thousands
 * of times, and the near-miss check behind an answer is an edit distance to every secret spelling.
 */
function memoized<V extends string | boolean>(compute: (key: string) => V): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    if (key.length > MEMO_KEY_LENGTH) return compute(key);
    const remembered = memo.get(key);
    if (remembered !== undefined) return remembered;
    const value = compute(key);
    if (memo.size >= MEMO_SIZE) memo.clear();
    // A copy: the key is a slice of a statement's text, and would keep that whole text alive.
    memo.set(ownCopy(key), value);
    return value;
  };
}

/** Whether the value of an option with a key is a secret, holds credentials inside (an endpoint), or neither. */
type ValueKind = 'secret' | 'endpoint' | 'plain';

const valueKindFor = (options: SecretOptions) => (key: string): ValueKind =>
  isSecretKey(key, options) || isSessionSecret(key) ? 'secret' : /(^|-)endpoint$/.test(normalizeWord(key)) ? 'endpoint' : 'plain';
const valueKinds = [memoized(valueKindFor({ maskAccountIdentifiers: false })), memoized(valueKindFor({ maskAccountIdentifiers: true }))] as const;
function valueKind(key: string, options: SecretOptions): ValueKind {
  const { catalogue, maskAccountIdentifiers } = options;
  if (catalogue && catalogue.addedSecretLevels.size > 0 && addedSecretTests(catalogue)[maskAccountIdentifiers ? 1 : 0](key)) return 'secret';
  return valueKinds[maskAccountIdentifiers ? 1 : 0](key);
}

const addedTests = new WeakMap<Catalogue, readonly [(key: string) => boolean, (key: string) => boolean]>();

/**
 * Whether a key is one of the secret keys a catalogue added, or a near miss of one, as `isSecretKey`
 * reads the built-in ones; without and with the account identifiers (`opt-in`).
 */
function addedSecretTests(catalogue: Catalogue): readonly [(key: string) => boolean, (key: string) => boolean] {
  let tests = addedTests.get(catalogue);
  if (!tests) {
    const levels = [...catalogue.addedSecretLevels];
    const always = new Set(levels.filter(([, level]) => level === 'always').map(([name]) => normalizeWord(name)));
    const optIn = new Set(levels.filter(([, level]) => level === 'opt-in').map(([name]) => normalizeWord(name)));
    const test = (mask: boolean) => (key: string) => {
      const normalized = normalizeWord(key);
      return nearSecret(normalized, always) || (mask && nearSecret(normalized, optIn));
    };
    addedTests.set(catalogue, (tests = [memoized(test(false)), memoized(test(true))]));
  }
  return tests;
}

/**
 * Whether a setting's value (`SET 'key' = …`) may be a secret, counting user names and client ids
 * too: a message that shows a setting shows its value only when this says no.
 */
export function mayHoldSecret(key: string, catalogue?: Catalogue): boolean {
  return valueKind(key, { maskAccountIdentifiers: true, ...(catalogue ? { catalogue } : {}) }) !== 'plain';
}

/** Parameter names that carry credentials in a URL's query or a JDBC URL's properties (`?sig=…`, `;password=…`). */
const CREDENTIAL_PARAMETER = /(key|token|secret|passw(or)?d|pwd|sig(nature)?|credential|auth)/i;
const isCredentialParameter = memoized((name) => CREDENTIAL_PARAMETER.test(name) || isSecretKey(name, { maskAccountIdentifiers: false }));

/**
 * The spans inside an endpoint that hold credentials: the password of `scheme://user:password@host`
 * (all of a bare `token@`), and the values of credential parameters.
 */
export function endpointSecrets(value: string, base: number): Span[] {
  const spans: Span[] = [];
  // Most endpoints have neither user info nor parameters: no `@`, no `=`.
  const userInfo = value.includes('@') ? /^((?:jdbc:)?[a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@/i.exec(value) : null;
  if (userInfo && userInfo[2]) {
    const colon = userInfo[2].indexOf(':');
    // `user:password@`: the password; a bare `token@` is all secret.
    const start = userInfo[1]!.length + (colon >= 0 ? colon + 1 : 0);
    if (start < userInfo[1]!.length + userInfo[2].length) spans.push({ start: base + start, end: base + userInfo[1]!.length + userInfo[2].length });
  }
  if (!value.includes('=')) return spans;
  // Every `?`, `&` or `;` that begins a parameter, also one inside another parameter's value
  // (`?a=b?token=t`): a value runs to the next `&`, `;`, `#` or space, and a credential is hidden
  // under whichever reading shows it. The spans may then overlap, and are merged.
  for (const parameter of value.matchAll(/(?=[?&;]([^=&;#\s]+)=([^&;#\s]*))/g)) {
    if (!parameter[2] || !isCredentialParameter(parameter[1]!)) continue;
    const start = parameter.index! + 1 + parameter[1]!.length + 1;
    spans.push({ start: base + start, end: base + start + parameter[2].length });
  }
  return mergeSecretSpans(spans);
}

const EQUALS = 0x3d;

/**
 * Where a value written without its opening quote ends: at the next quote, comma, parenthesis or
 * white space (`'api-key' = sk-1',` → `sk-1`). Offsets in `scanned`.
 */
function unquotedValueEnd(scanned: string, from: number): number {
  let i = from;
  for (; i < scanned.length; i++) {
    const c = scanned.charCodeAt(i);
    if (c === 0x27 || c === 0x2c || c === 0x29 || c === 0x28 || isSpace(c)) break;
  }
  return i;
}

/** Whether the string token `[start, end)` of `scanned` is closed and ends with `=` (and spaces) before its closing quote. */
function endsWithEquals(scanned: string, start: number, end: number): boolean {
  let i = end - 2;
  while (i > start && (scanned.charCodeAt(i) === 0x20 || scanned.charCodeAt(i) === 0x09)) i--;
  return i > start && scanned.charCodeAt(i) === EQUALS;
}

/** The word that ends just before `at` in `text`, white space between allowed ('' when there is none). */
function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  return text.slice(start, end);
}

/**
 * Secrets in one run of tokens: `'key' = 'value'` pairs (and `SET 'sql.secrets.x' = 'value'`), and
 * the two mistakes that leave a value outside quotes, where a single slip would otherwise show a
 * secret: `'api-key' = sk-1'` (no opening quote) and `'api-key = 'sk-1'` (no closing quote on the key,
 * so the value's opening quote closes the key; after that slip the statement's quotes pair up wrongly,
 * and `'password' = 'p'` reads as the word `password` then the string `' = '`, which this also catches).
 * `scanner` reads text that stands at `base` in `text`, where an unterminated value ends at its line's
 * end; spans are offsets in `text` plus `shift`. Comments, when `comments` is given, are collected there
 * as `[start, end)` pairs in the scanned text; otherwise they are skipped. Hints are read inside.
 */
function pairSecrets(scanner: TokenScanner, text: string, base: number, shift: number, options: SecretOptions, out: Span[], comments?: number[]): void {
  const scanned = scanner.text;
  /** Masks the unquoted value at `at` in `scanned` when `key` is a secret key. */
  const unquotedValue = (key: string, at: number): void => {
    if (valueKind(key, options) !== 'secret') return;
    const end = unquotedValueEnd(scanned, at);
    if (end > at) out.push({ start: base + at + shift, end: base + end + shift });
  };
  // The token before the current one and the one before that, as far as they can make a pair: a
  // string (its offsets, or -1 when the token is not a string), then `=`. No values are built until
  // a pair is complete.
  let keyStart = -1;
  let keyEnd = -1;
  let keyClosed = false;
  let afterEquals = false;
  let stringStart = -1;
  let stringEnd = -1;
  let stringClosed = false;
  while (scanner.next()) {
    const { kind, start, end, closed } = scanner;
    if (kind === 'comment') {
      comments?.push(start, end);
      continue;
    }
    if (kind === 'hint') scanner.enterHint();
    if (kind === 'string' && afterEquals && keyStart >= 0) {
      // The characters between the value's quotes (to its line's end when it is not closed).
      const content = stringContent(scanned, start, end, closed);
      const from = base + content.start;
      const to = closed ? base + content.end : lineEndFrom(text, from);
      const opening = scanned.charCodeAt(content.start);
      const placeholder = (opening === BRACE || opening === ANGLE) && isSecretPlaceholder(quotedValue(scanned, start, end, closed));
      const valueKindOfKey = to > from && !placeholder ? valueKind(quotedValue(scanned, keyStart, keyEnd, keyClosed), options) : 'plain';
      if (valueKindOfKey === 'secret') out.push({ start: from + shift, end: to + shift });
      else if (valueKindOfKey === 'endpoint') out.push(...endpointSecrets(text.slice(from, to), from + shift));
    } else if ((kind === 'word' || kind === 'number') && afterEquals && keyStart >= 0) {
      unquotedValue(quotedValue(scanned, keyStart, keyEnd, keyClosed), start);
    }
    if (kind === 'string' && closed && endsWithEquals(scanned, start, end)) {
      const inside = quotedValue(scanned, start, end, closed);
      const key = inside.slice(0, inside.lastIndexOf('=')).trim() || wordBefore(scanned, start);
      if (key) unquotedValue(key, end);
    }
    const equals = kind === 'punctuation' && scanned.charCodeAt(start) === EQUALS;
    keyStart = equals ? stringStart : -1;
    keyEnd = stringEnd;
    keyClosed = stringClosed;
    afterEquals = equals;
    stringStart = kind === 'string' ? start : -1;
    stringEnd = end;
    stringClosed = closed;
  }
}

/**
 * The secrets of one statement, whose text for secrets is `text` (up to its `;`, or to the document's
 * end, so its trailing comments count) and which starts at `base` in its document: spans are offsets
 * in `text` plus `base`, in no set order. They depend on nothing but that text and `options`, so a
 * caller may keep them by text (documentSecrets.ts).
 */
export function statementSecrets(text: string, base: number, options: SecretOptions = { maskAccountIdentifiers: false }): Span[] {
  const spans: Span[] = [];
  // Every secret is a quoted value after `=`, in the statement's tokens or in one of its comments:
  // nothing before the first quote or comment is part of one, and without a `'` and a `=` there is none.
  const from = firstQuoteOrComment(text);
  if (text.indexOf('=', from) < 0 || text.indexOf("'", from) < 0) return spans;
  const comments: number[] = [];
  pairSecrets(new TokenScanner(text, from), text, 0, base, options, spans, comments);
  for (let i = 0; i < comments.length; i += 2) commentSecrets(text, comments[i]!, comments[i + 1]!, base, options, spans);
  return spans;
}

/**
 * The secrets between the statements `slices` of `text` (from `splitStatements(text)`): in the comments
 * before the first statement, after each `;`, and after the last statement. Document offsets, in no set
 * order. They are read again on every call, not kept: a gap without a `'` costs one `indexOf`, and a
 * value left open in one runs to its line's end, over the statements on that line.
 */
export function secretsBetweenStatements(text: string, slices: readonly StatementSlice[], options: SecretOptions): Span[] {
  const spans: Span[] = [];
  // The first `'` at or after the current gap: a gap without one holds no secret, and most do not.
  let quote = -1;
  const gap = (from: number, to: number): void => {
    if (quote < from) quote = text.indexOf("'", from);
    if (quote < 0) quote = Infinity;
    if (quote < to) commentSecrets(text, from, to, 0, options, spans);
  };
  let previousEnd = 0;
  for (const slice of slices) {
    gap(previousEnd, slice.start);
    previousEnd = slice.semicolon >= 0 ? slice.semicolon : text.length;
  }
  gap(previousEnd, text.length);
  return spans;
}

/**
 * Secrets written inside comments (or between statements), e.g. `-- 'api-key' = 'sk-…'`: the region
 * `[from, to)` of `text`, read as tokens once its comment markers are blanked out. Spans are offsets in
 * `text` plus `shift`.
 */
function commentSecrets(text: string, from: number, to: number, shift: number, options: SecretOptions, out: Span[]): void {
  if (to <= from) return;
  const region = text.slice(from, to);
  if (!region.includes("'") || !region.includes('=')) return;
  const uncommented = region.replace(/--|\/\/|\/\*|\*\//g, (marker) => ' '.repeat(marker.length));
  pairSecrets(new TokenScanner(uncommented), text, from, shift, options, out);
}

/**
 * Sorts `spans` (in place) and joins those that overlap: the document's secret ranges, in order,
 * from the spans of its statements and of the parts between them.
 */
export function mergeSecretSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const result: Span[] = [];
  for (const span of spans) {
    const last = result[result.length - 1];
    if (last && span.start < last.end) {
      result[result.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    } else {
      result.push(span);
    }
  }
  return result;
}
