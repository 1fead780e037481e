/**
 * Questions about a connection type's keys, answered from the catalogue tables.
 */
import { authMethodKeys, authMethods, type AuthMethod } from './authMethods';
import { baseRequiredKeys, type ConnectionType } from './connectionTypes';

/** The auth methods of a type, as catalogue entries. */
export function authMethodsOf(type: ConnectionType): readonly AuthMethod[] {
  return type.authMethods.map((id) => authMethods[id]);
}

/** The answers for each type, worked out once: every CREATE CONNECTION of a file asks them. Types are never changed once made. */
const allowedByType = new WeakMap<ConnectionType, readonly string[]>();
const requiredByType = new WeakMap<ConnectionType, readonly string[]>();

/** Every key a connection of this type may have, in the order a user would write them. */
export function allowedKeysOf(type: ConnectionType): readonly string[] {
  let allowed = allowedByType.get(type);
  if (!allowed) {
    const keys: string[] = [...baseRequiredKeys];
    for (const method of authMethodsOf(type)) keys.push(...authMethodKeys(method));
    keys.push(...type.optionalKeys);
    allowedByType.set(type, (allowed = Object.freeze([...new Set(keys)])));
  }
  return allowed;
}

/**
 * Keys every connection of this type must have: `type`, `endpoint`, the keys of its auth method
 * when it has only one (with a choice of methods, the requirement is "one complete method"), and the
 * keys flinksql.json says it needs.
 */
export function requiredKeysOf(type: ConnectionType): readonly string[] {
  let required = requiredByType.get(type);
  if (!required) {
    const methods = authMethodsOf(type);
    required = Object.freeze([...baseRequiredKeys, ...(methods.length === 1 ? methods[0]!.keys : []), ...(type.requiredKeys ?? [])]);
    requiredByType.set(type, required);
  }
  return required;
}
