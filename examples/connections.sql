-- =============================================================================
-- connections.sql
--
-- Every CONNECTION our Flink statements use, one block per external service.
-- Run these once per environment (Confluent Cloud Console workspace, or
-- `confluent flink shell`) before models-and-tables.sql.
--
-- All credentials below are FAKE placeholders. Real ones go in through the
-- CLI (`confluent flink connection create ...`) or a sql.secrets.* session
-- property, never into git.
-- =============================================================================

/*
 * Conventions
 *   - Names are kebab-case and backticked: `my-<service>-conn`.
 *   - Connections live in the environment `my-env`; the database part of a
 *     fully qualified name is the Kafka cluster `my-cluster`.
 *   - The environment, cloud and region must match the compute pool that
 *     runs the statements using the connection.
 */

USE CATALOG `my-env`;
USE `my-cluster`;


-- -----------------------------------------------------------------------------
-- LLM providers (used by CREATE MODEL)
-- -----------------------------------------------------------------------------

-- OpenAI chat completions. Type values are case-insensitive; the docs write 'OPENAI'.
CREATE CONNECTION `my-openai-conn`
  COMMENT 'OpenAI chat completions for the support-ticket classifier'
  WITH (
    'type' = 'OPENAI',
    'endpoint' = 'https://api.openai.com/v1/chat/completions',
    'api-key' = 'sk-proj-EXAMPLEONLYa1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ0123456789'
  );

-- OpenAI embeddings. The key is not written here: it comes from a session
-- property set just before, and the connection refers to it by placeholder.
SET 'sql.secrets.openai_key' = 'sk-proj-EXAMPLEONLYz9Y8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9876543210';

CREATE CONNECTION `my-openai-embeddings-conn`
  WITH (
    'type' = 'openai',
    'endpoint' = 'https://api.openai.com/v1/embeddings',
    'api-key' = '{{sessionconfig/sql.secrets.openai_key}}'
  );

-- Azure OpenAI: the deployment and API version are part of the endpoint.
CREATE CONNECTION `my-azure-openai-conn`
  WITH (
    'type' = 'azureopenai',
    'endpoint' = 'https://acme-ai-eastus.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-02-01',
    'api-key' = '0123456789abcdefEXAMPLEONLY00000'
  );

-- Azure Machine Learning online endpoint (fraud scorer). Plain, unquoted name.
CREATE CONNECTION azureml_fraud_scorer
  COMMENT 'Azure ML online endpoint "fraud-scorer-v3"'
  WITH (
    'type' = 'azureml',
    'endpoint' = 'https://fraud-scorer.eastus2.inference.ml.azure.com/score',
    'api-key' = 'EXAMPLEONLYazuremlKey0000000000000000000000'
  );

-- Anthropic Claude (Messages API).
CREATE CONNECTION `my-anthropic-conn`
  WITH (
    'type' = 'anthropic',
    'endpoint' = 'https://api.anthropic.com/v1/messages',
    'api-key' = 'sk-ant-api03-EXAMPLEONLY-aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-EXAMPLEAA'
  );

-- Fireworks AI (OpenAI-compatible API).
CREATE CONNECTION `my-fireworks-conn`
  WITH (
    'type' = 'FireworksAI',
    'endpoint' = 'https://api.fireworks.ai/inference/v1/chat/completions',
    'api-key' = 'fw_EXAMPLEONLY3ZkP9xQ7mN2vB8cL4'
  );

-- Google AI (Gemini API), with a comment in Japanese and an emoji so editors
-- have to get UTF-16 offsets right: 要約モデル 🤖
CREATE CONNECTION `my-gemini-conn` COMMENT 'Gemini 要約モデル 🤖 — summaries for the 客服 team' WITH ('type' = 'googleai', 'endpoint' = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent', 'api-key' = 'AIzaSyEXAMPLEONLY-EXAMPLEONLY-000000');

-- Vertex AI: the service key is the whole service-account JSON document,
-- pasted as one string literal (JSON uses double quotes, so no '' escaping).
CREATE CONNECTION `my-vertexai-conn`
  WITH (
    'type' = 'vertexai',
    'endpoint' = 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme-ml-prod/locations/us-central1/publishers/google/models/gemini-1.5-pro:generateContent',
    'service-key' = '{
      "type": "service_account",
      "project_id": "acme-ml-prod",
      "private_key_id": "0000000000example0000000000000000000000",
      "private_key": "-----BEGIN PRIVATE KEY-----\nEXAMPLEONLYEXAMPLEONLYEXAMPLEONLY\n-----END PRIVATE KEY-----\n",
      "client_email": "flink-vertex@acme-ml-prod.iam.gserviceaccount.com",
      "client_id": "100000000000000000000",
      "auth_uri": "https://accounts.google.com/o/oauth2/auth",
      "token_uri": "https://oauth2.googleapis.com/token"
    }'
  );


