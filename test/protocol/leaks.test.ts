/**
 * The leak test: a document full of secrets goes through every request the server supports, at
 * every position, and nothing the server sends back — answers, diagnostics, logs, stderr — contains
 * any of the secret values.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type LspClient } from '../helpers/lspClient';
import { connectionSnippetsRequest, secretRangesRequest } from '../../server/src/protocol';

/** Every secret in the document; each is unique, so any occurrence in the output is a leak. */
const secrets = [
  'sk-LEAK-apikey-0001',
  'LEAK-misspelt-0002',
  'LEAK-password-0003',
  'LEAK-aws-secret-0004',
  'AKIALEAKACCESS0005',
  'LEAK-session-0006',
  'LEAK-token-0007',
  'LEAK-client-secret-0008',
  'LEAK-json-private-0009',
  'LEAK-url-password-0010',
  'LEAK-query-key-0011',
  'LEAK-sql-secret-0012',
  'LEAK-legacy-0013',
  'LEAK-hint-0014',
  'LEAK-comment-0015',
  'LEAK-broken-0016',
  'LEAK-unterminated-0017',
  'LEAK-long-0018-'.padEnd(4100, 'x'),
  'AKIALEAKLEGACY0019',
  'LEAK-legacy-aws-0020',
  'LEAK-legacy-mongo-0021',
] as const;

const document = `-- every kind of secret, in statements that parse and statements that do not
CREATE CONNECTION \`leaky-openai\` COMMENT 'has secrets' WITH (
  'type' = 'openai',
  'endpoint' = 'https://api.openai.com/v1/chat/completions?api-key=${secrets[10]}',
  'api-key' = '${secrets[0]}',
  'ap-key' = '${secrets[1]}'
);
CREATE CONNECTION leaky_mongo WITH ('type' = 'mongodb', 'endpoint' = 'mongodb://flink:${secrets[9]}@h/db',
  'username' = 'u', 'password' = '${secrets[2]}', 'password' = '${secrets[2]}');
CREATE CONNECTION leaky_bedrock WITH ('type' = 'bedrok', 'endpoint' = 'http://bedrock',
  'aws-access-key' = '${secrets[4]}', 'aws-secret-key' = '${secrets[3]}', 'aws-session-token' = '${secrets[5]}');
CREATE CONNECTION leaky_rest WITH ('type' = 'rest', 'endpoint' = 'https://x', 'token' = '${secrets[6]}',
  'client-secret' = '${secrets[7]}', 'client-id' = 'id');
CREATE CONNECTION leaky_vertex WITH ('type' = 'vertexai', 'endpoint' = 'https://v.googleapis.com',
  'service-key' = '{"private_key": "${secrets[8]}"', 'transport-type' = 'nope');
CREATE CONNECTION too_long WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = '${secrets[17]}');
ALTER CONNECTION leaky_mongo SET ('endpoint' = 'mongodb://a:${secrets[9]}@h', 'pasword' = '${secrets[2]}');
SET 'sql.secrets.openai' = '${secrets[11]}';
CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'openai.api_key' = '${secrets[12]}', 'openai.connection' = 'leaky-openai');
SELECT * FROM t /*+ OPTIONS('password' = '${secrets[13]}') */;
-- 'api-key' = '${secrets[14]}'
CREATE CONNECTION broken-name WITH ('type' = 'openai' 'api-key' = '${secrets[15]}',);
CREATE TABLE t (a STRING) WITH ('mongodb.connection' = 'leaky_mongo', 'connector' = 'mongodb');
ALTER MODEL m SET ('openai.api_key' = '${secrets[12]}');
CREATE TABLE t2 (a STRING) WITH ('connector' = 'mongodb', 'mongodb.password' = '${secrets[2]}', 'task' = '${secrets[12]}');
CREATE MODEL legacy_bedrock INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'bedrock', 'task' = 'text_generation',
  'bedrock.endpoint' = 'https://bedrock-runtime.us-east-1.amazonaws.com', 'bedrock.aws_access_key_id' = '${secrets[18]}', 'bedrock.aws_secret_access_key' = '${secrets[19]}');
CREATE TABLE legacy_docs (a STRING) WITH ('connector' = 'mongodb', 'mongodb.endpoint' = 'mongodb+srv://c.mongodb.net/db', 'mongodb.username' = 'u', 'mongodb.password' = '${secrets[20]}', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');
CREATE CONNECTION typing WITH ('type' = 'openai', 'api-key' = '${secrets[16]}
`;

