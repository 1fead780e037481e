/**
 * Which connection type an endpoint belongs to, read from the host of each type's example endpoint
 * in the catalogue (`api.anthropic.com` → anthropic; `<resource>.openai.azure.com` → azureopenai).
 * Types whose example host is only a placeholder (`https://<host>`) are never guessed.
 */
import { connectionTypes, type ConnectionType } from '../catalogue/connectionTypes';

/** The host of a `scheme://host…` URL, in lower case. */
function hostOf(url: string): { scheme: string; host: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?([^/:?#]+)/i.exec(url);
  return match ? { scheme: match[1]!.toLowerCase(), host: match[2]!.toLowerCase() } : undefined;
}

/** Each type whose example endpoint has a host of its own, with that host as a pattern (`<region>` matches anything). */
const typeHosts = connectionTypes.flatMap((type) => {
  const host = hostOf(type.endpoint.example)?.host;
  if (!host || /^<[^>]*>$/.test(host)) return [];
  const source = host
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') ? '.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return [{ type, pattern: new RegExp(`^${source}$`, 'i') }];
});

/** The one type whose service the endpoint's host belongs to (`api.anthropic.com` → anthropic), if any. */
export function typeOfEndpoint(endpoint: string): ConnectionType | undefined {
  const url = hostOf(endpoint);
  if (!url) return undefined;
  const matches = typeHosts.filter((t) => t.type.endpoint.schemes.includes(url.scheme) && t.pattern.test(url.host));
  return matches.length === 1 ? matches[0]!.type : undefined;
}
