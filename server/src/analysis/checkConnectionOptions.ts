/**
 * The rules for the option list of CREATE CONNECTION and ALTER CONNECTION, as the Confluent CLI
 * enforces them (`shared/spec/connections.md` §2.3, rules 1–7), read from the catalogue.
 *
 * Offsets in the problems are relative to the statement. No message contains a value of any key
 * other than `type` and `transport-type`, so no secret can leak through a diagnostic.
 */
import type { AlterConnection, CreateConnection, OptionNode, Span } from '../parser/ast';
import { authMethodKeys, authMethods, type AuthMethodId } from '../catalogue/authMethods';
import { authMethodKeyNames, builtInCatalogue, type Catalogue } from '../catalogue/catalogue';
import { allowedKeysOf, authMethodsOf, requiredKeysOf } from '../catalogue/connectionKeys';
import { baseRequiredKeys, type ConnectionType } from '../catalogue/connectionTypes';
import { ENDPOINT_KEY, isSessionPlaceholder, TYPE_KEY, type OptionKeyName } from '../catalogue/optionKeys';
import { endpointProblem } from './endpoint';
import { nearest, normalizeWord } from './nearest';
import { listWords, quote, type AuthMethodKeys, type Problem } from './problem';

/** Confluent's limit on a secret, in bytes of its UTF-8 encoding ([doc]). */
export const MAX_SECRET_BYTES = 4000;

/** What the rules work out once from a catalogue. */
interface KeyFacts {
  /** The misspellings of every key, normalised, to the key. */
  readonly keyMisspellings: ReadonlyMap<string, string>;
  /** Types whose names differ by separators only are the usual confusion (`mcp-server`, `confluent-jdbc`). */
  readonly typeAliases: ReadonlyMap<string, string>;
  /** Every connection key of every type. */
  readonly allConnectionKeys: readonly string[];
  /** The same, normalised (`isConfluentKey`). */
  readonly normalizedConnectionKeys: ReadonlySet<string>;
}

const factsOf = new WeakMap<Catalogue, KeyFacts>();

function keyFacts(catalogue: Catalogue): KeyFacts {
  let facts = factsOf.get(catalogue);
  if (!facts) {
    const allConnectionKeys = catalogue.connectionKeys.map((k) => k.name);
    facts = {
      keyMisspellings: new Map(catalogue.connectionKeys.flatMap((k) => k.misspellings.map((m) => [normalizeWord(m), k.name] as const))),
      typeAliases: new Map(catalogue.connectionTypeNames.map((name) => [normalizeWord(name), name])),
      allConnectionKeys,
      normalizedConnectionKeys: new Set(allConnectionKeys.map(normalizeWord)),
    };
    factsOf.set(catalogue, facts);
  }
  return facts;
}

/** First occurrence of each key, and the problems of the later ones. */
function indexOptions(options: readonly OptionNode[], problems: Problem[]): Map<string, OptionNode> {
  const first = new Map<string, OptionNode>();
  for (const option of options) {
    const key = option.key.value;
    if (first.has(key)) {
      problems.push({
        code: 'duplicate-option',
        span: option.key.span,
        message: `${quote(key)} is given more than once; only one value can apply.`,
        data: { key },
      });
    } else {
      first.set(key, option);
    }
  }
  return first;
}

/** Reports a key that the connection (of `type`, or of unknown type) does not accept. */
function unknownOptionProblem(option: OptionNode, type: ConnectionType | undefined, allowed: readonly string[], catalogue: Catalogue): Problem {
  const { findOptionKey } = catalogue;
  const key = option.key.value;
  const span = option.key.span;
  const lower = key.toLowerCase();
  if (lower !== key && allowed.includes(lower)) {
    return {
      code: 'unknown-option',
      span,
      message: `Option keys are lower case: write ${quote(lower)}. Confluent may not recognise or redact ${quote(key)}.`,
      data: { key, suggestion: lower },
      severity: 'warning',
    };
  }
  if (type && findOptionKey(key)) {
    const valid = listWords(allowed.map(quote));
    return {
      code: 'unknown-option',
      span,
      message: `${quote(key)} is not valid for connection type '${type.name}'. Valid keys: ${valid}.`,
      data: { key },
    };
  }
  const suggestion = nearest(key, allowed, keyFacts(catalogue).keyMisspellings);
  if (suggestion) {
    const secret = findOptionKey(suggestion)?.secret === 'always';
    const consequence = secret ? ' Confluent rejects the statement and does not redact the value of a misspelled key.' : '';
    return {
      code: 'unknown-option',
      span,
      message: `Unknown option ${quote(key)}. Did you mean ${quote(suggestion)}?${consequence}`,
      data: { key, suggestion },
    };
  }
  const scope = type ? `connection type '${type.name}'` : 'any connection type';
  return { code: 'unknown-option', span, message: `Unknown option ${quote(key)}: it is not a key of ${scope}.`, data: { key } };
}

