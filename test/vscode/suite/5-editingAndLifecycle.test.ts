/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import {
  codeOf,
  extensionApi,
  type FlinkSqlExtensionApi,
  fixtureUri,
  flinkDiagnostics,
  rangeOf,
  replace,
  revert,
  sameTuples,
  showFixture,
  tuples,
  waitFor,
} from './helpers';

type SecretMaskingApi = NonNullable<FlinkSqlExtensionApi['secretMasking']>;

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const same = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);

/** A statement whose only problem is its type: appended to a document, its diagnostic shows the server has analysed that version. */
const SENTINEL = `CREATE CONNECTION sentinel WITH ('type' = 'opneai', 'endpoint' = 'https://api.openai.com/v1/embeddings', 'api-key' = '{{sessionconfig/sql.secrets.sentinel}}');`;

/** A new untitled flinksql document in the active editor. */
async function showUntitled(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'flinksql', content });
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Closes an untitled document without saving it. */
async function closeUntitled(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** The pids of the language servers this extension host started (its own children, not any other VS Code's). */
function serverPids(): number[] {
  try {
    const out = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'server/dist/server.js'], { encoding: 'utf8' });
    return out.split(/\s+/).filter((s) => s !== '').map(Number);
  } catch {
    return []; // pgrep exits with 1 when nothing matches
  }
}

