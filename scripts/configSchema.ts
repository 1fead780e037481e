/**
 * The JSON Schema of flinksql.json (schemas/flinksql.schema.json, which VS Code uses through the
 * package's `jsonValidation` to complete and check the file), made from the diagnostic codes and
 * the catalogue's auth methods.
 * `node --import tsx scripts/configSchema.ts` writes it; a unit test fails when it is out of date.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { diagnosticCodes } from '../server/src/diagnosticCodes';
import { authMethods } from '../server/src/catalogue/authMethods';

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
      catalogue: catalogueSchema(),
      ignore: {
        type: 'array',
        description:
          "Glob patterns of files not to check, relative to this file's folder: ** any folders, * any characters but /, ? one, {a,b} either. A pattern without / matches a file name in any folder.",
        items: { type: 'string', minLength: 1, pattern: '\\S' },
      },
    },
  };
}

/** The `catalogue` section (server/src/catalogue/additions.ts reads it; the unit tests hold the two together). */
function catalogueSchema(): object {
  const name = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$' };
  const names = { type: 'array', items: { type: 'string', minLength: 1, pattern: '\\S' } };
  const key = {
    type: 'object',
    additionalProperties: false,
    properties: {
      description: { type: 'string', minLength: 1, pattern: '\\S', description: 'Shown on hover and in completion.' },
      secret: {
        enum: ['always', 'opt-in', 'never'],
        description: 'always: a credential, masked in the editor and never repeated in a message; opt-in: an account identifier, masked when flinksql.secrets.maskUsernames is on; never (the default): configuration.',
      },
      values: { ...names, description: 'The values the key takes (case-insensitive); not for a secret key.' },
    },
  };
  const keys = (what: string, names = name) => ({ type: 'object', description: `Keys of the ${what}, each with its facts ({} for none).`, propertyNames: names, additionalProperties: key });
  const requiredKeys = (what: string) => ({ ...names, description: `Keys of the ${what} that every statement must give.` });
  const text = (description: string) => ({ type: 'string', minLength: 1, pattern: '\\S', description });
  const connectionType = {
    type: 'object',
    additionalProperties: false,
    description: 'A connection type the built-in catalogue does not know yet, or keys added to a built-in one (a built-in type takes "keys" and "requiredKeys" only).',
    properties: {
      displayName: text("The service's name."),
      description: text('What the service is, for hover.'),
      endpoint: {
        type: 'object',
        additionalProperties: false,
        description: 'The form of the endpoint: its URL schemes (default ["https"]) and an example.',
        properties: {
          schemes: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9+.-]*$' } },
          example: text('An example endpoint, starting with one of the schemes; <part>s become tab stops in completion.'),
        },
      },
      authMethods: {
        type: 'array',
        uniqueItems: true,
        description: 'The built-in auth methods the type accepts; exactly one must be given. A credential of another kind is a key with "secret": "always" in "requiredKeys".',
        items: { enum: Object.keys(authMethods) },
      },
      keys: keys('connection type (lower case)', { type: 'string', pattern: '^[a-z0-9][a-z0-9_.:-]*$' }),
      requiredKeys: requiredKeys('connection type'),
    },
  };
  const optionSet = (what: string) => ({
    type: 'object',
    additionalProperties: false,
    description: `A ${what} the built-in catalogue does not know yet, or keys added to a built-in one (a built-in ${what} takes "keys" and "requiredKeys" only).`,
    properties: {
      displayName: text("The service's name."),
      description: text(`What the ${what} is, for hover.`),
      connectionType: text(`The connection type the ${what}'s '<name>.connection' must name (built in, or added under "connectionTypes"). Required for a new ${what}.`),
      keys: keys(what),
      requiredKeys: requiredKeys(what),
    },
  });
  return {
    type: 'object',
    additionalProperties: false,
    description: 'Additions to the built-in catalogue, for what Confluent ships before flinksql knows it. What is added is checked as documented.',
    properties: {
      connectionTypes: { type: 'object', description: "Connection types, by their 'type' value.", propertyNames: name, additionalProperties: connectionType },
      modelProviders: { type: 'object', description: "Model providers, by their 'provider' value.", propertyNames: name, additionalProperties: optionSet('model provider') },
      tableConnectors: { type: 'object', description: "External-table connectors, by their 'connector' value.", propertyNames: name, additionalProperties: optionSet('table connector') },
    },
  };
}

if (require.main === module) writeFileSync(configSchemaPath, `${JSON.stringify(configSchema(), null, 2)}\n`);