/**
 * An empty value: an error, but for a credential of a type that offers a choice of auth methods
 * (rest, mcp_server, a2a, elastic). The CLI requires one complete method for those, and empty
 * credentials are how a public endpoint is reached: Confluent's own developer advocate's demo
 * (gAmUssA/flink-sql-skill, `demos/enrichment-strategies/05-external-key-search/pipeline.sql`)
 * runs a rest connection with `'username' = ''` and `'password' = ''` on Confluent Cloud. It is
 * information there, so that a value left to fill in is still seen.
 */
function emptyValueProblem(key: string, type: ConnectionType | undefined, span: Span): Problem {
  const methods = type ? authMethodsOf(type) : [];
  if (methods.length > 1 && methods.some((method) => authMethodKeys(method).includes(key as OptionKeyName))) {
    return {
      code: 'invalid-option-value',
      span,
      message: `The value of ${quote(key)} is empty: the connection sends no credentials, which suits only a public endpoint.`,
      data: { key },
      severity: 'information',
    };
  }
  return { code: 'invalid-option-value', span, message: `The value of ${quote(key)} is empty.`, data: { key } };
}

/** Checks the values of the accepted keys. */
function checkValues(options: ReadonlyMap<string, OptionNode>, type: ConnectionType | undefined, catalogue: Catalogue, problems: Problem[]): void {
  for (const [key, option] of options) {
    const info = catalogue.findOptionKey(key);
    if (!info) continue;
    const value = option.value.value;
    const span = option.value.span;
    if (value.trim() === '') {
      problems.push(emptyValueProblem(key, type, span));
      continue;
    }
    if (isSessionPlaceholder(value)) continue;
    if (info.secret === 'always' && Buffer.byteLength(value, 'utf8') > MAX_SECRET_BYTES) {
      problems.push({
        code: 'invalid-option-value',
        span,
        message: `The value of ${quote(key)} is longer than Confluent's limit of ${MAX_SECRET_BYTES} bytes for a secret.`,
        data: { key },
      });
    }
    switch (info.value.kind) {
      case 'enum': {
        const allowed = info.value.values;
        if (!allowed.includes(value.toUpperCase())) {
          problems.push({
            code: 'invalid-option-value',
            span,
            message: `${quote(key)} must be ${listWords(allowed.map(quote), 'or')} (case-insensitive), not ${quote(value)}.`,
            data: { key, allowed },
          });
        }
        break;
      }
      case 'json-object':
        if (!isJsonObject(value)) {
          problems.push({
            code: 'invalid-option-value',
            span,
            message: `${quote(key)} must be a JSON object: the service-account key file's contents, e.g. {"type": "service_account", …}.`,
            data: { key },
          });
        }
        break;
      case 'url':
        if (key === ENDPOINT_KEY) {
          const why = endpointProblem(value, type, catalogue.connectionTypes);
          if (why) problems.push({ code: 'invalid-endpoint', span, message: why, data: { schemes: type?.endpoint.schemes ?? [] } });
        } else if (endpointProblem(value, undefined, catalogue.connectionTypes) || !/^https?:/i.test(value)) {
          problems.push({ code: 'invalid-option-value', span, message: `${quote(key)} must be an https:// URL.`, data: { key } });
        }
        break;
      default:
        break;
    }
    const excluded = info.excludedWith;
    if (excluded && options.get(excluded.key)?.value.value.toUpperCase() === excluded.value) {
      problems.push({
        code: 'invalid-option-value',
        span: option.key.span,
        message: `${quote(key)} cannot be used with ${quote(excluded.key)} = '${excluded.value}'; ${excluded.why}.`,
        data: { key },
      });
    }
  }
}

