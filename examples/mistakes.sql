-- =============================================================================
-- mistakes.sql
--
-- The mistakes people really make with CONNECTION statements, one per
-- statement. The comment above each one says what is wrong, and its last
-- line, "-- expect: ...", names the diagnostic code(s) the checker should
-- report. Statements marked "-- ok:" are valid; they sit between the broken
-- ones to show that one broken statement does not hide the others.
--
-- This file stands alone: every connection it refers to is defined in it.
-- All credentials are fake.
-- =============================================================================

-- ok: a valid OpenAI connection that later statements refer to.
CREATE CONNECTION `support-openai`
  WITH (
    'type' = 'openai',
    'endpoint' = 'https://api.openai.com/v1/chat/completions',
    'api-key' = 'sk-proj-EXAMPLEONLYs0pp0rtKeyA1B2C3D4E5F6G7H8I9J0kLmNoPqRsTuV'
  );

-- 'ap-key': the misspelling from Confluent's own docs. Not recognised, so
-- Confluent doesn't redact it either. The checker treats it as the 'api-key'
-- the user meant, so it reports no separate missing 'api-key'.
-- The emoji and Japanese in the comment sit on the same line as the bad key.
-- expect: unknown-option ('ap-key', did you mean 'api-key'?)
CREATE CONNECTION `chat-conn` COMMENT '💬 チャット用' WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'ap-key' = 'sk-proj-EXAMPLEONLYch4tKeyA1B2C3D4E5F6G7H8I9J0');

-- 'api_key' with an underscore, as in Confluent's Azure ML example.
-- expect: unknown-option ('api_key', did you mean 'api-key'?)
CREATE CONNECTION `fraud-scorer-conn`
  WITH (
    'type' = 'azureml',
    'endpoint' = 'https://fraud-scorer.eastus2.inference.ml.azure.com/score',
    'api_key' = 'EXAMPLEONLYazuremlKey0000000000000000000000'
  );

-- 'sse_endpoint' with an underscore, as in the docs' prose. The connection is
-- otherwise complete (api-key auth), so only the key is wrong.
-- expect: unknown-option ('sse_endpoint', did you mean 'sse-endpoint'?)
CREATE CONNECTION `tools-sse-conn`
  WITH (
    'type' = 'mcp_server',
    'endpoint' = 'https://tools.example.internal',
    'sse_endpoint' = 'https://tools.example.internal/mcp/v1/sse',
    'api-key' = 'mcp_EXAMPLEONLY_7hG5fD3sA1'
  );

-- 'service-account-key' instead of 'service-key' (Vertex AI).
-- expect: unknown-option ('service-account-key', did you mean 'service-key'?)
CREATE CONNECTION `vertex-conn`
  WITH (
    'type' = 'vertexai',
    'endpoint' = 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme-ml-prod/locations/us-central1/publishers/google/models/gemini-1.5-pro:generateContent',
    'service-account-key' = '{"type": "service_account", "project_id": "acme-ml-prod", "private_key": "-----BEGIN PRIVATE KEY-----\nEXAMPLEONLY\n-----END PRIVATE KEY-----\n", "client_email": "flink@acme-ml-prod.iam.gserviceaccount.com"}'
  );

-- ok: a valid MongoDB connection, used by a table further down.
CREATE CONNECTION `orders-mongo`
  WITH (
    'type' = 'mongodb',
    'endpoint' = 'mongodb+srv://orders.x1y2z.mongodb.net/orders',
    'username' = 'flink_reader',
    'password' = 'example-Passw0rd!'
  );

-- Type typo: 'opneai'.
-- expect: unknown-connection-type (did you mean 'openai'?)
CREATE CONNECTION `typo-openai-conn`
  WITH (
    'type' = 'opneai',
    'endpoint' = 'https://api.openai.com/v1/chat/completions',
    'api-key' = 'sk-proj-EXAMPLEONLYtyp0KeyA1B2C3D4E5F6G7H8I9J0'
  );

-- Type with a hyphen: 'mcp-server' (the type is 'mcp_server'; only table
-- connectors such as 'confluent-jdbc' use hyphens).
-- expect: unknown-connection-type (did you mean 'mcp_server'?)
CREATE CONNECTION `github-mcp-conn`
  WITH (
    'type' = 'mcp-server',
    'endpoint' = 'https://api.githubcopilot.com/mcp/',
    'token' = 'ghp_EXAMPLEONLYexampleonlyEXAMPLE0000',
    'transport-type' = 'STREAMABLE_HTTP'
  );

-- No 'endpoint'.
-- expect: missing-option ('endpoint')
CREATE CONNECTION `no-endpoint-conn`
  WITH (
    'type' = 'openai',
    'api-key' = 'sk-proj-EXAMPLEONLYn0EndpointA1B2C3D4E5F6G7H8I9'
  );

