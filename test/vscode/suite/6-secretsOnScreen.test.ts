/// <reference types="mocha" />
/**
 * Secrets never on screen, read off the screen itself: the rendered text of the workbench is checked
 * every 10 ms and on every change of its DOM while a person's actions run (open, switch tabs, split,
 * page through a big file, retype a key, open the suggestion list), and no part of a secret value may
 * show, for any time at all.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { extensionApi, fixtureUri, rangeOf, revert, waitFor } from './helpers';
import { focusEditor, press, type ScreenReport, screenAvailable, secretParts, sleep, type, watchWhile } from './screen';

const A_SECRETS = ['sk-Zq8RvT3nW2pLxA', 'Hm4Kd9Xa7QeB', 'Jt6Wc2Ny8RuC'];
const B_SECRETS = ['tok-Pv5Gs1Lb9YtD', 'tok-Qf3Ux7Mz2KwE'];
const NEEDLES = secretParts([...A_SECRETS, ...B_SECRETS]);

/** Fails with what was seen, where and when, unless nothing was. */
function assertNeverShown(report: ScreenReport, what: string): void {
  console.log(`      [screen] ${what}: secrets drawn ${report.visibleMs} ms, in the rendered text ${report.inTextMs} ms (${report.checks} checks over ${report.watchedMs} ms)`);
  assert.ok(report.checks > 10, `the screen was read only ${report.checks} times`);
  assert.deepEqual(report.sightings, [], `${what}: a secret was on screen for ${report.visibleMs} ms`);
}

async function open(name: string, options: vscode.TextDocumentShowOptions = {}): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document, { preview: false, ...options });
}

