/**
 * The connection types of Confluent Cloud for Apache Flink: the values of `'type'` and what each needs.
 *
 * Source: `shared/spec/connections.md` §2.2–2.3 and §3. The 19 types are the Confluent CLI's current
 * list ([cli]); Confluent's CREATE CONNECTION page lists 14 and Terraform 11, so this list is data that
 * changes over time. Where the spec marks a fact as unverified ([?]), `unverified` says which.
 *
 * Every feature reads this table: diagnostics, completion, hover, quick fixes, snippets and the
 * TextMate grammar's list of types. Nothing about a type is written anywhere else.
 */
import type { AuthMethodId } from './authMethods';
import type { OptionKeyName } from './optionKeys';

export interface EndpointForm {
  /** URL schemes the type accepts, without `:`/`://` (`jdbc` URLs are `jdbc:<subprotocol>:…`). */
  readonly schemes: readonly string[];
  /** A documented example, shown on hover. */
  readonly example: string;
  /** The example as a snippet body, with `${n:…}` tab stops for the parts a user fills in. */
  readonly template: string;
}

export interface ConnectionType {
  /** The value of `'type'`, in lower case (the value itself is case-insensitive). */
  readonly name: string;
  /** The service's own name. */
  readonly displayName: string;
  /** One line on what the service is and what the connection is used for. */
  readonly description: string;
  /** The endpoint's expected form. */
  readonly endpoint: EndpointForm;
  /** The authentication methods the type accepts; exactly one of them must be given. */
  readonly authMethods: readonly AuthMethodId[];
  /** Keys besides `type`, `endpoint` and the auth keys that the type accepts (flinksql.json may add some). */
  readonly optionalKeys: readonly string[];
  /** Keys of `optionalKeys` that every connection of the type needs after all (only flinksql.json adds such keys). */
  readonly requiredKeys?: readonly string[];
  /** Facts about this type that the spec marks as unverified. */
  readonly unverified?: string;
  /** Where the type comes from when it is not built in: the flinksql.json that added it. */
  readonly addedIn?: string;
}

const https = ['https'];

function https1(example: string, template: string): EndpointForm {
  return { schemes: https, example, template };
}

