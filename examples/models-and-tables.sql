-- =============================================================================
-- models-and-tables.sql
--
-- Models, external tables, tools, UDFs and agents built on the connections in
-- connections.sql, plus the pipelines that use them. Connection names in
-- option values are plain strings: no backticks, and only the last part of
-- the name ('my-couchbase-conn', not 'my-env.my-cluster.my-couchbase-conn').
-- =============================================================================

USE CATALOG `my-env`;
USE `my-cluster`;

-- What is there already?
SHOW CONNECTIONS;
SHOW CONNECTIONS LIKE 'my%';
DESCRIBE CONNECTION `my-openai-conn`;

-- Rotate the OpenAI key (ALTER CONNECTION may only change credentials).
ALTER CONNECTION `my-openai-conn` SET (
  'api-key' = 'sk-proj-EXAMPLEONLYr0tat3dKeyA1B2C3D4E5F6G7H8I9J0kLmNoPqRsTuVwXy'
);


-- -----------------------------------------------------------------------------
-- Kafka-backed tables (no connection needed)
-- -----------------------------------------------------------------------------

CREATE TABLE support_tickets (
  ticket_id    STRING NOT NULL,
  customer_id  STRING,
  subject      STRING,
  body         STRING,
  created_at   TIMESTAMP_LTZ(3),
  WATERMARK FOR created_at AS created_at - INTERVAL '5' SECOND,
  PRIMARY KEY (ticket_id) NOT ENFORCED
) DISTRIBUTED BY HASH(ticket_id) INTO 6 BUCKETS
WITH (
  'connector' = 'confluent',
  'changelog.mode' = 'append',
  'value.format' = 'avro-registry',
  'scan.startup.mode' = 'latest-offset'
);

CREATE TABLE ticket_labels (
  ticket_id  STRING NOT NULL,
  category   STRING,
  summary    STRING,
  labelled_at TIMESTAMP_LTZ(3)
) WITH (
  'changelog.mode' = 'append'
);

CREATE TABLE ticket_embeddings (
  ticket_id  STRING NOT NULL,
  body       STRING,
  embedding  ARRAY<FLOAT>
);


-- -----------------------------------------------------------------------------
-- Models: '<provider>.connection' names a connection of the same type
-- -----------------------------------------------------------------------------

CREATE MODEL ticket_classifier
INPUT (body STRING)
OUTPUT (category STRING)
COMMENT 'Routes tickets to billing / bug / feature / other'
WITH (
  'provider' = 'openai',
  'task' = 'classification',
  'openai.connection' = 'my-openai-conn',
  'openai.model_version' = 'gpt-4o-mini',
  'openai.system_prompt' = 'Classify the support ticket as one of: billing, bug, feature, other. Answer with the label only.'
);

CREATE MODEL ticket_summarizer
INPUT (body STRING)
OUTPUT (summary STRING)
WITH (
  'provider' = 'openai',
  'task' = 'text_generation',
  'openai.connection' = 'my-openai-conn',
  'openai.system_prompt' = 'Summarize the customer''s problem in one sentence.'
);

CREATE MODEL ticket_embedder
INPUT (body STRING)
OUTPUT (embedding ARRAY<FLOAT>)
WITH (
  'provider' = 'openai',
  'task' = 'embedding',
  'openai.connection' = 'my-openai-embeddings-conn',
  'openai.input_format' = 'OPENAI-EMBED',
  'openai.model_version' = 'text-embedding-3-small'
);

CREATE MODEL `azure-gpt4o-mini`
INPUT (prompt STRING)
OUTPUT (response STRING)
WITH (
  'provider' = 'azureopenai',
  'task' = 'text_generation',
  'azureopenai.connection' = 'my-azure-openai-conn'
);

CREATE MODEL fraud_scorer
INPUT (amount DOUBLE, merchant STRING, country STRING)
OUTPUT (fraud_probability DOUBLE)
WITH (
  'provider' = 'azureml',
  'task' = 'regression',
  'azureml.connection' = 'azureml_fraud_scorer',
  'azureml.deployment_name' = 'fraud-scorer-v3'
);

CREATE MODEL claude_reply_drafter
INPUT (prompt STRING)
OUTPUT (reply STRING)
WITH (
  'provider' = 'anthropic',
  'task' = 'text_generation',
  'anthropic.connection' = 'my-anthropic-conn'
);

CREATE MODEL llama_sentiment
INPUT (text STRING)
OUTPUT (sentiment STRING)
WITH (
  'provider' = 'fireworksai',
  'task' = 'classification',
  'fireworksai.connection' = 'my-fireworks-conn'
);

