/**
 * An endpoint as it may be shown (hover, symbols): credentials embedded in it are masked — the
 * password or whole user info of `scheme://user:password@host`, and the values of query or JDBC
 * parameters whose names say they hold a credential (`?api-key=…`, `;password=…`).
 */

const MASK = '••••';

/** Parameter names that carry credentials. */
const CREDENTIAL_PARAMETER = /(key|token|secret|passw(or)?d|pwd|sig(nature)?|credential|auth)/i;

export function redactEndpoint(endpoint: string): string {
  return endpoint
    .replace(/^((?:jdbc:)?[a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@/i, (_, scheme: string) => `${scheme}${MASK}@`)
    .replace(/([?&;])([^=&;#\s]+)=([^&;#\s]*)/g, (whole, separator: string, name: string) =>
      CREDENTIAL_PARAMETER.test(name) ? `${separator}${name}=${MASK}` : whole,
    );
}
