/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, type FlinkSqlExtensionApi, rangeOf, revert, sameTuples, showFixture, tuples, waitFor } from './helpers';

type SecretMaskingApi = NonNullable<FlinkSqlExtensionApi['secretMasking']>;

const FIXTURE_SECRETS = ['sk-FIXTURE-SECRET-1', 'fixture-pw-2', 'sk-FIXTURE-SECRET-3', 'fixture-pw-4'];

suite('Secret masking', () => {
  let masking: SecretMaskingApi;
  let editor: vscode.TextEditor;

  suiteSetup(async function () {
    const api = await extensionApi();
    if (!api?.secretMasking) {
      const banner = '!'.repeat(100);
      console.log(`\n${banner}\n!!! SKIPPING the secret-masking tests: the extension's activate() returns no secretMasking API.\n${banner}\n`);
      this.skip();
    }
    masking = api.secretMasking;
    editor = await showFixture('secrets.flink.sql');
  });

  setup(async () => {
    editor = await showFixture('secrets.flink.sql');
  });

  /** Waits until what is masked is exactly what the server calls secret, and returns it. */
  async function maskedEqualsServer(what: string): Promise<vscode.Range[]> {
    const uri = editor.document.uri;
    let server: vscode.Range[] = [];
    return waitFor(
      what,
      async () => {
        server = await masking.serverSecretRanges(uri);
        const masked = masking.maskedRanges(uri);
        return server.length > 0 && sameTuples(tuples(masked), tuples(server)) && masked;
      },
      { lastSeen: () => ({ masked: tuples(masking.maskedRanges(uri)), server: tuples(server) }) },
    );
  }

  function assertCovers(ranges: readonly vscode.Range[], secret: string): void {
    const where = rangeOf(editor.document, secret);
    assert.ok(
      ranges.some((r) => r.contains(where)),
      `${secret} (${JSON.stringify(tuples([where]))}) is not inside any masked range ${JSON.stringify(tuples(ranges))}`,
    );
  }

  test("masks exactly the server's secret ranges, and every secret of the fixture", async () => {
    const masked = await maskedEqualsServer('masked ranges = server secret ranges');
    for (const secret of FIXTURE_SECRETS) assertCovers(masked, secret);
    const shown = masked.map((r) => editor.document.getText(r));
    assert.ok(!shown.some((t) => t.includes('fixture-user')), `a user name is masked: ${JSON.stringify(shown)}`);
    assert.ok(!shown.some((t) => /^openai$|api\.openai\.com/.test(t)), `a type or endpoint is masked: ${JSON.stringify(shown)}`);
  });

  test('a secret added by an edit is masked', async () => {
    const document = editor.document;
    try {
      const edit = new vscode.WorkspaceEdit();
      const end = document.lineAt(document.lineCount - 1).range.end;
      edit.insert(document.uri, end, `\nCREATE CONNECTION \`fixture-new\` WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com/mcp', 'token' = 'sk-FIXTURE-NEW');\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const masked = await waitFor('the new secret to be masked, as the server says', async () => {
        const ranges = await maskedEqualsServer('masked ranges = server secret ranges after the edit');
        return ranges.length === FIXTURE_SECRETS.length + 1 && ranges;
      });
      for (const secret of [...FIXTURE_SECRETS, 'sk-FIXTURE-NEW']) assertCovers(masked, secret);
    } finally {
      await revert(document);
    }
    await maskedEqualsServer('masked ranges = server secret ranges after the revert');
  });

  test('Reveal Secrets shows them, Hide Secrets masks them again; Toggle does both', async () => {
    const uri = editor.document.uri;
    const before = tuples(await maskedEqualsServer('masked ranges = server secret ranges'));
    await vscode.commands.executeCommand('flinksql.revealSecrets');
    await waitFor('nothing masked after Reveal Secrets', () => masking.maskedRanges(uri).length === 0, { lastSeen: () => tuples(masking.maskedRanges(uri)) });
    await vscode.commands.executeCommand('flinksql.hideSecrets');
    const after = await maskedEqualsServer('masked again after Hide Secrets');
    assert.deepEqual(tuples(after), before);
    await vscode.commands.executeCommand('flinksql.toggleSecrets');
    await waitFor('nothing masked after Toggle Secrets', () => masking.maskedRanges(uri).length === 0, { lastSeen: () => tuples(masking.maskedRanges(uri)) });
    await vscode.commands.executeCommand('flinksql.toggleSecrets');
    await maskedEqualsServer('masked again after a second Toggle Secrets');
  });

  test('with flinksql.secrets.revealOnCursor, the secret under the cursor (only) is shown', async () => {
    const uri = editor.document.uri;
    const config = vscode.workspace.getConfiguration('flinksql.secrets');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await config.update('revealOnCursor', true, vscode.ConfigurationTarget.Global);
    try {
      const all = await maskedEqualsServer('masked ranges = server secret ranges, cursor outside');
      const secret = rangeOf(editor.document, 'fixture-pw-2');
      const inside = secret.start.translate(0, 3);
      editor.selection = new vscode.Selection(inside, inside);
      const expected = tuples(all.filter((r) => !r.contains(inside)));
      assert.equal(expected.length, all.length - 1);
      await waitFor('the secret under the cursor to be unmasked', () => sameTuples(tuples(masking.maskedRanges(uri)), expected), {
        lastSeen: () => ({ masked: tuples(masking.maskedRanges(uri)), expected }),
      });
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await waitFor('the secret to be masked again when the cursor leaves', () => sameTuples(tuples(masking.maskedRanges(uri)), tuples(all)), {
        lastSeen: () => tuples(masking.maskedRanges(uri)),
      });
    } finally {
      await config.update('revealOnCursor', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
