/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { definitionAt, fixtureUri, hoverText, rangeOf, showFixture, waitFor } from './helpers';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

suite('Language features through the VS Code API', () => {
  test("completion after 'type' = ' offers the connection types, openai among them", async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'flinksql', content: `CREATE CONNECTION c WITH ('type' = '')` });
    await vscode.window.showTextDocument(document);
    const position = document.positionAt(document.getText().indexOf(`'')`) + 1);
    const labels = await waitFor('completion items', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const found = list.items.map(labelOf);
      return found.includes('openai') && found;
    });
    assert.ok(labels.includes('anthropic'), `no 'anthropic' in ${JSON.stringify(labels)}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('hover on a type value names the service', async () => {
    const { document } = await showFixture('connections.flink.sql');
    const position = rangeOf(document, `'openai'`).start.translate(0, 3);
    const text = await waitFor('a hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      return hovers.length > 0 && hoverText(hovers);
    });
    assert.match(text, /OpenAI/);
  });

  test('go to definition finds a connection in another file', async () => {
    const { document } = await showFixture('models.sql');
    const position = rangeOf(document, `'fixture-openai'`).start.translate(0, 4);
    const target = fixtureUri('connections.flink.sql');
    const { uri, range } = await definitionAt(document, position);
    assert.equal(uri.toString(), target.toString());
    const definition = await vscode.workspace.openTextDocument(uri);
    assert.match(definition.getText(range), /fixture-openai/);
    assert.equal(range.start.line, 2, `definition at ${JSON.stringify(range)}`);
  });
});
