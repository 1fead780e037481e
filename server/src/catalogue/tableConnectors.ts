/**
 * External tables: the values of a CREATE TABLE's `'connector'` that read through a connection
 * (key, text and vector search), and their keys.
 *
 * Sources (tags as in `shared/spec/using-connections.md` §0, §3): Confluent's search pages [S-KS],
 * [S-TS], [S-VS], [S-SF], the 2025 CREATE CONNECTION page [S-CC-2025] and Confluent's quickstarts.
 * Most "required" marks are INFERRED (present in every example, never stated), so a missing key is a
 * warning. A table of any other connector (kafka, filesystem, Confluent's own Kafka-backed tables)
 * is never checked against these sets.
 */
import type { OptionKeyName } from './optionKeys';
import { setKey, type OptionSet, type Selector, type SetFacts, type SetKey } from './optionSets';

const searchDocs = 'https://docs.confluent.io/cloud/current/ai/external-tables/overview.html';

/** The `'connector'` key itself ([S-ET]). */
export const connectorKey = setKey('connector', 'The table connector: which external system the table reads.', '[S-ET]', {
  required: true,
  placeholder: 'mongodb',
});

export interface ConnectorFacts extends SetFacts {
  /** Keys besides `connector` and `<name>.connection`: [suffix, description, required]. */
  readonly keys: readonly (readonly [string, string, boolean])[];
  /** Legacy inline keys: [suffix, what it is, secret, the connection key its value belongs in (none: it stays in the table)]. */
  readonly legacy?: readonly (readonly [string, string, boolean, OptionKeyName?])[];
}

function connectorKeys(c: ConnectorFacts): SetKey[] {
  const at = (suffix: string) => `${c.name}.${suffix}`;
  const inferred = { confidence: 'inferred' as const };
  const keys: SetKey[] = [
    connectorKey,
    setKey(at('connection'), `The name of the connection (type '${c.connectionType}') that holds the endpoint and the credentials.`, c.source, {
      required: true,
      value: { kind: 'connection-name', connectionType: c.connectionType, pairing: c.pairing },
      placeholder: `${c.name}-connection`,
      ...inferred,
    }),
  ];
  for (const [suffix, description, required] of c.keys) {
    const integer = suffix === 'numCandidates' ? { value: { kind: 'integer', min: 1 } as const } : {};
    keys.push(setKey(at(suffix), description, c.source, { required, placeholder: suffix === 'method' ? 'GET' : '', ...integer, ...inferred }));
  }
  for (const [suffix, what, secret, movesTo] of c.legacy ?? []) {
    keys.push(
      setKey(at(suffix), `Legacy (2024): the ${what}, inline in the table.`, 'third-party 2024 examples', {
        secret: secret ? 'always' : 'never',
        ...(movesTo ? { movesTo } : {}),
        deprecated: `A legacy inline ${what}: it belongs in a CREATE CONNECTION of type '${c.connectionType}', which the table names with '${at('connection')}'.`,
        ...inferred,
      }),
    );
  }
  return keys;
}

const connectorFacts: readonly ConnectorFacts[] = [
  {
    name: 'mongodb', displayName: 'MongoDB Atlas', description: 'Key, text and vector search over a MongoDB Atlas collection.', connectionType: 'mongodb', pairing: 'documented',
    source: '[S-CC-2025] chunk 2; [S-QSA]; [S-TUT]', confidence: 'inferred',
    keys: [
      ['database', 'The Atlas database.', true],
      ['collection', 'The collection.', true],
      ['index', 'The Atlas Search or vector index.', false],
      ['embedding_column', 'The column that holds the embeddings, for vector search.', false],
      ['numCandidates', 'How many candidates vector search considers.', false],
    ],
    legacy: [['endpoint', 'endpoint', false, 'endpoint'], ['username', 'user name', false, 'username'], ['password', 'password', true, 'password'], ['path', 'embedding path', false]],
  },
  {
    name: 'confluent-jdbc', displayName: 'Confluent JDBC', description: 'Key search over a relational database table (PostgreSQL, MySQL, SQL Server, Oracle).', connectionType: 'confluent_jdbc', pairing: 'documented',
    source: '[S-CC-2025] chunk 2; [S-KS]', confidence: 'inferred',
    keys: [['table-name', 'The table in the database.', true]],
  },
  {
    name: 'elastic', displayName: 'Elasticsearch', description: 'Text and vector search over an Elasticsearch index.', connectionType: 'elastic', pairing: 'documented',
    source: '[S-MIF-2025] chunk 7; [S-TS]', confidence: 'inferred',
    keys: [['index', 'The Elasticsearch index.', true]],
  },
  {
    name: 'cosmosdb', displayName: 'Azure Cosmos DB', description: 'Vector search over an Azure Cosmos DB container.', connectionType: 'cosmosdb', pairing: 'documented',
    source: '[S-QSA] lab4', confidence: 'inferred',
    keys: [['database', 'The Cosmos DB database.', true], ['container', 'The container.', true]],
  },
  {
    name: 'rest', displayName: 'REST API', description: 'Key search through an HTTP API.', connectionType: 'rest', pairing: 'inferred',
    source: '[S-KS]; third-party example', confidence: 'inferred',
    keys: [['method', 'The HTTP method, GET or POST.', false], ['path', 'The path appended to the connection\'s endpoint.', false]],
  },
  {
    name: 'pinecone', displayName: 'Pinecone', description: 'Vector search over a Pinecone index.', connectionType: 'pinecone', pairing: 'inferred',
    source: '[S-SF]; third-party example', confidence: 'not-found',
    keys: [['embedding_column', 'The column that holds the embeddings.', false]],
  },
  {
    name: 'couchbase', displayName: 'Couchbase', description: 'Key, text and vector search over a Couchbase collection.', connectionType: 'couchbase', pairing: 'inferred',
    source: '[S-KS]; [S-TS]', confidence: 'not-found', keys: [],
  },
  {
    name: 's3vectors', displayName: 'Amazon S3 Vectors', description: 'Vector search over an Amazon S3 Vectors index.', connectionType: 's3vectors', pairing: 'inferred',
    source: '[S-VS]', confidence: 'not-found', keys: [],
  },
];

/** A connector's option set, from its facts. */
export function connectorSet(c: ConnectorFacts, docsUrl = searchDocs): OptionSet {
  return {
    name: c.name,
    displayName: c.displayName,
    description: c.description,
    keys: connectorKeys(c),
    connectionType: c.connectionType,
    docsUrl,
    source: c.source,
    confidence: c.confidence,
  };
}

export const tableConnectors: readonly OptionSet[] = connectorFacts.map((c) => connectorSet(c));

/** An external table's `'connector'` chooses its keys. */
export const connectorSelector: Selector = { key: connectorKey.name, sets: tableConnectors, noun: 'connector' };

export const tableConnectorNames: readonly string[] = tableConnectors.map((c) => c.name);
