/**
 * Questions about a connection type's keys, answered from the catalogue tables.
 */
import { authMethodKeys, authMethods, type AuthMethod } from './authMethods';
import { baseRequiredKeys, type ConnectionType } from './connectionTypes';

/** The auth methods of a type, as catalogue entries. */
export function authMethodsOf(type: ConnectionType): readonly AuthMethod[] {
  return type.authMethods.map((id) => authMethods[id]);
}

/** Every key a connection of this type may have, in the order a user would write them. */
export function allowedKeysOf(type: ConnectionType): readonly string[] {
  const keys: string[] = [...baseRequiredKeys];
  for (const method of authMethodsOf(type)) keys.push(...authMethodKeys(method));
  keys.push(...type.optionalKeys);
  return [...new Set(keys)];
}

/**
 * Keys every connection of this type must have: `type`, `endpoint`, the keys of its auth method
 * when it has only one (with a choice of methods, the requirement is "one complete method"), and the
 * keys flinksql.json says it needs.
 */
export function requiredKeysOf(type: ConnectionType): readonly string[] {
  const methods = authMethodsOf(type);
  return [...baseRequiredKeys, ...(methods.length === 1 ? methods[0]!.keys : []), ...(type.requiredKeys ?? [])];
}
