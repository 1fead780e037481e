/**
 * The built language server, driven over stdio by a real LSP client: initialization, incremental
 * edits, UTF-16 positions, references across documents and to the workspace's files on disk,
 * robustness against garbage, a clean shutdown, and no secret value in anything the server sends.
 *
 * Run `npm run build` first: these tests use server/dist/server.js.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  FileChangeType,
  MessageType,
  TextDocumentSyncKind,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { assertNoSecretSent, startServer, type LspClient } from '../helpers/lspClient';

/** Fake secret values. None of them may ever come back from the server. */
const secrets = {
  misspelled: 'sk-LEAKCHECK-123',
  brokenStatement: 'sk-LEAKCHECK-789',
  unicode: 'sk-LEAKCHECK-456',
  sharedPassword: 'sk-LEAKCHECK-mongo',
  diskPassword: 'sk-LEAKCHECK-disk',
  vendoredPassword: 'sk-LEAKCHECK-vendored',
  latePassword: 'sk-LEAKCHECK-late',
  sqlDocument: 'sk-LEAKCHECK-sql-language',
  normal: 'sk-LEAKCHECK-after-garbage',
};

/** A folder that is never created: documents in it exist only in the editor. */
const nowhere = path.join(tmpdir(), `flinksql-never-created-${process.pid}-${Date.now()}`);
const unsavedUri = (name: string): string => pathToFileURL(path.join(nowhere, name)).toString();

const range = (line: number, start: number, endLine: number, end: number): Range => ({
  start: { line, character: start },
  end: { line: endLine, character: end },
});

/** A diagnostic's message; this server always sends plain strings. */
function messageOf(diagnostic: Diagnostic): string {
  assert.equal(typeof diagnostic.message, 'string', 'the message is a plain string');
  return diagnostic.message as string;
}

const codesOf = (params: PublishDiagnosticsParams): string[] => params.diagnostics.map((d) => String(d.code));
const has = (code: string) => (params: PublishDiagnosticsParams) => codesOf(params).includes(code);
const byPosition = (a: Diagnostic, b: Diagnostic): number =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
const summary = (params: PublishDiagnosticsParams) =>
  [...params.diagnostics].sort(byPosition).map((d) => ({ code: d.code, range: d.range }));


