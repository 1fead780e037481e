-- =============================================================================
-- using-mistakes.sql
--
-- The mistakes people make in the statements that use connections: models,
-- external tables, tools and agents. As in mistakes.sql, the last comment line
-- above each statement, "-- expect: ...", names the code(s) the checker
-- reports; "-- ok:" statements are valid. The file stands alone: every
-- connection it names is created in it. All credentials are fake.
-- =============================================================================

-- ok: the connections the statements below use.
CREATE CONNECTION support_openai WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = 'sk-proj-EXAMPLEONLYus3rsKeyA1B2C3D4E5F6G7H8I9J0');
CREATE CONNECTION docs_mongo WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://docs.a1b2c.mongodb.net/kb', 'username' = 'kb_reader', 'password' = 'fixture-pw-7');
CREATE CONNECTION linear_mcp WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.linear.app/mcp', 'transport-type' = 'STREAMABLE_HTTP', 'token' = 'tok-EXAMPLEONLYlinear00');
CREATE CONNECTION crm_postgres WITH ('type' = 'confluent_jdbc', 'endpoint' = 'jdbc:postgresql://crm.example.com:5432/crm', 'username' = 'crm_reader', 'password' = 'fixture-pw-8');
CREATE CONNECTION weather_rest WITH ('type' = 'rest', 'endpoint' = 'https://api.open-meteo.com/v1/forecast', 'token' = 'tok-EXAMPLEONLYweather0');

-- A MongoDB table that names the OpenAI connection, and has no database or
-- collection (those two are warnings: Confluent's examples always have them,
-- its reference never says they are required).
-- expect: missing-option ('mongodb.database')
-- expect: missing-option ('mongodb.collection')
-- expect: connection-type-mismatch ('mongodb.connection' names an openai connection)
CREATE TABLE kb_articles (title STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'support_openai');

-- A misspelt provider and task, a MongoDB connection under the OpenAI key, and
-- a misspelt model_version. The provider is taken as the 'openai' meant, so the
-- keys are still checked.
-- expect: invalid-option-value ('opnai')
-- expect: invalid-option-value ('classifcation')
-- expect: connection-type-mismatch ('openai.connection' names a mongodb connection)
-- expect: unknown-option ('openai.model_versoin')
CREATE MODEL ticket_router INPUT (body STRING) OUTPUT (label STRING)
  WITH ('provider' = 'opnai', 'task' = 'classifcation', 'openai.connection' = 'docs_mongo', 'openai.model_versoin' = 'gpt-4o');

-- 'mongodb.conection': one letter short. Confluent rejects the table.
-- expect: unknown-option ('mongodb.conection', did you mean 'mongodb.connection'?)
CREATE TABLE kb_chunks (chunk STRING) WITH ('connector' = 'mongodb', 'mongodb.conection' = 'docs_mongo', 'mongodb.database' = 'kb', 'mongodb.collection' = 'chunks');

-- The connection type is written with an underscore; the connector with a hyphen.
-- expect: invalid-option-value ('confluent_jdbc', did you mean 'confluent-jdbc'?)
CREATE TABLE customers (id STRING) WITH ('connector' = 'confluent_jdbc', 'confluent-jdbc.connection' = 'crm_postgres', 'confluent-jdbc.table-name' = 'customers');

-- The 2024 form: the API key inline in the model. It still runs, but the key
-- belongs in a connection (the quick fix moves it there).
-- expect: deprecated-option ('openai.endpoint')
-- expect: deprecated-option ('openai.api_key')
CREATE MODEL legacy_summarizer INPUT (text STRING) OUTPUT (summary STRING)
  WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.endpoint' = 'https://api.openai.com/v1/chat/completions', 'openai.api_key' = 'sk-proj-EXAMPLEONLYl3gacyKeyA1B2C3D4E5F6G7H8');

-- The same key twice, in two cases: Confluent compares keys without regard to case.
-- expect: duplicate-option ('OPENAI.SYSTEM_PROMPT')
CREATE MODEL prompt_twice INPUT (text STRING) OUTPUT (reply STRING)
  WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'support_openai',
        'openai.system_prompt' = 'Be brief.', 'OPENAI.SYSTEM_PROMPT' = 'Be thorough.');

-- A key of another provider.
-- expect: unknown-option ('bedrock.client_timeout' belongs to provider 'bedrock')
CREATE MODEL wrong_namespace INPUT (text STRING) OUTPUT (reply STRING)
  WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'support_openai', 'bedrock.client_timeout' = '60');

-- An MCP tool over a REST connection, without its allowed_tools.
-- expect: missing-option ('allowed_tools')
-- expect: connection-type-mismatch (an MCP tool needs an mcp_server connection)
CREATE TOOL weather_tools USING CONNECTION weather_rest WITH ('type' = 'mcp', 'request_timeout' = '30');

-- A function tool made with USING CONNECTION.
-- expect: invalid-option-value ('function' goes with USING FUNCTION)
CREATE TOOL lookup_tool USING CONNECTION linear_mcp WITH ('type' = 'function');

-- ok: the MCP tool and the model the agents below use.
CREATE TOOL linear_tools USING CONNECTION linear_mcp WITH ('type' = 'mcp', 'allowed_tools' = 'list_issues, get_issue');
CREATE MODEL triage_model INPUT (prompt STRING) OUTPUT (response STRING)
  WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'support_openai', 'mcp.connection' = 'linear_mcp');

-- 'max_iterations' must be a whole number; 'max_iteration' is one letter short.
-- expect: invalid-option-value ('ten')
-- expect: unknown-option ('max_iteration', did you mean 'max_iterations'?)
CREATE AGENT triage_agent USING MODEL triage_model USING PROMPT 'Triage the ticket.' USING TOOLS linear_tools
  WITH ('max_iterations' = 'ten', 'max_iteration' = '3');

-- ok: a table of Confluent's own Kafka-backed connector is never held to these rules.
CREATE TABLE tickets (id STRING, body STRING) WITH ('connector' = 'confluent', 'value.format' = 'avro-registry');

-- ok: what there is, and how to change it. ALTER MODEL may set the default version.
SHOW MODELS;
SHOW TOOLS;
SHOW AGENTS;
DESCRIBE MODEL triage_model;
ALTER MODEL triage_model SET ('default_version' = '2');
ALTER AGENT triage_agent ADD TOOL linear_tools;

-- An ALTER MODEL is checked against the provider of the model's CREATE: an
-- OpenAI model has no 'bedrock.' keys.
-- expect: unknown-option ('bedrock.client_timeout' belongs to provider 'bedrock', not 'openai')
ALTER MODEL `triage_model$2` SET ('bedrock.client_timeout' = '60');

-- ok: an ALTER TOOL of an MCP tool may change its allowed tools.
ALTER TOOL linear_tools SET ('allowed_tools' = 'list_issues');

-- ok: the model and the agent at work; go to definition leads from their names to the CREATEs above.
SELECT t.id, p.response FROM tickets AS t, LATERAL TABLE(ML_PREDICT('triage_model$2', t.body)) AS p;
SELECT t.id, r.response FROM tickets AS t, LATERAL TABLE(AI_RUN_AGENT(`triage_agent`, t.body, t.id)) AS r;
