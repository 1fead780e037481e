/**
 * The secret ranges of a whole document read afresh, statement by statement, nothing kept: the
 * reference that what the server and the client keep between edits (documentSecrets.ts) must equal;
 * and the keys whose values must be masked wherever they are written.
 */
import { mergeSecretSpans, secretsBetweenStatements, statementSecrets, type SecretOptions } from '../../server/src/analysis/secretRanges';
import type { Span } from '../../server/src/parser/ast';
import { splitStatements } from '../../server/src/parser/splitStatements';
import { modelProviders } from '../../server/src/catalogue/modelProviders';
import { tableConnectors } from '../../server/src/catalogue/tableConnectors';
import { agentOptions, toolTypes } from '../../server/src/catalogue/toolsAndAgents';

export function secretRanges(text: string, options: SecretOptions = { maskAccountIdentifiers: false }): Span[] {
  const { statements } = splitStatements(text);
  const spans = secretsBetweenStatements(text, statements, options);
  // A statement's text for secrets runs to its `;` (or the end), so the comments after its last token count.
  for (const s of statements) spans.push(...statementSecrets(text.slice(s.start, s.semicolon >= 0 ? s.semicolon : text.length), s.start, options));
  return mergeSecretSpans(spans);
}

/** The legacy credential keys of the catalogue's models and tables (and any tool or agent key): every key whose value is always a secret. */
export const legacyCredentialKeys: readonly string[] = [
  ...new Set([...modelProviders, ...tableConnectors, ...toolTypes, agentOptions].flatMap((set) => set.keys.filter((k) => k.secret === 'always').map((k) => k.name))),
];

/** The words Apache Flink treats as sensitive in a key (`GlobalConfiguration.SENSITIVE_KEYS`). */
export const flinkSensitiveWords = ['password', 'secret', 'apikey', 'api-key', 'service-key', 'token', 'basic-auth', 'jaas.config', 'http-headers'] as const;

/** Keys that hold a sensitive word as people write them: alone, in upper case, with a prefix or a suffix, with `_` for `-` and `.`. */
export const sensitiveWordKeys: readonly string[] = flinkSensitiveWords.flatMap((w) => [
  w,
  w.toUpperCase(),
  `properties.${w}`,
  `${w}-old`,
  `x.${w.replace(/[-.]/g, '_')}.v2`,
  `my${w.charAt(0).toUpperCase()}${w.slice(1)}`,
]);
