/**
 * Facts across the whole catalogue, each worked out once from its tables: which option keys name a
 * connection (and of which type), and the secret level of every key the catalogue knows.
 */
import { allOptionKeys, type OptionKey, type SecretLevel } from './optionKeys';
import { modelProviders } from './modelProviders';
import type { Confidence, OptionSet } from './optionSets';
import { tableConnectors } from './tableConnectors';
import { agentOptions, toolTypes } from './toolsAndAgents';

/** An option key whose value names a connection (`'openai.connection'`, `'mongodb.connection'`). */
export interface ReferenceKey {
  /** The key as documented, in lower case. */
  readonly key: string;
  /** The connection type it must name. */
  readonly connectionType: string;
  /** How sure the sources are of that pairing. */
  readonly pairing: Confidence;
  /** How sure they are that the key exists (some connectors' keys are inferred from the pattern of the others). */
  readonly confidence: Confidence;
}

/** The reference keys and secret levels of connection keys `keys` and option sets `sets` (see below). */
export function keyIndexOf(
  keys: readonly OptionKey[],
  sets: readonly OptionSet[],
): { referenceKeys: ReadonlyMap<string, ReferenceKey>; secretLevels: ReadonlyMap<string, SecretLevel> } {
  const referenceKeys = new Map(
    sets.flatMap((set) =>
      set.keys.flatMap((k) =>
        k.value.kind === 'connection-name'
          ? [[k.name.toLowerCase(), { key: k.name.toLowerCase(), connectionType: k.value.connectionType, pairing: k.value.pairing, confidence: k.confidence }] as const]
          : [],
      ),
    ),
  );
  // Where two entries share a name the first wins; connection keys come first.
  const secretLevels = new Map([...keys.map((k) => [k.name, k.secret] as const), ...sets.flatMap((set) => set.keys.map((k) => [k.name.toLowerCase(), k.secret] as const))].reverse());
  return { referenceKeys, secretLevels };
}

/** Every key of the built-in catalogue that names a connection, by its lower-case name (`Catalogue.referenceKeys` has those a configuration adds). */
export const referenceKeys: ReadonlyMap<string, ReferenceKey> = keyIndexOf(allOptionKeys, [...modelProviders, ...tableConnectors, ...toolTypes, agentOptions]).referenceKeys;

/**
 * Whether an option key names a connection: `'<provider or connector>.connection'`, in any case
 * (`shared/spec/using-connections.md` G4, G6), known to the catalogue or not (a connector the
 * catalogue does not know names its connection the same way).
 */
export const isReferenceKey = (key: string): boolean => /\.connection$/i.test(key);
