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

  test('document symbols list the connection with its type', async () => {
    const symbols = await client.request<{ name: string; detail?: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => `${s.name} ${s.detail ?? ''}`.trim()),
      ['support-openai openai', 'm model'],
    );
  });

  const referencePosition = { line: 5, character: text.split('\n')[5]!.indexOf("'support-openai'") + 3 };

  test('go to definition from a model option to the CREATE CONNECTION', async () => {
    const locations = await client.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', {
      textDocument: { uri },
      position: referencePosition,
    });
    assert.deepEqual(locations.map((l) => [l.uri, l.range.start.line]), [[uri, 0]]);
  });

  test('find references includes the declaration when asked', async () => {
    const locations = await client.request<{ range: { start: { line: number } } }[]>('textDocument/references', {
      textDocument: { uri },
      position: referencePosition,
      context: { includeDeclaration: true },
    });
    assert.deepEqual(locations.map((l) => l.range.start.line).sort(), [0, 5]);
  });

  test('rename edits the backticked name and the string reference, for the open document’s version', async () => {
    const edit = await client.request<{ documentChanges: { textDocument: { uri: string; version: number | null }; edits: { newText: string }[] }[] }>(
      'textDocument/rename',
      { textDocument: { uri }, position: referencePosition, newName: 'helpdesk-openai' },
    );
    assert.deepEqual(
      edit.documentChanges.map((c) => c.textDocument),
      [{ uri, version: 1 }],
    );
    assert.deepEqual(edit.documentChanges[0]!.edits.map((e) => e.newText).sort(), ['`helpdesk-openai`', 'helpdesk-openai']);
  });

  test('an invalid new name is refused with a message', async () => {
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri }, position: referencePosition, newName: '' }),
      /name/i,
    );
  });

  test('folding ranges cover the multi-line statement', async () => {
    const ranges = await client.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(ranges.some((r) => r.startLine === 0 && r.endLine >= 3));
  });

  test('formatting aligns the option list and keeps the secret as it was', async () => {
    const edits = await client.request<{ newText: string }[]>('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.ok(edits.length > 0);
    assert.ok(edits.some((e) => e.newText === '     = '), 'the = after \'type\' is aligned');
  });

  test('workspace symbols find the connection by part of its name', async () => {
    const symbols = await client.request<{ name: string }[]>('workspace/symbol', { query: 'supp' });
    assert.deepEqual(symbols.map((s) => s.name), ['support-openai']);
  });

  test('a quick fix renames a misspelt key, for the version it was computed for', async () => {
    const fixUri = 'untitled:fix.flink.sql';
    await client.open(fixUri, "CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap-key' = 'k');", 'flinksql', 7);
    const published = await client.waitForDiagnostics(fixUri, (p) => p.version === 7 && p.diagnostics.length === 1);
    const actions = await client.request<{ title: string; isPreferred?: boolean; edit: { documentChanges: { textDocument: { version: number } }[] } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri: fixUri }, range: published.diagnostics[0]!.range, context: { diagnostics: published.diagnostics } },
    );
    const rename = actions.find((a) => a.title === "Rename to 'api-key'");
    assert.equal(rename?.isPreferred, true);
    assert.equal(rename?.edit.documentChanges[0]!.textDocument.version, 7);
    const fixAll = await client.request<{ title: string }[]>('textDocument/codeAction', {
      textDocument: { uri: fixUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(fixAll.map((a) => a.title), ['Fix all safe Flink SQL connection problems']);
  });

  test("a connection-type mismatch is fixed with a connection of the right type that another open document defines", async () => {
    await client.open('untitled:atlas.flink.sql', "CREATE CONNECTION atlas WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = 'p');");
    const tableUri = 'untitled:table.flink.sql';
    await client.open(
      tableUri,
      "CREATE TABLE docs (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'support-openai', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');",
    );
    const published = await client.waitForDiagnostics(tableUri, (p) => p.diagnostics.some((d) => d.code === 'connection-type-mismatch'));
    const mismatch = published.diagnostics.find((d) => d.code === 'connection-type-mismatch')!;
    const actions = await client.request<{ title: string; edit: { documentChanges: { edits: { newText: string }[] }[] } }[]>('textDocument/codeAction', {
      textDocument: { uri: tableUri },
      range: mismatch.range,
      context: { diagnostics: [mismatch] },
    });
    const uses = actions.filter((a) => a.title.startsWith('Use connection'));
    assert.deepEqual(uses.map((a) => a.title), ["Use connection 'atlas'"]);
    assert.deepEqual(uses[0]!.edit.documentChanges[0]!.edits.map((e) => e.newText), ['atlas']);
  });

  test('the connection snippets request lists one snippet per type and auth method', async () => {
    const snippets = await client.request<ConnectionSnippetsResult>(connectionSnippetsRequest);
    assert.ok(snippets.length >= 19);
    assert.ok(snippets.some((s) => s.type === 'mcp_server' && s.method === 'oauth'));
  });

  test("another open document's models: their names where a model is named, and their provider's keys in ALTER MODEL … SET", async () => {
    const models = 'untitled:models.flink.sql';
    const uses = 'untitled:uses.flink.sql';
    await client.open(models, "CREATE MODEL chat WITH ('provider' = 'bedrock', 'task' = 'text_generation', 'bedrock.connection' = 'b');");
    await client.waitForDiagnostics(models, (p) => p.version === 1);
    const lines = ["CREATE AGENT a USING MODEL  USING PROMPT 'p';", 'ALTER MODEL chat SET ();'];
    await client.open(uses, lines.join('\n'));
    await client.waitForDiagnostics(uses, (p) => p.version === 1);
    const at = async (line: number) => {
      const character = line === 0 ? 'CREATE AGENT a USING MODEL '.length : 'ALTER MODEL chat SET ('.length;
      const result = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri: uses }, position: { line, character } });
      return (Array.isArray(result) ? result : result.items).map((i) => `${i.label}${i.detail ? ` ${i.detail}` : ''}`);
    };
    assert.deepEqual((await at(0)).sort(), ['chat model (bedrock)', 'm model']);
    const keys = await at(1);
    assert.ok(keys.some((k) => k.startsWith('bedrock.')) && !keys.some((k) => k.startsWith('openai.')), JSON.stringify(keys));
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
