/**
 * CREATE MODEL's providers: the values of `'provider'` and the keys each accepts.
 *
 * Sources (tags as in `shared/spec/using-connections.md` §0): the CREATE MODEL reference [S-CM], its
 * full 2025 text [S-CM-2025] (chunk numbers given), Confluent's quickstarts and tutorials, and the
 * 2024 validator of Confluent's Flink fork [S-FORK-2024] (unknown keys rejected except under
 * `<provider>.params.`, at most 32 of those, keys compared in upper case, the same key in two cases
 * rejected).
 */
import type { OptionKeyName } from './optionKeys';
import { setKey, type OptionSet, type Selector, type SetFacts, type SetKey } from './optionSets';

export const createModelDocsUrl = 'https://docs.confluent.io/cloud/current/flink/reference/statements/create-model.html';

/** [S-CM-2025] chunk 1/4; the 2024 `ModelTask` enum. */
export const modelTasks: readonly string[] = ['classification', 'clustering', 'embedding', 'regression', 'text_generation'];

/** `input_format`/`output_format` values, [S-CM-2025] chunks 6–7. `JSON:<wrapper>` names a wrapper key. */
export const modelFormats: readonly string[] = [
  'AI-21-COMPLETE', 'AMAZON-TITAN-EMBED', 'AMAZON-TITAN-TEXT', 'ANTHROPIC-COMPLETIONS', 'ANTHROPIC-MESSAGES',
  'AZURE-EMBED', 'BEDROCK-LLAMA', 'COHERE-CHAT', 'COHERE-EMBED', 'COHERE-GENERATE', 'GEMINI-GENERATE',
  'GEMINI-CHAT', 'MISTRAL-CHAT', 'MISTRAL-COMPLETIONS', 'OPENAI-CHAT', 'OPENAI-EMBED', 'VERTEX-EMBED',
  'AZUREML-PANDAS-DATAFRAME', 'AZUREML-TENSOR', 'BINARY', 'CSV', 'JSON', 'JSON-ARRAY', 'KSERVE-V1', 'KSERVE-V2',
  'MLFLOW-TENSOR', 'PANDAS-DATAFRAME', 'TEXT', 'TF-SERVING', 'TF-SERVING-COLUMN', 'TRITON', 'VERTEXAI-PYTORCH',
];

/** At most this many `<provider>.params.*` keys ([S-FORK-2024] DEFAULT_PARAM_SIZE_LIMIT; [S-CM-2025]). */
export const MAX_MODEL_PARAMS = 32;

const CM = '[S-CM-2025]';
const format = { kind: 'enum', values: modelFormats, prefixes: ['JSON:'] } as const;
const moveToConnection = (what: string, type: string): string =>
  `A legacy inline ${what}: since connections exist, it belongs in a CREATE CONNECTION of type '${type}', which the model names with its '.connection' key.`;

/** The keys every model has, whatever its provider ([S-CM-2025] chunk 4). */
export const modelKeys: readonly SetKey[] = [
  setKey('provider', 'The service that hosts the model. Case-insensitive.', '[S-CM]', { required: true, placeholder: 'openai' }),
  setKey('task', 'What the model does. Needed by ML_EVALUATE; it cannot change between versions of a model.', `${CM} chunks 1, 4`, {
    required: true,
    value: { kind: 'enum', values: modelTasks },
    placeholder: 'text_generation',
  }),
  setKey('mcp.connection', 'The MCP server connection whose tools the model may call through AI_TOOL_INVOKE.', `${CM} chunk 6; [S-QSA] lab1`, {
    value: { kind: 'connection-name', connectionType: 'mcp_server', pairing: 'documented' },
    placeholder: 'mcp-connection',
  }),
  setKey('type', "Legacy: `'remote'`, from before connections; the service ignores it.", `[S-MIF-2025] chunk 4`, {
    value: { kind: 'enum', values: ['remote'] },
    placeholder: 'remote',
    legacy: true,
  }),
  setKey('default_version', 'The version ML_PREDICT and the other functions use when none is named (`m$2` names one).', `${CM} chunk 3`, {
    alterOnly: true,
    value: { kind: 'integer', min: 1 },
    placeholder: '2',
  }),
];

