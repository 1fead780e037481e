/**
 * Questions about a connection type's keys, answered from the catalogue tables.
 */
import { authMethodKeys, authMethods, type AuthMethod } from './authMethods';
import { baseRequiredKeys, type ConnectionType } from './connectionTypes';

/** The auth methods of a type, as catalogue entries. */
export function authMethodsOf(type: ConnectionType): readonly AuthMethod[] {
  return type.authMethods.map((id) => authMethods[id]);
}

/**
 * `answer(type)`, worked out once per type and kept in `memo`: every CREATE CONNECTION of a file asks
 * these questions. Types are never changed once made.
 */
function oncePerType(memo: WeakMap<ConnectionType, readonly string[]>, type: ConnectionType, answer: () => string[]): readonly string[] {
  let known = memo.get(type);
  if (!known) memo.set(type, (known = Object.freeze(answer())));
  return known;
}

const allowedByType = new WeakMap<ConnectionType, readonly string[]>();
const requiredByType = new WeakMap<ConnectionType, readonly string[]>();

/** Every key a connection of this type may have, in the order a user would write them. */
export function allowedKeysOf(type: ConnectionType): readonly string[] {
  return oncePerType(allowedByType, type, () => {
    const keys: string[] = [...baseRequiredKeys];
    for (const method of authMethodsOf(type)) keys.push(...authMethodKeys(method));
    keys.push(...type.optionalKeys);
    return [...new Set(keys)];
  });
}

/**
 * Keys every connection of this type must have: `type`, `endpoint`, the keys of its auth method
 * when it has only one (with a choice of methods, the requirement is "one complete method"), and the
 * keys flinksql.json says it needs.
 */
export function requiredKeysOf(type: ConnectionType): readonly string[] {
  return oncePerType(requiredByType, type, () => {
    const methods = authMethodsOf(type);
    return [...baseRequiredKeys, ...(methods.length === 1 ? methods[0]!.keys : []), ...(type.requiredKeys ?? [])];
  });
}
