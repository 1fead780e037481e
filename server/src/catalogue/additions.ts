/**
 * The `catalogue` section of flinksql.json: what Confluent ships before the built-in catalogue knows
 * it (a Preview connection type, a new key of a known type, a new model provider or table connector).
 *
 *   "catalogue": {
 *     "connectionTypes": {
 *       "snowflake": {
 *         "displayName": "Snowflake",
 *         "endpoint": { "schemes": ["https"], "example": "https://<account>.snowflakecomputing.com" },
 *         "authMethods": ["basic"],
 *         "keys": { "private-key": { "secret": "always" }, "warehouse": { "description": "…" } },
 *         "requiredKeys": ["warehouse"]
 *       },
 *       "mcp_server": { "keys": { "headers": { "secret": "always" } } }
 *     },
 *     "modelProviders": { "cohere": { "connectionType": "cohere", "keys": { "cohere.model_version": {} } } },
 *     "tableConnectors": { "snowflake": { "connectionType": "snowflake", "keys": { "snowflake.table": {} }, "requiredKeys": ["snowflake.table"] } }
 *   }
 *
 * Decisions:
 * - An entry named like a built-in type, provider or connector extends it with `keys` and
 *   `requiredKeys` only. Its description, endpoint and auth methods are the documented ones: a
 *   configuration that redefined them would quietly weaken checks that Confluent's documentation
 *   backs, so that is reported as a mistake.
 * - Auth methods are the built-in ones (`api-key`, `basic`, `bearer`, `oauth`, `aws`, `service-key`);
 *   a credential of another shape is a key with `"secret": "always"` listed in `requiredKeys`.
 * - The endpoint form is a list of URL schemes (default `https`), as for the built-in types, whose
 *   hosts are never checked either; `example` is shown on hover and offered by completion.
 * - What is added counts as documented (by the user): its rules give errors, as the built-in ones do.
 * - A key's `secret` level masks its value exactly like a built-in key's; a key added as `never`
 *   unmasks nothing the detector takes for a credential (`…password…`).
 *
 * Reading never throws: each mistake comes with the span of the part it is about.
 */
import { authMethods, type AuthMethodId } from './authMethods';
import { authMethodKeyNames, builtInCatalogue, withAdditions, type Catalogue, type CatalogueAdditions } from './catalogue';
import { allowedKeysOf } from './connectionKeys';
import { baseRequiredKeys, type ConnectionType } from './connectionTypes';
import { findOptionKey, type OptionKey, type SecretLevel } from './optionKeys';
import { providerSet } from './modelProviders';
import { findSetKey, setKey, type OptionSet, type SetKey } from './optionSets';
import { connectorSet } from './tableConnectors';

/** A mistake: what is wrong, and the path of keys (from the file's top) to the part it is about. */
export interface SectionError {
  readonly message: string;
  readonly path: readonly string[];
}

const SOURCE = 'flinksql.json';
const SECRET_LEVELS: readonly SecretLevel[] = ['always', 'opt-in', 'never'];
const TYPE_FIELDS = ['displayName', 'description', 'endpoint', 'authMethods', 'keys', 'requiredKeys'];
const SET_FIELDS = ['displayName', 'description', 'connectionType', 'keys', 'requiredKeys'];
const KEY_FIELDS = ['description', 'secret', 'values'];
/** What an entry that extends a built-in one may give. */
const EXTENSION_FIELDS = ['keys', 'requiredKeys'];
/** A name as it is written inside quotes in SQL: no quotes, no spaces. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '');
const quoted = (text: string) => JSON.stringify(text);

/** A key's facts as written. */
interface KeyEntry {
  readonly description: string;
  readonly secret: SecretLevel;
  readonly values?: readonly string[];
}

class Reader {
  readonly errors: SectionError[] = [];

  error(path: readonly string[], message: string): void {
    this.errors.push({ path, message });
  }

