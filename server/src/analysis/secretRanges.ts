/**
 * Where the secrets are: one span per secret value, covering the characters between its quotes.
 *
 * Confluent's own masking only knows correctly spelled keys in statements that parse. This detector
 * has none of those holes: it reads every statement with the forgiving tokenizer (so broken and
 * half-typed statements count), treats near misses of a secret key as secret keys, reads hints and
 * comments too, and masks credentials embedded in endpoints. It is the single source of truth for
 * the editor's masking and for keeping secrets out of every message.
 */
import { allOptionKeys, type SecretLevel } from '../catalogue/optionKeys';
import type { Span } from '../parser/ast';
import { splitStatements } from '../parser/lexer';
import { looseTokens, type LooseToken } from '../parser/looseTokens';
import { editDistance, normalizeWord } from './nearest';

/**
 * The secrets of each statement by its text, for the next call on the same document: an edit then
 * re-reads only the statements it changed. Holds the current statements only.
 */
export type SecretCache = Map<string, readonly Span[]>;

export interface SecretOptions {
  /** Also mask user names, client ids, scopes and token endpoints (the keys whose secret level is `opt-in`). */
  readonly maskAccountIdentifiers: boolean;
}

/** `{{sessionconfig/sql.secrets.name}}` refers to a secret; it is not one. */
const SESSION_PLACEHOLDER = /^\{\{sessionconfig\/[^{}]+\}\}$/;

const keysBy = (level: SecretLevel) => allOptionKeys.filter((k) => k.secret === level);

/** Normalised spellings of every secret key, with the misspellings seen in the wild. */
function spellings(level: SecretLevel): Set<string> {
  return new Set(keysBy(level).flatMap((k) => [k.name, ...k.misspellings].map(normalizeWord)));
}
const SECRET_SPELLINGS = spellings('always');
const ACCOUNT_SPELLINGS = spellings('opt-in');
/** Words that end an option key that names a credential (`openai.api_key`, `mongodb.password`, `sasl.jaas.config`). */
const CREDENTIAL_WORD = /(^|-)(api-?key|apikey|password|passwd|pwd|secret|token|credentials?|private-key|service-key|access-key|secret-key|session-token|jaas-config)$/;

/** Keys whose values are never secret, whatever they look like. */
const NEVER_SECRET = new Set(['type', 'endpoint', 'sse-endpoint', 'transport-type', 'connector']);

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
  if (NEVER_SECRET.has(normalized)) return false;
  if (nearSecret(normalized, SECRET_SPELLINGS)) return true;
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

/** Parameter names that carry credentials in a URL's query or a JDBC URL's properties (`?sig=…`, `;password=…`). */
const CREDENTIAL_PARAMETER = /(key|token|secret|passw(or)?d|pwd|sig(nature)?|credential|auth)/i;

/**
 * The spans inside an endpoint that hold credentials: the password of `scheme://user:password@host`
 * (all of a bare `token@`), and the values of credential parameters.
 */
