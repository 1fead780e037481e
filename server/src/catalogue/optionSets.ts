/**
 * Option sets: the keys a statement's option list may hold once one key has chosen what the
 * statement is. A model's `'provider'` chooses a provider, an external table's `'connector'` a
 * connector, a tool's `'type'` a tool type; an agent has one set. Each set is data of the same kind
 * as a connection type: its keys, which are required, their values, which are secret or legacy,
 * which connection type a reference must name, and where each fact comes from.
 *
 * Confidence decides severity. `documented`: checked as written. `inferred` (derived from a pattern,
 * not seen in any source): reported as a warning at most. `not-found` (the sources are silent): keys
 * outside the set are not reported at all, since nobody knows which keys Confluent accepts.
 */
import type { OptionKeyName, OptionValueKind, SecretLevel } from './optionKeys';

export type Confidence = 'documented' | 'inferred' | 'not-found';

/** A key of a model, table, tool or agent option list. */
export interface SetKey {
  /** The key as the documentation writes it. Keys are compared without regard to case. */
  readonly name: string;
  readonly description: string;
  readonly value: OptionValueKind;
  /** Whether the statement needs the key; `inferred` makes a missing key a warning. */
  readonly required: boolean;
  readonly secret: SecretLevel;
  /** A legacy key: why it should go, and where its value belongs now. */
  readonly deprecated?: string;
  /** A key of an older form that is accepted and not reported, but never offered (a model's `'type' = 'remote'`). */
  readonly legacy?: boolean;
  /** A legacy key's key in the connection its value belongs in (`'openai.api_key'` → `'api-key'`). */
  readonly movesTo?: OptionKeyName;
  /** Only in ALTER … SET, never in CREATE. */
  readonly alterOnly?: boolean;
  /** A placeholder value for snippets and quick fixes. */
  readonly placeholder: string;
  readonly confidence: Confidence;
  /** Where the fact comes from (a page or a repository file; see `shared/spec/using-connections.md`). */
  readonly source: string;
}

/** Keys that share a prefix and are passed through to the service (`'openai.params.temperature'`). */
export interface FreeKeys {
  readonly prefix: string;
  /** How many such keys the service accepts, where it says. */
  readonly limit?: number;
  readonly description: string;
}

/** What one selector value (a provider, a connector, a tool type) accepts. */
export interface OptionSet {
  /** The selector's value, in lower case (values are case-insensitive). */
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  /** The keys of this set, the shared ones of the statement included. */
  readonly keys: readonly SetKey[];
  readonly freeKeys?: FreeKeys;
  /** The type of connection that the set's reference (`'<x>.connection'`, USING CONNECTION) must name. */
  readonly connectionType?: string;
  readonly docsUrl: string;
  readonly source: string;
  /** How sure the set's key list is; `not-found`: keys outside it are not reported. */
  readonly confidence: Confidence;
}

/** The key that chooses a statement's option set, and the sets it chooses among. */
export interface Selector {
  /** The key, in lower case (`provider`, `connector`, `type`). */
  readonly key: string;
  readonly sets: readonly OptionSet[];
  /** How messages name a set: "provider", "connector", "tool type". */
  readonly noun: string;
}

/** What a provider's or a connector's table row says before its keys are built: the facts every such set has. */
export interface SetFacts {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  /** The connection type its `'<name>.connection'` must name, and how sure the sources are of that pairing ([spec] §1.1). */
  readonly connectionType: string;
  readonly pairing: 'documented' | 'inferred';
  readonly source: string;
  /** How sure the key list is; `not-found` leaves unknown keys alone. */
  readonly confidence: Confidence;
}

/** One key's facts, with the defaults most keys share. */
export function setKey(
  name: string,
  description: string,
  source: string,
  more: Partial<Omit<SetKey, 'name' | 'description' | 'source'>> = {},
): SetKey {
  return {
    name,
    description,
    source,
    value: more.value ?? { kind: 'text' },
    required: more.required ?? false,
    secret: more.secret ?? 'never',
    placeholder: more.placeholder ?? '',
    confidence: more.confidence ?? 'documented',
    ...(more.deprecated ? { deprecated: more.deprecated } : {}),
    ...(more.movesTo ? { movesTo: more.movesTo } : {}),
    ...(more.alterOnly ? { alterOnly: true } : {}),
    ...(more.legacy ? { legacy: true } : {}),
  };
}

/** Looks a key of a set up, without regard to case. */
export function findSetKey(set: Pick<OptionSet, 'keys'>, key: string): SetKey | undefined {
  let byName = keysByName.get(set.keys);
  if (!byName) keysByName.set(set.keys, (byName = new Map([...set.keys].reverse().map((k) => [k.name.toLowerCase(), k]))));
  return byName.get(key.toLowerCase());
}

/** Each key list by lower-case name, made on first use (an analysis looks keys up thousands of times). */
const keysByName = new WeakMap<readonly SetKey[], ReadonlyMap<string, SetKey>>();

/** Looks a set up by its selector value, without regard to case. */
export function findOptionSet(sets: readonly OptionSet[], value: string): OptionSet | undefined {
  const lower = value.trim().toLowerCase();
  return sets.find((s) => s.name === lower);
}

/** The keys a list may hold before its selector has chosen a set: those every set has (a model's `'provider'`, `'task'`). */
export function sharedKeys(choose: Selector | OptionSet): readonly SetKey[] {
  if (!('sets' in choose)) return choose.keys;
  const [first, ...others] = choose.sets;
  return (first?.keys ?? []).filter((k) => others.every((set) => findSetKey(set, k.name)));
}