suite('Secrets on screen', () => {
  let masking: NonNullable<Awaited<ReturnType<typeof extensionApi>>>['secretMasking'];

  suiteSetup(async function () {
    if (!screenAvailable()) {
      const banner = '!'.repeat(100);
      console.log(`\n${banner}\n!!! SKIPPING the on-screen tests: no FLINKSQL_SCREEN_URL (they need the code-server shim's browser).\n${banner}\n`);
      this.skip();
    }
    masking = (await extensionApi())?.secretMasking;
    assert.ok(masking, 'the extension returns no secretMasking API');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('opening files: no secret shows, not for one frame, and the first mask covers values only', async () => {
    const report = await watchWhile(NEEDLES, async () => {
      await open('onscreen-a.flink.sql');
      await open('onscreen-b.sql');
    });
    assertNeverShown(report, 'open');
    const editor = vscode.window.activeTextEditor!;
    const masked = masking!.maskedRanges(editor.document.uri).map((r) => editor.document.getText(r));
    assert.deepEqual(masked, B_SECRETS);
  });

  test('switching tabs five times, and a split editor: no secret shows; the status bar shows the count of the file in front, never another', async () => {
    await open('onscreen-a.flink.sql');
    await open('onscreen-b.sql');
    const report = await watchWhile(NEEDLES, async () => {
      for (let i = 0; i < 5; i++) {
        await vscode.commands.executeCommand('workbench.action.nextEditor');
        await sleep(250);
      }
      await vscode.commands.executeCommand('workbench.action.splitEditorRight');
      await sleep(250);
    });
    assertNeverShown(report, 'tab switches and split');
    // onscreen-a.flink.sql has 3 secrets (the key, the password, the endpoint's password), onscreen-b.sql 2.
    assert.deepEqual(report.statusTexts.sort(), ['2 secrets masked', '3 secrets masked']);
  });

  test('paging through a 10,000-statement file: no secret shows', async function () {
    this.timeout(180_000);
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const kind = i % 4;
      if (kind === 0) lines.push(`CREATE CONNECTION c_${i} WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'sk-${i}-Vb7Nq2Wk${i}');`);
      else if (kind === 1) lines.push(`CREATE CONNECTION m_${i}\n  WITH (\n    'type' = 'mongodb',\n    'endpoint' = 'mongodb://u:Vb7Nq2Wk${i}@h',\n    'username' = 'u',\n    'password' = 'pw-Vb7Nq2Wk-${i}'\n  );`);
      else if (kind === 2) lines.push(`CREATE TABLE t_${i} (id INT, note STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'm_${i - 1}');`);
      else lines.push(`-- pipeline ${i}\nINSERT INTO t_${i - 1} SELECT id, note FROM t_${i - 1} WHERE note <> 'x';`);
    }
    const uri = fixtureUri('onscreen-big.flink.sql');
    fs.writeFileSync(uri.fsPath, lines.join('\n\n') + '\n');
    try {
      const report = await watchWhile(['Vb7Nq2Wk'], async () => {
        const editor = await open('onscreen-big.flink.sql');
        await waitFor('the big file to be masked', () => masking!.maskedRanges(editor.document.uri).length > 0);
        await focusEditor();
        await press(Array(20).fill('PageDown'), 120);
        await press(['Control+End'], 0);
        await sleep(300);
        await press(Array(5).fill('PageUp'), 120);
      });
      assertNeverShown(report, 'open and page through 10,000 statements');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(uri.fsPath, { force: true });
    }
  });

  test("typing into a secret's key keeps its value masked: 'api-keyab', 'api-key-old', and 'api-k' (sticky)", async () => {
    const editor = await open('onscreen-a.flink.sql');
    const document = editor.document;
    try {
      const afterKey = document.positionAt(document.getText().indexOf("'api-key'") + "'api-key".length);
      editor.selection = new vscode.Selection(afterKey, afterKey);
      await focusEditor();
      const report = await watchWhile(NEEDLES, async () => {
        await type('ab', 80);
        await press(['Backspace', 'Backspace'], 80);
        await type('-old', 80);
        assert.ok(document.getText().includes("'api-key-old' = 'sk-Zq8RvT3nW2pLxA'"), 'the key was not typed into');
        // Down to 'api-k', which no rule calls secret: the value stays masked (sticky) until revealed.
        await press(Array(6).fill('Backspace'), 80);
      });
      assertNeverShown(report, 'typing into a key');
      assert.ok(document.getText().includes("'api-k' = 'sk-Zq8RvT3nW2pLxA'"), 'the key was not shortened');
      const server = await masking!.serverSecretRanges(document.uri);
      assert.ok(!server.some((r) => document.getText(r) === 'sk-Zq8RvT3nW2pLxA'), "the server calls 'api-k' a secret key: the test no longer shows the mask is sticky");
    } finally {
      await revert(document);
    }
  });

  test("a snippet's placeholder '<api-key>' shows until something is typed in its place, which is masked as it is typed", async () => {
    const editor = await open('onscreen-a.flink.sql');
    const document = editor.document;
    try {
      const end = document.lineAt(document.lineCount - 1).range.end;
      await editor.edit((edit) => edit.insert(end, "ALTER CONNECTION `screen-openai` SET ('api-key' = '<api-key>');\n"));
      const placeholder = rangeOf(document, '<api-key>');
      await waitFor('the ALTER statement to be read', () => masking!.maskedRanges(document.uri).length === 3 && true);
      assert.ok(!masking!.maskedRanges(document.uri).some((r) => r.intersection(placeholder)), 'the placeholder is masked');
      editor.selection = new vscode.Selection(placeholder.start, placeholder.end);
      await focusEditor();
      const typed = 'Wq9Tz4Lp7XcV';
      // Any four typed characters on screen count: what a password field would show.
      const report = await watchWhile([typed.slice(0, 4), typed.slice(4, 8), typed.slice(8)], () => type(typed, 60));
      assertNeverShown(report, 'typing a secret over a placeholder');
      assert.ok(document.getText().includes(`'api-key' = '${typed}'`), 'the secret was not typed');
      assert.ok(masking!.maskedRanges(document.uri).some((r) => document.getText(r) === typed), 'the typed secret is not masked');
    } finally {
      await revert(document);
    }
  });

  // The first characters of a secret typed, then Ctrl+Space: a list of the words of open documents
  // would offer the rest of it (the list shows only its first rows, so a prefix is what makes it show).
  for (const [where, prefix, line] of [
    ['in a comment', 'Zq8', (d: vscode.TextDocument) => d.lineAt(d.getText().split('\n').findIndex((l) => l.startsWith('-- A comment line'))).range.end],
    ['after a finished statement', 'Jt6', (d: vscode.TextDocument) => d.lineAt(d.lineCount - 1).range.end],
  ] as const) {
    test(`the suggestion list ${where} (a secret's first characters, Ctrl+Space) holds no part of a secret`, async () => {
      await open('onscreen-b.sql');
      const editor = await open('onscreen-a.flink.sql');
      const at = line(editor.document);
      editor.selection = new vscode.Selection(at, at);
      await focusEditor();
      try {
        const report = await watchWhile(NEEDLES, async () => {
          await type(` ${prefix}`, 30);
          await press(['Control+Space']);
          await sleep(1000);
        });
        await press(['Escape']);
        assert.ok(report.shownPlaces.includes('suggestion list'), `Ctrl+Space showed no suggestion list (shown: ${JSON.stringify(report.shownPlaces)})`);
        assertNeverShown(report, `suggestions ${where}`);
      } finally {
        await revert(editor.document);
      }
    });
  }
});
