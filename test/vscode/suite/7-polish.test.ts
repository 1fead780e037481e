/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { packageReadme } from '../../../scripts/packageReadme';
import { markdownImages } from '../vsixContents';
import { EXTENSION_ID, extension, extensionApi, hoverText, rangeOf, showFixture, waitFor } from './helpers';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/** Closes the active untitled editor without saving. */
async function closeActiveUntitled(): Promise<void> {
  await vscode.commands.executeCommand('leaveSnippet');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

suite('VS Code polish', () => {
  for (const typed of ['CREATE CONNECTION', 'CREATE CONN']) {
    test(`Ctrl+Space right after "${typed}" offers the statements, and accepting one inserts it`, async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'flinksql', content: typed });
      const editor = await vscode.window.showTextDocument(document);
      try {
        const end = document.lineAt(0).range.end;
        editor.selection = new vscode.Selection(end, end);
        // What the server offers there: the snippets, each replacing the words typed.
        const items = await waitFor('statement completions', async () => {
          const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, end);
          return list.items.some((i) => labelOf(i) === 'CREATE CONNECTION OpenAI') && list.items;
        });
        const openai = items.find((i) => labelOf(i) === 'CREATE CONNECTION OpenAI')!;
        const range = openai.range instanceof vscode.Range ? openai.range : openai.range!.inserting;
        assert.equal(document.getText(range), typed);
        // What a user sees: Ctrl+Space (editor.action.triggerSuggest) opens the list — not "No
        // suggestions" — and Enter (acceptSelectedSuggestion) inserts the first statement.
        await vscode.commands.executeCommand('editor.action.triggerSuggest');
        const text = await waitFor(
          'a suggestion to be accepted',
          async () => {
            await vscode.commands.executeCommand('acceptSelectedSuggestion');
            return document.getText() !== typed && document.getText();
          },
          { lastSeen: () => document.getText() },
        );
        assert.match(text, /^CREATE CONNECTION \S+\nWITH \(\n {2}'type' = '/);
      } finally {
        await closeActiveUntitled();
      }
    });
  }

  test('the hover on a type leads with one line that says what it is (with the docs link), and stays short', async () => {
    const { document } = await showFixture('connections.flink.sql');
    const position = rangeOf(document, `'openai'`).start.translate(0, 3);
    const text = await waitFor('a hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      return hovers.length > 0 && hoverText(hovers);
    });
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    assert.match(lines[0]!, /^\*\*OpenAI\*\* — connection type `'openai'` · \[docs\]\(https:\/\/docs\.confluent\.io\//);
    assert.ok(lines.length <= 4, `${lines.length} lines:\n${text}`);
    assert.doesNotMatch(text, /```/, 'no code block, which would widen the hover');
  });

  test('connections are objects in the Outline, not interfaces', async () => {
    const { document } = await showFixture('connections.flink.sql');
    const symbols = await waitFor('document symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
      return found && found.length > 0 && found;
    });
    assert.deepEqual(
      symbols.map((s) => [s.name, vscode.SymbolKind[s.kind]]),
      [['fixture-openai', 'Object']],
    );
  });

  test('.flink.sql and .fsql files have a file icon in the extension', () => {
    const languages = extension().packageJSON.contributes.languages as { id: string; extensions: string[]; icon?: { light: string; dark: string } }[];
    const flinksql = languages.find((l) => l.id === 'flinksql')!;
    assert.deepEqual(flinksql.extensions, ['.flink.sql', '.fsql']);
    for (const icon of [flinksql.icon?.light, flinksql.icon?.dark]) {
      assert.ok(icon && fs.existsSync(path.join(extension().extensionPath, icon)), `the icon ${icon} is in ${extension().extensionPath}`);
    }
  });

  test('the "Flink SQL Trace" output channel exists only once tracing is on', async () => {
    await extensionApi();
    // The Output view registers a command to show each channel: `workbench.action.output.show.<id>`,
    // where a log channel's id is `<extension id>.<name>`.
    const prefix = `workbench.action.output.show.${EXTENSION_ID}.`;
    const channels = async () => (await vscode.commands.getCommands(true)).filter((c) => c.startsWith(prefix)).map((c) => c.slice(prefix.length));
    await waitFor('the "Flink SQL" channel to be listed', async () => (await channels()).includes('Flink SQL'), {
      lastSeen: async () => (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('workbench.action.output.show')),
    });
    assert.ok(!(await channels()).includes('Flink SQL Trace'), `listed: ${JSON.stringify(await channels())}`);
    const settings = vscode.workspace.getConfiguration('flinksql');
    await settings.update('trace.server', 'messages', vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the "Flink SQL Trace" channel once tracing is on', async () => (await channels()).includes('Flink SQL Trace'), {
        lastSeen: channels,
      });
    } finally {
      await settings.update('trace.server', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test("the packaged README's images show in a webview with the Extensions view's rules", async () => {
    // The README VS Code shows for the extension under test: the package's readme.md (installed .vsix),
    // or, run from the repository, what `npm run package` makes of README.md.
    const folder = extension().extensionPath;
    const readme = fs.readdirSync(folder).includes('readme.md')
      ? fs.readFileSync(path.join(folder, 'readme.md'), 'utf8')
      : packageReadme(fs.readFileSync(path.join(folder, 'README.md'), 'utf8'), (relative) => fs.readFileSync(path.join(folder, relative)));
    const images = markdownImages(readme);
    assert.equal(images.length, 6, 'the six screenshots');
    // And an image linked as README.md links them, relative: broken there, as the issue found — the check can fail.
    const sizes = await renderImages([...images.map((i) => i.link), 'docs/images/diagnostics.png']);
    const broken = sizes.slice(0, -1).flatMap((width, i) => (width > 0 ? [] : [images[i]!.alt.slice(0, 50)]));
    assert.deepEqual(broken, [], 'images that do not show');
    assert.equal(sizes.at(-1), 0, 'a relative link shows broken there');
  });
});

/**
 * Shows `sources` as images in a webview with the Content-Security-Policy of the Extensions view's
 * README page (`img-src https: data:`; a script only to report back), and resolves with each image's
 * natural width once all have loaded or failed (0: broken).
 */
async function renderImages(sources: readonly string[]): Promise<number[]> {
  const panel = vscode.window.createWebviewPanel('flinksqlReadmeImages', 'README images', vscode.ViewColumn.One, { enableScripts: true });
  try {
    const nonce = Math.random().toString(36).slice(2);
    const reported = new Promise<number[]>((resolve) => panel.webview.onDidReceiveMessage((message: number[]) => resolve(message)));
    panel.webview.html = `<!DOCTYPE html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https: data:; media-src https:; script-src 'nonce-${nonce}';">
</head><body>${sources.map((src) => `<img src="${src.replace(/"/g, '&quot;')}">`).join('\n')}
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const report = () => {
    const images = [...document.images];
    if (images.every((image) => image.complete)) vscode.postMessage(images.map((image) => image.naturalWidth));
    else setTimeout(report, 50);
  };
  report();
</script></body></html>`;
    return await waitFor('the webview to report its images', () => Promise.race([reported, new Promise<false>((resolve) => setTimeout(() => resolve(false), 500))]), { timeoutMs: 30_000 });
  } finally {
    panel.dispose();
  }
}