  /** `value` as an object whose fields are among `fields`; undefined (reported) when it is not one. */
  object(value: unknown, path: readonly string[], fields: readonly string[] | undefined, what: string): Json | undefined {
    if (!isObject(value)) {
      this.error(path, `${what} must be an object.`);
      return undefined;
    }
    if (fields) {
      for (const field of Object.keys(value)) {
        if (!fields.includes(field)) this.error([...path, field], `Unknown field ${quoted(field)} in ${what}: it takes ${fields.map(quoted).join(', ')}.`);
      }
    }
    return value;
  }

  optionalText(entry: Json, field: string, path: readonly string[]): string | undefined {
    const value = entry[field];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.error([...path, field], `${quoted(field)} must be a non-empty string.`);
    return undefined;
  }

  optionalList(entry: Json, field: string, path: readonly string[]): string[] | undefined {
    const value = entry[field];
    if (value === undefined) return undefined;
    if (isStringList(value)) return value;
    this.error([...path, field], `${quoted(field)} must be a list of non-empty strings.`);
    return undefined;
  }

  /** The entries of a section (`{ "<name>": {…} }`), with their names checked and lower-cased. */
  entries(value: unknown, path: readonly string[], what: string): [string, unknown, readonly string[]][] {
    const section = this.object(value, path, undefined, `${quoted(path[path.length - 1]!)}`);
    if (!section) return [];
    const seen = new Set<string>();
    const result: [string, unknown, readonly string[]][] = [];
    for (const [name, entry] of Object.entries(section)) {
      const at = [...path, name];
      const lower = name.toLowerCase();
      if (!NAME.test(name)) this.error(at, `${quoted(name)} is not a ${what} name: letters, digits, '_', '-', '.' and ':' only, without spaces or quotes.`);
      else if (seen.has(lower)) this.error(at, `${quoted(name)} is given twice (names are compared without regard to case).`);
      else {
        seen.add(lower);
        result.push([lower, entry, at]);
      }
    }
    return result;
  }

  /** A key's facts. */
  keyEntry(value: unknown, path: readonly string[]): KeyEntry | undefined {
    const entry = this.object(value, path, KEY_FIELDS, `key ${quoted(path[path.length - 1]!)}`);
    if (!entry) return undefined;
    const before = this.errors.length;
    const description = this.optionalText(entry, 'description', path) ?? `Added in ${SOURCE}.`;
    const secret = entry['secret'] ?? 'never';
    if (!SECRET_LEVELS.includes(secret as SecretLevel)) this.error([...path, 'secret'], `"secret" takes "always", "opt-in" or "never".`);
    const values = this.optionalList(entry, 'values', path);
    if (values && secret !== 'never') this.error([...path, 'values'], 'A secret key cannot list its values: a message about a wrong value would repeat the secret.');
    if (this.errors.length > before) return undefined;
    return { description, secret: secret as SecretLevel, ...(values ? { values } : {}) };
  }
}

/** A connection key from its facts. */
function connectionKey(name: string, entry: KeyEntry): OptionKey {
  return {
    name,
    description: entry.description,
    secret: entry.secret,
    value: entry.values ? { kind: 'enum', values: entry.values.map((v) => v.toUpperCase()) } : { kind: 'text' },
    placeholder: entry.values?.[0] ?? `<${name}>`,
    misspellings: [],
    alterable: true,
  };
}

/** A set's key from its facts. */
function setKeyOf(name: string, entry: KeyEntry, required: boolean): SetKey {
  return setKey(name, entry.description, SOURCE, {
    required,
    secret: entry.secret,
    ...(entry.values ? { value: { kind: 'enum', values: entry.values } } : {}),
    placeholder: entry.values?.[0] ?? '',
  });
}

