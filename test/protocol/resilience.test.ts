/**
 * The built server keeps answering whatever a client does wrong: a request whose handler fails (it
 * logs the failure without any secret and answers empty), malformed requests and notifications,
 * messages that are not JSON-RPC at all, and a document closed while requests for it are in flight.
 *
 * Run `npm run build` first: these tests use server/dist/server.js.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageType, type CompletionItem, type CompletionList, type Hover } from 'vscode-languageserver-protocol/node';
import { assertNoSecretSent, startServer, type LspClient } from '../helpers/lspClient';

/** Fake secret values: none may appear in anything the server sends. */
const secrets = ['sk-RESILIENCE-api-key', 'RESILIENCE-password', 'sk-RESILIENCE-in-params'];

const uri = 'untitled:resilience.flink.sql';
const text = [
  'CREATE CONNECTION `support-openai` WITH (', // line 0
  "  'type' = 'openai',", // line 1
  "  'endpoint' = 'https://api.openai.com/v1/chat/completions',", // line 2
  `  'ap-key' = '${secrets[0]}'`, // line 3
  ');', // line 4
  `CREATE CONNECTION docs WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = '${secrets[1]}');`, // line 5
  "CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('openai.connection' = 'support-openai');", // line 6
].join('\n');

const at = (line: number, character: number) => ({ line, character });
const itemsOf = (result: CompletionItem[] | CompletionList | null) => (result === null ? [] : Array.isArray(result) ? result : result.items);

/** The requests an editor sends most, each with what proves the server still does its job. */
async function assertStillAnswers(client: LspClient, documentUri = uri): Promise<void> {
  const completion = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
    textDocument: { uri: documentUri },
    position: at(6, text.split('\n')[6]!.indexOf("'support-openai'") + 1),
  });
  assert.ok(itemsOf(completion).some((i) => i.label === 'support-openai'), 'completion offers the connection');
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: documentUri }, position: at(1, 14) });
  assert.match(JSON.stringify(hover?.contents), /OpenAI/, 'hover describes the type');
  const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: documentUri } });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['support-openai', 'docs', 'm'],
  );
}

/** A diagnostic for a quick fix, as the client sends it back; `secret` goes into its message and data, which a client controls. */
const unknownOptionDiagnostic = (range: unknown, secret = '') => ({
  range,
  severity: 1,
  code: 'unknown-option',
  source: 'flinksql',
  message: `Unknown option 'ap-key'. Did you mean 'api-key'?${secret}`,
  data: { code: 'unknown-option', key: 'ap-key', suggestion: 'api-key', value: secret },
});