export const connectionTypes: readonly ConnectionType[] = [
  {
    name: 'openai',
    displayName: 'OpenAI',
    description: 'OpenAI chat-completion and embedding models (or any OpenAI-compatible API), for CREATE MODEL.',
    endpoint: https1('https://api.openai.com/v1/chat/completions', 'https://api.openai.com/v1/${1|chat/completions,embeddings|}'),
    authMethods: ['api-key'],
    optionalKeys: [],
  },
  {
    name: 'azureopenai',
    displayName: 'Azure OpenAI',
    description: 'OpenAI models deployed in Azure OpenAI Service, for CREATE MODEL.',
    endpoint: https1(
      'https://<resource>.openai.azure.com/openai/deployments/<deployment>/chat/completions?api-version=2024-02-01',
      'https://${1:resource}.openai.azure.com/openai/deployments/${2:deployment}/chat/completions?api-version=${3:2024-02-01}',
    ),
    authMethods: ['api-key'],
    optionalKeys: [],
  },
  {
    name: 'azureml',
    displayName: 'Azure Machine Learning',
    description: 'A model served from an Azure Machine Learning online endpoint, for CREATE MODEL.',
    endpoint: https1('https://<workspace>.<region>.inference.ml.azure.com/score', 'https://${1:workspace}.${2:region}.inference.ml.azure.com/score'),
    authMethods: ['api-key'],
    optionalKeys: [],
  },
  {
    name: 'anthropic',
    displayName: 'Anthropic',
    description: 'Anthropic Claude models through the Messages API, for CREATE MODEL.',
    endpoint: https1('https://api.anthropic.com/v1/messages', 'https://api.anthropic.com/v1/messages'),
    authMethods: ['api-key'],
    optionalKeys: [],
    unverified: "Only in the CLI's list; the model option 'anthropic.connection' is inferred from the pattern of the other providers.",
  },
  {
    name: 'fireworksai',
    displayName: 'Fireworks AI',
    description: 'Models hosted by Fireworks AI (OpenAI-compatible API), for CREATE MODEL.',
    endpoint: https1('https://api.fireworks.ai/inference/v1/chat/completions', 'https://api.fireworks.ai/inference/v1/chat/completions'),
    authMethods: ['api-key'],
    optionalKeys: [],
    unverified: "Only in the CLI's list; the model option 'fireworksai.connection' is inferred from the pattern of the other providers.",
  },
  {
    name: 'googleai',
    displayName: 'Google AI (Gemini API)',
    description: 'Gemini models through the Google AI Gemini API, for CREATE MODEL.',
    endpoint: https1(
      'https://generativelanguage.googleapis.com/v1beta/models/<model>:generateContent',
      'https://generativelanguage.googleapis.com/v1beta/models/${1:gemini-2.0-flash}:generateContent',
    ),
    authMethods: ['api-key'],
    optionalKeys: [],
  },
  {
    name: 'vertexai',
    displayName: 'Google Cloud Vertex AI',
    description: 'Models on Google Cloud Vertex AI (publisher models or your own endpoints), for CREATE MODEL.',
    endpoint: https1(
      'https://<region>-aiplatform.googleapis.com/v1/projects/<project>/locations/<region>/publishers/google/models/<model>:generateContent',
      'https://${1:us-central1}-aiplatform.googleapis.com/v1/projects/${2:project}/locations/${1:us-central1}/publishers/google/models/${3:model}:generateContent',
    ),
    authMethods: ['service-key'],
    optionalKeys: [],
  },
  {
    name: 'bedrock',
    displayName: 'Amazon Bedrock',
    description: 'Foundation models on Amazon Bedrock, for CREATE MODEL.',
    endpoint: https1(
      'https://bedrock-runtime.<region>.amazonaws.com/model/<model-id>/invoke',
      'https://bedrock-runtime.${1:us-east-1}.amazonaws.com/model/${2:model-id}/invoke',
    ),
    authMethods: ['aws'],
    optionalKeys: [],
  },
  {
    name: 'sagemaker',
    displayName: 'Amazon SageMaker',
    description: 'A model deployed to an Amazon SageMaker endpoint, for CREATE MODEL.',
    endpoint: https1(
      'https://runtime.sagemaker.<region>.amazonaws.com/endpoints/<endpoint>/invocations',
      'https://runtime.sagemaker.${1:us-east-1}.amazonaws.com/endpoints/${2:endpoint}/invocations',
    ),
    authMethods: ['aws'],
    optionalKeys: [],
    unverified: 'The endpoint path is the provider’s standard URL; Confluent documents only the host.',
  },
  {
    name: 's3vectors',
    displayName: 'Amazon S3 Vectors',
    description: 'Vector indexes in Amazon S3 Vectors, for vector search over an external table.',
    endpoint: https1('https://s3vectors.<region>.api.aws', 'https://s3vectors.${1:us-east-1}.api.aws'),
    authMethods: ['aws'],
    optionalKeys: [],
    unverified: "Added to the CLI in 2026-03; the endpoint form and the table option 's3vectors.connection' are not documented.",
  },
  {
    name: 'mongodb',
    displayName: 'MongoDB Atlas',
    description: 'A MongoDB Atlas cluster, for external tables and vector or text search.',
    endpoint: { schemes: ['mongodb', 'mongodb+srv'], example: 'mongodb+srv://<cluster>.mongodb.net/<database>', template: 'mongodb+srv://${1:cluster}.mongodb.net/${2:database}' },
    authMethods: ['basic'],
    optionalKeys: [],
  },
  {
    name: 'couchbase',
    displayName: 'Couchbase Capella',
    description: 'A Couchbase cluster, for external tables and vector search.',
    endpoint: { schemes: ['couchbase', 'couchbases'], example: 'couchbases://<cluster>.cloud.couchbase.com', template: 'couchbases://${1:cluster}.cloud.couchbase.com' },
    authMethods: ['basic'],
    optionalKeys: [],
    unverified: "The table option 'couchbase.connection' is inferred from the pattern of the other connectors.",
  },
  {
    name: 'confluent_jdbc',
    displayName: 'Confluent JDBC',
    description: 'A relational database (PostgreSQL, MySQL, SQL Server, Oracle) reached over JDBC, for external tables and key search.',
    endpoint: { schemes: ['jdbc'], example: 'jdbc:postgresql://<host>:5432/<database>', template: 'jdbc:${1|postgresql,mysql,sqlserver,oracle|}://${2:host}:${3:5432}/${4:database}' },
    authMethods: ['basic'],
    optionalKeys: [],
  },
  {
    name: 'elastic',
    displayName: 'Elasticsearch',
    description: 'An Elasticsearch deployment, for external tables and vector or text search.',
    endpoint: https1('https://<deployment>.es.<region>.cloud.es.io:443', 'https://${1:deployment}.es.${2:region}.cloud.es.io:443'),
    authMethods: ['api-key', 'basic'],
    optionalKeys: [],
    unverified: 'Terraform and older documentation accept only an API key; the current CLI and documentation also accept username and password.',
  },
  {
    name: 'pinecone',
    displayName: 'Pinecone',
    description: 'A Pinecone vector index, for vector search over an external table.',
    endpoint: https1('https://<index>-<project>.svc.<environment>.pinecone.io', 'https://${1:index}-${2:project}.svc.${3:environment}.pinecone.io'),
    authMethods: ['api-key'],
    optionalKeys: [],
  },
  {
    name: 'cosmosdb',
    displayName: 'Azure Cosmos DB',
    description: 'An Azure Cosmos DB account, for external tables and vector search.',
    endpoint: https1('https://<account>.documents.azure.com:443/', 'https://${1:account}.documents.azure.com:443/'),
    authMethods: ['api-key'],
    optionalKeys: [],
  },
  {
    name: 'rest',
    displayName: 'REST API',
    description: 'Any HTTP service; the table supplies the path and method (`rest.path`, `rest.method`).',
    endpoint: https1('https://api.example.com/v1', 'https://${1:api.example.com}/${2:v1}'),
    authMethods: ['api-key', 'basic', 'bearer', 'oauth'],
    optionalKeys: [],
    unverified:
      "The CLI accepts username + password, a token or OAuth; Confluent's CREATE CONNECTION page also documents an API key (with an example), so an API key is accepted too.",
  },
  {
    name: 'mcp_server',
    displayName: 'MCP server',
    description: 'A Model Context Protocol server whose tools models and agents can call (CREATE TOOL, AI_TOOL_INVOKE).',
    endpoint: https1('https://<host>/mcp', 'https://${1:host}/${2:mcp}'),
    authMethods: ['api-key', 'basic', 'bearer', 'oauth'],
    optionalKeys: ['sse-endpoint', 'transport-type'],
  },
  {
    name: 'a2a',
    displayName: 'Agent2Agent (A2A)',
    description: 'A remote agent reached over the Agent2Agent protocol, for CREATE TOOL.',
    endpoint: https1('https://<host>', 'https://${1:host}'),
    authMethods: ['api-key', 'basic', 'bearer', 'oauth'],
    optionalKeys: [],
    unverified: "Only in the CLI's list; its use through CREATE TOOL ... WITH ('type' = 'a2a') comes from the CREATE TOOL page.",
  },
];

const byName = new Map(connectionTypes.map((t) => [t.name, t]));

/** Looks a type up by its `'type'` value, case-insensitively. */
export function findConnectionType(value: string): ConnectionType | undefined {
  return byName.get(value.toLowerCase());
}

/** The keys every connection needs. */
export const baseRequiredKeys: readonly OptionKeyName[] = ['type', 'endpoint'];

/** Confluent's reference page for CREATE CONNECTION; hover links point here. */
export const createConnectionDocsUrl =
  'https://docs.confluent.io/cloud/current/flink/reference/statements/create-connection.html';
