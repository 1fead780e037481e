/**
 * The server with a workspace folder's flinksql.json (rules, ignored files, a broken file reported on
 * itself, a change picked up), and the progress it shows while it reads a large workspace.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';

const typo = (name: string) => `CREATE CONNECTION ${name} WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key' = 'k');\n`;
const codes = (params: { diagnostics: { code?: unknown }[] }) => params.diagnostics.map((d) => String(d.code)).sort();

describe('flinksql.json in a workspace folder', () => {
  let folder: string;
  let client: LspClient;
  const write = (relative: string, text: string) => {
    const file = path.join(folder, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return pathToFileURL(file).toString();
  };

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

describe('reading a large workspace', () => {
  let folder: string;
  let client: LspClient;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'flinksql-large-'));
    const statement = (i: number, j: number) =>
      `CREATE CONNECTION c_${i}_${j} WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = 'p');\nCREATE TABLE t_${i}_${j} (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'c_${i}_${j}', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');\n`;
    for (let i = 0; i < 1000; i++) writeFileSync(path.join(folder, `f${i}.sql`), Array.from({ length: 20 }, (_, j) => statement(i, j)).join(''));
  });
  after(() => {
    client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  test('shows its progress when it takes longer than half a second, and ends it', async () => {
    client = new LspClient();
    const started = Date.now();
    await client.initialize(folder);
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