-- No 'type'.
-- expect: missing-option ('type')
CREATE CONNECTION `no-type-conn`
  WITH (
    'endpoint' = 'https://api.anthropic.com/v1/messages',
    'api-key' = 'sk-ant-api03-EXAMPLEONLY-n0Type-EXAMPLEAA'
  );

-- OpenAI with no API key at all ("I'll add it later").
-- expect: missing-option ('api-key')
CREATE CONNECTION `keyless-openai-conn`
  WITH (
    'type' = 'openai',
    'endpoint' = 'https://api.openai.com/v1/embeddings'
  );

-- ok: a valid REST connection with a bearer token.
CREATE CONNECTION `books-api` WITH (
  'type' = 'rest',
  'endpoint' = 'https://books.example.com/api',
  'token' = 'eyJhbGciOiJIUzI1NiJ9.EXAMPLEONLY.EXAMPLEONLY-signature'
);

-- A user name without its password.
-- expect: incomplete-auth (basic: 'password' missing)
CREATE CONNECTION `customers-mongo`
  WITH (
    'type' = 'mongodb',
    'endpoint' = 'mongodb+srv://customers.x1y2z.mongodb.net/crm',
    'username' = 'flink_reader'
  );

-- An API key and a bearer token together: two auth methods at once.
-- expect: conflicting-auth ('api-key' and 'token')
CREATE CONNECTION `docs-mcp-conn`
  WITH (
    'type' = 'mcp_server',
    'endpoint' = 'https://docs-mcp.example.com/mcp',
    'api-key' = 'mcp_EXAMPLEONLY_9kL7jH5gF3',
    'token' = 'eyJhbGciOiJIUzI1NiJ9.EXAMPLEONLY.EXAMPLEONLY-docs',
    'transport-type' = 'STREAMABLE_HTTP'
  );

-- REST with no credentials at all (rest has no "no auth" option).
-- expect: missing-auth (one of basic, bearer, OAuth 2.0)
CREATE CONNECTION `weather-api`
  WITH (
    'type' = 'rest',
    'endpoint' = 'https://api.weather.example.com/v1'
  );

-- OAuth with 3 of its 4 keys: 'scope' is required too.
-- expect: incomplete-auth (OAuth 2.0: 'scope' missing)
CREATE CONNECTION `pricing-api`
  WITH (
    'type' = 'rest',
    'endpoint' = 'https://api.pricing.example.com/v2',
    'token-endpoint' = 'https://auth.pricing.example.com/oauth2/token',
    'client-id' = 'flink-enrichment',
    'client-secret' = 'example-client-secret-EXAMPLEONLY-2222'
  );

-- The same key twice: the rotated key was pasted under the old one.
-- expect: duplicate-option ('api-key', on its second occurrence)
CREATE CONNECTION `rotated-openai-conn`
  WITH (
    'type' = 'openai',
    'endpoint' = 'https://api.openai.com/v1/chat/completions',
    'api-key' = 'sk-proj-EXAMPLEONLY0ldKeyA1B2C3D4E5F6G7H8I9J0',
    'api-key' = 'sk-proj-EXAMPLEONLYn3wKeyA1B2C3D4E5F6G7H8I9J0'
  );

-- ok: a valid Anthropic connection in the middle of the mistakes.
CREATE CONNECTION `claude-conn` WITH ('type' = 'anthropic', 'endpoint' = 'https://api.anthropic.com/v1/messages', 'api-key' = 'sk-ant-api03-EXAMPLEONLY-cl4ude-EXAMPLEAA');

-- 'transport-type' must be SSE or STREAMABLE_HTTP.
-- expect: invalid-option-value ('websocket')
CREATE CONNECTION `ws-mcp-conn`
  WITH (
    'type' = 'mcp_server',
    'endpoint' = 'https://mcp.example.com/mcp',
    'token' = 'eyJhbGciOiJIUzI1NiJ9.EXAMPLEONLY.EXAMPLEONLY-ws',
    'transport-type' = 'websocket'
  );

-- An SSE endpoint with the streamable HTTP transport.
-- expect: invalid-option-value ('sse-endpoint' is not allowed with STREAMABLE_HTTP)
CREATE CONNECTION `linear-mcp-conn`
  WITH (
    'type' = 'mcp_server',
    'endpoint' = 'https://mcp.linear.app/mcp',
    'sse-endpoint' = 'https://mcp.linear.app/sse',
    'token' = 'lin_api_EXAMPLEONLYexampleonlyEXAMPLEONLY0000',
    'transport-type' = 'STREAMABLE_HTTP'
  );

