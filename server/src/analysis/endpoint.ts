/**
 * Checks an endpoint against the forms a connection type accepts. Messages describe the expected
 * form and never repeat the value, which may embed credentials (`mongodb://user:password@host`).
 */
import type { ConnectionType } from '../catalogue/connectionTypes';

/** Schemes any connection type accepts, for a connection whose type is unknown. */
function allSchemes(types: readonly ConnectionType[]): string[] {
  return [...new Set(types.flatMap((t) => t.endpoint.schemes))];
}

function schemeList(schemes: readonly string[]): string {
  const written = schemes.map((s) => (s === 'jdbc' ? 'jdbc:' : `${s}://`));
  return written.length === 1 ? written[0]! : `${written.slice(0, -1).join(', ')} or ${written[written.length - 1]}`;
}

/** `jdbc:<subprotocol>:<rest>`, as every JDBC driver URL is written. */
const JDBC_URL = /^jdbc:[a-z][a-z0-9]*:\S+$/i;

/**
 * Returns why `value` is not an endpoint for `type` (or for any type, when `type` is undefined),
 * or undefined when it is fine.
 */
export function endpointProblem(value: string, type: ConnectionType | undefined, types: readonly ConnectionType[]): string | undefined {
  const schemes = type ? type.endpoint.schemes : allSchemes(types);
  const example = type ? ` For example: ${type.endpoint.example}` : '';
  if (/\s/.test(value)) return `The endpoint must be a URL without spaces.${example}`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (!scheme) return `The endpoint must be a URL starting with ${schemeList(schemes)}.${example}`;
  if (!schemes.includes(scheme)) {
    const what = type ? `An endpoint of connection type '${type.name}'` : 'The endpoint';
    return `${what} must start with ${schemeList(schemes)}.${example}`;
  }
  if (scheme === 'jdbc') {
    return JDBC_URL.test(value) ? undefined : `A JDBC endpoint has the form jdbc:<database>://<host>:<port>/<name>.${example}`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `The endpoint is not a valid URL.${example}`;
  }
  if (!url.hostname) return `The endpoint has no host name.${example}`;
  return undefined;
}
