/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { flinkDiagnostics, rangeOf, showFixture, waitFor } from './helpers';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

const same = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);

suite('Statements that use connections', () => {
  test('a model naming a connection of another type gets a connection-type-mismatch squiggle on the name', async () => {
    const { document } = await showFixture('using.flink.sql');
    await waitFor('the mismatch error of using.flink.sql', () => same(flinkDiagnostics(document), ['connection-type-mismatch@30:27 "using-mongo"']), {
      lastSeen: () => flinkDiagnostics(document),
    });
    const [diagnostic] = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'flinksql');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic!.message, /needs a connection of type 'openai', but 'using-mongo' is of type 'mongodb'/);
  });

  test("completion in an 'openai.connection' value offers the OpenAI connections and leaves the others out", async () => {
    const { document } = await showFixture('using.flink.sql');
    const position = rangeOf(document, `'using-mongo'`).start.translate(0, 1);
    const labels = await waitFor('completion items with the OpenAI connection', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const found = list.items.map(labelOf);
      return found.includes('using-openai') && found;
    });
    assert.ok(!labels.includes('using-mongo') && !labels.includes('using-mcp'), `a connection of another type is offered: ${JSON.stringify(labels)}`);
  });
});