/** Reads `connectionTypes`. */
function readTypes(reader: Reader, value: unknown, path: readonly string[], additions: Additions): void {
  /** The facts of the connection keys added so far, by name: one name has one meaning, whichever type adds it. */
  const added = new Map<string, KeyEntry>();
  for (const [name, raw, at] of reader.entries(value, path, 'connection type')) {
    const existing = builtInCatalogue.findConnectionType(name);
    const entry = reader.object(raw, at, existing ? undefined : TYPE_FIELDS, `connection type ${quoted(name)}`);
    if (!entry) continue;
    if (existing) {
      for (const field of Object.keys(entry)) {
        if (EXTENSION_FIELDS.includes(field)) continue;
        reader.error([...at, field], `${quoted(name)} is a built-in connection type: only "keys" and "requiredKeys" can be added to it (its ${field} is Confluent's documented one).`);
      }
    }
    const before = reader.errors.length;
    // The type's keys: the built-in ones it already has, and those this entry adds.
    const knownKeys = new Set(existing ? allowedKeysOf(existing) : []);
    const methods: AuthMethodId[] = [];
    if (!existing && entry['authMethods'] !== undefined) {
      const given = reader.optionalList(entry, 'authMethods', at) ?? [];
      for (const method of given) {
        if (!Object.prototype.hasOwnProperty.call(authMethods, method)) {
          reader.error([...at, 'authMethods'], `${quoted(method)} is not an auth method. The methods: ${Object.keys(authMethods).map(quoted).join(', ')}; a credential of another kind is a key with "secret": "always".`);
        } else if (!methods.includes(method as AuthMethodId)) methods.push(method as AuthMethodId);
      }
      for (const method of methods) for (const key of [...authMethods[method].keys, ...authMethods[method].optionalKeys]) knownKeys.add(key);
    }
    const ownKeys: string[] = [];
    if (entry['keys'] !== undefined) {
      const keysAt = [...at, 'keys'];
      const keys = reader.object(entry['keys'], keysAt, undefined, '"keys"');
      for (const [key, facts] of Object.entries(keys ?? {})) {
        const keyAt = [...keysAt, key];
        if (!NAME.test(key) || key !== key.toLowerCase()) {
          reader.error(keyAt, `${quoted(key)} is not a connection key: connection keys are lower case, without spaces or quotes.`);
        } else if (knownKeys.has(key) || (baseRequiredKeys as readonly string[]).includes(key)) {
          reader.error(keyAt, `${quoted(key)} is already a key of connection type ${quoted(name)}.`);
        } else if (authMethodKeyNames.has(key)) {
          const method = Object.values(authMethods).find((m) => [...m.keys, ...m.optionalKeys].includes(key as never))!;
          reader.error(keyAt, `${quoted(key)} belongs to the auth method ${quoted(method.id)}: list that method in "authMethods" instead.`);
        } else if (findOptionKey(key)) {
          // A built-in key of another type ('transport-type'): its facts are the catalogue's.
          if (!isObject(facts) || Object.keys(facts).length > 0) reader.error(keyAt, `${quoted(key)} is a built-in key: its facts are fixed, give it as {}.`);
          else ownKeys.push(key);
        } else {
          const parsed = reader.keyEntry(facts, keyAt);
          if (!parsed) continue;
          const earlier = added.get(key);
          if (earlier && JSON.stringify(earlier) !== JSON.stringify(parsed)) {
            reader.error(keyAt, `${quoted(key)} is added by another connection type with other facts: a key has one meaning for every type.`);
            continue;
          }
          if (!earlier) {
            added.set(key, parsed);
            additions.connectionKeys.push(connectionKey(key, parsed));
          }
          ownKeys.push(key);
        }
      }
    }
    const required = readRequired(reader, entry, at, (key) => ownKeys.includes(key) || (existing?.optionalKeys.includes(key) ?? false), `connection type ${quoted(name)}`);
    if (reader.errors.length > before) continue;
    if (existing) {
      additions.typeKeys.set(name, { optional: ownKeys, required });
      continue;
    }
    const endpoint = readEndpoint(reader, entry, at);
    if (!endpoint) continue;
    const displayName = reader.optionalText(entry, 'displayName', at) ?? name;
    const description = reader.optionalText(entry, 'description', at) ?? `${displayName}, added in ${SOURCE}.`;
    additions.connectionTypes.push({ name, displayName, description, endpoint, authMethods: methods, optionalKeys: ownKeys, requiredKeys: required, addedIn: SOURCE });
  }
}