describe('the language server over stdio', () => {
  let client: LspClient;
  before(() => {
    client = startServer();
  });
  after(() => client.dispose());

  test('initialize names the server and asks for incremental text sync', async () => {
    const result = await client.initialize();
    assert.equal(result.serverInfo?.name, 'flinksql-connections');
    const sync = result.capabilities.textDocumentSync;
    assert.equal(typeof sync === 'object' ? sync.change : sync, TextDocumentSyncKind.Incremental);
    assert.equal(typeof sync === 'object' ? sync.openClose : undefined, true);
  });

  describe('one document, edited incrementally', () => {
    const uri = unsavedUri('openai.flink.sql');
    const text = [
      'CREATE CONNECTION `my-openai` WITH (', //                         line 0
      "  'type' = 'openai',", //                                          line 1
      "  'endpoint' = 'https://api.openai.com/v1/chat/completions',", //  line 2
      `  'ap-key' = '${secrets.misspelled}'`, //                         line 3
      ');', //                                                            line 4
      '', //                                                              line 5
    ].join('\n');

    test("a misspelled 'ap-key' is reported at the key, with 'api-key' as the suggestion", async () => {
      await client.open(uri, text);
      const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      assert.equal(published.diagnostics.length, 1);
      const [diagnostic] = published.diagnostics;
      assert.equal(diagnostic!.code, 'unknown-option');
      assert.equal(diagnostic!.source, 'flinksql');
      assert.equal(diagnostic!.severity, DiagnosticSeverity.Error);
      assert.match(messageOf(diagnostic!), /Did you mean 'api-key'\?/);
      assert.deepEqual(diagnostic!.data, { code: 'unknown-option', key: 'ap-key', suggestion: 'api-key' });
      // `  'ap-key'`: the quoted key is characters 2 to 10 of line 3.
      assert.deepEqual(diagnostic!.range, range(3, 2, 3, 10));
    });

    test('an incremental edit that fixes the key clears the diagnostics of that version', async () => {
      // 'ap' -> 'api' inside the quotes.
      await client.change(uri, 2, [{ range: range(3, 3, 3, 5), text: 'api' }]);
      const published = await client.waitForDiagnostics(uri, (p) => p.version === 2);
      assert.deepEqual(published.diagnostics, []);
    });

    test('a syntax error in a second statement leaves the first statement analysed', async () => {
      // The second statement lacks the comma after 'openai'.
      const broken = `CREATE CONNECTION second WITH ('type' = 'openai' 'endpoint' = 'https://x', 'api-key' = '${secrets.brokenStatement}');\n`;
      await client.change(uri, 3, [{ range: range(5, 0, 5, 0), text: broken }]);
      const v3 = await client.waitForDiagnostics(uri, (p) => p.version === 3);
      // `CREATE CONNECTION second WITH (` is 31 characters, `'type' = 'openai' ` 18 more: the error is at the quote of 'endpoint'.
      assert.deepEqual(summary(v3), [{ code: 'syntax-error', range: range(5, 49, 5, 50) }]);
      assert.equal(messageOf(v3.diagnostics[0]!).includes('https://x'), false, 'a syntax error does not quote the statement');

      // Break the first statement again: both statements are reported.
      await client.change(uri, 4, [{ range: range(3, 3, 3, 6), text: 'ap' }]);
      const v4 = await client.waitForDiagnostics(uri, (p) => p.version === 4);
      assert.deepEqual(summary(v4), [
        { code: 'unknown-option', range: range(3, 2, 3, 10) },
        { code: 'syntax-error', range: range(5, 49, 5, 50) },
      ]);
    });

    test('several edits in one change are applied in order', async () => {
      await client.change(uri, 5, [
        { range: range(3, 3, 3, 5), text: 'api' }, // 'ap-key' -> 'api-key'
        { range: range(5, 48, 5, 48), text: ',' }, // the missing comma
      ]);
      const v5 = await client.waitForDiagnostics(uri, (p) => p.version === 5);
      assert.deepEqual(v5.diagnostics, []);
    });
  });

  test("a document of VS Code's sql language hears what the checker says about an unclosed secret, and nothing about other dialects", async () => {
    const uri = unsavedUri('mixed.sql');
    const text = [
      'SET search_path = app;', //                                                          line 0
      'CREATE TABLE pg (a int) WITH (fillfactor = 70);', //                                 line 1
      "CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x',", //          line 2
      `  'api-key' = '${secrets.sqlDocument}`, //                                          line 3
      ');', //                                                                              line 4
    ].join('\n');
    await client.open(uri, text, 'sql');
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    // The unclosed value runs to its line's end: from its quote (character 14) to character 14 + 1 + the secret.
    assert.deepEqual(summary(published), [{ code: 'syntax-error', range: range(3, 14, 3, 15 + secrets.sqlDocument.length) }]);
    assert.match(messageOf(published.diagnostics[0]!), /not closed/);
    // The same text as a Flink SQL document: the same diagnostic, and the older SET and the
    // PostgreSQL option list as well.
    const flinkUri = unsavedUri('mixed.flink.sql');
    await client.open(flinkUri, text);
    const flink = await client.waitForDiagnostics(flinkUri, (p) => p.version === 1);
    assert.deepEqual(codesOf(flink).sort(), ['syntax-error', 'syntax-error', 'unquoted-setting']);
    assert.ok(flink.diagnostics.some((d) => JSON.stringify(d.range) === JSON.stringify(published.diagnostics[0]!.range)));
  });

  test('ranges count UTF-16 code units when emoji and CJK come before the problem', async () => {
    const uri = unsavedUri('unicode.flink.sql');
    const line1 = `CREATE CONNECTION g COMMENT '要約モデル 🤖 客服' WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap-key' = '${secrets.unicode}');`;
    await client.open(uri, `-- 🧭 summaries\n${line1}\n`);
    // By hand: `CREATE CONNECTION g COMMENT '` is 29 units; 要約モデル 5 (one unit each); a space;
    // 🤖 2 (a surrogate pair); a space; 客服 2; `'` 1 -> 40 + 1 = 41. ` WITH (` 7 -> 48.
    // `'type' = 'openai', ` 19 -> 67. `'endpoint' = 'https://x', ` 26 -> 93.
    // (Counting code points would give 92, counting UTF-8 bytes 109.)
    const expectedStart = 93;
    assert.equal(line1.indexOf("'ap-key'"), expectedStart, 'the hand count agrees with JavaScript’s UTF-16 indexing');
    assert.equal([...line1.slice(0, expectedStart)].length, 92);
    assert.equal(Buffer.byteLength(line1.slice(0, expectedStart)), 109);

    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(summary(published), [{ code: 'unknown-option', range: range(1, expectedStart, 1, expectedStart + 8) }]);
    await client.close(uri);
    await client.waitForDiagnostics(uri, (p) => p.version === undefined && p.diagnostics.length === 0);
  });

  describe('references across open documents', () => {
    const definingUri = unsavedUri('shared-connection.flink.sql');
    const usingUri = unsavedUri('table.flink.sql');
    const definition = `CREATE CONNECTION shared_conn WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = '${secrets.sharedPassword}');\n`;
    const table = [
      'CREATE TABLE kb (',
      '  chunk STRING',
      ') WITH (',
      "  'connector' = 'mongodb',",
      "  'mongodb.connection' = 'shared_conn',", // line 4
      "  'mongodb.database' = 'db',",
      "  'mongodb.collection' = 'c'",
      ');',
    ].join('\n');

    test('a table finds the connection another open document creates', async () => {
      await client.open(definingUri, definition);
      assert.deepEqual((await client.waitForDiagnostics(definingUri)).diagnostics, []);
      await client.open(usingUri, table);
      const published = await client.waitForDiagnostics(usingUri, (p) => p.version === 1);
      assert.deepEqual(published.diagnostics, []);
    });

    test('closing the unsaved defining document makes the reference unknown', async () => {
      await client.close(definingUri);
      const published = await client.waitForDiagnostics(usingUri, has('unknown-connection'));
      assert.equal(published.diagnostics.length, 1);
      const [diagnostic] = published.diagnostics;
      assert.equal(diagnostic!.severity, DiagnosticSeverity.Information);
      assert.equal(diagnostic!.source, 'flinksql');
      assert.match(messageOf(diagnostic!), /No CREATE CONNECTION for 'shared_conn'/);
      // `  'mongodb.connection' = '` is 26 characters; the name is 11.
      assert.deepEqual(diagnostic!.range, range(4, 26, 4, 37));
    });

    test('closing a document publishes an empty list for it', async () => {
      await client.close(usingUri);
      const cleared = await client.waitForDiagnostics(usingUri, (p) => p.diagnostics.length === 0);
      assert.equal(cleared.version, undefined);
    });
  });

  describe('garbage does not take the server down', () => {
    let seed = 20250101;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 8;
    };
    /** Any UTF-16 code unit: NULs, control characters, lone surrogates. */
    const randomCodeUnits = (length: number): string =>
      Array.from({ length }, () => String.fromCharCode(random() % 0x10000)).join('');
    const tokens = ['CREATE ', 'CONNECTION ', 'TABLE ', 'WITH ', '(', ')', "'", '`', '"', ',', ' = ', ';', '/*', '*/', '--', '\t', 'x'];
    const oneMegabyteLine = (): string => {
      const parts: string[] = [];
      let length = 0;
      while (length < 1024 * 1024) {
        const token = tokens[random() % tokens.length]!;
        parts.push(token);
        length += token.length;
      }
      return parts.join('');
    };
    const garbage: Record<string, string> = {
      'random code units': randomCodeUnits(64 * 1024),
      'random bytes read as Latin-1': Buffer.from(Array.from({ length: 64 * 1024 }, () => random() % 256)).toString('latin1'),
      'unmatched quotes': `CREATE CONNECTION 'x WITH ("type = 'openai\n\`weird\n"still open\nCREATE CONNECTION y WITH ('type' = 'openai`,
      'an unclosed comment': `CREATE CONNECTION c WITH ('type' = 'openai') /*`,
      'only an unclosed comment': '/*',
      'a 1 MB line': oneMegabyteLine(),
    };

    for (const [what, text] of Object.entries(garbage)) {
      test(`${what}: diagnostics are published`, async () => {
        const uri = unsavedUri(`garbage-${what.replace(/\W+/g, '-')}.flink.sql`);
        await client.open(uri, text);
        await client.waitForDiagnostics(uri, (p) => p.version === 1);
        // An edit far outside the document (a confused client) is survived too.
        await client.change(uri, 2, [{ range: range(100_000, 5, 100_001, 0), text: "'" }]);
        await client.waitForDiagnostics(uri, (p) => p.version === 2);
        await client.close(uri);
      });
    }

    test('a normal document after the garbage is still analysed', async () => {
      const uri = unsavedUri('after-garbage.flink.sql');
      await client.open(
        uri,
        `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap-key' = '${secrets.normal}');`,
      );
      const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      assert.deepEqual(summary(published), [{ code: 'unknown-option', range: range(0, 71, 0, 79) }]);
      assert.ok(client.running);
      const errors = client.logMessages.filter((m) => m.type === MessageType.Error).map((m) => m.message);
      assert.deepEqual(errors, [], 'no analysis failed');
      await client.close(uri);
    });
  });

  test('shutdown and exit end the process with code 0', async () => {
    await client.shutdown();
  });

  test('nothing the server sent contains a secret value', () => {
    assertNoSecretSent(client, Object.values(secrets));
  });
});

