/**
 * The server with a workspace folder's flinksql.json (rules, ignored files, a broken file reported on
 * itself, a change picked up; catalogue additions checked, masked, completed and hovered; fix-all under
 * the rules), and the progress it shows while it reads a large workspace.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import type { CodeAction, CompletionItem, CompletionList, Hover, Range } from 'vscode-languageserver-types';
import { LspClient } from '../helpers/lspClient';
import { secretRangesRequest } from '../../server/src/protocol';

const typo = (name: string) => `CREATE CONNECTION ${name} WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key' = 'k');\n`;
/** Writes `text` to the file `relative` in `folder` (making its folders); returns its URI. */
function writeIn(folder: string, relative: string, text: string): string {
  const file = path.join(folder, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return pathToFileURL(file).toString();
}

const codes = (params: { diagnostics: { code?: unknown }[] }) => params.diagnostics.map((d) => String(d.code)).sort();

describe('flinksql.json in a workspace folder', () => {
  let folder: string;
  let client: LspClient;
  const write = (relative: string, text: string) => writeIn(folder, relative, text);

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'flinksql-config-'));
    write('flinksql.json', JSON.stringify({ rules: { 'unknown-option': 'warning', 'option-not-alterable': 'off' }, ignore: ['generated/**'] }));
    client = new LspClient();
    await client.initialize(folder);
  });
  after(() => {
    client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  test('its rules set severities and turn codes off; its ignored files get no diagnostics', async () => {
    const uri = write('a.sql', `${typo('a')}ALTER CONNECTION a SET ('type' = 'rest');\n`);
    await client.open(uri, `${typo('a')}ALTER CONNECTION a SET ('type' = 'rest');\n`);
    const published = await client.waitForDiagnostics(uri, (p) => codes(p).join() === 'unknown-option' && p.diagnostics[0]!.severity === 2);
    assert.equal(published.diagnostics.length, 1);
    const ignored = write('generated/b.sql', typo('b'));
    await client.open(ignored, typo('b'));
    await client.waitForDiagnostics(ignored, (p) => p.diagnostics.length === 0);
  });

  test('a broken file is reported on itself, and turns nothing off; fixing it brings its rules back', async () => {
    const config = write('flinksql.json', '{ "rules": { "unknown-option": "of" } }');
    await client.filesChanged([{ uri: config, type: FileChangeType.Changed }]);
    const reported = await client.waitForDiagnostics(config, (p) => p.diagnostics.length > 0);
    assert.equal(reported.diagnostics[0]!.code, 'invalid-configuration');
    assert.match(String(reported.diagnostics[0]!.message), /"unknown-option" takes "off", "information", "warning" or "error"\. Until it is fixed, every rule applies as built in\./);
    assert.deepEqual(reported.diagnostics[0]!.range.start, { line: 0, character: 13 });
    const uri = pathToFileURL(path.join(folder, 'a.sql')).toString();
    await client.waitForDiagnostics(uri, (p) => codes(p).join() === 'option-not-alterable,unknown-option' && p.diagnostics.every((d) => d.severity !== 2 || d.code !== 'unknown-option'));

    write('flinksql.json', JSON.stringify({ rules: { 'unknown-option': 'off' } }));
    await client.filesChanged([{ uri: config, type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(config, (p) => p.diagnostics.length === 0);
    await client.waitForDiagnostics(uri, (p) => codes(p).join() === 'option-not-alterable');
  });
});

describe("flinksql.json's catalogue, ignored files and fix-all in a workspace folder", () => {
  let folder: string;
  let client: LspClient;
  const write = (relative: string, text: string) => writeIn(folder, relative, text);
  const catalogue = {
    connectionTypes: {
      snowflake: {
        displayName: 'Snowflake',
        endpoint: { example: 'https://<account>.snowflakecomputing.com' },
        authMethods: ['basic'],
        keys: { passphrase: { description: 'The private key passphrase.', secret: 'always' }, warehouse: { description: 'The warehouse queries run in.' } },
        requiredKeys: ['warehouse'],
      },
    },
  };
  const configuration = (more: object = {}) => JSON.stringify({ rules: { 'unknown-option': 'off' }, ignore: ['generated/**'], catalogue, ...more });
  const snowflake =
    "CREATE CONNECTION s WITH (\n  'type' = 'snowflake',\n  'endpoint' = 'https://acme.snowflakecomputing.com',\n  'username' = 'u',\n  'password' = 'PW-PROTOCOL-1',\n  'warehouse' = 'w',\n  'passphrase' = 'PASSPHRASE-PROTOCOL-1'\n);\n";

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'flinksql-catalogue-'));
    write('flinksql.json', configuration());
    // A generated, ignored file defines the connection another file's model names.
    write('generated/connections.sql', "CREATE CONNECTION gen WITH ('type' = 'openai', 'endpoint' = 'ftp://x', 'api-key' = 'k');\n");
    client = new LspClient();
    await client.initialize(folder);
    await client.waitForLogMessage((m) => /^Indexed \d+ SQL file/.test(m.message));
  });
  after(() => {
    client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  test("an added type is checked like a built-in one; its secret key is masked; its keys are completed and hovered", async () => {
    const uri = write('s.sql', snowflake);
    await client.open(uri, snowflake);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);

    const ranges = await client.request<Range[]>(secretRangesRequest, { textDocument: { uri } });
    const lines = snowflake.split('\n');
    const masked = ranges.map((r) => lines[r.start.line]!.slice(r.start.character, r.end.character));
    assert.deepEqual(masked, ['PW-PROTOCOL-1', 'PASSPHRASE-PROTOCOL-1']);

    const hovered = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 5 } });
    assert.match(JSON.stringify(hovered.contents), /passphrase.*The private key passphrase\..*Secret/);

    const typing = "CREATE CONNECTION t WITH ('type' = 'snowflake', '');\n";
    const other = write('t.sql', typing);
    await client.open(other, typing);
    const completed = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri: other }, position: { line: 0, character: typing.indexOf("'')") + 1 } });
    const labels = (Array.isArray(completed) ? completed : completed.items).map((i) => i.label);
    for (const key of ['endpoint', 'username', 'password', 'warehouse', 'passphrase']) assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
  });

  test('an ignored file gets no diagnostics, open or not, and its CREATE statements still define names for other files', async () => {
    const model = "CREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'gen');\n";
    const uri = write('model.sql', model);
    await client.open(uri, model);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    const generated = pathToFileURL(path.join(folder, 'generated/connections.sql')).toString();
    await client.open(generated, "CREATE CONNECTION gen WITH ('type' = 'openai', 'endpoint' = 'ftp://x', 'api-key' = 'k');\n");
    await client.waitForDiagnostics(generated, (p) => p.diagnostics.length === 0);
    // Edited while open, it still defines the name (now of another type, which the model's key does not take).
    await client.change(generated, 2, [{ text: "CREATE CONNECTION gen WITH ('type' = 'rest', 'endpoint' = 'ftp://x');\n" }]);
    await client.waitForDiagnostics(uri, (p) => codes(p).join() === 'connection-type-mismatch');
    assert.deepEqual(client.latestDiagnostics(generated)?.diagnostics, []);
  });

  test('fix-all leaves alone what a rule turns off', async () => {
    const text = "CREATE CONNECTION c WITH ('type' = 'opnai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key' = 'k');\n";
    const uri = write('fix.sql', text);
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (p) => codes(p).join() === 'unknown-connection-type');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.flinksql'] },
    });
    const edits = (actions[0]?.edit?.documentChanges?.[0] as { edits: { newText: string }[] } | undefined)?.edits ?? [];
    // The type is fixed; 'ap-key' (unknown-option is off) is not renamed.
    assert.deepEqual(edits.map((e) => e.newText), ['openai']);
  });

  test('a change to the catalogue is read again and the open documents are checked again; a broken one is reported where it is wrong', async () => {
    const uri = pathToFileURL(path.join(folder, 's.sql')).toString();
    const config = write('flinksql.json', configuration({ catalogue: { connectionTypes: { snowflake: { ...catalogue.connectionTypes.snowflake, requiredKeys: ['role'] } } } }));
    await client.filesChanged([{ uri: config, type: FileChangeType.Changed }]);
    const reported = await client.waitForDiagnostics(config, (p) => p.diagnostics.length > 0);
    assert.match(String(reported.diagnostics[0]!.message), /^"role" is listed in "requiredKeys" but is not a key of connection type "snowflake" \(give it in "keys"\)\. Until it is fixed, every rule applies as built in\.$/);
    const text = JSON.stringify(JSON.parse(configuration({ catalogue: { connectionTypes: { snowflake: { ...catalogue.connectionTypes.snowflake, requiredKeys: ['role'] } } } })));
    assert.equal(reported.diagnostics[0]!.range.start.character, text.indexOf('"requiredKeys"'));
    // Until it is fixed, the type is unknown again (and unknown-option counts again).
    await client.waitForDiagnostics(uri, (p) => codes(p).join() === 'unknown-connection-type');

    write('flinksql.json', configuration());
    await client.filesChanged([{ uri: config, type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(config, (p) => p.diagnostics.length === 0);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  });
});

describe('reading a large workspace', () => {
  let folder: string;
  let client: LspClient;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'flinksql-large-'));
    const statement = (i: number, j: number) =>
      `CREATE CONNECTION c_${i}_${j} WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = 'p');\nCREATE TABLE t_${i}_${j} (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'c_${i}_${j}', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');\n`;
    // 160,000 statements: reading them takes well over half a second, also now that files are read synchronously.
    for (let i = 0; i < 1000; i++) writeFileSync(path.join(folder, `f${i}.sql`), Array.from({ length: 80 }, (_, j) => statement(i, j)).join(''));
  });
  after(() => {
    client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  test('shows its progress when it takes longer than half a second, and ends it', async () => {
    client = new LspClient();
    await client.initialize(folder);
    // From `initialized`, not from the server's start: reading begins 300 ms after it.
    const started = Date.now();
    await client.waitForLogMessage((m) => /^Indexed 1000 SQL file\(s\)/.test(m.message), 120_000);
    const took = Date.now() - started;
    const kinds = client.progress.map((p) => p.value.kind);
    if (took < 1_000) {
      // Too fast to show progress on this machine: nothing was shown, or all of it was.
      assert.ok(kinds.length === 0 || (kinds[0] === 'begin' && kinds.at(-1) === 'end'), JSON.stringify(kinds));
      return;
    }
    assert.ok(client.requestsFromServer.includes('window/workDoneProgress/create'), `no progress asked for in ${took} ms`);
    // The end may come just after the log line.
    for (let i = 0; i < 50 && client.progress.at(-1)?.value.kind !== 'end'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(client.progress[0]?.value.kind, 'begin');
    assert.match(client.progress[0]!.value.title!, /reading the workspace/);
    assert.equal(client.progress.at(-1)?.value.kind, 'end');
    assert.ok(client.progress.some((p) => /of 1000 SQL files/.test(p.value.message ?? '')));
  });
});