CREATE MODEL gemini_summarizer
INPUT (text STRING)
OUTPUT (summary STRING)
WITH (
  'provider' = 'googleai',
  'task' = 'text_generation',
  'googleai.connection' = 'my-gemini-conn'
);

CREATE MODEL vertex_gemini_pro
INPUT (text STRING)
OUTPUT (response STRING)
WITH (
  'provider' = 'vertexai',
  'task' = 'text_generation',
  'vertexai.connection' = 'my-vertexai-conn'
);

CREATE MODEL bedrock_claude_haiku
INPUT (text STRING)
OUTPUT (response STRING)
WITH (
  'provider' = 'bedrock',
  'task' = 'text_generation',
  'bedrock.connection' = 'my-bedrock-conn',
  'bedrock.input_format' = 'ANTHROPIC-MESSAGES'
);

CREATE MODEL churn_model
INPUT (tenure_months INT, monthly_spend DOUBLE, tickets_last_30d INT)
OUTPUT (churn_score DOUBLE)
WITH (
  'provider' = 'sagemaker',
  'task' = 'regression',
  'sagemaker.connection' = 'sagemaker_churn_model'
);

-- A model that may call the Linear MCP tools through AI_TOOL_INVOKE.
CREATE MODEL triage_with_tools
INPUT (prompt STRING)
OUTPUT (response STRING)
WITH (
  'provider' = 'openai',
  'task' = 'text_generation',
  'openai.connection' = 'my-openai-conn',
  'mcp.connection' = 'my-mcp-conn'
);


-- -----------------------------------------------------------------------------
-- External tables: '<connector>.connection' names the connection
-- -----------------------------------------------------------------------------

CREATE TABLE kb_articles_mongodb (
  article_id  STRING,
  title       STRING,
  chunk       STRING,
  embedding   ARRAY<FLOAT>
) WITH (
  'connector' = 'mongodb',
  'mongodb.connection' = 'my-mongodb-conn',
  'mongodb.database' = 'vector_search',
  'mongodb.collection' = 'kb_articles',
  'mongodb.index' = 'vector_index',
  'mongodb.embedding_column' = 'embedding',
  'mongodb.numCandidates' = '500'
);

CREATE TABLE kb_articles_elastic (
  title   STRING,
  chunk   STRING,
  vector  ARRAY<FLOAT>
) WITH (
  'connector' = 'elastic',
  'elastic.connection' = 'my-elastic-conn',
  'elastic.index' = 'kb-articles'
);

CREATE TABLE product_catalog_search (
  sku          STRING,
  description  STRING
) WITH (
  'connector' = 'elastic',
  'elastic.connection' = 'my-elastic-onprem-conn',
  'elastic.index' = 'products'
);

CREATE TABLE product_vectors (
  sku        STRING,
  text       STRING,
  embedding  ARRAY<FLOAT>
) WITH (
  'connector' = 'pinecone',
  'pinecone.connection' = 'my-pinecone-conn',
  'pinecone.embedding_column' = 'embedding'
);

CREATE TABLE customers_pg (
  customer_id  STRING,
  name         STRING,
  tier         STRING,
  country      STRING,
  PRIMARY KEY (customer_id) NOT ENFORCED
) WITH (
  'connector' = 'confluent-jdbc',
  'confluent-jdbc.connection' = 'my-postgres-conn',
  'confluent-jdbc.table-name' = 'public.customers'
);

CREATE TABLE partner_prices (
  sku       STRING NOT NULL,
  price     DECIMAL(10, 2),
  currency  STRING,
  PRIMARY KEY (sku) NOT ENFORCED
) WITH (
  'connector' = 'rest',
  'rest.connection' = 'my-rest-conn',
  'rest.method' = 'GET',
  'rest.path' = 'prices'
);

CREATE TABLE books_lookup (
  q         STRING NOT NULL,
  numFound  BIGINT,
  docs      ARRAY<ROW<`title` STRING, `author_name` ARRAY<STRING>>>,
  PRIMARY KEY (q) NOT ENFORCED
) WITH (
  'connector' = 'rest',
  'rest.connection' = 'my-rest-bearer-conn',
  'rest.method' = 'GET',
  'rest.path' = 'search.json'
);

CREATE TABLE stock_levels (
  sku        STRING NOT NULL,
  warehouse  STRING,
  on_hand    INT,
  PRIMARY KEY (sku) NOT ENFORCED
) WITH (
  'connector' = 'rest',
  'rest.connection' = 'inventory_rest',
  'rest.method' = 'POST',
  'rest.path' = 'stock/lookup'
);