-- -----------------------------------------------------------------------------
-- AWS (access key pair, optional session token)
-- -----------------------------------------------------------------------------

-- Amazon Bedrock with long-lived IAM user keys.
CREATE CONNECTION `my-bedrock-conn`
  WITH (
    'type' = 'bedrock',
    'endpoint' = 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1:0/invoke',
    'aws-access-key' = 'AKIAEXAMPLEEXAMPLE12',
    'aws-secret-key' = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
  );

-- Amazon SageMaker with temporary STS credentials. Plain, unquoted name.
CREATE CONNECTION sagemaker_churn_model
  WITH (
    'type' = 'sagemaker',
    'endpoint' = 'https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/churn-xgb-prod/invocations',
    'aws-access-key' = 'ASIAEXAMPLEEXAMPLE34',
    'aws-secret-key' = 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    /* temporary credentials: the session token expires, re-run ALTER CONNECTION to rotate */
    'aws-session-token' = 'IQoJb3JpZ2luX2VjEXAMPLEONLYEXAMPLEONLYEXAMPLEONLY//////////wEaCXVzLXdlc3QtMiJHMEUCIQEXAMPLE'
  );

-- Amazon S3 Vectors index for product embeddings.
CREATE CONNECTION `my-s3vectors-conn`
  WITH (
    'type' = 's3vectors',
    'endpoint' = 'https://s3vectors.us-east-1.api.aws',
    'aws-access-key' = 'AKIAEXAMPLEEXAMPLE56',
    'aws-secret-key' = 'bPxRfiCYEXAMPLEKEY/wJalrXUtnFEMI/K7MDENG'
  );


-- -----------------------------------------------------------------------------
-- Databases and search engines (used by external tables)
-- -----------------------------------------------------------------------------