function isJsonObject(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** The auth methods present in the options, in the order their first key appears, with their present keys. */
function presentAuthMethods(options: readonly OptionNode[], accepted: readonly AuthMethodId[]): AuthMethodKeys[] {
  const present = new Map<AuthMethodId, string[]>();
  for (const option of options) {
    const key = option.key.value;
    for (const id of accepted) {
      const method = authMethods[id];
      if (method.keys.includes(key as never) || method.optionalKeys.includes(key as never)) {
        const keys = present.get(id) ?? [];
        if (!keys.includes(key)) keys.push(key);
        present.set(id, keys);
      }
    }
  }
  return [...present].map(([method, keys]) => ({ method, keys }));
}

function firstKeySpan(options: ReadonlyMap<string, OptionNode>, keys: readonly string[]) {
  return options.get(keys[0]!)!.key.span;
}

/** Rules 2–4: one complete auth method, no mixing. `requireOne` is false for ALTER, which may set some credentials only. */
function checkAuth(
  options: readonly OptionNode[],
  first: ReadonlyMap<string, OptionNode>,
  accepted: readonly AuthMethodId[],
  requireComplete: boolean,
  problems: Problem[],
): AuthMethodKeys[] {
  const present = presentAuthMethods(options, accepted);
  if (present.length > 1) {
    const [kept, ...others] = present;
    const labels = present.map((p) => authMethods[p.method].label);
    problems.push({
      code: 'conflicting-auth',
      span: firstKeySpan(first, others[0]!.keys),
      message: `A connection uses one authentication method, but this one mixes ${listWords(labels)} (${listWords(present.flatMap((p) => p.keys).map(quote))}). Keep one.`,
      data: { methods: [kept!, ...others] },
    });
  }
  if (requireComplete) {
    for (const { method, keys } of present) {
      const missing = authMethods[method].keys.filter((k) => !keys.includes(k));
      if (missing.length > 0) {
        problems.push({
          code: 'incomplete-auth',
          span: firstKeySpan(first, keys),
          message: `${capitalize(authMethods[method].label)} needs ${listWords(missing.map(quote))} as well as ${listWords(keys.map(quote))}.`,
          data: { method, missing },
        });
      }
    }
  }
  return present;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Whether a key is one of Confluent's connection keys, in any case and with `_` for `-`
 * (`'API_KEY'`): a connection with such a key is meant for Confluent Cloud. Near misses and other
 * words for a key (`'hostname'`, `'url'`) are no sign of that: Flink's connection factories have
 * keys of their own.
 */
function isConfluentKey(key: string, catalogue: Catalogue): boolean {
  return keyFacts(catalogue).normalizedConnectionKeys.has(normalizeWord(key));
}

/** A type that is not Confluent's, nor a near miss of one of Confluent's: an Apache Flink connection factory's. */
function isOtherType(value: string, catalogue: Catalogue): boolean {
  return value.trim() !== '' && !catalogue.findConnectionType(value) && !nearest(value, catalogue.connectionTypeNames, keyFacts(catalogue).typeAliases);
}

/**
 * Checks CREATE CONNECTION.
 *
 * Apache Flink has CONNECTION statements too (FLIP-529), whose options belong to the connection
 * factory their `'type'` selects (`'basic'`, `'bearer'`, any keys when there is no type), not to
 * Confluent's catalogue. A connection is held to Confluent's rules unless it is one of Flink's: a
 * TEMPORARY one (Confluent has none), one whose type is no Confluent type nor a near miss of one
 * (reported as a warning, since Confluent would reject it and Flink accepts it when a factory of
 * that type is installed), or one without a type whose keys are none of Confluent's.
 */
export function checkCreateConnection(statement: CreateConnection, catalogue: Catalogue = builtInCatalogue): Problem[] {
  if (statement.temporary) return [];
  const { connectionTypeNames } = catalogue;
  const { allConnectionKeys, typeAliases } = keyFacts(catalogue);
  const options = statement.options.options;
  const types = options.filter((o) => o.key.value === TYPE_KEY);
  if (types.length === 0 && options.length > 0 && !options.some((o) => isConfluentKey(o.key.value, catalogue))) return [];
  if (types.length > 0 && types.every((o) => isOtherType(o.value.value, catalogue))) {
    const value = types[0]!.value.value;
    return [
      {
        code: 'unknown-connection-type',
        span: types[0]!.value.span,
        message: `${quote(value)} is not a connection type of Confluent Cloud (${connectionTypeNames.join(', ')}). Apache Flink accepts it if a connection factory of that type is installed; its options are not checked.`,
        data: { value },
        severity: 'warning',
      },
    ];
  }
  const problems: Problem[] = [];
  const first = indexOptions(options, problems);
  const nameSpan = statement.name.span;

  const typeOption = first.get(TYPE_KEY);
  let type: ConnectionType | undefined;
  if (typeOption && typeOption.value.value.trim() !== '') {
    type = catalogue.findConnectionType(typeOption.value.value);
    if (!type) {
      const value = typeOption.value.value;
      const suggestion = nearest(value, connectionTypeNames, typeAliases);
      const hint = suggestion ? ` Did you mean ${quote(suggestion)}?` : ` Known types: ${connectionTypeNames.join(', ')}.`;
      problems.push({
        code: 'unknown-connection-type',
        span: typeOption.value.span,
        message: `Unknown connection type ${quote(value)}.${hint}`,
        data: suggestion ? { value, suggestion } : { value },
      });
    }
  }

  const allowed = type ? allowedKeysOf(type) : allConnectionKeys;
  const acceptedOptions = new Map<string, OptionNode>();
  // What the user meant: the accepted options, plus each misspelt key taken as the key it was meant
  // to be. The completeness rules read this, so that 'ap-key' is reported once (as unknown, with its
  // fix) and not a second time as a missing 'api-key'.
  const intendedList: OptionNode[] = [];
  for (const [key, option] of first) {
    if (allowed.includes(key)) {
      acceptedOptions.set(key, option);
      intendedList.push(option);
      continue;
    }
    const problem = unknownOptionProblem(option, type, allowed, catalogue);
    problems.push(problem);
    const suggestion = problem.code === 'unknown-option' ? problem.data.suggestion : undefined;
    if (suggestion && !first.has(suggestion) && !intendedList.some((o) => o.key.value === suggestion)) {
      intendedList.push({ ...option, key: { ...option.key, value: suggestion } });
    }
  }
  const intended = new Map(intendedList.map((o) => [o.key.value, o]));

  if (!intended.has(TYPE_KEY)) {
    problems.push({
      code: 'missing-option',
      span: nameSpan,
      message: `Missing ${quote(TYPE_KEY)}: every connection names its type, e.g. '${TYPE_KEY}' = 'openai'.`,
      data: { key: TYPE_KEY },
    });
  }

  if (!intended.has(ENDPOINT_KEY)) {
    const example = type ? ` e.g. '${type.endpoint.example}'` : '';
    problems.push({
      code: 'missing-option',
      span: nameSpan,
      message: `Missing ${quote(ENDPOINT_KEY)}: the URL of the service${example ? `,${example}` : ''}.`,
      data: { key: ENDPOINT_KEY },
    });
  }

  if (type) {
    const present = checkAuth(intendedList, intended, type.authMethods, true, problems);
    const methods = authMethodsOf(type);
    // The keys of the one auth method when none of it is given, and the keys flinksql.json makes required.
    const needed = requiredKeysOf(type).filter((k) => !baseRequiredKeys.includes(k as never) && (present.length === 0 || !authMethodKeyNames.has(k)));
    for (const key of needed.filter((k) => !intended.has(k))) {
      problems.push({
        code: 'missing-option',
        span: nameSpan,
        message: `Missing ${quote(key)}: connection type '${type.name}' needs it.`,
        data: { key },
      });
    }
    if (present.length === 0) {
      if (methods.length > 1) {
        const choices = methods.map((m) => ({ method: m.id, keys: m.keys }));
        const described = methods.map((m) => `${m.label} (${m.keys.map(quote).join(' + ')})`);
        problems.push({
          code: 'missing-auth',
          span: nameSpan,
          message: `Connection type '${type.name}' needs one authentication method: ${listWords(described, 'or')}.`,
          data: { methods: choices },
        });
      }
    }
  }
  checkValues(acceptedOptions, type, catalogue, problems);
  return problems;
}

/**
 * Checks ALTER CONNECTION … SET. `typeName` is the type of the connection's CREATE where one is known;
 * otherwise the keys are checked against every known key.
 */
export function checkAlterConnection(statement: AlterConnection, typeName: string | undefined, catalogue: Catalogue = builtInCatalogue): Problem[] {
  const { findOptionKey } = catalogue;
  const type = typeName ? catalogue.findConnectionType(typeName) : undefined;
  // A connection of another type is Apache Flink's (see checkCreateConnection): its keys are its factory's.
  if (typeName && isOtherType(typeName, catalogue)) return [];
  const problems: Problem[] = [];
  const options = statement.options.options;
  const first = indexOptions(options, problems);
  // A misspelt key is only ever taken for a key ALTER can set: "did you mean 'type'" would lead to
  // option-not-alterable.
  const allowed = (type ? allowedKeysOf(type) : keyFacts(catalogue).allConnectionKeys).filter((key) => findOptionKey(key)?.alterable);
  const checked = new Map<string, OptionNode>();
  for (const [key, option] of first) {
    if (findOptionKey(key)?.alterable === false) {
      problems.push({
        code: 'option-not-alterable',
        span: option.key.span,
        message: `ALTER CONNECTION changes credentials only; ${quote(key)} is fixed when the connection is created. To change it, drop and create the connection again.`,
        data: { key },
      });
    } else if (!allowed.includes(key)) {
      problems.push(unknownOptionProblem(option, type, allowed, catalogue));
    } else {
      checked.set(key, option);
    }
  }
  const accepted = type ? type.authMethods : (Object.keys(authMethods) as AuthMethodId[]);
  checkAuth(
    options.filter((o) => checked.has(o.key.value)),
    checked,
    accepted,
    false,
    problems,
  );
  checkValues(checked, type, catalogue, problems);
  return problems;
}