describe('no secret leaves the server', () => {
  let client: LspClient;
  let folder: string;
  const uri = 'untitled:leaky.flink.sql';

  before(async () => {
    // A workspace file with the same secrets, so indexing and workspace requests see them too.
    folder = mkdtempSync(path.join(tmpdir(), 'flinksql-leaks-'));
    writeFileSync(path.join(folder, 'workspace.sql'), document);
    client = startServer();
    await client.initialize(folder);
    await client.request('$/setTrace', { value: 'verbose' }).catch(() => undefined);
    await client.open(uri, document);
    await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length > 5);
  });
  after(() => {
    client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  test('through every request, at every position of every line', async () => {
    const lines = document.split('\n');
    const textDocument = { uri };
    const workspaceFile = { uri: pathToFileURL(path.join(folder, 'workspace.sql')).toString() };
    const positions: { line: number; character: number }[] = [];
    lines.forEach((line, i) => {
      // Every character of short lines; every 7th of the long one.
      const step = line.length > 500 ? 7 : 1;
      for (let character = 0; character <= line.length; character += step) positions.push({ line: i, character });
    });
    const answers: unknown[] = [];
    for (const position of positions) {
      answers.push(
        await client.request('textDocument/completion', { textDocument, position }),
        await client.request('textDocument/hover', { textDocument, position }),
        await client.request('textDocument/definition', { textDocument, position }),
        await client.request('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }),
        await client.request('textDocument/prepareRename', { textDocument, position }),
      );
    }
    const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
    const diagnostics = client.latestDiagnostics(uri)!.diagnostics;
    answers.push(
      await client.request('textDocument/documentSymbol', { textDocument }),
      await client.request('textDocument/foldingRange', { textDocument }),
      await client.request('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }),
      await client.request('textDocument/rangeFormatting', { textDocument, range: whole, options: { tabSize: 4, insertSpaces: false } }),
      await client.request('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics } }),
      await client.request('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: [], only: ['source.fixAll'] } }),
      await client.request('textDocument/rename', { textDocument, position: { line: 1, character: 20 }, newName: 'renamed' }),
      await client.request('workspace/symbol', { query: '' }),
      await client.request('workspace/symbol', { query: 'leak' }),
      await client.request(secretRangesRequest, { textDocument }),
      await client.request(secretRangesRequest, { textDocument: workspaceFile }),
      await client.request(connectionSnippetsRequest),
    );
    // Requests the server does not know, and malformed ones, answer with errors that must not echo the text.
    answers.push(await client.request('flinksql/noSuchRequest', { text: 'nothing secret' }).catch((e: Error) => e.message));
    answers.push(await client.request('textDocument/hover', { textDocument, position: { line: -1 } }).catch((e: Error) => e.message));
    assert.ok(answers.length > 1000);
    assert.ok(diagnostics.length > 5);
    // The move-credentials fix was offered for the legacy model and table (its edit is in what was received).
    const moves = JSON.stringify(answers).match(/Move credentials into a new connection/g) ?? [];
    assert.ok(moves.length >= 2, `the move-credentials fixes were offered (${moves.length})`);
  });

  test('through the diagnostics of every edit as the last statement is typed', async () => {
    const lines = document.split('\n');
    const last = lines.length - 2;
    let version = 1;
    for (const character of [10, 30, 50, 70]) {
      version++;
      await client.change(uri, version, [
        { range: { start: { line: last, character }, end: { line: last, character } }, text: "'" },
      ]);
    }
    await client.waitForDiagnostics(uri, (p) => p.version === version);
  });

  test('nothing the server sent contains a secret', async () => {
    await client.shutdown();
    const received = client.everythingReceived();
    assert.ok(received.includes('unknown-option'), 'the diagnostics were received');
    for (const secret of secrets) {
      const probe = secret.slice(0, 30);
      assert.equal(received.includes(probe), false, `the server sent ${probe}`);
    }
  });
});