describe('the server keeps answering', () => {
  let client: LspClient;
  before(async () => {
    client = startServer();
    await client.initialize();
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
  });
  after(() => client.dispose());

  describe('after a handler fails', () => {
    // Each request passes the protocol layer but makes the handler throw inside its guarded work: a
    // position or a diagnostic range that is not one.
    const failing: { what: string; method: string; params: unknown; empty: unknown; logged: RegExp }[] = [
      {
        what: 'completion at a position that is null',
        method: 'textDocument/completion',
        params: { textDocument: { uri }, position: null },
        empty: [],
        logged: /^Completion failed: /,
      },
      {
        what: 'hover at a position that is null',
        method: 'textDocument/hover',
        params: { textDocument: { uri }, position: null },
        empty: null,
        logged: /^Hover failed: /,
      },
      {
        what: 'code actions for a flinksql diagnostic without a range, whose message and data hold a secret',
        method: 'textDocument/codeAction',
        params: { textDocument: { uri }, range: { start: at(3, 2), end: at(3, 2) }, context: { diagnostics: [unknownOptionDiagnostic(null, secrets[2])] } },
        empty: [],
        logged: /^Code actions failed: /,
      },
      {
        what: 'go to definition at a position that is null',
        method: 'textDocument/definition',
        params: { textDocument: { uri }, position: null },
        empty: [],
        logged: /^Go to definition failed: /,
      },
    ];
    for (const { what, method, params, empty, logged } of failing) {
      test(`${what}: an empty answer, the failure logged as an error, and later requests answered`, async () => {
        const answer = await client.request(method, params);
        assert.deepEqual(answer, empty);
        const log = await client.waitForLogMessage((m) => logged.test(m.message));
        assert.equal(log.type, MessageType.Error);
        await assertStillAnswers(client);
      });
    }

    test('no failure logged a secret value: not of the document, not of the request', () => {
      const logs = client.logMessages.map((m) => m.message).join('\n');
      assert.ok(logs.length > 0);
      for (const secret of secrets) assert.equal(logs.includes(secret), false, `a log message contains ${secret}`);
    });
  });

  describe('after malformed requests and notifications', () => {
    test('an unknown method is answered with "method not found", and the server goes on', async () => {
      await assert.rejects(client.request('flinksql/noSuchRequest', { textDocument: { uri } }), (error: { code?: number }) => error.code === -32601);
      await assertStillAnswers(client);
    });

    test('requests with parameters missing or of the wrong shape are answered (empty or with an error), and the server goes on', async () => {
      const malformed: [string, unknown][] = [
        ['textDocument/hover', null],
        ['textDocument/completion', {}],
        ['textDocument/documentSymbol', { textDocument: 'not an object' }],
        ['textDocument/codeAction', { textDocument: { uri } }],
        ['textDocument/formatting', { textDocument: { uri }, options: null }],
        ['textDocument/rename', { textDocument: { uri }, position: at(0, 20), newName: 42 }],
        ['workspace/symbol', { query: { not: 'a string' } }],
        ['flinksql/secretRanges', { textDocument: null }],
      ];
      for (const [method, params] of malformed) {
        // Either an answer or a JSON-RPC error: what matters is that one arrives and nothing breaks.
        await client.request(method, params).catch((error: { code?: number }) => assert.equal(typeof error.code, 'number', method));
      }
      await assertStillAnswers(client);
    });

    test('malformed notifications (an edit without a range, a close of an unknown document, an unknown method) are survived', async () => {
      const other = 'untitled:other.flink.sql';
      await client.open(other, text);
      await client.waitForDiagnostics(other, (p) => p.version === 1);
      await client.notify('textDocument/didChange', { textDocument: { uri: other, version: 2 }, contentChanges: [{ range: null, text: 'x' }] });
      await client.notify('textDocument/didChange', { textDocument: { uri: 'untitled:never-opened.sql', version: 2 }, contentChanges: [{ text: 'x' }] });
      await client.notify('textDocument/didClose', { textDocument: { uri: 'untitled:never-opened.sql' } });
      await client.notify('flinksql/noSuchNotification', {});
      await client.notify('textDocument/didOpen', null);
      // The document whose edit had no range still follows the next good edit.
      await client.change(other, 3, [{ text: `${text}\nCREATE CONNECTION late WITH ('type' = 'opneai');` }]);
      const published = await client.waitForDiagnostics(other, (p) => p.version === 3);
      assert.ok(published.diagnostics.some((d) => d.code === 'unknown-connection-type'), 'the new statement is analysed');
      await client.close(other);
      await assertStillAnswers(client);
    });

    test('messages that are not JSON-RPC (invalid JSON, no method, a response to nothing) are survived', async () => {
      client.sendRaw('{ this is not JSON');
      client.sendRaw('{"jsonrpc": "2.0", "id": 9001}');
      client.sendRaw('{"jsonrpc": "2.0", "id": 9002, "result": {}}');
      client.sendRaw('[1, 2, 3]');
      client.sendRaw('"just a string"');
      await assertStillAnswers(client);
      assert.ok(client.running);
    });
  });

  describe('after a document is closed while requests for it are in flight', () => {
    const closing = 'untitled:closing.flink.sql';

    test('each request gets its answer or an empty one, never an error, and later requests work', async () => {
      for (let round = 0; round < 5; round++) {
        await client.open(closing, text, 'flinksql', 1);
        const position = at(6, text.split('\n')[6]!.indexOf("'support-openai'") + 1);
        // Sent together, without waiting: the close arrives while the others are queued or running.
        const inFlight = [
          client.request<unknown>('textDocument/completion', { textDocument: { uri: closing }, position }),
          client.request<unknown>('textDocument/hover', { textDocument: { uri: closing }, position: at(1, 14) }),
          client.request<unknown>('flinksql/secretRanges', { textDocument: { uri: closing } }),
          client.request<unknown>('textDocument/codeAction', {
            textDocument: { uri: closing },
            range: { start: at(3, 2), end: at(3, 10) },
            context: { diagnostics: [unknownOptionDiagnostic({ start: at(3, 2), end: at(3, 10) })] },
          }),
          client.request<unknown>('textDocument/formatting', { textDocument: { uri: closing }, options: { tabSize: 2, insertSpaces: true } }),
          client.request<unknown>('textDocument/references', { textDocument: { uri: closing }, position, context: { includeDeclaration: true } }),
        ];
        const closed = client.close(closing);
        const answers = await Promise.all(inFlight);
        await closed;
        for (const answer of answers) assert.ok(answer === null || Array.isArray(answer) || typeof answer === 'object', JSON.stringify(answer));
        // Once closed, the document is unknown to every handler: empty answers.
        assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri: closing }, position }), []);
        assert.equal(await client.request('textDocument/hover', { textDocument: { uri: closing }, position: at(1, 14) }), null);
        assert.deepEqual(await client.request('flinksql/secretRanges', { textDocument: { uri: closing } }), []);
        await client.waitForDiagnostics(closing, (p) => p.version === undefined && p.diagnostics.length === 0);
      }
      await assertStillAnswers(client);
    });

    test('a document reopened under the same name is analysed afresh', async () => {
      await client.open(closing, "CREATE CONNECTION c WITH ('type' = 'opneai');", 'flinksql', 1);
      const published = await client.waitForDiagnostics(closing, (p) => p.version === 1 && p.diagnostics.some((d) => d.code === 'unknown-connection-type'));
      assert.ok(published.diagnostics.length > 0);
      const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: closing } });
      assert.deepEqual(
        symbols.map((s) => s.name),
        ['c'],
      );
      await client.close(closing);
    });
  });

  test('the server never failed outside a handler, and is still running', () => {
    assert.ok(client.running);
    assert.equal(client.stderr().includes('Unhandled'), false, client.stderr());
  });

  test('shutdown and exit end the process with code 0', async () => {
    await client.shutdown();
  });

  test('nothing the server sent contains a secret value', () => {
    assertNoSecretSent(client, secrets);
  });
});

describe('a message that is not JSON-RPC is not echoed into the log', () => {
  let client: LspClient;
  before(async () => {
    client = startServer();
    await client.initialize();
  });
  after(() => client.dispose());

  test('a request without a method, whose parameters hold a secret', async () => {
    const secret = 'sk-RESILIENCE-no-method';
    client.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 9001, params: { textDocument: { text: `'api-key' = '${secret}'` } } }));
    assert.deepEqual(await client.request('workspace/symbol', { query: 'x' }), []);
    assert.equal(client.everythingReceived().includes(secret), false, 'the server sent the secret back');
  });
});
