/**
 * The built server with each client it is meant for (test/helpers/clientProfiles.ts): VS Code,
 * Neovim 0.7, eglot 1.9 and a client that sends no capabilities. Every feature answers in the
 * client's terms, no edit spans lines it must not, a client that refuses or ignores the server's
 * requests kills nothing, and the workspace index follows the files on disk without a file watcher.
 *
 * Run `npm run build` first: these tests use server/dist/server.js.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  InsertReplaceEdit,
  InsertTextFormat,
  MarkupKind,
  TextDocumentEdit,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type MarkupContent,
  type PublishDiagnosticsParams,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { profiles, vscode, type ClientProfile } from '../helpers/clientProfiles';
import { parseMarkers } from '../helpers/markers';
import { snippetDefaults } from '../../server/src/features/snippets';
import { assertNoSecretSent, startServer, type LspClient } from '../helpers/lspClient';

const SECRET = 'sk-PROFILE-secret-value';

/** What each profile says it takes, as the assertions read it. */
function terms(profile: ClientProfile) {
  const capabilities = profile.capabilities;
  const item = capabilities?.textDocument?.completion?.completionItem;
  return {
    snippets: item?.snippetSupport === true,
    insertReplace: item?.insertReplaceSupport === true,
    markdownDocs: item?.documentationFormat?.[0] === MarkupKind.Markdown,
    markdownHover: capabilities?.textDocument?.hover?.contentFormat?.[0] === MarkupKind.Markdown,
    literals: capabilities?.textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
    preferred: capabilities?.textDocument?.codeAction?.isPreferredSupport === true,
    documentChanges: capabilities?.workspace?.workspaceEdit?.documentChanges === true,
    symbolTree: capabilities?.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    applyEdit: capabilities?.workspace?.applyEdit === true,
    suggestCommand: profile === vscode,
  };
}

const itemsOf = (result: CompletionItem[] | CompletionList | null): CompletionItem[] => (result === null ? [] : Array.isArray(result) ? result : result.items);

/** The edit a client makes of a completion item: the replace range of an insert/replace edit. */
function editOf(item: CompletionItem): TextEdit {
  const edit = item.textEdit;
  assert.ok(edit, `${item.label} has a text edit`);
  return InsertReplaceEdit.is(edit) ? { range: edit.replace, newText: edit.newText } : edit;
}