CREATE TABLE catalog_cosmos (
  id         STRING,
  title      STRING,
  embedding  ARRAY<FLOAT>
) WITH (
  'connector' = 'cosmosdb',
  'cosmosdb.connection' = 'my-cosmosdb-conn',
  'cosmosdb.database' = 'catalog',
  'cosmosdb.container' = 'products'
);

CREATE TABLE reviews_couchbase (
  review_id  STRING,
  text       STRING,
  embedding  ARRAY<FLOAT>
) WITH (
  'connector' = 'couchbase',
  'couchbase.connection' = 'my-couchbase-conn',
  'couchbase.bucket' = 'reviews',
  'couchbase.scope' = '_default',
  'couchbase.collection' = '_default',
  'couchbase.index' = 'reviews_vector_idx'
);

CREATE TABLE product_vectors_s3 (
  sku        STRING,
  embedding  ARRAY<FLOAT>
) WITH (
  'connector' = 's3vectors',
  's3vectors.connection' = 'my-s3vectors-conn'
);


-- -----------------------------------------------------------------------------
-- Tools, UDFs and agents
-- -----------------------------------------------------------------------------

-- USING CONNECTION takes an identifier (backticked), not a string.
CREATE TOOL linear_tools
  USING CONNECTION `my-mcp-conn`
  COMMENT 'Read-only Linear tools for the triage agent'
  WITH (
    'type' = 'mcp',
    'allowed_tools' = 'list_issues,get_issue,search_documentation',
    'request_timeout' = '30'
  );

CREATE TOOL crm_tools USING CONNECTION `my-mcp-oauth-conn` WITH ('type' = 'mcp', 'allowed_tools' = 'lookup_customer,open_case');

CREATE TOOL IF NOT EXISTS refunds_agent_tool
  USING CONNECTION `my-a2a-refunds-conn`
  WITH (
    'type' = 'a2a',
    'description' = 'Asks the refunds agent whether a refund is allowed'
  );

-- The UDF reads `my-rest-conn`'s endpoint and credentials at runtime.
CREATE FUNCTION enrich_price
  AS 'com.example.flink.udf.EnrichPrice'
  USING JAR 'confluent-artifact://cfa-abc123'
  USING CONNECTIONS ('my-rest-conn');

-- CREATE AGENT has no connection of its own: it reaches them through the
-- model and the tools.
CREATE AGENT ticket_triage_agent
  USING MODEL triage_with_tools
  USING PROMPT 'You triage support tickets. Look up related Linear issues before answering.'
  USING TOOLS linear_tools, crm_tools
  COMMENT 'Triage agent 🧭'
  WITH (
    'max_iterations' = '5',
    'max_consecutive_failures' = '3'
  );


-- -----------------------------------------------------------------------------
-- Pipelines
-- -----------------------------------------------------------------------------

-- Classify and summarize every new ticket.
INSERT INTO ticket_labels
SELECT
  t.ticket_id,
  c.category,
  s.summary,
  t.created_at
FROM support_tickets AS t,
  LATERAL TABLE(ML_PREDICT('ticket_classifier', t.body)) AS c(category),
  LATERAL TABLE(ML_PREDICT('ticket_summarizer', t.body)) AS s(summary);

-- Two inserts submitted as one job; the inner semicolons belong to the set.
EXECUTE STATEMENT SET
BEGIN
  INSERT INTO ticket_embeddings
    SELECT ticket_id, body, e.embedding
    FROM support_tickets,
      LATERAL TABLE(ML_PREDICT('ticket_embedder', body)) AS e(embedding);
  INSERT INTO ticket_labels
    SELECT ticket_id, 'unclassified', CAST(NULL AS STRING), created_at
    FROM support_tickets
    WHERE body IS NULL OR CHAR_LENGTH(TRIM(body)) = 0;
END;

-- Replay the topic from the start for a backfill, with a dynamic-options hint.
SELECT ticket_id, subject, created_at
FROM support_tickets /*+ OPTIONS('scan.startup.mode'='earliest-offset') */
WHERE created_at < TIMESTAMP '2025-01-01 00:00:00';

-- RAG lookup: nearest knowledge-base chunks for each ticket.
SELECT e.ticket_id, v.search_results
FROM ticket_embeddings AS e,
  LATERAL TABLE(VECTOR_SEARCH_AGG(kb_articles_mongodb, DESCRIPTOR(embedding), e.embedding, 3)) AS v(search_results);
