/**
 * Authentication methods: groups of keys that are given together, exactly one group per connection.
 *
 * Source: `shared/spec/connections.md` §2.3 and the CLI's rules ([cli] internal/flink/command_connection.go):
 * keys of one group are required together; `username`, `client-id`, `api-key` and `token` exclude
 * each other; `aws-session-token` is always optional.
 */
import type { OptionKeyName } from './optionKeys';

export type AuthMethodId = 'api-key' | 'basic' | 'bearer' | 'oauth' | 'aws' | 'service-key';

export interface AuthMethod {
  readonly id: AuthMethodId;
  /** A short name for messages and quick-fix titles. */
  readonly label: string;
  /** What the method does, for hover. */
  readonly description: string;
  /** Keys that must all be present when the method is used. */
  readonly keys: readonly OptionKeyName[];
  /** Keys that belong to the method but may be left out. */
  readonly optionalKeys: readonly OptionKeyName[];
}

export const authMethods: Readonly<Record<AuthMethodId, AuthMethod>> = {
  'api-key': {
    id: 'api-key',
    label: 'API key',
    description: 'An API key sent with every request.',
    keys: ['api-key'],
    optionalKeys: [],
  },
  basic: {
    id: 'basic',
    label: 'basic authentication',
    description: 'A user name and password (an HTTP Basic header, or the database login).',
    keys: ['username', 'password'],
    optionalKeys: [],
  },
  bearer: {
    id: 'bearer',
    label: 'bearer token',
    description: 'A token sent in an HTTP `Authorization: Bearer` header.',
    keys: ['token'],
    optionalKeys: [],
  },
  oauth: {
    id: 'oauth',
    label: 'OAuth 2.0',
    description: 'Client credentials exchanged at the token endpoint for a bearer token.',
    keys: ['token-endpoint', 'client-id', 'client-secret', 'scope'],
    optionalKeys: [],
  },
  aws: {
    id: 'aws',
    label: 'AWS credentials',
    description: 'An AWS access key pair, with a session token for temporary credentials.',
    keys: ['aws-access-key', 'aws-secret-key'],
    optionalKeys: ['aws-session-token'],
  },
  'service-key': {
    id: 'service-key',
    label: 'Google Cloud service-account key',
    description: 'A Google Cloud service-account key in JSON format.',
    keys: ['service-key'],
    optionalKeys: [],
  },
};

/** Every key that belongs to the method, required ones first. */
export function authMethodKeys(method: AuthMethod): readonly OptionKeyName[] {
  return [...method.keys, ...method.optionalKeys];
}
