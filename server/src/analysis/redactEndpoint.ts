/**
 * An endpoint as it may be shown (hover): the credentials embedded in it — the same ones the editor
 * masks, found by `endpointSecrets` — are replaced by a fixed mask.
 */
import { endpointSecrets } from './secretRanges';

const MASK = '••••';

export function redactEndpoint(endpoint: string): string {
  let shown = '';
  let from = 0;
  for (const secret of endpointSecrets(endpoint, 0)) {
    shown += endpoint.slice(from, secret.start) + MASK;
    from = secret.end;
  }
  return shown + endpoint.slice(from);
}