-- The service key must be the JSON document itself, not the path to the file.
-- expect: invalid-option-value ('service-key' is not a JSON object)
CREATE CONNECTION `vertex-path-conn`
  WITH (
    'type' = 'vertexai',
    'endpoint' = 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme-ml-prod/locations/us-central1/publishers/google/models/gemini-1.5-pro:generateContent',
    'service-key' = '/Users/priya/Downloads/acme-ml-prod-1a2b3c4d5e6f.json'
  );

-- An empty value, left to "fill in later".
-- expect: invalid-option-value ('api-key' is empty)
CREATE CONNECTION `catalog-cosmos`
  WITH (
    'type' = 'cosmosdb',
    'endpoint' = 'https://acme-catalog.documents.azure.com:443/',
    'api-key' = ''
  );

-- Plain http:// for an HTTPS-only service.
-- expect: invalid-endpoint ('http' is not an accepted scheme for openai)
CREATE CONNECTION `insecure-openai-conn`
  WITH (
    'type' = 'openai',
    'endpoint' = 'http://api.openai.com/v1/chat/completions',
    'api-key' = 'sk-proj-EXAMPLEONLYh77pKeyA1B2C3D4E5F6G7H8I9J0'
  );

-- MongoDB needs a mongodb:// or mongodb+srv:// URI; this is the Atlas UI URL.
-- expect: invalid-endpoint ('https' is not an accepted scheme for mongodb)
CREATE CONNECTION `atlas-ui-conn`
  WITH (
    'type' = 'mongodb',
    'endpoint' = 'https://cloud.mongodb.com/v2/65f0c0ffee00000000000000#/clusters/detail/Cluster0',
    'username' = 'flink_reader',
    'password' = 'example-Passw0rd!'
  );

-- ok: ALTER CONNECTION may change credentials.
ALTER CONNECTION `support-openai` SET (
  'api-key' = 'sk-proj-EXAMPLEONLYr0tat3dKeyA1B2C3D4E5F6G7H8I9J0kLmNoPqRsTu'
);

-- ALTER CONNECTION can only change credentials, not the endpoint.
-- expect: option-not-alterable ('endpoint')
ALTER CONNECTION `support-openai` SET ('endpoint' = 'https://api.openai.com/v1/embeddings');

-- ok: an external table on a connection defined above.
CREATE TABLE orders_mongo (
  order_id  STRING,
  status    STRING,
  total     DOUBLE
) WITH (
  'connector' = 'mongodb',
  'mongodb.connection' = 'orders-mongo',
  'mongodb.database' = 'orders',
  'mongodb.collection' = 'orders'
);

-- A table that names a connection nobody created.
-- expect: unknown-connection ('no-such-connection')
CREATE TABLE invoices_mongo (
  invoice_id  STRING,
  amount      DOUBLE
) WITH (
  'connector' = 'mongodb',
  'mongodb.connection' = 'no-such-connection',
  'mongodb.database' = 'billing',
  'mongodb.collection' = 'invoices'
);

-- A model that names its connection with an underscore instead of a hyphen
-- (the connection is `support-openai`).
-- expect: unknown-connection ('support_openai')
CREATE MODEL support_reply
INPUT (prompt STRING)
OUTPUT (reply STRING)
WITH (
  'provider' = 'openai',
  'task' = 'text_generation',
  'openai.connection' = 'support_openai'
);

-- A trailing comma after the last option.
-- expect: syntax-error (at the closing parenthesis)
CREATE CONNECTION `trailing-comma-conn`
  WITH (
    'type' = 'anthropic',
    'endpoint' = 'https://api.anthropic.com/v1/messages',
    'api-key' = 'sk-ant-api03-EXAMPLEONLY-c0mma-EXAMPLEAA',
  );

-- A hyphenated name without backticks (several doc examples do this).
-- expect: syntax-error (at the '-'; write `my-conn`)
CREATE CONNECTION my-conn WITH (
  'type' = 'openai',
  'endpoint' = 'https://api.openai.com/v1/chat/completions',
  'api-key' = 'sk-proj-EXAMPLEONLYhyph3nKeyA1B2C3D4E5F6G7H8I9J0'
);

-- 'token' is a real key, but not one openai accepts (openai takes only 'api-key').
-- expect: unknown-option ('token' is not valid for openai)
CREATE CONNECTION `bearer-openai-conn`
  WITH (
    'type' = 'openai',
    'endpoint' = 'https://api.openai.com/v1/chat/completions',
    'api-key' = 'sk-proj-EXAMPLEONLYb3arerKeyA1B2C3D4E5F6G7H8I9J0',
    'token' = 'eyJhbGciOiJIUzI1NiJ9.EXAMPLEONLY.EXAMPLEONLY-openai'
  );

-- ok: the statements after all of the above are still checked normally.
SHOW CONNECTIONS LIKE '%-conn';
DESCRIBE CONNECTION `claude-conn`;
