/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, flinkDiagnostics, rangeOf, replace, revert, showFixture, waitFor } from './helpers';

const same = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);

suite('Activation and diagnostics', () => {
  test('runs in a real VS Code with the extension under development', () => {
    console.log(`    VS Code ${vscode.version} (${vscode.env.appName}, remote: ${vscode.env.remoteName ?? 'none'})`);
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.equal(extension().packageJSON.name, 'flinksql-connections');
  });

  test('is active at start-up in a workspace that holds SQL files, and reports the mistakes of a .flink.sql document (language flinksql)', async () => {
    // Nothing has opened a SQL document yet: the workspace's .sql files activate it (workspaceContains),
    // so its masks are ready before the first file opens.
    await waitFor('the extension to activate before any document is opened', () => extension().isActive);
    assert.deepEqual(
      vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => d.uri.path),
      [],
      'a file was opened before the test',
    );
    const { document } = await showFixture('secrets.flink.sql');
    assert.equal(document.languageId, 'flinksql');
    await waitFor('the extension to activate', () => extension().isActive);
    await waitFor('the unknown-option error of secrets.flink.sql', () => same(flinkDiagnostics(document), [`unknown-option@21:4 "'ap-key'"`]), {
      lastSeen: () => vscode.languages.getDiagnostics(document.uri).map((d) => `${d.source}: ${d.message}`),
    });
    const [diagnostic] = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'flinksql');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic!.message, /Did you mean 'api-key'\?/);
  });

  test('serves a .sql document (language sql), with connections of another file of the workspace', async () => {
    const { document } = await showFixture('models.sql');
    assert.equal(document.languageId, 'sql');
    // 'fixture-openai' is defined in connections.flink.sql, which is not open: only the other is unknown
    // (once the server has indexed the workspace, which it does in the background after starting).
    await waitFor('exactly one unknown-connection in models.sql', () => same(flinkDiagnostics(document), ['unknown-connection@17:27 "fixture-nowhere"']), {
      lastSeen: () => flinkDiagnostics(document),
    });
    const [diagnostic] = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'flinksql');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Information);
  });

  test('diagnostics follow edits: fixing the key clears its error, breaking it again brings it back', async () => {
    const { document } = await showFixture('secrets.flink.sql');
    try {
      // (The comment above the statement also says 'ap-key': find the option by its value.)
      const typo = rangeOf(document, `'ap-key' = 'sk-FIXTURE-SECRET-3'`).start;
      await replace(document, new vscode.Range(typo, typo.translate(0, `'ap-key'`.length)), `'api-key'`);
      await waitFor('the unknown-option error to go away', () => flinkDiagnostics(document).length === 0, {
        lastSeen: () => flinkDiagnostics(document),
      });
      const fixed = rangeOf(document, `'api-key' = 'sk-FIXTURE-SECRET-3'`).start;
      await replace(document, new vscode.Range(fixed, fixed.translate(0, `'api-key'`.length)), `'ap-key'`);
      await waitFor('the unknown-option error to come back', () => flinkDiagnostics(document).length === 1, {
        lastSeen: () => flinkDiagnostics(document),
      });
      assert.deepEqual(flinkDiagnostics(document), [`unknown-option@21:4 "'ap-key'"`]);
    } finally {
      await revert(document);
    }
  });
});
