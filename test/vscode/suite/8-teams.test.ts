/// <reference types="mocha" />
/**
 * What a team sets up: a flinksql.json that turns a rule off or adds to the catalogue, and a
 * suppression comment written by its quick fix.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { extensionApi, fixtureUri, flinkDiagnostics, rangeOf, revert, sameTuples, showFixture, tuples, waitFor } from './helpers';

const TYPO = `unknown-option@21:4 "'ap-key'"`;

suite('Team settings', () => {
  test('a flinksql.json at the workspace root that turns unknown-option off silences it; removing the file brings it back', async () => {
    const { document } = await showFixture('secrets.flink.sql');
    await waitFor('the unknown-option error', () => flinkDiagnostics(document).includes(TYPO), { lastSeen: () => flinkDiagnostics(document) });
    const config = fixtureUri('flinksql.json');
    fs.writeFileSync(config.fsPath, JSON.stringify({ rules: { 'unknown-option': 'off' } }));
    try {
      await waitFor('unknown-option to be off', () => !flinkDiagnostics(document).includes(TYPO), { lastSeen: () => flinkDiagnostics(document) });
    } finally {
      fs.rmSync(config.fsPath, { force: true });
    }
    await waitFor('unknown-option to be back', () => flinkDiagnostics(document).includes(TYPO), { lastSeen: () => flinkDiagnostics(document) });
  });

  test("a connection type and secret key that flinksql.json's catalogue adds: the type is checked, not unknown, and the key's value is masked", async () => {
    const masking = (await extensionApi())?.secretMasking;
    const config = fixtureUri('flinksql.json');
    const file = fixtureUri('preview.flink.sql');
    fs.writeFileSync(
      config.fsPath,
      JSON.stringify({ catalogue: { connectionTypes: { snowflake: { authMethods: ['basic'], keys: { passphrase: { secret: 'always' } } } } } }),
    );
    fs.writeFileSync(
      file.fsPath,
      "CREATE CONNECTION s WITH ('type' = 'snowflake', 'endpoint' = 'https://a.snowflakecomputing.com', 'username' = 'u', 'password' = 'p', 'passphrase' = 'PASSPHRASE-VSCODE-1');\n",
    );
    try {
      const { document } = await showFixture('preview.flink.sql');
      await waitFor('no diagnostics for the added type', () => flinkDiagnostics(document).length === 0, { lastSeen: () => flinkDiagnostics(document) });
      if (masking) {
        const value = tuples([rangeOf(document, 'PASSPHRASE-VSCODE-1')])[0]!;
        await waitFor('the passphrase to be masked', () => tuples(masking.maskedRanges(document.uri)).some((r) => sameTuples([r], [value])), {
          lastSeen: () => tuples(masking.maskedRanges(document.uri)),
        });
      }
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      fs.rmSync(config.fsPath, { force: true });
      fs.rmSync(file.fsPath, { force: true });
    }
  });

  test("the quick fix Ignore 'unknown-option' on this line writes a suppression comment, and the error goes", async () => {
    const { document } = await showFixture('secrets.flink.sql');
    try {
      const diagnostic = await waitFor('the unknown-option error', () =>
        vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'flinksql' && String(typeof d.code === 'object' ? d.code.value : d.code) === 'unknown-option'),
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const ignore = actions.find((a) => a.title === "Ignore 'unknown-option' on this line");
      assert.ok(ignore?.edit, `no Ignore action in ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(ignore.edit));
      assert.equal(document.lineAt(21).text, '    -- flinksql-disable-next-line unknown-option');
      await waitFor('the error to go', () => flinkDiagnostics(document).length === 0, { lastSeen: () => flinkDiagnostics(document) });
    } finally {
      await revert(document);
    }
  });
});