/** `requiredKeys`: each one a key of the entry (`isKey`). */
function readRequired(reader: Reader, entry: Json, at: readonly string[], isKey: (key: string) => boolean, what: string): string[] {
  const required = reader.optionalList(entry, 'requiredKeys', at) ?? [];
  for (const key of required) {
    if (!isKey(key)) reader.error([...at, 'requiredKeys'], `${quoted(key)} is listed in "requiredKeys" but is not a key of ${what} (give it in "keys").`);
  }
  return required;
}

/** A new type's endpoint form: its URL schemes (default https) and an example. */
function readEndpoint(reader: Reader, entry: Json, at: readonly string[]): ConnectionType['endpoint'] | undefined {
  const given = entry['endpoint'];
  const endpointAt = [...at, 'endpoint'];
  const form = given === undefined ? {} : reader.object(given, endpointAt, ['schemes', 'example'], '"endpoint"');
  if (!form) return undefined;
  const schemes = (reader.optionalList(form, 'schemes', endpointAt) ?? ['https']).map((s) => s.toLowerCase());
  const bad = schemes.find((s) => !/^[a-z][a-z0-9+.-]*$/.test(s));
  if (bad !== undefined || schemes.length === 0) {
    reader.error([...endpointAt, 'schemes'], `"schemes" lists URL schemes without ':' or '//', such as ["https"]${bad !== undefined ? `; ${quoted(bad)} is not one` : ''}.`);
    return undefined;
  }
  const example = reader.optionalText(form, 'example', endpointAt) ?? `${schemes[0]}://<host>`;
  if (!schemes.some((s) => example.toLowerCase().startsWith(`${s}:`))) {
    reader.error([...endpointAt, 'example'], `The example must start with one of the schemes (${schemes.map((s) => `${s}:`).join(', ')}).`);
    return undefined;
  }
  // The example as a snippet: each `<part>` a tab stop.
  let stop = 0;
  const template = example.replace(/[$}\\]/g, '\\$&').replace(/<([^<>]+)>/g, (_, part: string) => `\${${++stop}:${part}}`);
  return { schemes, example, template };
}

/** Reads `modelProviders` or `tableConnectors`. */
function readSets(reader: Reader, value: unknown, path: readonly string[], kind: 'provider' | 'connector', additions: Additions, types: ReadonlySet<string>): void {
  const selector = kind === 'provider' ? builtInCatalogue.modelSelector : builtInCatalogue.connectorSelector;
  const noun = kind === 'provider' ? 'model provider' : 'table connector';
  const out = kind === 'provider' ? additions.modelProviders : additions.tableConnectors;
  for (const [name, raw, at] of reader.entries(value, path, noun)) {
    const existing = selector.sets.find((s) => s.name === name);
    const entry = reader.object(raw, at, existing ? undefined : SET_FIELDS, `${noun} ${quoted(name)}`);
    if (!entry) continue;
    const before = reader.errors.length;
    if (existing) {
      for (const field of Object.keys(entry)) {
        if (!EXTENSION_FIELDS.includes(field)) reader.error([...at, field], `${quoted(name)} is a built-in ${noun}: only "keys" and "requiredKeys" can be added to it.`);
      }
    }
    const connectionType = existing ? existing.connectionType : reader.optionalText(entry, 'connectionType', at)?.toLowerCase();
    if (!existing && connectionType === undefined && entry['connectionType'] === undefined) reader.error(at, `A new ${noun} names the connection type its connection must have: "connectionType".`);
    else if (!existing && connectionType !== undefined && !types.has(connectionType)) {
      reader.error([...at, 'connectionType'], `${quoted(connectionType)} is not a connection type (built in, or added under "connectionTypes").`);
    }
    const displayName = existing ? existing.displayName : (reader.optionalText(entry, 'displayName', at) ?? name);
    const description = existing ? existing.description : (reader.optionalText(entry, 'description', at) ?? `${displayName}, added in ${SOURCE}.`);
    if (reader.errors.length > before || (!existing && connectionType === undefined)) continue;
    // The set as it would be without the entry's keys: the built-in one, or a new one's generated keys.
    const facts = { name, displayName, description, connectionType: connectionType!, pairing: 'documented' as const, source: SOURCE, confidence: 'documented' as const };
    const base: OptionSet = existing ?? documented(kind === 'provider' ? providerSet({ ...facts, legacy: 'none' }) : connectorSet({ ...facts, keys: [] }));
    const given: [string, KeyEntry][] = [];
    if (entry['keys'] !== undefined) {
      const keysAt = [...at, 'keys'];
      for (const [key, facts] of Object.entries(reader.object(entry['keys'], keysAt, undefined, '"keys"') ?? {})) {
        const keyAt = [...keysAt, key];
        if (!NAME.test(key)) reader.error(keyAt, `${quoted(key)} is not an option key: no spaces or quotes.`);
        else if (findSetKey(base, key) || given.some(([k]) => k.toLowerCase() === key.toLowerCase())) reader.error(keyAt, `${quoted(key)} is already a key of ${noun} ${quoted(name)}.`);
        else {
          const parsed = reader.keyEntry(facts, keyAt);
          if (parsed) given.push([key, parsed]);
        }
      }
    }
    const isKey = (key: string) => given.some(([k]) => k.toLowerCase() === key.toLowerCase()) || findSetKey(base, key) !== undefined;
    const required = new Set(readRequired(reader, entry, at, isKey, `${noun} ${quoted(name)}`).map((k) => k.toLowerCase()));
    if (reader.errors.length > before) continue;
    const keys = given.map(([key, facts]) => setKeyOf(key, facts, required.has(key.toLowerCase())));
    // A key the set has already, made required: that key, marked so (for a built-in set, it takes the place of the set's own: catalogue.ts).
    const madeRequired = (k: SetKey): boolean => required.has(k.name.toLowerCase()) && !k.required;
    if (existing) out.push({ ...existing, keys: [...existing.keys.filter(madeRequired).map((k) => ({ ...k, required: true })), ...keys] });
    else out.push({ ...base, keys: [...base.keys.map((k) => (madeRequired(k) ? { ...k, required: true } : k)), ...keys] });
  }
}

