/**
 * The JSON Schema of flinksql.json (schemas/flinksql.schema.json, which VS Code uses through the
 * package's `jsonValidation` to complete and check the file), made from the diagnostic codes.
 * `node --import tsx scripts/configSchema.ts` writes it; a unit test fails when it is out of date.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { diagnosticCodes } from '../server/src/diagnosticCodes';

export const configSchemaPath = path.join(__dirname, '..', 'schemas', 'flinksql.schema.json');

export function configSchema(): object {
  const rules: Record<string, unknown> = {};
  for (const [code, info] of Object.entries(diagnosticCodes)) {
    rules[code] = { enum: ['off', 'information', 'warning', 'error'], description: `${info.description} (Built in: ${info.severity}.)` };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'flinksql.json',
    description: 'The configuration of flinksql (the Flink SQL Connections checker and language server) for the files in this folder and below.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'The severity of each diagnostic code, or "off" to turn it off.',
        additionalProperties: false,
        properties: rules,
      },
      ignore: {
        type: 'array',
        description:
          "Glob patterns of files not to check, relative to this file's folder: ** any folders, * any characters but /, ? one, {a,b} either. A pattern without / matches a file name in any folder.",
        items: { type: 'string', minLength: 1, pattern: '\\S' },
      },
    },
  };
}

if (require.main === module) writeFileSync(configSchemaPath, `${JSON.stringify(configSchema(), null, 2)}\n`);
