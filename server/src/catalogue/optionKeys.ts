/**
 * The option keys of `CREATE CONNECTION … WITH (…)` and `ALTER CONNECTION … SET (…)`.
 *
 * Source: `shared/spec/connections.md` §2.1. The SQL keys are the Confluent CLI's flag names
 * ([cli] pkg/flink/utils.go); Confluent's documentation never lists the keys it redacts (§2.5),
 * so `secret` follows the spec's recommended masking set.
 */

/** How a value is checked and completed. */
export type OptionValueKind =
  | { readonly kind: 'connection-type' }
  | { readonly kind: 'url' }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly defaultValue?: string; readonly prefixes?: readonly string[] }
  | { readonly kind: 'integer'; readonly min: number }
  /** A connection's name; `pairing` says how sure the sources are that it must be of `connectionType`. */
  | { readonly kind: 'connection-name'; readonly connectionType: string; readonly pairing: 'documented' | 'inferred' }
  | { readonly kind: 'json-object' }
  /** The names of tools (`CREATE TOOL`), separated by commas: an agent's `'tools'`. */
  | { readonly kind: 'tool-names' }
  | { readonly kind: 'text' };

/**
 * Whether a value is a credential:
 * - `always`: masked on screen and never repeated in any message;
 * - `opt-in`: an identifier of an account (user name, client id), masked only when the user asks;
 * - `never`: configuration (type, endpoint, transport).
 */
export type SecretLevel = 'always' | 'opt-in' | 'never';

export interface OptionKey {
  /** The key exactly as it is written inside the quotes. */
  readonly name: string;
  /** What the value holds. Shown on hover and in completion details. */
  readonly description: string;
  /** Whether the value is a credential. */
  readonly secret: SecretLevel;
  /** How the value is checked. */
  readonly value: OptionValueKind;
  /** Spellings seen in documentation or user code that mean this key; they get a targeted "did you mean". */
  readonly misspellings: readonly string[];
  /** A placeholder value for snippets and quick fixes. */
  readonly placeholder: string;
  /** False for keys fixed when the connection is created: ALTER CONNECTION changes credentials only ([cli]: "Only secret can be updated"). */
  readonly alterable: boolean;
  /** The key is not allowed when another key has this value (the MCP transport rule). */
  readonly excludedWith?: { readonly key: string; readonly value: string; readonly why: string };
}

function key(
  name: string,
  description: string,
  secret: SecretLevel,
  value: OptionValueKind,
  placeholder: string,
  misspellings: readonly string[] = [],
  more: Pick<OptionKey, 'excludedWith'> & { readonly alterable?: boolean } = {},
): OptionKey {
  return { name, description, secret, value, placeholder, misspellings, alterable: more.alterable ?? true, ...(more.excludedWith ? { excludedWith: more.excludedWith } : {}) };
}

const text: OptionValueKind = { kind: 'text' };
const url: OptionValueKind = { kind: 'url' };