export interface ProviderFacts extends SetFacts {
  /** The default `input_format`, where documented. */
  readonly defaultFormat?: string;
  /** Keys of this provider only, without the `<provider>.` prefix. */
  readonly extra?: readonly [string, string][];
  /** The legacy credential keys of the 2024 form, without the prefix ([S-FORK-2024]). */
  readonly legacy: 'api-key' | 'aws' | 'service-key' | 'none';
}

/** The keys every provider has under its own prefix. */
function providerKeys(p: ProviderFacts): SetKey[] {
  const inferred = p.confidence === 'documented' ? {} : { confidence: p.confidence };
  const at = (suffix: string) => `${p.name}.${suffix}`;
  const keys: SetKey[] = [
    setKey(at('connection'), `The name of the connection (type '${p.connectionType}') that holds the endpoint and the credentials.`, `${CM} chunk 4`, {
      required: true,
      value: { kind: 'connection-name', connectionType: p.connectionType, pairing: p.pairing },
      placeholder: `${p.name}-connection`,
      ...inferred,
    }),
    setKey(at('client_timeout'), 'Seconds to wait for the service to answer.', `${CM} chunk 4`, { value: { kind: 'integer', min: 1 }, placeholder: '30' }),
    setKey(at('input_format'), `How the input is sent to the service${p.defaultFormat ? ` (default \`${p.defaultFormat}\`)` : ''}.`, `${CM} chunks 4–6`, {
      value: format,
      placeholder: p.defaultFormat ?? 'OPENAI-CHAT',
    }),
    setKey(at('input_content_type'), 'The HTTP Content-Type of the request; by default chosen from the input format.', `${CM} chunk 4`, { placeholder: 'application/json' }),
    setKey(at('output_format'), 'How the answer is read; by default chosen from the input format.', `${CM} chunk 4`, { value: format, placeholder: 'OPENAI-EMBED' }),
    setKey(at('output_content_type'), 'The HTTP Accept type of the request.', `${CM} chunk 4`, { placeholder: 'application/json' }),
    setKey(at('system_prompt'), 'A system prompt sent with every request (not every model supports one).', `${CM} chunk 4`, { placeholder: 'You are a helpful assistant.' }),
    setKey(at('model_version'), 'The model to call, e.g. `gpt-4o` (default `gpt-3.5-turbo` for OpenAI).', `${CM} chunks 4–5`, { placeholder: 'gpt-4o' }),
  ];
  for (const [suffix, description] of p.extra ?? []) keys.push(setKey(at(suffix), description, `${CM} chunks 4–7`));
  const legacy = (suffix: string, what: string, secret: boolean, movesTo: OptionKeyName) =>
    setKey(at(suffix), `Legacy (2024): the ${what}, inline in the model.`, '[S-FORK-2024]; TF PR #758', {
      secret: secret ? 'always' : 'never',
      deprecated: moveToConnection(what, p.connectionType),
      movesTo,
    });
  if (p.legacy !== 'none') keys.push(legacy('endpoint', 'endpoint', false, 'endpoint'));
  if (p.legacy === 'api-key') keys.push(legacy('api_key', 'API key', true, 'api-key'));
  if (p.legacy === 'aws') {
    keys.push(legacy('aws_access_key_id', 'AWS access key id', true, 'aws-access-key'), legacy('aws_secret_access_key', 'AWS secret key', true, 'aws-secret-key'));
    keys.push(legacy('aws_session_token', 'AWS session token', true, 'aws-session-token'));
  }
  if (p.legacy === 'service-key') keys.push(legacy('service_key', 'service-account key', true, 'service-key'));
  return keys;
}

const providerFacts: readonly ProviderFacts[] = [
  { name: 'openai', displayName: 'OpenAI', description: 'OpenAI models, or any OpenAI-compatible API.', connectionType: 'openai', pairing: 'documented', source: CM, confidence: 'documented', defaultFormat: 'OPENAI-CHAT', legacy: 'api-key' },
  { name: 'azureopenai', displayName: 'Azure OpenAI', description: 'OpenAI models deployed in Azure OpenAI Service.', connectionType: 'azureopenai', pairing: 'documented', source: `${CM} chunk 5`, confidence: 'documented', defaultFormat: 'OPENAI-CHAT', legacy: 'api-key' },
  {
    name: 'azureml', displayName: 'Azure Machine Learning', description: 'A model served from an Azure ML online endpoint.', connectionType: 'azureml', pairing: 'documented', source: `${CM} chunk 5`,
    confidence: 'documented', defaultFormat: 'AZUREML-PANDAS-DATAFRAME', legacy: 'api-key', extra: [['deployment_name', 'The Azure ML deployment to call.']],
  },
  { name: 'bedrock', displayName: 'Amazon Bedrock', description: 'Foundation models on Amazon Bedrock.', connectionType: 'bedrock', pairing: 'documented', source: `${CM} chunk 5`, confidence: 'documented', defaultFormat: 'AMAZON-TITAN-TEXT', legacy: 'aws' },
  {
    name: 'sagemaker', displayName: 'Amazon SageMaker', description: 'A model deployed to an Amazon SageMaker endpoint.', connectionType: 'sagemaker', pairing: 'inferred', source: `${CM} chunks 4, 5, 7`,
    confidence: 'documented', defaultFormat: 'CSV', legacy: 'aws',
    extra: [
      ['custom_attributes', 'Sent as the X-Amzn-SageMaker-Custom-Attributes header.'],
      ['enable_explanations', 'Sent as the X-Amzn-SageMaker-Enable-Explanations header.'],
      ['inference_component_name', 'Sent as the X-Amzn-SageMaker-Inference-Component header.'],
      ['inference_id', 'Sent as the X-Amzn-SageMaker-Inference-Id header.'],
      ['target_container_hostname', 'Sent as the X-Amzn-SageMaker-Target-Container-Hostname header.'],
      ['target_model', 'Sent as the X-Amzn-SageMaker-Target-Model header.'],
      ['target_variant', 'Sent as the X-Amzn-SageMaker-Target-Variant header.'],
    ],
  },
  { name: 'googleai', displayName: 'Google AI', description: 'Gemini models through the Google AI Gemini API.', connectionType: 'googleai', pairing: 'documented', source: `${CM} chunk 5`, confidence: 'documented', defaultFormat: 'GEMINI-GENERATE', legacy: 'api-key' },
  { name: 'vertexai', displayName: 'Google Cloud Vertex AI', description: 'Models on Google Cloud Vertex AI.', connectionType: 'vertexai', pairing: 'documented', source: `${CM} chunk 5`, confidence: 'documented', defaultFormat: 'TF-SERVING', legacy: 'service-key' },
  { name: 'anthropic', displayName: 'Anthropic', description: 'Anthropic Claude models through the Messages API.', connectionType: 'anthropic', pairing: 'inferred', source: '[S-CLI]; [S-AIMI]', confidence: 'inferred', defaultFormat: 'ANTHROPIC-MESSAGES', legacy: 'none' },
  { name: 'fireworksai', displayName: 'Fireworks AI', description: 'Models hosted by Fireworks AI.', connectionType: 'fireworksai', pairing: 'inferred', source: '[S-CLI]', confidence: 'inferred', legacy: 'none' },
];

/** A provider's option set, from its facts: the keys every model has, the provider's own, and its `params.` keys. */
export function providerSet(p: ProviderFacts, docsUrl = createModelDocsUrl): OptionSet {
  return {
    name: p.name,
    displayName: p.displayName,
    description: p.description,
    keys: [...modelKeys, ...providerKeys(p)],
    freeKeys: {
      prefix: `${p.name}.params.`,
      limit: MAX_MODEL_PARAMS,
      description: 'Passed through in the request (`temperature`, `top_p`, `top_k`, `stop`, `max_tokens`, …).',
    },
    connectionType: p.connectionType,
    docsUrl,
    source: p.source,
    confidence: p.confidence,
  };
}

export const modelProviders: readonly OptionSet[] = [
  ...providerFacts.map((p) => providerSet(p)),
  {
    name: 'confluent',
    displayName: 'Confluent (managed models)',
    description: 'Models that Confluent Cloud hosts itself (Early Access); no connection needed.',
    keys: modelKeys,
    docsUrl: 'https://docs.confluent.io/cloud/current/ai/managed-model.html',
    source: '[S-CM]',
    confidence: 'not-found',
  },
];

/** A model's `'provider'` chooses its keys. */
export const modelSelector: Selector = { key: 'provider', sets: modelProviders, noun: 'provider' };

export const modelProviderNames: readonly string[] = modelProviders.map((p) => p.name);

/** Keys under `confluent.`: set by the service, never by users ([S-FORK-2024] CONFLUENT_PRIVATE_PREFIX). */
export const PRIVATE_MODEL_PREFIX = 'confluent.';