describe('the workspace index', () => {
  let client: LspClient;
  let folder: string;
  const write = (relative: string, text: string): string => {
    const file = path.join(folder, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  const mongodbConnection = (name: string, password: string) =>
    `CREATE CONNECTION ${name} WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = '${password}');\n`;
  const tableUsing = (name: string) =>
    `CREATE TABLE t_${name} (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = '${name}', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');\n`;
  const unknownNames = (params: PublishDiagnosticsParams): string[] =>
    params.diagnostics
      .filter((d) => d.code === 'unknown-connection')
      .map((d) => String((d.data as { name?: unknown } | undefined)?.name))
      .sort();
  const unknownAre = (...names: string[]) => (params: PublishDiagnosticsParams) =>
    JSON.stringify(unknownNames(params)) === JSON.stringify([...names].sort());

  let uri: string;

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'flinksql-workspace-'));
    write('defs.sql', `-- Shared connections\n${mongodbConnection('disk_conn', secrets.diskPassword)}`);
    // Folders such as node_modules are never indexed.
    write('node_modules/some-package/vendored.sql', mongodbConnection('vendored_conn', secrets.vendoredPassword));
    uri = pathToFileURL(path.join(folder, 'pipelines', 'uses.sql')).toString(); // never saved
    client = startServer();
  });
  after(() => {
    client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  test('a connection in a workspace file resolves a reference in an open document', async () => {
    await client.initialize(folder);
    await client.open(uri, tableUsing('disk_conn') + tableUsing('vendored_conn') + tableUsing('late_conn'));
    await client.waitForLogMessage((m) => /^Indexed 1 SQL file\(s\) in 1 workspace folder\(s\)\.$/.test(m.message));
    // Until the index is read the document may report all three; once it is, only the other two.
    const published = await client.waitForDiagnostics(uri, unknownAre('late_conn', 'vendored_conn'));
    assert.deepEqual(unknownNames(published), ['late_conn', 'vendored_conn']);
    assert.ok(published.diagnostics.every((d) => d.code === 'unknown-connection'));
  });

  test('the server asks to watch SQL files', () => {
    assert.ok(client.requestsFromServer.includes('client/registerCapability'));
    assert.deepEqual(
      client.registrations.map((r) => r.method),
      ['workspace/didChangeWatchedFiles'],
    );
  });

  test('a file created and then deleted on disk is picked up from the watcher', async () => {
    const file = write('later/late.fsql', mongodbConnection('late_conn', secrets.latePassword));
    const fileUri = pathToFileURL(file).toString();
    await client.filesChanged([{ uri: fileUri, type: FileChangeType.Created }]);
    await client.waitForDiagnostics(uri, unknownAre('vendored_conn'));

    unlinkSync(file);
    await client.filesChanged([{ uri: fileUri, type: FileChangeType.Deleted }]);
    await client.waitForDiagnostics(uri, unknownAre('late_conn', 'vendored_conn'));
  });

  test('closing the document clears its diagnostics', async () => {
    await client.close(uri);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  });

  test('shutdown and exit end the process with code 0', async () => {
    await client.shutdown();
  });

  test('nothing the server sent contains a secret value', () => {
    assertNoSecretSent(client, Object.values(secrets));
  });
});
