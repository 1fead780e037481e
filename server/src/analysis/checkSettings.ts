/**
 * SET and RESET in the SQL client's older form, `SET table.sql-dialect=hive`: Apache Flink's SQL
 * client still runs it, but Flink's SQL parser and Confluent Cloud take the key and the value as
 * string literals, `SET 'table.sql-dialect' = 'hive'`. A warning that shows the quoted form.
 */
import type { LegacySetting, ResetStatement, SetStatement, Span } from '../parser/ast';
import type { Problem } from './problem';
import { mayHoldSecret } from './secretRanges';
import type { Catalogue } from '../catalogue/catalogue';

/** Whether `text` is one string literal. */
export const isQuoted = (text: string): boolean => /^'(?:[^']|'')*'$/.test(text);

/** `text` as a string literal: as written when it is one already, else quoted, with `''` for a quote inside. */
export function asStringLiteral(text: string): string {
  return isQuoted(text) ? text : `'${text.replace(/'/g, "''")}'`;
}

/** A part of a setting for a message, shortened so that a pasted blob stays readable. */
const shown = (literal: string): string => (literal.length > 42 ? `${literal.slice(0, 40)}…'` : literal);

/** The problem of a SET or RESET statement `text`, if it is written in the older form. */
export function checkSetting(statement: SetStatement | ResetStatement, text: string, catalogue?: Catalogue): Problem[] {
  const legacy: LegacySetting | undefined = statement.legacy;
  if (!legacy) return [];
  const slice = (span: Span) => text.slice(span.start, span.end);
  const key = slice(legacy.key);
  const keyLiteral = asStringLiteral(key);
  const unquoted = [isQuoted(key) ? undefined : 'key', legacy.value && !isQuoted(slice(legacy.value)) ? 'value' : undefined].filter(Boolean);
  let form: string;
  if (statement.kind === 'reset' || !legacy.value) {
    form = `RESET ${shown(keyLiteral)}`;
  } else {
    // The key is the setting's name, never secret; its value may be (`SET sql.secrets.openai = …`).
    const bareKey = keyLiteral.slice(1, -1).replace(/''/g, "'");
    const value = mayHoldSecret(bareKey, catalogue) ? "'…'" : shown(asStringLiteral(slice(legacy.value)));
    form = `SET ${shown(keyLiteral)} = ${value}`;
  }
  const what = unquoted.length === 2 ? 'the key and the value' : `the ${unquoted[0]}`;
  return [
    {
      code: 'unquoted-setting',
      span: { start: legacy.key.start, end: (legacy.value ?? legacy.key).end },
      message: `Write ${what} in single quotes: ${form}. The unquoted form is the SQL client's older syntax; Flink's SQL parser and Confluent Cloud read string literals only.`,
      data: {},
    },
  ];
}

/**
 * The insertions that quote an older-form setting: a quote before and after its key and its value,
 * where they are not quoted yet. Undefined when a part holds a quote of its own, which would have to
 * be doubled: the fix then writes no value, which may be a secret, into an edit.
 */
export function quotingInsertions(statement: SetStatement | ResetStatement, text: string): number[] | undefined {
  const legacy = statement.legacy;
  if (!legacy) return undefined;
  const offsets: number[] = [];
  for (const span of [legacy.key, legacy.value]) {
    if (!span) continue;
    const part = text.slice(span.start, span.end);
    if (isQuoted(part)) continue;
    if (part.includes("'")) return undefined;
    offsets.push(span.start, span.end);
  }
  return offsets;
}