/** A set whose facts the user documents: every key counts as documented. */
function documented(set: OptionSet): OptionSet {
  return { ...set, keys: set.keys.map((k) => (k.confidence === 'documented' ? k : { ...k, confidence: 'documented' })) };
}

/** `CatalogueAdditions` as it is filled in. */
interface Additions extends CatalogueAdditions {
  readonly connectionTypes: ConnectionType[];
  readonly connectionKeys: OptionKey[];
  readonly typeKeys: Map<string, { readonly optional: readonly string[]; readonly required: readonly string[] }>;
  readonly modelProviders: OptionSet[];
  readonly tableConnectors: OptionSet[];
}

/**
 * Reads the `catalogue` section (`value`, at `path` in the file): the catalogue with its additions,
 * or the mistakes (then no catalogue: the caller keeps the built-in one, and says so).
 */
export function readCatalogue(value: unknown, path: readonly string[]): { catalogue?: Catalogue; errors: SectionError[] } {
  const reader = new Reader();
  const section = reader.object(value, path, ['connectionTypes', 'modelProviders', 'tableConnectors'], '"catalogue"');
  if (!section) return { errors: reader.errors };
  const additions: Additions = { connectionTypes: [], connectionKeys: [], typeKeys: new Map(), modelProviders: [], tableConnectors: [] };
  if (section['connectionTypes'] !== undefined) readTypes(reader, section['connectionTypes'], [...path, 'connectionTypes'], additions);
  // The types a provider or connector may name: the built-in ones, and every type the file adds (also one with a mistake, reported already).
  const types = new Set([...builtInCatalogue.connectionTypeNames, ...(isObject(section['connectionTypes']) ? Object.keys(section['connectionTypes']).map((n) => n.toLowerCase()) : [])]);
  if (section['modelProviders'] !== undefined) readSets(reader, section['modelProviders'], [...path, 'modelProviders'], 'provider', additions, types);
  if (section['tableConnectors'] !== undefined) readSets(reader, section['tableConnectors'], [...path, 'tableConnectors'], 'connector', additions, types);
  if (reader.errors.length > 0) return { errors: reader.errors };
  return { catalogue: withAdditions(additions, JSON.stringify(value)), errors: [] };
}
