/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { definitionAt, extensionApi, flinkDiagnostics, rangeOf, revert, showFixture, tuples, waitFor } from './helpers';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

const same = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);

suite('Statements that use connections', () => {
  test('a model naming a connection of another type gets a connection-type-mismatch squiggle on the name', async () => {
    const { document } = await showFixture('using.flink.sql');
    await waitFor('the mismatch error of using.flink.sql', () => same(flinkDiagnostics(document), [
        'connection-type-mismatch@30:27 "using-mongo"',
        `deprecated-option@55:4 "'openai.endpoint'"`,
        `deprecated-option@56:4 "'openai.api_key'"`,
      ]), {
      lastSeen: () => flinkDiagnostics(document),
    });
    const [diagnostic] = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'flinksql' && d.message.includes('needs a connection'));
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

  test('"Move credentials into a new connection" rebuilds the model around its API key, which stays masked throughout', async () => {
    const masking = (await extensionApi())?.secretMasking;
    assert.ok(masking, 'the extension exposes its secret masking');
    const editor = await showFixture('using.flink.sql');
    const { document } = editor;
    const SECRET = 'sk-FIXTURE-USING-LEGACY';
    /** Waits until the secret's characters are inside a masked range, and returns its range. */
    const maskedSecret = (when: string) =>
      waitFor(`the API key to be masked ${when}`, () => {
        const at = rangeOf(document, SECRET);
        return masking!.maskedRanges(document.uri).some((r) => r.contains(at)) && at;
      }, { lastSeen: () => tuples(masking!.maskedRanges(document.uri)) });
    try {
      await maskedSecret('before the fix');
      const diagnostic = await waitFor('the deprecated API key', () =>
        vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'flinksql' && document.getText(d.range) === "'openai.api_key'"),
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const move = actions.find((a) => a.title.startsWith('Move credentials into a new connection'));
      assert.ok(move?.edit, `no move action in ${JSON.stringify(actions.map((a) => a.title))}`);
      const written = move.edit.entries().flatMap(([, edits]) => edits.map((e) => e.newText)).join('\n');
      assert.ok(!written.includes(SECRET), 'the edit carries the API key');
      assert.ok(await vscode.workspace.applyEdit(move.edit));
      const text = document.getText();
      assert.match(text, /CREATE CONNECTION using_legacy_connection/);
      assert.match(text, new RegExp(`'api-key' = '${SECRET}'`));
      assert.match(text, /'openai\.connection' = 'using_legacy_connection'/);
      assert.equal(text.split(SECRET).length, 2, 'the API key is in the document once');
      await maskedSecret('after the fix');
      await waitFor('the deprecated warnings to go', () => !flinkDiagnostics(document).some((d) => d.startsWith('deprecated-option')), {
        lastSeen: () => flinkDiagnostics(document),
      });
    } finally {
      await revert(document);
    }
  });

  test('go to definition from USING TOOLS leads to the CREATE TOOL', async () => {
    const { document } = await showFixture('using.flink.sql');
    const position = rangeOf(document, 'USING TOOLS `using-tools`').start.translate(0, 'USING TOOLS `'.length + 2);
    const { uri, range } = await definitionAt(document, position);
    assert.equal(uri.toString(), document.uri.toString());
    assert.equal(document.lineAt(range.start.line).text, 'CREATE TOOL `using-tools`');
    assert.match(document.getText(range), /using-tools/);
  });
});