/** Every key any connection type accepts, by name. */
export const optionKeys = {
  type: key('type', 'The connection type: which external service this connection reaches. Case-insensitive.', 'never', { kind: 'connection-type' }, 'openai', ['connection-type', 'connection_type'], { alterable: false }),
  endpoint: key('endpoint', 'The URL (or URI) of the external service.', 'never', url, 'https://api.example.com', ['url', 'uri', 'end-point'], { alterable: false }),
  'api-key': key('api-key', 'The API key that authenticates requests to the service.', 'always', text, '<api-key>', ['api_key', 'apikey', 'api-token', 'key']),
  username: key('username', 'The user name for basic authentication (sent with the password in an HTTP Basic header, or to the database).', 'opt-in', text, '<username>', ['user', 'user-name', 'user_name', 'login']),
  password: key('password', 'The password for basic authentication.', 'always', text, '<password>', ['pass', 'passwd', 'pwd', 'user-password']),
  token: key('token', 'A bearer token, sent in an HTTP `Authorization: Bearer` header.', 'always', text, '<token>', ['bearer-token', 'bearer_token', 'access-token', 'auth-token']),
  'token-endpoint': key('token-endpoint', 'The OAuth 2.0 token URL used to obtain an access token with the client-credentials grant.', 'opt-in', url, 'https://auth.example.com/oauth/token', ['token_endpoint', 'token-url', 'oauth-endpoint']),
  'client-id': key('client-id', 'The OAuth 2.0 client id.', 'opt-in', text, '<client-id>', ['client_id', 'clientid']),
  'client-secret': key('client-secret', 'The OAuth 2.0 client secret.', 'always', text, '<client-secret>', ['client_secret', 'clientsecret']),
  scope: key('scope', 'The OAuth 2.0 scope requested with the token.', 'opt-in', text, '<scope>', ['scopes', 'oauth-scope']),
  'aws-access-key': key('aws-access-key', 'The AWS access key id.', 'always', text, '<aws-access-key-id>', ['aws_access_key', 'access-key', 'aws-access-key-id', 'aws_access_key_id']),
  'aws-secret-key': key('aws-secret-key', 'The AWS secret access key.', 'always', text, '<aws-secret-access-key>', ['aws_secret_key', 'secret-key', 'aws-secret-access-key', 'aws_secret_access_key']),
  'aws-session-token': key('aws-session-token', 'An AWS session token, for temporary credentials. Optional.', 'always', text, '<aws-session-token>', ['aws_session_token', 'session-token']),
  'service-key': key('service-key', 'The Google Cloud service-account key, as its JSON document.', 'always', { kind: 'json-object' }, '{"type": "service_account"}', ['service_key', 'service-account-key', 'service_account_key']),
  'sse-endpoint': key('sse-endpoint', 'MCP only: the URL of the server-sent-events endpoint. Without it, `/sse` is appended to the endpoint. Not allowed with the `STREAMABLE_HTTP` transport.', 'never', url, 'https://mcp.example.com/sse', ['sse_endpoint', 'sseendpoint'], { excludedWith: { key: 'transport-type', value: 'STREAMABLE_HTTP', why: 'it applies to the SSE transport only' } }),
  'transport-type': key('transport-type', 'MCP only: how the MCP server is reached, `SSE` (the default) or `STREAMABLE_HTTP`. Case-insensitive.', 'never', { kind: 'enum', values: ['SSE', 'STREAMABLE_HTTP'], defaultValue: 'SSE' }, 'STREAMABLE_HTTP', ['transport_type', 'transport']),
} as const satisfies Record<string, OptionKey>;

/** The name of a known connection option key. */
export type OptionKeyName = keyof typeof optionKeys;

/** Looks a key up by its exact spelling. */
export function findOptionKey(name: string): OptionKey | undefined {
  return Object.prototype.hasOwnProperty.call(optionKeys, name) ? optionKeys[name as OptionKeyName] : undefined;
}

/** All known keys, in catalogue order. */
export const allOptionKeys: readonly OptionKey[] = Object.values(optionKeys);

/** The key that says what a connection is, and the one that says where it is. */
export const TYPE_KEY = optionKeys.type.name;
export const ENDPOINT_KEY = optionKeys.endpoint.name;

/**
 * Whether an option's key as written is `key` (given in lower case) in any case. Keys are ASCII, and
 * a string lower-cases to an ASCII one only from the same length: most keys are told apart without
 * making a lower-case copy.
 */
export const isKeyInAnyCase = (written: string, key: string): boolean => written.length === key.length && written.toLowerCase() === key;

/** `{{sessionconfig/sql.secrets.name}}`: a reference to a session secret, not a secret nor a value to check. */
const SESSION_PLACEHOLDER = /^\{\{sessionconfig\/[^{}]+\}\}$/;
/**
 * `<api-key>`: a snippet's or a document's stand-in for a value not typed yet. It is not masked, so
 * the user sees what to replace; whatever is typed in its place is (as in a password field).
 */
const ANGLE_PLACEHOLDER = /^<[^<>'\r\n]*>$/;

/** Whether a value refers to a session secret (`{{sessionconfig/…}}`) rather than being a value. */
export const isSessionPlaceholder = (value: string): boolean => value.charCodeAt(0) === 0x7b && SESSION_PLACEHOLDER.test(value);

/** Whether a value (between its quotes) stands for a secret instead of being one: a session secret or `<api-key>`. */
export function isSecretPlaceholder(value: string): boolean {
  return isSessionPlaceholder(value) || (value.charCodeAt(0) === 0x3c && ANGLE_PLACEHOLDER.test(value));
}
