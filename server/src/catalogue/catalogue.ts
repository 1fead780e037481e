/**
 * The catalogue as one value: the connection types and their keys, the model providers and the table
 * connectors, with the facts every feature works out from them (which keys name a connection, the
 * secret level of every key). The built-in catalogue is the tables of this folder; a project's
 * flinksql.json may add to it (`catalogue`: what Confluent ships before these tables know it), and
 * `withAdditions` makes the catalogue that the analysis, completion, hover, quick fixes and secret
 * detection of that project's files read. Every reader takes the built-in one when given none.
 */
import { authMethodKeys, authMethods } from './authMethods';
import { connectionTypes as builtInTypes, type ConnectionType } from './connectionTypes';
import { keyIndexOf, type ReferenceKey } from './keyIndex';
import { allOptionKeys, type OptionKey, type SecretLevel } from './optionKeys';
import { modelSelector as builtInModels } from './modelProviders';
import type { OptionSet, Selector } from './optionSets';
import { connectorSelector as builtInConnectors } from './tableConnectors';
import { agentOptions, toolTypes } from './toolsAndAgents';

export interface Catalogue {
  /** Connection types, the built-in ones first. */
  readonly connectionTypes: readonly ConnectionType[];
  readonly connectionTypeNames: readonly string[];
  /** Every connection key, the built-in ones first. */
  readonly connectionKeys: readonly OptionKey[];
  /** A model's `'provider'` and its sets; an external table's `'connector'` and its sets. */
  readonly modelSelector: Selector;
  readonly connectorSelector: Selector;
  /** Every key that names a connection, by its lower-case name. */
  readonly referenceKeys: ReadonlyMap<string, ReferenceKey>;
  /** The secret level of every key, by lower-case name (connection keys first). */
  readonly secretLevels: ReadonlyMap<string, SecretLevel>;
  /**
   * The secret level of the keys flinksql.json added (connection keys and set keys), by lower-case
   * name: masked as the built-in ones are. Empty for the built-in catalogue.
   */
  readonly addedSecretLevels: ReadonlyMap<string, SecretLevel>;
  /** What a configuration added, as JSON: equal for equal additions ('' for none). */
  readonly signature: string;
  /** Looks a type up by its `'type'` value, case-insensitively. */
  findConnectionType(value: string): ConnectionType | undefined;
  /** Looks a connection key up by its exact spelling. */
  findOptionKey(name: string): OptionKey | undefined;
}

/** What a configuration adds: whole new entries, and keys for entries that exist (built in or added). */
export interface CatalogueAdditions {
  readonly connectionTypes: readonly ConnectionType[];
  /** New connection keys (of the added types, or added to a built-in type). */
  readonly connectionKeys: readonly OptionKey[];
  /** Keys (optional and required) added to a built-in type, by its name. */
  readonly typeKeys: ReadonlyMap<string, { readonly optional: readonly string[]; readonly required: readonly string[] }>;
  readonly modelProviders: readonly OptionSet[];
  readonly tableConnectors: readonly OptionSet[];
}

function makeCatalogue(types: readonly ConnectionType[], keys: readonly OptionKey[], models: Selector, connectors: Selector, signature: string): Catalogue {
  const typesByName = new Map(types.map((t) => [t.name, t]));
  const keysByName = new Map(keys.map((k) => [k.name, k]));
  const { referenceKeys, secretLevels } = keyIndexOf(keys, [...models.sets, ...connectors.sets, ...toolTypes, agentOptions]);
  const builtInLevels = builtIn?.secretLevels;
  const addedSecretLevels = new Map(builtInLevels ? [...secretLevels].filter(([name, level]) => builtInLevels.get(name) !== level) : []);
  return {
    connectionTypes: types,
    connectionTypeNames: types.map((t) => t.name),
    connectionKeys: keys,
    modelSelector: models,
    connectorSelector: connectors,
    referenceKeys,
    secretLevels,
    addedSecretLevels,
    signature,
    findConnectionType: (value) => typesByName.get(value.toLowerCase()),
    findOptionKey: (name) => keysByName.get(name),
  };
}

let builtIn: Catalogue | undefined;

/** The catalogue of this folder's tables: what every feature reads when no configuration adds to it. */
export const builtInCatalogue: Catalogue = (builtIn = makeCatalogue(builtInTypes, allOptionKeys, builtInModels, builtInConnectors, ''));

/** A selector whose sets are the built-in ones, each extended by the keys of the addition of its name, then the new sets of `added`. */
function extendSelector(selector: Selector, added: readonly OptionSet[]): Selector {
  if (added.length === 0) return selector;
  const extensions = new Map(added.filter((a) => selector.sets.some((s) => s.name === a.name)).map((a) => [a.name, a]));
  const sets = selector.sets.map((set) => {
    const extension = extensions.get(set.name);
    if (!extension) return set;
    // A key the extension gives again (made required) replaces the set's own.
    const again = new Map(extension.keys.map((k) => [k.name.toLowerCase(), k]));
    const keys = set.keys.map((k) => again.get(k.name.toLowerCase()) ?? k);
    return { ...set, keys: [...keys, ...extension.keys.filter((k) => !set.keys.some((own) => own.name.toLowerCase() === k.name.toLowerCase()))] };
  });
  return { ...selector, sets: [...sets, ...added.filter((a) => !extensions.has(a.name))] };
}

/**
 * The built-in catalogue with a configuration's additions. An addition named like a built-in type,
 * provider or connector extends it with keys (parseCatalogue allows nothing else for those).
 */
export function withAdditions(additions: CatalogueAdditions, signature: string): Catalogue {
  const types = builtInTypes.map((type) => {
    const extra = additions.typeKeys.get(type.name);
    if (!extra) return type;
    return { ...type, optionalKeys: [...type.optionalKeys, ...extra.optional], requiredKeys: [...(type.requiredKeys ?? []), ...extra.required] };
  });
  return makeCatalogue(
    [...types, ...additions.connectionTypes],
    [...allOptionKeys, ...additions.connectionKeys],
    extendSelector(builtInModels, additions.modelProviders),
    extendSelector(builtInConnectors, additions.tableConnectors),
    signature,
  );
}

/** The keys of every auth method, built in: a type added in flinksql.json chooses among these methods. */
export const authMethodKeyNames: ReadonlySet<string> = new Set(Object.values(authMethods).flatMap((m) => authMethodKeys(m)));