-- MongoDB Atlas (mongodb+srv:// URI, user name and password).
CREATE CONNECTION `my-mongodb-conn`
  WITH (
    'type' = 'MONGODB',
    'endpoint' = 'mongodb+srv://cluster0.ab1cd.mongodb.net/vector_search',
    'username' = 'flink_reader',
    'password' = 'example-Passw0rd!'
  );

-- Couchbase Capella (couchbases:// = TLS), fully qualified: environment `my-env`,
-- Kafka cluster `my-cluster`.
CREATE CONNECTION `my-env`.`my-cluster`.`my-couchbase-conn`
  WITH (
    'type' = 'couchbase',
    'endpoint' = 'couchbases://cb.abcdefgh1234.cloud.couchbase.com',
    'username' = 'flink_app',
    'password' = 'example-Passw0rd!'
  );

-- PostgreSQL through Confluent JDBC. Note the underscore in the type value
-- ('confluent_jdbc') versus the hyphen in the table connector ('confluent-jdbc').
CREATE CONNECTION `my-postgres-conn`
  COMMENT 'Read replica of the orders database (Priya''s team owns it)'
  WITH (
    'type' = 'confluent_jdbc',
    'endpoint' = 'jdbc:postgresql://orders-replica.example.internal:5432/orders',
    'username' = 'flink_ro',
    'password' = 'example-Passw0rd!'
  );

-- Elastic Cloud with an API key ...
CREATE CONNECTION `my-elastic-conn`
  WITH (
    'type' = 'elastic',
    'endpoint' = 'https://acme-search.es.us-east-1.aws.found.io:443',
    'api-key' = 'RVhBTVBMRU9OTFk6ZXhhbXBsZS1lbGFzdGljLWtleQ=='
  );

-- ... and a self-hosted Elasticsearch cluster with basic authentication.
CREATE CONNECTION `my-elastic-onprem-conn`
  WITH (
    'type' = 'elastic',
    'endpoint' = 'https://es.search.example.internal:9200',
    'username' = 'flink_search',
    'password' = 'example-Passw0rd!'
  );

-- Pinecone index. IF NOT EXISTS keeps this script re-runnable.
CREATE CONNECTION IF NOT EXISTS `my-pinecone-conn`
  WITH (
    'type' = 'pinecone',
    'endpoint' = 'https://products-a1b2c3d.svc.aped-4627-b74a.pinecone.io',
    'api-key' = 'pcsk_EXAMPLEONLY_2Qw3Er4Ty5Ui6Op7As8Df9Gh0JkLzXcVbNm'
  );

-- Azure Cosmos DB account (primary key from the portal's "Keys" blade).
CREATE CONNECTION `my-cosmosdb-conn`
  WITH (
    'type' = 'cosmosdb',
    'endpoint' = 'https://acme-catalog.documents.azure.com:443/',
    'api-key' = 'EXAMPLEONLYc29tZSBmYWtlIGNvc21vcyBrZXkgZm9yIGRvY3M0000000000000000000000000000000000=='
  );


-- -----------------------------------------------------------------------------
-- REST APIs: basic, bearer or OAuth 2.0 client credentials
-- -----------------------------------------------------------------------------

-- Partner pricing API with OAuth 2.0 (all four keys: token-endpoint, client-id,
-- client-secret, scope). Also used by the enrich_price UDF.
CREATE CONNECTION `my-rest-conn`
  WITH (
    'type' = 'rest',
    'endpoint' = 'https://api.pricing.example.com/v2',
    'token-endpoint' = 'https://auth.pricing.example.com/oauth2/token',
    'client-id' = 'flink-enrichment',
    'client-secret' = 'example-client-secret-EXAMPLEONLY-0000',
    'scope' = 'prices:read catalog:read'
  );

-- Open Library-style search API with a bearer token.
CREATE CONNECTION `my-rest-bearer-conn`
  WITH (
    'type' = 'rest',
    'endpoint' = 'https://books.example.com/api',
    'token' = 'eyJhbGciOiJIUzI1NiJ9.EXAMPLEONLY.EXAMPLEONLY-signature'
  );

-- Legacy inventory service behind basic authentication. Plain, unquoted name.
CREATE CONNECTION inventory_rest
  WITH (
    'type' = 'REST',
    'endpoint' = 'https://inventory.example.internal:8443/v1',
    'username' = 'svc-flink',
    'password' = 'example-Passw0rd!'
  );


-- -----------------------------------------------------------------------------
-- MCP servers (tools for models and agents)
-- -----------------------------------------------------------------------------

-- Linear's hosted MCP server over streamable HTTP, bearer token.
CREATE CONNECTION `my-mcp-conn`
  COMMENT 'Linear MCP (issues, projects)'
  WITH (
    'type' = 'MCP_SERVER',
    'endpoint' = 'https://mcp.linear.app/mcp',
    'token' = 'lin_api_EXAMPLEONLYexampleonlyEXAMPLEONLY0000',
    'transport-type' = 'STREAMABLE_HTTP'
    -- 'sse-endpoint' is not allowed with STREAMABLE_HTTP, so it is left out.
  );

-- An internal MCP server on the default SSE transport, with an explicit SSE
-- URL (otherwise `/sse` is appended to the endpoint) and an API key.
CREATE CONNECTION `my-mcp-sse-conn`
  WITH (
    'type' = 'mcp_server',
    'endpoint' = 'https://tools.example.internal',
    'sse-endpoint' = 'https://tools.example.internal/mcp/v1/sse',
    'transport-type' = 'sse',
    'api-key' = 'mcp_EXAMPLEONLY_7hG5fD3sA1'
  );

-- An MCP server protected by OAuth 2.0 client credentials.
CREATE CONNECTION `my-mcp-oauth-conn`
  WITH (
    'type' = 'mcp_server',
    'endpoint' = 'https://mcp.crm.example.com/mcp',
    'transport-type' = 'streamable_http',
    'token-endpoint' = 'https://login.crm.example.com/oauth/token',
    'client-id' = 'confluent-flink-agent',
    'client-secret' = 'example-client-secret-EXAMPLEONLY-1111',
    'scope' = 'mcp.tools'
  );


-- -----------------------------------------------------------------------------
-- Agent2Agent (A2A) remote agents
-- -----------------------------------------------------------------------------

-- Remote triage agent, API key.
CREATE CONNECTION `my-a2a-conn`
  WITH (
    'type' = 'a2a',
    'endpoint' = 'https://agents.example.com/a2a/triage',
    'api-key' = 'a2a_EXAMPLEONLY_Qm9vTmV3S2V5'
  );

-- Remote refunds agent, bearer token.
CREATE CONNECTION `my-a2a-refunds-conn`
  WITH (
    'type' = 'A2A',
    'endpoint' = 'https://agents.example.com/a2a/refunds',
    'token' = 'eyJhbGciOiJSUzI1NiJ9.EXAMPLEONLY.EXAMPLEONLY-a2a'
  );

-- Cleanup, when an environment is torn down (kept commented out on purpose):
-- DROP CONNECTION IF EXISTS `my-openai-conn`;
