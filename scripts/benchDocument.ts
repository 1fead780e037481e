/**
 * The benchmark's documents: deterministic Flink SQL of a realistic mix, generated from the catalogue.
 * Statements vary the way hand-written files do (column lists, optional clauses, optional keys,
 * comments), so the parser meets many statement shapes, not a few repeated ones.
 */
import { connectionTypes, type ConnectionType } from '../server/src/catalogue/connectionTypes';
import { referenceKeys } from '../server/src/catalogue/keyIndex';
import { findOptionKey } from '../server/src/catalogue/optionKeys';
import { allConnectionSnippets, snippetDefaults } from '../server/src/features/snippets';

/** A small deterministic pseudo-random generator (mulberry32), so every run measures the same text. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every type with every auth method, as complete statements with the snippets' default values. */
const connectionTemplates = allConnectionSnippets().map((snippet) => ({
  type: connectionTypes.find((type) => type.name === snippet.type)!,
  body: snippetDefaults(snippet.body),
}));

const COLUMN_TYPES = ['STRING', 'INT', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DECIMAL(10, 2)', 'TIMESTAMP(3)', 'DATE', 'ARRAY<STRING>', 'MAP<STRING, STRING>', 'ROW<street STRING, city STRING>', 'BYTES'];
const COLUMN_NAMES = ['id', 'customer_id', 'product', 'quantity', 'price', 'status', 'region', 'created_at', 'updated_at', 'payload', 'tags', 'score', 'address', 'note'];
const TEAMS = ['payments', 'search', 'growth', 'fraud', 'catalogue', 'support'];
/** Types whose connections CREATE MODEL uses; the other referenced types serve tables (external and vector search). */
const MODEL_PROVIDERS = new Set(['openai', 'azureopenai', 'azureml', 'anthropic', 'fireworksai', 'googleai', 'vertexai', 'bedrock', 'sagemaker']);
/** The prefix of a type's reference key (`mongodb` in `mongodb.connection`): the table's connector or the model's provider. */
const prefixOf = (type: ConnectionType) => referenceKeyOf(type)!.split('.')[0]!;
/** The option key a model or table names a connection of this type with (`mongodb.connection`). */
const referenceKeyOf = (type: ConnectionType) => [...referenceKeys.values()].find((r) => r.connectionType === type.name)?.key;

/** The keys an external table of each connector has besides its connection (Confluent's examples). */
const EXTERNAL_TABLE_KEYS: Record<string, readonly string[]> = {
  mongodb: ['database', 'collection', 'index'],
  elastic: ['index'],
  cosmosdb: ['database', 'container'],
  'confluent-jdbc': ['table-name'],
  rest: ['path'],
};

/** A realistic mix: connections of every type, tables, models, tools and agents that use them, pipelines, SETs, comments. */
export function generateDocument(statements: number, seed = 42): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const parts: string[] = [];
  const connections: { name: string; type: ConnectionType }[] = [];
  for (let i = 0; i < statements; i++) {
    const roll = next();
    if (roll < 0.22 || connections.length === 0) {
      const template = connectionTemplates[i % connectionTemplates.length]!;
      const name = `conn_${i}`;
      connections.push({ name, type: template.type });
      let body = template.body
        .replace(/CREATE CONNECTION \S+/, `CREATE ${next() < 0.2 ? 'OR REPLACE ' : ''}CONNECTION \`${name}\`${next() < 0.3 ? `\nCOMMENT 'Owned by the ${pick(TEAMS)} team'` : ''}`)
        .replace(/'<([a-z-]+)>'/g, `'secret-${i}-$1'`);
      // Some connections set optional keys too.
      const optional = template.type.optionalKeys.filter(() => next() < 0.5);
      if (optional.length > 0) body = body.replace(/\n\);$/, `,\n${optional.map((key) => `  '${key}' = '${(findOptionKey(key)?.placeholder ?? '').replace(/[<>]/g, '')}'`).join(',\n')}\n);`);
      parts.push(`-- connection ${i}: ${template.type.displayName}\n${body}`);
    } else if (roll < 0.42) {
      const referenced = connections.filter((c) => referenceKeyOf(c.type) !== undefined && !MODEL_PROVIDERS.has(c.type.name) && c.type.name !== 'mcp_server');
      const connection = referenced.length > 0 ? pick(referenced) : undefined;
      const columns = Array.from({ length: 2 + Math.floor(next() * 10) }, (_, c) => `  ${pick(COLUMN_NAMES)}_${c} ${pick(COLUMN_TYPES)}`);
      if (next() < 0.5) columns.push('  ts TIMESTAMP(3)', `  WATERMARK FOR ts AS ts - INTERVAL '${1 + Math.floor(next() * 30)}' SECOND`);
      if (next() < 0.3) columns.push(`  PRIMARY KEY (${columns[0]!.trim().split(' ')[0]}) NOT ENFORCED`);
      const prefix = connection && prefixOf(connection.type);
      const options = connection
        ? [`'connector' = '${prefix}'`, `'${referenceKeyOf(connection.type)}' = '${connection.name}'`, ...(EXTERNAL_TABLE_KEYS[prefix!] ?? []).map((key) => `'${prefix}.${key}' = '${key}_${i}'`)]
        : [`'connector' = 'confluent'`, `'value.format' = 'avro-registry'`];
      if (!connection && next() < 0.4) options.push(`'scan.startup.mode' = '${pick(['earliest-offset', 'latest-offset'])}'`);
      const distributed = next() < 0.3 ? `\nDISTRIBUTED BY HASH(${columns[0]!.trim().split(' ')[0]}) INTO ${pick([2, 4, 6])} BUCKETS` : '';
      parts.push(`CREATE TABLE ${next() < 0.2 ? 'IF NOT EXISTS ' : ''}orders_${i} (\n${columns.join(',\n')}\n)${distributed} WITH (\n  ${options.join(',\n  ')}\n);`);
    } else if (roll < 0.56) {
      const providers = connections.filter((c) => MODEL_PROVIDERS.has(c.type.name));
      const connection = providers.length > 0 ? pick(providers) : connections[0]!;
      const provider = referenceKeyOf(connection.type) !== undefined ? prefixOf(connection.type) : connection.type.name;
      const task = pick(['classification', 'text_generation', 'embedding']);
      const extra = next() < 0.5 ? `,\n    '${provider}.system_prompt' = 'You classify ${pick(TEAMS)} tickets.'` : '';
      parts.push(
        `CREATE MODEL ${next() < 0.2 ? 'IF NOT EXISTS ' : ''}model_${i}\n  INPUT (${Array.from({ length: 1 + Math.floor(next() * 3) }, (_, c) => `input_${c} STRING`).join(', ')})\n  OUTPUT (${task === 'embedding' ? 'vector ARRAY<FLOAT>' : 'label STRING'})\n  WITH (\n    'provider' = '${provider}',\n    'task' = '${task}',\n    '${provider}.connection' = '${connection.name}'${extra}\n  );`,
      );
    } else if (roll < 0.6) {
      // Tools over the MCP connections, and agents that use a model and a tool.
      const mcp = connections.filter((c) => c.type.name === 'mcp_server');
      if (mcp.length > 0 && next() < 0.6) {
        parts.push(`CREATE TOOL tool_${i}\n  USING CONNECTION \`${pick(mcp).name}\`\n  WITH (\n    'type' = 'mcp',\n    'allowed_tools' = 'search, lookup_${i}',\n    'request_timeout' = '30'\n  );`);
      } else {
        parts.push(
          `CREATE AGENT agent_${i}\n  USING MODEL model_${Math.floor(next() * i)}\n  USING PROMPT 'You help the ${pick(TEAMS)} team with ticket ${i}.'\n  USING TOOLS tool_${Math.floor(next() * i)}\n  WITH (\n    'max_iterations' = '${1 + Math.floor(next() * 10)}'\n  );`,
        );
      }
    } else if (roll < 0.82) {
      const joins = next() < 0.4 ? `\nJOIN customers_${Math.floor(next() * i)} AS c ON o.customer_id = c.id` : '';
      parts.push(
        `-- pipeline ${i}\nINSERT INTO enriched_${i}\nSELECT o.id, o.price * o.quantity AS total, p.label\nFROM orders_${Math.floor(next() * i)} AS o${joins},\n  LATERAL TABLE(ML_PREDICT('model_${i}', o.note)) AS p(label)\nWHERE o.price > ${Math.floor(next() * 1000)}\n  AND o.status <> 'cancelled;refunded'\n  AND o.region IN ('emea', 'apac');`,
      );
    } else if (roll < 0.95) {
      parts.push(`SET '${pick(['sql.local-time-zone', 'sql.state-ttl', 'client.statement-name', 'sql.current-catalog'])}' = '${pick(['UTC', '1 h', `job-${i}`, 'default'])}'; -- statement ${i}`);
    } else {
      parts.push(`/*\n * Section ${i}: ${pick(TEAMS)} pipelines.\n * Reviewed by the ${pick(TEAMS)} team.\n */\nSHOW CONNECTIONS LIKE 'conn_${i % 100}%';`);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