export function endpointSecrets(value: string, base: number): Span[] {
  const spans: Span[] = [];
  const userInfo = /^((?:jdbc:)?[a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@/i.exec(value);
  if (userInfo && userInfo[2]) {
    const colon = userInfo[2].indexOf(':');
    // `user:password@`: the password; a bare `token@` is all secret.
    const start = userInfo[1]!.length + (colon >= 0 ? colon + 1 : 0);
    if (start < userInfo[1]!.length + userInfo[2].length) spans.push({ start: base + start, end: base + userInfo[1]!.length + userInfo[2].length });
  }
  for (const parameter of value.matchAll(/[?&;]([^=&;#\s]+)=([^&;#\s]*)/g)) {
    if (!parameter[2] || !(CREDENTIAL_PARAMETER.test(parameter[1]!) || isSecretKey(parameter[1]!, { maskAccountIdentifiers: false }))) continue;
    const start = parameter.index! + parameter[0].length - parameter[2].length;
    spans.push({ start: base + start, end: base + start + parameter[2].length });
  }
  return spans;
}

/** The characters between the quotes of a string token (to its end when it is not closed). */
function inside(token: LooseToken, base: number, text: string): Span {
  const end = token.closed ? token.end - 1 : lineEnd(text, base + token.start + 1) - base;
  return { start: base + token.start + 1, end: base + end };
}

function lineEnd(text: string, from: number): number {
  const newline = text.slice(from).search(/[\r\n]/);
  return newline < 0 ? text.length : from + newline;
}

/** Secrets in one run of tokens: `'key' = 'value'` pairs (and `SET 'sql.secrets.x' = 'value'`). */
function secretsInTokens(tokens: readonly LooseToken[], base: number, text: string, options: SecretOptions, out: Span[]): void {
  for (let i = 0; i + 2 < tokens.length; i++) {
    const key = tokens[i]!;
    const equals = tokens[i + 1];
    const value = tokens[i + 2];
    if (key.kind !== 'string' || equals?.kind !== 'punctuation' || equals.value !== '=') continue;
    if (value!.kind !== 'string') continue;
    const span = inside(value, base, text);
    if (span.end <= span.start || SESSION_PLACEHOLDER.test(value.value)) continue;
    const keyName = key.value;
    if (isSecretKey(keyName, options) || isSessionSecret(keyName)) {
      out.push(span);
    } else if (/(^|-)endpoint$/.test(normalizeWord(keyName))) {
      out.push(...endpointSecrets(text.slice(span.start, span.end), span.start));
    }
  }
}

/**
 * The secret spans of `text`, in document order. `text` is a whole document; statements are read
 * one by one, with their hints and comments, whether or not they parse.
 */
export function secretRanges(text: string, options: SecretOptions = { maskAccountIdentifiers: false }, cache?: SecretCache): Span[] {
  const spans: Span[] = [];
  const { statements } = splitStatements(text);
  const fresh: SecretCache = new Map();
  let previousEnd = 0;
  for (const statement of statements) {
    // Comments between statements: commented-out options are secrets too.
    commentSecrets(text, previousEnd, statement.start, options, spans);
    const end = statement.semicolon >= 0 ? statement.semicolon : text.length;
    const source = text.slice(statement.start, end);
    const key = `${options.maskAccountIdentifiers ? 1 : 0}${source}`;
    let relative = fresh.get(key) ?? cache?.get(key);
    if (!relative) {
      // The statement's own secrets, relative to its start (an unterminated value ends at its line's end,
      // which lies inside the statement).
      const found: Span[] = [];
      const { tokens, comments } = looseTokens(source);
      secretsInTokens(tokens, 0, source, options, found);
      for (const comment of comments) commentSecrets(source, comment.start, comment.end, options, found);
      relative = found;
    }
    fresh.set(key, relative);
    for (const span of relative) spans.push({ start: statement.start + span.start, end: statement.start + span.end });
    previousEnd = end;
  }
  if (cache) {
    cache.clear();
    for (const [key, value] of fresh) cache.set(key, value);
  }
  commentSecrets(text, previousEnd, text.length, options, spans);
  return dedupe(spans);
}

/** Secrets written inside comments (or between statements), e.g. `-- 'api-key' = 'sk-…'`. */
function commentSecrets(text: string, from: number, to: number, options: SecretOptions, out: Span[]): void {
  if (to <= from) return;
  const region = text.slice(from, to);
  if (!region.includes("'")) return;
  // Read the region's text as tokens, comment markers removed, so the pairs inside comments are seen.
  const uncommented = region.replace(/--|\/\/|\/\*|\*\//g, (marker) => ' '.repeat(marker.length));
  secretsInTokens(looseTokens(uncommented).tokens, from, text, options, out);
}

function dedupe(spans: Span[]): Span[] {
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