suite('Editing and lifecycle', () => {
  let masking: SecretMaskingApi | undefined;

  suiteSetup(async () => {
    masking = (await extensionApi())?.secretMasking;
  });

  /** Waits until the masked ranges of `uri` are exactly the server's (and not empty), and returns them. */
  async function maskedEqualsServer(uri: vscode.Uri, what: string, accept: (masked: vscode.Range[]) => boolean = () => true): Promise<vscode.Range[]> {
    const api = masking!;
    let server: vscode.Range[] = [];
    return waitFor(
      what,
      async () => {
        server = await api.serverSecretRanges(uri);
        const masked = api.maskedRanges(uri);
        return server.length > 0 && sameTuples(tuples(masked), tuples(server)) && accept(masked) && masked;
      },
      { lastSeen: () => ({ masked: tuples(api.maskedRanges(uri)), server: tuples(server) }) },
    );
  }

  test('every preferred quick fix, applied, fixes its line and clears its diagnostic', async () => {
    const { document } = await showFixture('fixes.flink.sql');
    const expected: { code: string; title: string; line: number; before: string; after: string }[] = [
      {
        code: 'unknown-option',
        title: "Rename to 'api-key'",
        line: 5,
        before: `    'ap-key' = '{{sessionconfig/sql.secrets.fixture_fix_key}}'`,
        after: `    'api-key' = '{{sessionconfig/sql.secrets.fixture_fix_key}}'`,
      },
      { code: 'unknown-connection-type', title: "Change type to 'openai'", line: 10, before: `    'type' = 'opneai',`, after: `    'type' = 'openai',` },
    ];
    try {
      await waitFor('both mistakes of fixes.flink.sql', () => same(flinkDiagnostics(document), [`unknown-connection-type@10:13 "'opneai'"`, `unknown-option@5:4 "'ap-key'"`]), {
        lastSeen: () => flinkDiagnostics(document),
      });
      for (const fix of expected) {
        assert.equal(document.lineAt(fix.line).text, fix.before);
        const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'flinksql' && codeOf(d) === fix.code);
        assert.ok(diagnostic, `no ${fix.code} diagnostic: ${JSON.stringify(flinkDiagnostics(document))}`);
        const actions = await waitFor(`code actions for ${fix.code}`, async () => {
          const found = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
          return found.length > 0 && found;
        });
        const preferred = actions.filter((a): a is vscode.CodeAction => 'isPreferred' in a && a.isPreferred === true);
        assert.deepEqual(
          preferred.map((a) => a.title),
          [fix.title],
          `preferred actions for ${fix.code}; all: ${JSON.stringify(actions.map((a) => a.title))}`,
        );
        const action = preferred[0]!;
        assert.ok(action.edit, `${action.title} has no edit`);
        assert.ok(await vscode.workspace.applyEdit(action.edit), `${action.title} was not applied`);
        assert.equal(document.lineAt(fix.line).text, fix.after);
        await waitFor(`the ${fix.code} diagnostic to go away`, () => !flinkDiagnostics(document).some((d) => d.startsWith(`${fix.code}@`)), {
          lastSeen: () => flinkDiagnostics(document),
        });
      }
      await waitFor('no diagnostics left in fixes.flink.sql', () => flinkDiagnostics(document).length === 0, { lastSeen: () => flinkDiagnostics(document) });
    } finally {
      await revert(document);
    }
    await waitFor('the mistakes to come back after the revert', () => flinkDiagnostics(document).length === 2, { lastSeen: () => flinkDiagnostics(document) });
  });

  test('Insert connection (bedrock) inserts a complete statement whose defaults are valid', async () => {
    const { document } = await showUntitled('');
    try {
      await vscode.commands.executeCommand('flinksql.insertConnection', { type: 'bedrock' });
      const text = await waitFor('the snippet to be inserted', () => document.getText().includes('CREATE CONNECTION') && document.getText(), {
        lastSeen: () => document.getText(),
      });
      for (const part of ['CREATE CONNECTION', `'type' = 'bedrock'`, `'aws-access-key'`]) assert.ok(text.includes(part), `no ${part} in ${JSON.stringify(text)}`);
      // Diagnostics settle: with a sentinel mistake appended, it is the only diagnostic; without it, none.
      const end = document.lineAt(document.lineCount - 1).range.end;
      await replace(document, new vscode.Range(end, end), `\n${SENTINEL}\n`);
      const sentinelLine = document.lineCount - 2;
      await waitFor('only the sentinel diagnostic', () => same(flinkDiagnostics(document), [`unknown-connection-type@${sentinelLine}:42 "'opneai'"`]), {
        lastSeen: () => flinkDiagnostics(document),
      });
      await replace(document, new vscode.Range(end, document.lineAt(document.lineCount - 1).range.end), '');
      assert.equal(document.getText(), text);
      await waitFor('no diagnostics for the inserted statement', () => flinkDiagnostics(document).length === 0, { lastSeen: () => flinkDiagnostics(document) });
    } finally {
      await closeUntitled(document);
    }
  });

  test('completion at the start of an empty line offers a CREATE CONNECTION snippet per type', async () => {
    const { document } = await showUntitled('');
    try {
      const items = await waitFor('statement completions', async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 0));
        return list.items.some((i) => labelOf(i).startsWith('CREATE CONNECTION ')) && list.items;
      });
      for (const type of ['openai', 'anthropic', 'bedrock', 'mongodb', 'mcp_server']) {
        const item = items.find((i) => labelOf(i).startsWith('CREATE CONNECTION ') && i.detail === `'type' = '${type}'`);
        assert.ok(
          item,
          `no CREATE CONNECTION snippet for ${type} in ${JSON.stringify(items.map((i) => [labelOf(i), i.detail]))}`,
        );
      }
    } finally {
      await closeUntitled(document);
    }
  });

  test('the outline lists the connections with their type as detail', async () => {
    for (const [fixture, expected] of [
      ['connections.flink.sql', [['fixture-openai', 'openai']]],
      [
        'secrets.flink.sql',
        [
          ['fixture-secret-openai', 'openai'],
          ['fixture-secret-mongo', 'mongodb'],
          ['fixture-secret-typo', 'openai'],
        ],
      ],
    ] as const) {
      const { document } = await showFixture(fixture);
      const symbols = await waitFor(`document symbols of ${fixture}`, async () => {
        const found = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', document.uri);
        return found && found.length > 0 && found;
      });
      const got = symbols.map((s) => [s.name, 'detail' in s ? s.detail : '(no detail)']);
      assert.deepEqual(got, expected.map((e) => [...e]), `symbols of ${fixture}`);
    }
  });

  test('rename a connection: the edit touches the file that defines it and the file that uses it', async () => {
    const { document: definitions } = await showFixture('connections.flink.sql');
    const uses = await vscode.workspace.openTextDocument(fixtureUri('models.sql'));
    try {
      const position = rangeOf(definitions, 'fixture-openai').start.translate(0, 3);
      const edit = await waitFor('a rename edit', async () => {
        const found = await vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', definitions.uri, position, 'fixture-renamed');
        return found && found.size > 0 && found;
      });
      const touched = edit
        .entries()
        .map(([uri]) => uri.toString())
        .sort();
      assert.deepEqual(touched, [definitions.uri.toString(), uses.uri.toString()].sort());
      assert.ok(await vscode.workspace.applyEdit(edit), 'the rename was not applied');
      for (const document of [definitions, uses]) {
        assert.ok(document.getText().includes('fixture-renamed'), `${document.uri.path} lacks the new name:\n${document.getText()}`);
        assert.ok(!document.getText().includes('fixture-openai'), `${document.uri.path} still has the old name:\n${document.getText()}`);
      }
    } finally {
      await revert(uses);
      await revert(definitions);
    }
    assert.ok(definitions.getText().includes('fixture-openai') && uses.getText().includes('fixture-openai'));
  });

  test('masking follows editor switches: back on the secrets file, its secrets are masked as the server says', async function () {
    if (!masking) this.skip();
    const { document } = await showFixture('secrets.flink.sql');
    const before = tuples(await maskedEqualsServer(document.uri, 'masked = server ranges before switching'));
    await showFixture('connections.flink.sql');
    await waitFor('the secrets file to be hidden', () => masking!.maskedRanges(document.uri).length === 0);
    await vscode.window.showTextDocument(document, { preview: false });
    const after = await maskedEqualsServer(document.uri, 'masked = server ranges after switching back');
    assert.deepEqual(tuples(after), before);
  });

  test('flinksql.secrets.maskUsernames takes effect without a reload, and so does resetting it', async function () {
    if (!masking) this.skip();
    const { document } = await showFixture('secrets.flink.sql');
    const user = rangeOf(document, 'fixture-user');
    const masksUser = (ranges: readonly vscode.Range[]) => ranges.some((r) => r.contains(user));
    const config = vscode.workspace.getConfiguration('flinksql.secrets');
    const before = await maskedEqualsServer(document.uri, 'masked = server ranges, user names shown', (m) => !masksUser(m));
    try {
      await config.update('maskUsernames', true, vscode.ConfigurationTarget.Global);
      await maskedEqualsServer(document.uri, 'the user name masked, as the server says', masksUser);
    } finally {
      await config.update('maskUsernames', undefined, vscode.ConfigurationTarget.Global);
    }
    const after = await maskedEqualsServer(document.uri, 'the user name shown again, as the server says', (m) => !masksUser(m));
    assert.deepEqual(tuples(after), tuples(before));
  });

  // Last: it restarts the language server.
  test('the language server is restarted after it is killed, and diagnoses edits again', async () => {
    const { document } = await showFixture('secrets.flink.sql');
    await waitFor('the fixture diagnostic', () => same(flinkDiagnostics(document), [`unknown-option@21:4 "'ap-key'"`]), { lastSeen: () => flinkDiagnostics(document) });
    const pids = serverPids();
    assert.equal(pids.length, 1, `language server processes under the extension host (${process.pid}): ${JSON.stringify(pids)}`);
    const killed = pids[0]!;
    process.kill(killed, 'SIGKILL');
    await waitFor('the killed server to be gone', () => !serverPids().includes(killed), { lastSeen: serverPids });
    const restarted = await waitFor('a new language server process', () => serverPids().find((pid) => pid !== killed), { timeoutMs: 30_000, lastSeen: serverPids });
    console.log(`    language server ${killed} killed; restarted as ${restarted}`);
    try {
      const typo = rangeOf(document, `'ap-key' = 'sk-FIXTURE-SECRET-3'`).start;
      await replace(document, new vscode.Range(typo, typo.translate(0, `'ap-key'`.length)), `'api-kee'`);
      await waitFor('a diagnostic of the edited text from the restarted server', () => same(flinkDiagnostics(document), [`unknown-option@21:4 "'api-kee'"`]), {
        timeoutMs: 30_000,
        lastSeen: () => flinkDiagnostics(document),
      });
    } finally {
      await revert(document);
    }
    await waitFor('the fixture diagnostic after the revert', () => same(flinkDiagnostics(document), [`unknown-option@21:4 "'ap-key'"`]), {
      lastSeen: () => flinkDiagnostics(document),
    });
  });

  // Last of all: it stops the language server for good.
  test('a server that keeps crashing is given up on, and Insert Connection then says so instead of failing', async function () {
    this.timeout(120_000);
    const editor = await showFixture('secrets.flink.sql');
    const masking: SecretMaskingApi = (await extensionApi())!.secretMasking!;
    let kills = 0;
    for (;;) {
      const pid = await waitFor('a language server process', () => serverPids()[0], { timeoutMs: 30_000, lastSeen: serverPids });
      // Crash a server that runs (one killed while it starts is a failed start, which is given up on at once).
      await waitFor('the server to answer', () => masking.serverSecretRanges(editor.document.uri).then(() => true), { timeoutMs: 30_000 });
      process.kill(pid, 'SIGKILL');
      kills++;
      await waitFor('the killed server to be gone', () => !serverPids().includes(pid), { lastSeen: serverPids });
      // Restarted within seconds, or given up on.
      const next = await waitFor('a restarted server', () => serverPids()[0], { timeoutMs: 8_000 }).catch(() => undefined);
      if (next === undefined) break;
      assert.ok(kills <= 6, `the client restarts at most 5 times in 3 minutes (killed ${kills} times)`);
    }
    console.log(`    the client gave up after ${kills} kills in this test`);
    const before = editor.document.getText();
    // Rejects (VS Code's "command failed") if the command sends its request to the stopped client.
    await vscode.commands.executeCommand('flinksql.insertConnection', { type: 'openai' });
    assert.equal(editor.document.getText(), before, 'nothing inserted');
  });
});
