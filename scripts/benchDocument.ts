/**
 * The benchmark's documents: deterministic Flink SQL of a realistic mix, generated from the catalogue.
 */
import { connectionTypes } from '../server/src/catalogue/connectionTypes';
import { connectionSnippet, snippetDefaults } from '../server/src/features/snippets';

/** A small deterministic pseudo-random generator (mulberry32), so every run measures the same text. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A connection statement of each type, filled from the catalogue's snippets. */
const connectionTemplates = connectionTypes.map((type) =>
  snippetDefaults(connectionSnippet(type).body),
);

/** A realistic mix: connections of every type, tables and models that use them, pipelines, SETs, comments. */
export function generateDocument(statements: number, seed = 42): string {
  const next = random(seed);
  const parts: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < statements; i++) {
    const roll = next();
    if (roll < 0.25 || names.length === 0) {
      const template = connectionTemplates[i % connectionTemplates.length]!;
      const name = `conn_${i}`;
      names.push(name);
      parts.push(`-- connection ${i}: ${connectionTypes[i % connectionTypes.length]!.displayName}\n${template.replace(/CREATE CONNECTION \S+/, `CREATE CONNECTION \`${name}\``).replace(/'<([a-z-]+)>'/g, `'secret-${i}-$1'`)}`);
    } else if (roll < 0.45) {
      const connection = names[Math.floor(next() * names.length)]!;
      parts.push(
        `CREATE TABLE orders_${i} (\n  order_id STRING,\n  amount DECIMAL(10, 2),\n  ts TIMESTAMP(3),\n  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND\n) WITH (\n  'connector' = 'mongodb',\n  'mongodb.connection' = '${connection}',\n  'mongodb.database' = 'shop',\n  'mongodb.collection' = 'orders_${i}'\n);`,
      );
    } else if (roll < 0.6) {
      const connection = names[Math.floor(next() * names.length)]!;
      parts.push(
        `CREATE MODEL classifier_${i}\n  INPUT (text STRING)\n  OUTPUT (label STRING)\n  WITH (\n    'provider' = 'openai',\n    'task' = 'classification',\n    'openai.connection' = '${connection}'\n  );`,
      );
    } else if (roll < 0.85) {
      parts.push(
        `INSERT INTO enriched_${i}\nSELECT o.order_id, o.amount, p.label\nFROM orders_${Math.floor(next() * i)} AS o,\n  LATERAL TABLE(ML_PREDICT('classifier_${i}', o.order_id)) AS p(label)\nWHERE o.amount > ${Math.floor(next() * 1000)} AND o.order_id <> 'x;y';`,
      );
    } else {
      parts.push(`SET 'sql.local-time-zone' = 'UTC'; -- statement ${i}`);
    }
  }
  return `${parts.join('\n\n')}\n`;
}

