/**
 * The editing features through the built server: each request answers over the protocol, and
 * nothing in any answer contains a secret value.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-types';
import { startServer, type LspClient } from '../helpers/lspClient';
import { connectionSnippetsRequest, type ConnectionSnippetsResult } from '../../server/src/protocol';

const SECRET = 'sk-PROTOCOL-FEATURES-SECRET';
const uri = 'untitled:features.flink.sql';
const text = [
  'CREATE CONNECTION `support-openai` WITH (', // line 0
  "  'type' = 'openai',", // line 1
  "  'endpoint' = 'https://api.openai.com/v1/chat/completions',", // line 2
  `  'api-key' = '${SECRET}'`, // line 3
  ');', // line 4
  "CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('openai.connection' = 'support-openai');", // line 5
  "CREATE CONNECTION c2 WITH ('type' = 'rest', ", // line 6 (being typed)
].join('\n');

describe('editing features over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = startServer();
    const result = await client.initialize();
    assert.ok(result.capabilities.completionProvider);
    assert.equal(result.capabilities.hoverProvider, true);
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
  });
  after(() => client.dispose());

  test('completion in a half-typed option list offers the keys of its type', async () => {
    const result = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 6, character: 44 },
    });
    const labels = (Array.isArray(result) ? result : result.items).map((i) => i.label);
    assert.ok(labels.includes('endpoint') && labels.includes('token') && labels.includes('client-id'), labels.join());
  });

  test('hover on a connection name shows its type and never its secret', async () => {
    const character = text.split('\n')[5]!.indexOf("'support-openai'") + 3;
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character } });
    const value = (result?.contents as { value: string }).value;
    assert.match(value, /OpenAI connection/);
  });

  test('hover on a secret value answers nothing', async () => {
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 18 } });
    assert.equal(result, null);
  });

  test('the connection snippets request lists one snippet per type and auth method', async () => {
    const snippets = await client.request<ConnectionSnippetsResult>(connectionSnippetsRequest);
    assert.ok(snippets.length >= 19);
    assert.ok(snippets.some((s) => s.type === 'mcp_server' && s.method === 'oauth'));
  });

  test('a request for a document the server does not have answers empty', async () => {
    const result = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: 'untitled:never-opened.sql' },
      position: { line: 0, character: 0 },
    });
    assert.deepEqual(result, []);
  });

  test('shutdown exits cleanly, and nothing sent contains the secret', async () => {
    await client.shutdown();
    assert.equal(client.everythingReceived().includes(SECRET), false);
  });
});