/** A workspace edit's text edits for `uri`, whichever form it comes in. */
function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((c) => (TextDocumentEdit.is(c) && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
  return [...fromChanges, ...fromDocumentChanges];
}

for (const profile of profiles) {
  const expected = terms(profile);

  describe(`as ${profile.name}`, () => {
    let client: LspClient;
    let folder: string;
    let initialized: InitializeResult;
    const file = (name: string) => path.join(folder, name);
    const uriOf = (name: string) => pathToFileURL(file(name)).toString();
    let pipelineUri: string;

    const pipeline = [
      'CREATE CONNECTION `support-openai` WITH (', // line 0
      "  'type' = 'openai',", // line 1
      "  'endpoint' = 'https://api.openai.com/v1/chat/completions',", // line 2
      `  'ap-key' = '${SECRET}'`, // line 3
      ');', // line 4
      "CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'embedding', 'openai.connection' = 'support-openai');", // line 5
      "CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'later_conn', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');", // line 6
    ].join('\n');

    const unknownNames = (params: PublishDiagnosticsParams) =>
      params.diagnostics.filter((d) => d.code === 'unknown-connection').map((d) => (d.data as { name: string }).name);

    before(async () => {
      folder = mkdtempSync(path.join(tmpdir(), 'flinksql-clients-'));
      writeFileSync(file('defs.sql'), "CREATE CONNECTION disk_conn WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = 'p');\n");
      pipelineUri = uriOf('pipeline.flink.sql');
      client = startServer();
      initialized = await client.initialize(folder, profile);
      await client.open(pipelineUri, pipeline);
      await client.waitForLogMessage((m) => /^Indexed \d+ SQL file/.test(m.message));
    });
    after(() => {
      client.dispose();
      rmSync(folder, { recursive: true, force: true });
    });

    test('initialize succeeds and offers what the client can use', () => {
      const capabilities = initialized.capabilities;
      assert.ok(capabilities.completionProvider && capabilities.hoverProvider && capabilities.documentFormattingProvider);
      assert.deepEqual(
        typeof capabilities.codeActionProvider === 'object' ? capabilities.codeActionProvider.codeActionKinds : capabilities.codeActionProvider,
        expected.literals ? ['quickfix', 'source.fixAll.flinksql'] : true,
        'code action kinds only for a client that reads them',
      );
      assert.equal(
        capabilities.executeCommandProvider !== undefined,
        !expected.literals && expected.applyEdit,
        'a command to apply fixes only for a client without code action literals that applies edits',
      );
    });

    test('diagnostics are published', async () => {
      const published = await client.waitForDiagnostics(pipelineUri, (p) => p.version === 1 && p.diagnostics.length === 2);
      assert.deepEqual(
        published.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}`).sort(),
        ['unknown-connection@6', 'unknown-option@3'],
      );
    });

    describe('completion', () => {
      // A value typed into a string left open, above other statements: the case.
      const below = "\n);\nCREATE CONNECTION other WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');";
      const cases = [
        { what: "a type in a string left open ('type' = 'op)", source: `CREATE CONNECTION c WITH (\n  'type' = 'op$0${below}`, pick: 'openai', after: `CREATE CONNECTION c WITH (\n  'type' = 'openai'${below}` },
        { what: "a type right after the quote ('type' = ')", source: `CREATE CONNECTION c WITH (\n  'type' = '$0${below}`, pick: 'openai', after: `CREATE CONNECTION c WITH (\n  'type' = 'openai'${below}` },
        {
          what: "a key in a string left open ('ap)",
          source: `CREATE CONNECTION c WITH (\n  'type' = 'openai', 'endpoint' = 'https://x',\n  'ap$0${below}`,
          pick: 'api-key',
          after: `CREATE CONNECTION c WITH (\n  'type' = 'openai', 'endpoint' = 'https://x',\n  'api-key' = ''${below}`,
        },
        {
          what: 'a connection name in a model',
          source: "CREATE MODEL m2 INPUT (a STRING) OUTPUT (b STRING) WITH ('openai.connection' = 'supp$0');",
          pick: 'support-openai',
          after: "CREATE MODEL m2 INPUT (a STRING) OUTPUT (b STRING) WITH ('openai.connection' = 'support-openai');",
        },
      ] as const;
      let version = 0;
      for (const { what, source, pick, after: afterText } of cases) {
        test(`${what}: edits on the cursor's line, in the client's terms, and the text below stays`, async () => {
          const uri = uriOf(`completion-${++version}.flink.sql`);
          const { text, cursor } = parseMarkers(source);
          await client.open(uri, text);
          const position = TextDocument.create(uri, 'flinksql', 1, text).positionAt(cursor!);
          const items = itemsOf(await client.request('textDocument/completion', { textDocument: { uri }, position }));
          const item = items.find((i) => i.label === pick);
          assert.ok(item, `no ${pick} in ${JSON.stringify(items.map((i) => i.label))}`);
          for (const each of items) assertInClientTerms(each, position);
          const document = TextDocument.create(uri, 'flinksql', 1, text);
          const applied = TextDocument.applyEdits(document, [editOf(item)]);
          // A snippet client fills in the tab stops; here they are left at their defaults.
          assert.equal(expected.snippets ? snippetDefaults(applied) : applied, afterText);
          // The text a client filters on, from the edit's start to the cursor, begins the item's filter text.
          const typed = text.slice(document.offsetAt(editOf(item).range.start), document.offsetAt(position));
          assert.ok((item.filterText ?? item.label).startsWith(typed), `${JSON.stringify(typed)} does not begin ${item.filterText ?? item.label}`);
          await client.close(uri);
        });
      }

      test('a whole statement at a statement start: a snippet, or plain text on one line', async () => {
        const uri = uriOf('statement.flink.sql');
        await client.open(uri, 'SELECT 1;\nCREATE CONN');
        const position = { line: 1, character: 11 };
        const items = itemsOf(await client.request('textDocument/completion', { textDocument: { uri }, position }));
        const item = items.find((i) => i.label === 'CREATE CONNECTION OpenAI');
        assert.ok(item, JSON.stringify(items.map((i) => i.label)));
        for (const each of items) assertInClientTerms(each, position);
        const inserted = TextDocument.applyEdits(TextDocument.create(uri, 'flinksql', 1, 'SELECT 1;\nCREATE CONN'), [editOf(item)]);
        if (expected.snippets) assert.match(inserted, /^SELECT 1;\nCREATE CONNECTION \$\{1:my_openai_connection\}\nWITH \(\n/);
        else assert.equal(inserted, "SELECT 1;\nCREATE CONNECTION my_openai_connection WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = '<api-key>');");
        await client.close(uri);
      });

      /** One item as the client may take it. */
      function assertInClientTerms(item: CompletionItem, cursor: { line: number; character: number }): void {
        const edit = item.textEdit!;
        const ranges = InsertReplaceEdit.is(edit) ? [edit.insert, edit.replace] : [edit.range];
        for (const range of ranges) {
          assert.ok(range.start.line === cursor.line && range.end.line === cursor.line, `${item.label}: ${JSON.stringify(range)} leaves the cursor's line`);
        }
        assert.ok(expected.insertReplace || !InsertReplaceEdit.is(edit), `${item.label}: an insert/replace edit`);
        if (!expected.snippets) {
          assert.notEqual(item.insertTextFormat, InsertTextFormat.Snippet, `${item.label}: a snippet`);
          assert.doesNotMatch(edit.newText, /\$\{?\d|\n/, `${item.label}: ${JSON.stringify(edit.newText)} has tab stops or line breaks`);
        }
        const documentation = item.documentation;
        if (typeof documentation === 'object') assert.equal(documentation.kind === MarkupKind.Markdown, expected.markdownDocs, `${item.label}: documentation format`);
        assert.ok(expected.suggestCommand || item.command === undefined, `${item.label}: a command the client does not know`);
      }
    });

    test('hover in the client’s format, leading with what the thing is', async () => {
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: pipelineUri }, position: { line: 1, character: 14 } });
      const contents = hover?.contents as MarkupContent;
      assert.equal(contents.kind, expected.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText);
      if (expected.markdownHover) assert.match(contents.value, /^\*\*OpenAI\*\* — connection type `'openai'` · \[docs\]\(https:/);
      else {
        assert.match(contents.value, /^OpenAI — connection type 'openai' · docs \(https:/);
        assert.doesNotMatch(contents.value, /\*\*|`|\]\(/, 'plain text has no Markdown marks');
      }
    });

    test('the quick fix for the misspelt key, as the client takes it, fixes the text', async () => {
      const published = await client.waitForDiagnostics(pipelineUri, (p) => p.diagnostics.some((d) => d.code === 'unknown-option'));
      const diagnostic = published.diagnostics.find((d) => d.code === 'unknown-option') as Diagnostic;
      const actions = await client.request<(CodeAction | Command)[]>('textDocument/codeAction', {
        textDocument: { uri: pipelineUri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      });
      if (!expected.literals && !expected.applyEdit) {
        assert.deepEqual(actions, [], 'no fix for a client that can take neither code actions nor the edits of commands');
        return;
      }
      const rename = actions.find((a) => a.title === "Rename to 'api-key'");
      assert.ok(rename, JSON.stringify(actions.map((a) => a.title)));
      let edit: WorkspaceEdit;
      if (expected.literals) {
        const action = rename as CodeAction;
        assert.equal(action.isPreferred, expected.preferred ? true : undefined);
        assert.equal(action.edit?.documentChanges !== undefined, expected.documentChanges, 'documentChanges only where supported');
        edit = action.edit!;
      } else {
        // A command: the server applies the edit through the client.
        const command = rename as Command;
        assert.equal(typeof command.command, 'string');
        const before = client.appliedEdits.length;
        await client.request('workspace/executeCommand', { command: command.command, arguments: command.arguments });
        assert.equal(client.appliedEdits.length, before + 1, 'the server asked the client to apply the edit');
        edit = client.appliedEdits.at(-1)!;
      }
      const document = TextDocument.create(pipelineUri, 'flinksql', 1, pipeline);
      assert.equal(TextDocument.applyEdits(document, editsFor(edit, pipelineUri)).split('\n')[3], `  'api-key' = '${SECRET}'`);
    });

    test('formatting, rename and symbols answer in the client’s terms', async () => {
      const formatting = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: pipelineUri }, options: { tabSize: 2, insertSpaces: true } });
      assert.ok(Array.isArray(formatting) && formatting.length > 0);
      const formatted = TextDocument.applyEdits(TextDocument.create(pipelineUri, 'flinksql', 1, pipeline), formatting);
      assert.notEqual(formatted, pipeline);
      assert.equal(formatted.replace(/\s+/g, ''), pipeline.replace(/\s+/g, ''), 'formatting changes white space only');

      const rename = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: pipelineUri }, position: { line: 5, character: 131 }, newName: 'helpdesk' });
      assert.equal(rename.documentChanges !== undefined, expected.documentChanges);
      assert.equal(rename.changes !== undefined, !expected.documentChanges);
      if (rename.documentChanges) assert.deepEqual(rename.documentChanges.map((c) => (c as TextDocumentEdit).textDocument), [{ uri: pipelineUri, version: 1 }]);
      assert.deepEqual(editsFor(rename, pipelineUri).map((e) => e.newText).sort(), ['`helpdesk`', 'helpdesk']);

      const symbols = await client.request<(DocumentSymbol | SymbolInformation)[]>('textDocument/documentSymbol', { textDocument: { uri: pipelineUri } });
      assert.deepEqual(
        symbols.map((s) => s.name),
        ['support-openai', 'm', 't'],
      );
      assert.equal('location' in symbols[0]!, !expected.symbolTree, 'a tree, or a flat list with locations');
      // Connections are objects; a client that lists no symbol kinds knows only the first version's.
      assert.equal(symbols[0]!.kind, profile.capabilities?.textDocument?.documentSymbol?.symbolKind ? 19 : 13);
    });

    test('the workspace index follows the files on disk, with or without a file watcher', async () => {
      await client.waitForDiagnostics(pipelineUri, (p) => JSON.stringify(unknownNames(p)) === '["later_conn"]');
      writeFileSync(file('later.sql'), "CREATE CONNECTION later_conn WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = 'p');\n");
      if (client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles')) {
        // The client watches: it tells the server.
        await client.filesChanged([{ uri: uriOf('later.sql'), type: 1 }]);
      } else {
        // No watcher (refused, or not supported): the next save of any document brings the change in.
        await client.save(pipelineUri);
      }
      const published = await client.waitForDiagnostics(pipelineUri, (p) => unknownNames(p).length === 0);
      assert.deepEqual(unknownNames(published), []);
    });

    test('nothing died, and the server exits cleanly', async () => {
      assert.ok(client.running);
      assert.doesNotMatch(client.stderr(), /Unhandled|unhandled/);
      await client.shutdown();
      assertNoSecretSent(client, [SECRET]);
    });
  });
}

describe('a client without code action literals that applies edits', () => {
  test('a quick fix is a command; the server applies its edit through the client', async () => {
    const client = startServer();
    try {
      await client.initialize(undefined, { name: 'an old client', capabilities: { workspace: { applyEdit: true } } });
      const uri = 'untitled:old.flink.sql';
      const text = "CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap-key' = 'k');";
      await client.open(uri, text);
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
      const actions = await client.request<Command[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: published.diagnostics[0]!.range,
        context: { diagnostics: published.diagnostics },
      });
      const rename = actions.find((a) => a.title === "Rename to 'api-key'")!;
      assert.equal(typeof rename.command, 'string');
      assert.equal((rename as unknown as CodeAction).edit, undefined);
      assert.equal(await client.request('workspace/executeCommand', { command: rename.command, arguments: rename.arguments }), null);
      const edit = client.appliedEdits.at(-1)!;
      assert.deepEqual(Object.keys(edit), ['changes'], 'changes: the client has no documentChanges');
      assert.equal(TextDocument.applyEdits(TextDocument.create(uri, 'flinksql', 1, text), editsFor(edit, uri)), text.replace('ap-key', 'api-key'));
      await client.shutdown();
    } finally {
      client.dispose();
    }
  });
});

describe('a client that refuses or never answers the server’s requests', () => {
  for (const how of ['error', 'never'] as const) {
    // A timeout, so that a server that waits for the answer forever fails the test rather than hanging it.
    test(`${how}: registration and configuration requests — the server goes on, and follows the files itself`, { timeout: 30_000 }, async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'flinksql-clients-'));
      const client = startServer();
      try {
        const profile: ClientProfile = {
          ...vscode,
          name: `VS Code that answers ${how}`,
          answers: { 'client/registerCapability': how, 'workspace/configuration': how, 'workspace/applyEdit': how },
        };
        await client.initialize(folder, profile);
        const uri = pathToFileURL(path.join(folder, 'uses.sql')).toString();
        await client.open(uri, "CREATE TABLE t (a STRING) WITH ('mongodb.connection' = 'later_conn');");
        await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-connection'));
        // secretRanges asks the client for the settings: answered with the defaults after a refusal or a wait.
        assert.deepEqual(await client.request('flinksql/secretRanges', { textDocument: { uri } }), []);
        writeFileSync(path.join(folder, 'later.sql'), "CREATE CONNECTION later_conn WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c/db', 'username' = 'u', 'password' = 'p');\n");
        await client.save(uri);
        await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
        assert.ok(client.running);
        assert.doesNotMatch(client.stderr(), /Unhandled|unhandled/);
        await client.shutdown();
      } finally {
        client.dispose();
        rmSync(folder, { recursive: true, force: true });
      }
    });
  }
});

describe('initialize without capabilities, or with capabilities of the wrong shape', () => {
  for (const [what, capabilities] of [
    ['no capabilities', undefined],
    ['capabilities null', null],
    ['capabilities a string', 'everything'],
    ['each part of the wrong type', { textDocument: 'x', workspace: [1], window: 7 }],
  ] as const) {
    test(`${what}: initialize answers, and the server works`, async () => {
      const client = startServer();
      try {
        const result = await client.request<InitializeResult>('initialize', { processId: null, rootUri: null, ...(capabilities === undefined ? {} : { capabilities }) });
        assert.ok(result.capabilities.hoverProvider);
        await client.notify('initialized', {});
        const uri = 'untitled:bare.flink.sql';
        await client.open(uri, "CREATE CONNECTION c WITH ('type' = 'opneai');");
        await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-connection-type'));
        const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
        assert.equal((hover.contents as MarkupContent).kind, MarkupKind.PlainText);
        await client.shutdown();
      } finally {
        client.dispose();
      }
    });
  }
});
