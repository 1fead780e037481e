import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, TextDocumentEdit, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { analyzeDocument, analyzeEdit } from '../../server/src/analysis/analyzeDocument';
import type { Problem } from '../../server/src/analysis/problem';
import { connectionTypes } from '../../server/src/catalogue/connectionTypes';
import { modelProviders } from '../../server/src/catalogue/modelProviders';
import { tableConnectors } from '../../server/src/catalogue/tableConnectors';
import { toolTypes } from '../../server/src/catalogue/toolsAndAgents';
import { findOptionKey } from '../../server/src/catalogue/optionKeys';
import { FIX_ALL_KIND, codeActions, fixAllEdit } from '../../server/src/features/codeActions';
import { toDiagnostics } from '../../server/src/features/diagnostics';
import { typeOfEndpoint } from '../../server/src/features/typeOfEndpoint';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { parseMarkers } from '../helpers/markers';

const mistakes = readFileSync(path.join(__dirname, '../../examples/mistakes.sql'), 'utf8');

function documentOf(text: string, version = 1): TextDocument {
  return TextDocument.create('file:///test.flink.sql', 'flinksql', version, text);
}

function diagnosticsOf(document: TextDocument): Diagnostic[] {
  return toDiagnostics(document, analyzeDocument(parseDocument(document.getText())));
}

/** The edits of a versioned workspace edit, checked to be for `document`'s version. */
function editsOf(edit: WorkspaceEdit | undefined, document: TextDocument): TextEdit[] {
  const [change] = edit?.documentChanges ?? [];
  assert.ok(change && TextDocumentEdit.is(change), 'a versioned document edit');
  assert.deepEqual(change.textDocument, { uri: document.uri, version: document.version });
  return change.edits as TextEdit[];
}

/** The text after the edits; fails on overlapping edits, as a client would reject them. */
function applyEdits(document: TextDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(document, edits);
}

/** The quick fixes offered for the diagnostic of `code` (the one at `$0` when the source marks one). */
function quickFixes(source: string, code: string): { document: TextDocument; diagnostic: Diagnostic; actions: CodeAction[] } {
  const { text, cursor } = parseMarkers(source);
  const document = documentOf(text);
  const candidates = diagnosticsOf(document).filter((d) => d.code === code);
  const diagnostic =
    cursor === undefined
      ? candidates[0]
      : candidates.find((d) => document.offsetAt(d.range.start) <= cursor && cursor <= document.offsetAt(d.range.end));
  assert.ok(diagnostic, `a ${code} diagnostic${cursor === undefined ? '' : ' at $0'}`);
  return { document, diagnostic, actions: codeActions(document, analyzeEdit(parseDocument(text)), [diagnostic]) };
}

describe('each quick fix, and the text it leaves', () => {
  const cases: { name: string; source: string; code: string; title: string; after: string }[] = [
    {
      name: 'rename an unknown key to the key it is taken for',
      source: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api_key' = 'k');`,
      code: 'unknown-option',
      title: "Rename to 'api-key'",
      after: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');`,
    },
    {
      name: 'remove an option alone on its line: the line goes',
      source: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'token' = 't',
  'endpoint' = 'https://x',
  'api-key' = 'k'
);`,
      code: 'unknown-option',
      title: "Remove option 'token'",
      after: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'endpoint' = 'https://x',
  'api-key' = 'k'
);`,
    },
    {
      name: 'remove the last option on its line: the comma before it goes too',
      source: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'endpoint' = 'https://x',
  'api-key' = 'k', -- the key
  'token' = 't' -- not for openai
);`,
      code: 'unknown-option',
      title: "Remove option 'token'",
      after: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'endpoint' = 'https://x',
  'api-key' = 'k' -- the key
);`,
    },
    {
      name: 'remove an option in the middle of a one-line list',
      source: `CREATE CONNECTION c WITH ('type' = 'openai', 'token' = 't', 'endpoint' = 'https://x', 'api-key' = 'k');`,
      code: 'unknown-option',
      title: "Remove option 'token'",
      after: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');`,
    },
    {
      name: 'remove the last option of a one-line list',
      source: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k', 'token' = 't');`,
      code: 'unknown-option',
      title: "Remove option 'token'",
      after: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');`,
    },
    {
      name: 'remove the first option, on the line of the parenthesis',
      source: `CREATE CONNECTION c WITH ('token' = 't',
    'type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');`,
      code: 'unknown-option',
      title: "Remove option 'token'",
      after: `CREATE CONNECTION c WITH (
    'type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');`,
    },
    {
      name: 'remove a misspelling of a key that is already there',
      source: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k', 'api_key' = 'k2');`,
      code: 'unknown-option',
      title: "Remove option 'api_key'",
      after: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');`,
    },
    {
      name: 'rename in ALTER CONNECTION',
      source: `ALTER CONNECTION elsewhere SET ('ap-key' = 'k');`,
      code: 'unknown-option',
      title: "Rename to 'api-key'",
      after: `ALTER CONNECTION elsewhere SET ('api-key' = 'k');`,
    },
    {
      name: 'change a misspelt type to the nearest type',
      source: `CREATE CONNECTION c WITH ('type' = 'mcp-server', 'endpoint' = 'https://x', 'token' = 't');`,
      code: 'unknown-connection-type',
      title: "Change type to 'mcp_server'",
      after: `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'token' = 't');`,
    },
    {
      name: "add the endpoint, one per line, in the list's indentation, with the type's example",
      source: `CREATE CONNECTION c
  WITH (
    'type' = 'openai',
    'api-key' = 'k'
  );`,
      code: 'missing-option',
      title: "Add 'endpoint'",
      after: `CREATE CONNECTION c
  WITH (
    'type' = 'openai',
    'api-key' = 'k',
    'endpoint' = 'https://api.openai.com/v1/chat/completions'
  );`,
    },
    {
      name: 'add a key to a one-line list',
      source: `CREATE CONNECTION c WITH ('type'='openai', 'endpoint'='https://x');`,
      code: 'missing-option',
      title: "Add 'api-key'",
      after: `CREATE CONNECTION c WITH ('type'='openai', 'endpoint'='https://x', 'api-key'='<api-key>');`,
    },
    {
      name: 'add a key after a last option with a comment on its line',
      source: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'endpoint' = 'https://x' -- production
);`,
      code: 'missing-option',
      title: "Add 'api-key'",
      after: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'endpoint' = 'https://x', -- production
  'api-key' = '<api-key>'
);`,
    },
    {
      name: 'add the type the endpoint belongs to',
      source: `CREATE CONNECTION c WITH ('endpoint' = 'https://api.anthropic.com/v1/messages', 'api-key' = 'k');`,
      code: 'missing-option',
      title: "Add 'type' = 'anthropic'",
      after: `CREATE CONNECTION c WITH ('endpoint' = 'https://api.anthropic.com/v1/messages', 'api-key' = 'k', 'type' = 'anthropic');`,
    },
    {
      name: "add the catalogue's placeholder type when the endpoint does not tell",
      source: `CREATE CONNECTION c WITH ('endpoint' = 'https://llm.example.com', 'api-key' = 'k');`,
      code: 'missing-option',
      title: "Add 'type' = 'openai'",
      after: `CREATE CONNECTION c WITH ('endpoint' = 'https://llm.example.com', 'api-key' = 'k', 'type' = 'openai');`,
    },
    {
      name: 'fill an empty list, one option per line',
      source: `CREATE CONNECTION [|c|] WITH ();`,
      code: 'missing-option',
      title: "Add 'type' = 'openai'",
      after: `CREATE CONNECTION c WITH (
  'type' = 'openai'
);`,
    },
    {
      name: 'fill an empty list indented with tabs',
      source: `\tCREATE CONNECTION c WITH (  );`,
      code: 'missing-option',
      title: "Add 'type' = 'openai'",
      after: `\tCREATE CONNECTION c WITH (
\t\t'type' = 'openai'
\t);`,
    },
    {
      name: 'complete basic authentication',
      source: `CREATE CONNECTION c WITH (
  'type' = 'mongodb',
  'endpoint' = 'mongodb://h',
  'username' = 'u'
);`,
      code: 'incomplete-auth',
      title: "Add 'password'",
      after: `CREATE CONNECTION c WITH (
  'type' = 'mongodb',
  'endpoint' = 'mongodb://h',
  'username' = 'u',
  'password' = '<password>'
);`,
    },
    {
      name: 'complete OAuth',
      source: `CREATE CONNECTION c WITH ('type' = 'rest', 'endpoint' = 'https://x', 'token-endpoint' = 'https://a/t', 'client-id' = 'i');`,
      code: 'incomplete-auth',
      title: "Add 'client-secret' and 'scope'",
      after: `CREATE CONNECTION c WITH ('type' = 'rest', 'endpoint' = 'https://x', 'token-endpoint' = 'https://a/t', 'client-id' = 'i', 'client-secret' = '<client-secret>', 'scope' = '<scope>');`,
    },
    {
      name: 'choose an auth method to add',
      source: `CREATE CONNECTION c WITH (
    'type' = 'rest',
    'endpoint' = 'https://x'
);`,
      code: 'missing-auth',
      title: "Add basic authentication: 'username' and 'password'",
      after: `CREATE CONNECTION c WITH (
    'type' = 'rest',
    'endpoint' = 'https://x',
    'username' = '<username>',
    'password' = '<password>'
);`,
    },
    {
      name: 'remove the later duplicate',
      source: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'endpoint' = 'https://x',
  'api-key' = 'old',
  'api-key' = 'new'
);`,
      code: 'duplicate-option',
      title: "Remove this duplicate 'api-key'",
      after: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'endpoint' = 'https://x',
  'api-key' = 'old'
);`,
    },
    {
      name: 'keep the later duplicate',
      source: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'endpoint' = 'https://x',
  'api-key' = 'old',
  'api-key' = 'new'
);`,
      code: 'duplicate-option',
      title: "Keep this 'api-key' and remove the other",
      after: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'endpoint' = 'https://x',
  'api-key' = 'new'
);`,
    },
    {
      name: "keep one auth method, remove the other's keys",
      source: `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'username' = 'u', 'token' = 't', 'password' = 'p');`,
      code: 'conflicting-auth',
      title: "Keep basic authentication, remove 'token'",
      after: `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'username' = 'u', 'password' = 'p');`,
    },
    {
      name: 'keep one auth method: scattered lines go, with their comments, and the new last option loses its comma',
      source: `CREATE CONNECTION c WITH (
  'type' = 'rest',
  'token-endpoint' = 'https://a/t', -- oauth
  'client-id' = 'i',
  'endpoint' = 'https://x',
  'client-secret' = 's',
  'api-key' = 'k',
  'scope' = 's'
);`,
      code: 'conflicting-auth',
      title: "Keep API key, remove 'token-endpoint', 'client-id', 'client-secret' and 'scope'",
      after: `CREATE CONNECTION c WITH (
  'type' = 'rest',
  'endpoint' = 'https://x',
  'api-key' = 'k'
);`,
    },
    {
      name: 'keep one auth method in a list of several options per line',
      source: `CREATE CONNECTION c WITH ('type' = 'rest', 'endpoint' = 'https://x',
                          'api-key' = 'k', 'token' = 't',
                          'scope' = 's');`,
      code: 'conflicting-auth',
      title: "Keep API key, remove 'token' and 'scope'",
      after: `CREATE CONNECTION c WITH ('type' = 'rest', 'endpoint' = 'https://x',
                          'api-key' = 'k');`,
    },
    {
      name: 'keeping one auth method removes a misspelt key of the other',
      source: `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'token' = 't', 'usrname' = 'u', 'password' = 'p');`,
      code: 'conflicting-auth',
      title: "Keep bearer token, remove 'usrname' and 'password'",
      after: `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'token' = 't');`,
    },
    {
      name: 'replace a value with an allowed one',
      source: `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'token' = 't', 'transport-type' = 'websocket');`,
      code: 'invalid-option-value',
      title: "Change 'transport-type' to 'STREAMABLE_HTTP'",
      after: `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'token' = 't', 'transport-type' = 'STREAMABLE_HTTP');`,
    },
    {
      name: 'a document with CRLF line breaks gets CRLF',
      source: `CREATE CONNECTION c WITH (\r\n  'type' = 'openai',\r\n  'endpoint' = 'https://x'\r\n);\r\n`,
      code: 'missing-option',
      title: "Add 'api-key'",
      after: `CREATE CONNECTION c WITH (\r\n  'type' = 'openai',\r\n  'endpoint' = 'https://x',\r\n  'api-key' = '<api-key>'\r\n);\r\n`,
    },
    {
      name: 'emoji and CJK before the option do not shift the edit',
      source: `CREATE CONNECTION c COMMENT '💬 チャット' WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap-key' = 'k');`,
      code: 'unknown-option',
      title: "Rename to 'api-key'",
      after: `CREATE CONNECTION c COMMENT '💬 チャット' WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');`,
    },
    {
      name: "quote the key and value of the SQL client's older SET",
      source: `SET table.sql-dialect=hive;`,
      code: 'unquoted-setting',
      title: 'Quote the key and value',
      after: `SET 'table.sql-dialect'='hive';`,
    },
    {
      name: 'quote only what is unquoted, and keep a comment inside the statement',
      source: `SET 'execution.runtime-mode' = batch -- for the demo\n;`,
      code: 'unquoted-setting',
      title: 'Quote the key and value',
      after: `SET 'execution.runtime-mode' = 'batch' -- for the demo\n;`,
    },
    {
      name: "quote RESET's key",
      source: `RESET table.sql-dialect;`,
      code: 'unquoted-setting',
      title: 'Quote the key',
      after: `RESET 'table.sql-dialect';`,
    },
  ];

  for (const { name, source, code, title, after } of cases) {
    test(name, () => {
      const { document, actions } = quickFixes(source, code);
      const action = actions.find((a) => a.title === title);
      assert.ok(action, `"${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(action.kind, CodeActionKind.QuickFix);
      assert.equal(applyEdits(document, editsOf(action.edit, document)), after);
    });
  }
});

describe('which fixes are offered', () => {
  const cases: { name: string; source: string; code: string; titles: string[]; preferred?: string }[] = [
    {
      name: 'an unquoted value with a quote of its own is not quoted (the fix would have to write the value)',
      source: `SET k = O'Neil';`,
      code: 'unquoted-setting',
      titles: [],
    },
    {
      name: 'a misspelt key the analysis reads as a required key: rename only, since removing it brings back the missing key',
      source: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap-key' = 'k');`,
      code: 'unknown-option',
      titles: ["Rename to 'api-key'"],
      preferred: "Rename to 'api-key'",
    },
    {
      name: 'a misspelt optional key: rename or remove',
      source: `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'api-key' = 'k', 'sse_endpoint' = 'https://x/sse');`,
      code: 'unknown-option',
      titles: ["Rename to 'sse-endpoint'", "Remove option 'sse_endpoint'"],
      preferred: "Rename to 'sse-endpoint'",
    },
    {
      name: 'a key of another type: remove',
      source: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k', 'token' = 't');`,
      code: 'unknown-option',
      titles: ["Remove option 'token'"],
    },
    {
      name: 'a type far from any type: nothing to offer',
      source: `CREATE CONNECTION c WITH ('type' = 'kafka', 'endpoint' = 'https://x');`,
      code: 'unknown-connection-type',
      titles: [],
    },
    {
      name: 'no auth method for rest: one action per method',
      source: `CREATE CONNECTION c WITH ('type' = 'rest', 'endpoint' = 'https://x');`,
      code: 'missing-auth',
      titles: [
        "Add API key: 'api-key'",
        "Add basic authentication: 'username' and 'password'",
        "Add bearer token: 'token'",
        "Add OAuth 2.0: 'token-endpoint', 'client-id', 'client-secret' and 'scope'",
      ],
    },
    {
      name: 'conflicting methods: keep either one',
      source: `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'api-key' = 'a', 'token' = 'b');`,
      code: 'conflicting-auth',
      titles: ["Keep API key, remove 'token'", "Keep bearer token, remove 'api-key'"],
    },
    {
      name: 'a value outside an enumeration: one action per allowed value',
      source: `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'token' = 't', 'transport-type' = 'ws');`,
      code: 'invalid-option-value',
      titles: ["Change 'transport-type' to 'SSE'", "Change 'transport-type' to 'STREAMABLE_HTTP'"],
    },
    {
      name: 'an empty value: nothing to offer',
      source: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = '');`,
      code: 'invalid-option-value',
      titles: [],
    },
  ];

  for (const { name, source, code, titles, preferred } of cases) {
    test(name, () => {
      const { diagnostic, actions } = quickFixes(source, code);
      assert.deepEqual(actions.map((a) => a.title), titles);
      assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), preferred ? [preferred] : []);
      for (const action of actions) assert.deepEqual(action.diagnostics, [diagnostic]);
    });
  }

  test('a diagnostic that no longer fits the text gets no fix', () => {
    const { diagnostic } = quickFixes(`CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap-key' = 'k');`, 'unknown-option');
    const edited = `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'k');`;
    assert.deepEqual(codeActions(documentOf(edited, 2), analyzeEdit(parseDocument(edited)), [diagnostic]), []);
  });

  test("other sources' diagnostics and diagnostics without data are ignored", () => {
    const { document, diagnostic } = quickFixes(`ALTER CONNECTION c SET ('ap-key' = 'k');`, 'unknown-option');
    const analysis = analyzeEdit(parseDocument(document.getText()));
    assert.deepEqual(codeActions(document, analysis, [{ ...diagnostic, source: 'other' }]), []);
    assert.deepEqual(codeActions(document, analysis, [{ ...diagnostic, data: undefined }]), []);
    assert.deepEqual(codeActions(document, analysis, [{ ...diagnostic, data: { code: 'unknown-option', key: 42 } }]), []);
    const rest = `CREATE CONNECTION c WITH ('type' = 'rest', 'endpoint' = 'https://x');`;
    const [missingAuth] = diagnosticsOf(documentOf(rest));
    const forged = { ...missingAuth!, data: { code: 'missing-auth', methods: [{ method: 'constructor', keys: ['x'] }, null] } };
    assert.deepEqual(codeActions(documentOf(rest), analyzeEdit(parseDocument(rest)), [forged]), []);
  });

  test('`only` is honoured', () => {
    const { document, diagnostic } = quickFixes(`ALTER CONNECTION c SET ('ap-key' = 'k');`, 'unknown-option');
    const analysis = analyzeEdit(parseDocument(document.getText()));
    const kinds = (only?: string[]) => codeActions(document, analysis, [diagnostic], only).map((a) => a.kind);
    assert.deepEqual(kinds(), ['quickfix', 'quickfix']);
    assert.deepEqual(kinds(['quickfix']), ['quickfix', 'quickfix']);
    assert.deepEqual(kinds(['source.fixAll']), [FIX_ALL_KIND]);
    assert.deepEqual(kinds(['source']), [FIX_ALL_KIND]);
    assert.deepEqual(kinds([FIX_ALL_KIND]), [FIX_ALL_KIND]);
    assert.deepEqual(kinds(['refactor']), []);
  });

  test('a fix for version N names version N', () => {
    const text = `ALTER CONNECTION c SET ('ap-key' = 'k');`;
    const document = documentOf(text, 17);
    const [action] = codeActions(document, analyzeEdit(parseDocument(text)), diagnosticsOf(document));
    const [change] = action!.edit!.documentChanges!;
    assert.deepEqual((change as TextDocumentEdit).textDocument, { uri: document.uri, version: 17 });
    const [fixAll] = codeActions(document, analyzeEdit(parseDocument(text)), [], [FIX_ALL_KIND]);
    assert.equal((fixAll!.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 17);
  });

  test('the fix-all kind is source.fixAll.flinksql', () => {
    assert.equal(FIX_ALL_KIND, `${CodeActionKind.SourceFixAll}.flinksql`);
  });
});

/** The problem a diagnostic reports, found by code and position. */
function problemOf(problems: readonly Problem[], document: TextDocument, diagnostic: Diagnostic): Problem | undefined {
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  return problems.find((p) => p.code === diagnostic.code && p.message === diagnostic.message && p.span.start === start && p.span.end === end);
}

/**
 * The quality bar: after a quick fix, the document's problems are its problems before, less the ones
 * the action says it fixes, and nothing new. Not counted as change:
 * - problems of text the fix removed or replaced, which may go with it (the incomplete auth method
 *   whose keys "keep the other method" removes) or stay, reported on the text that is left;
 * - a URL placeholder the fix inserted that the analysis reports as not yet a URL: it is what the user
 *   must fill in;
 * - after adding a missing 'type', what that type requires of the other keys: the type's rules only
 *   apply once there is a type.
 */
function assertLeavesOneFewer(document: TextDocument, action: CodeAction): void {
  const text = document.getText();
  const textEdits = editsOf(action.edit, document);
  const edits = textEdits
    .map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start);
  const after = applyEdits(document, textEdits);
  // Where each edit's text stands in the new document.
  let shift = 0;
  const inserted = edits.map((e) => {
    const range = { start: e.start + shift, end: e.start + shift + e.newText.length };
    shift += e.newText.length - (e.end - e.start);
    return range;
  });
  const within = (span: { start: number; end: number }, ranges: readonly { start: number; end: number }[]) =>
    ranges.some((r) => r.start < r.end && r.start <= span.start && span.end <= r.end);
  const addsType = action.title.startsWith("Add 'type'");
  const typeRule = (p: Problem) => addsType && ((p.code === 'missing-option' && p.data.key !== 'type') || p.code === 'missing-auth');

  const before = analyzeDocument(parseDocument(text));
  const fixed = (action.diagnostics ?? []).map((d) => problemOf(before, document, d));
  assert.ok(fixed.length > 0 && fixed.every((p) => p !== undefined), 'the action names the problems it fixes');
  const described = (p: Problem) => `${p.code}: ${p.message}`;
  const remaining = before.filter((p) => !fixed.includes(p) && !typeRule(p));
  const mayGo = remaining.filter((p) => within(p.span, edits)).map(described);
  const expected = remaining.filter((p) => !within(p.span, edits)).map(described);
  const actual = analyzeDocument(parseDocument(after))
    .filter((p) => !(within(p.span, inserted) && (p.code === 'invalid-endpoint' || p.code === 'invalid-option-value')) && !typeRule(p))
    .map(described);
  // What is left beyond the expected problems must be problems that were on the edited text.
  for (const problem of mayGo) {
    const i = actual.indexOf(problem);
    if (i >= 0 && actual.filter((a) => a === problem).length > expected.filter((e) => e === problem).length) actual.splice(i, 1);
  }
  assert.deepEqual(actual.sort(), expected.sort(), `"${action.title}" on:\n${text}\ngave:\n${after}`);
}

describe('every quick fix leaves one diagnostic fewer and no new one', () => {
  const sources = [
    `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap-key' = 'k');`,
    `CREATE CONNECTION c WITH ('type' = 'a2a', 'endpoint' = 'https://x', 'api-key' = 'k', 'pasword' = 'p');`,
    `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'api-key' = 'k', 'sse_endpoint' = 'https://x/sse', 'transport' = 'SSE');`,
    `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'API-KEY' = 'k', 'token' = 't');`,
    `CREATE CONNECTION c WITH ('type' = 'opneai', 'endpoint' = 'https://x', 'api-key' = 'k');`,
    `CREATE CONNECTION c WITH ('api-key' = 'k');`,
    `CREATE CONNECTION c WITH ();`,
    `CREATE CONNECTION c WITH ('type' = 'bedrock', 'endpoint' = 'https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke');`,
    `CREATE CONNECTION c WITH ('type' = 'bedrock', 'endpoint' = 'https://x', 'aws-session-token' = 't');`,
    `CREATE CONNECTION c WITH ('type' = 'vertexai', 'endpoint' = 'https://x');`,
    `CREATE CONNECTION c WITH ('type' = 'rest', 'endpoint' = 'https://x');`,
    `CREATE CONNECTION c WITH ('type' = 'elastic', 'endpoint' = 'https://x');`,
    `CREATE CONNECTION c WITH ('type' = 'rest', 'endpoint' = 'https://x', 'username' = 'u', 'token' = 't', 'client-id' = 'i');`,
    `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'token' = 't', 'usrname' = 'u');`,
    `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = 'a', 'api-key' = 'b', 'api-key' = 'c');`,
    `CREATE CONNECTION c WITH ('type' = 'mcp_server', 'endpoint' = 'https://x', 'token' = 't', 'transport-type' = 'ws');`,
    `ALTER CONNECTION c SET ('ap-key' = 'k'); ALTER CONNECTION d SET ('api-key' = 'a', 'api_key' = 'b', 'api-key' = 'c');`,
    `ALTER CONNECTION c SET ('username' = 'u', 'token' = 't', 'token' = 'u');`,
  ];

  for (const source of sources) {
    test(source, () => {
      const document = documentOf(source);
      const actions = codeActions(document, analyzeEdit(parseDocument(source)), diagnosticsOf(document));
      assert.ok(actions.length > 0, 'some fix is offered');
      for (const action of actions) assertLeavesOneFewer(document, action);
    });
  }

  test('for every diagnostic in examples/mistakes.sql', () => {
    const document = documentOf(mistakes);
    const fixedCodes = new Set<string>();
    for (const action of codeActions(document, analyzeEdit(parseDocument(mistakes)), diagnosticsOf(document))) {
      assertLeavesOneFewer(document, action);
      for (const diagnostic of action.diagnostics!) fixedCodes.add(String(diagnostic.code));
    }
    assert.deepEqual([...fixedCodes].sort(), [
      'conflicting-auth',
      'duplicate-option',
      'incomplete-auth',
      'invalid-option-value',
      'missing-auth',
      'missing-option',
      'unknown-connection-type',
      'unknown-option',
    ]);
  });

  test('no title in examples/mistakes.sql shows a value of a credential', () => {
    const document = documentOf(mistakes);
    const parsed = parseDocument(mistakes);
    const values = parsed.statements.flatMap(({ statement }) =>
      statement?.kind === 'createConnection' || statement?.kind === 'alterConnection'
        ? statement.options.options.filter((o) => findOptionKey(o.key.value)?.secret !== 'never').map((o) => o.value.value)
        : [],
    );
    assert.ok(values.length > 10);
    const analysis = analyzeEdit(parsed);
    const titles = codeActions(document, analysis, diagnosticsOf(document), undefined).map((a) => a.title);
    titles.push(...codeActions(document, analysis, [], [FIX_ALL_KIND]).map((a) => a.title));
    for (const title of titles) for (const value of values.filter((v) => v.length >= 4)) assert.ok(!title.includes(value), title);
  });
});

describe('fix all', () => {
  /** The text after fix-all, or undefined when it has nothing to do. */
  function fixAll(text: string): string | undefined {
    const document = documentOf(text);
    const parsed = parseDocument(text);
    const edit = fixAllEdit(document, parsed, analyzeDocument(parsed));
    return edit && applyEdits(document, editsOf(edit, document));
  }

  const cases: { name: string; before: string; after: string | undefined }[] = [
    {
      name: 'a misspelling of a key that is there is left alone (renaming would duplicate it); the missing key is added',
      before: `CREATE CONNECTION c WITH (
  'type' = 'mongodb',
  'usr-name' = 'u',
  'username' = 'u2',
  'endpoint' = 'mongodb://h'
);`,
      after: `CREATE CONNECTION c WITH (
  'type' = 'mongodb',
  'usr-name' = 'u',
  'username' = 'u2',
  'endpoint' = 'mongodb://h',
  'password' = '<password>'
);`,
    },
    {
      name: 'rename, remove the later duplicate and add the missing key, in one edit',
      before: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'api_key' = 'k',
  'api_key' = 'k2'
);`,
      after: `CREATE CONNECTION c WITH (
  'type' = 'openai',
  'api-key' = 'k',
  'endpoint' = 'https://api.openai.com/v1/chat/completions'
);`,
    },
    {
      name: 'a changed type brings its own required keys',
      before: `CREATE CONNECTION c WITH ('type' = 'opneai', 'endpoint' = 'https://x');`,
      after: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'api-key' = '<api-key>');`,
    },
    {
      name: 'a renamed type key makes the type readable',
      before: `CREATE CONNECTION c WITH ('typ' = 'mongodb', 'endpoint' = 'mongodb://h', 'username' = 'u');`,
      after: `CREATE CONNECTION c WITH ('type' = 'mongodb', 'endpoint' = 'mongodb://h', 'username' = 'u', 'password' = '<password>');`,
    },
    {
      name: 'the last option removed and keys added in the same place',
      before: `CREATE CONNECTION c WITH (
  'type' = 'bedrock',
  'endpoint' = 'https://x',
  'aws-session-token' = 't',
  'aws-session-token' = 't2'
);`,
      after: `CREATE CONNECTION c WITH (
  'type' = 'bedrock',
  'endpoint' = 'https://x',
  'aws-session-token' = 't',
  'aws-access-key' = '<aws-access-key-id>',
  'aws-secret-key' = '<aws-secret-access-key>'
);`,
    },
    {
      name: 'the same on one line',
      before: `CREATE CONNECTION c WITH ('type' = 'mongodb', 'endpoint' = 'mongodb://h', 'username' = 'u', 'username' = 'v');`,
      after: `CREATE CONNECTION c WITH ('type' = 'mongodb', 'endpoint' = 'mongodb://h', 'username' = 'u', 'password' = '<password>');`,
    },
    {
      name: 'choices are left alone: no type, no auth method, conflicting methods',
      before: `CREATE CONNECTION a WITH ('endpoint' = 'https://x', 'api-key' = 'k');
CREATE CONNECTION b WITH ('type' = 'rest', 'endpoint' = 'https://x');
CREATE CONNECTION d WITH ('type' = 'rest', 'endpoint' = 'https://x', 'api-key' = 'k', 'token' = 't');`,
      after: undefined,
    },
    {
      name: 'a misspelling of a key that is already there is not renamed into a duplicate',
      before: `ALTER CONNECTION c SET ('api-key' = 'a', 'api_key' = 'b');`,
      after: undefined,
    },
  ];

  for (const { name, before, after } of cases) {
    test(name, () => {
      assert.equal(fixAll(before), after);
    });
  }

  /** The text after the fix-all action made from `analysis`, the analysis the server holds; undefined when there is none. */
  function fixAllFrom(text: string, analysis = analyzeEdit(parseDocument(text))): string | undefined {
    const document = documentOf(text);
    const [action] = codeActions(document, analysis, [], [FIX_ALL_KIND]);
    return action && applyEdits(document, editsOf(action.edit, document));
  }

  test('reads the held analysis: a key that only a connection of another file rules out is left alone', () => {
    const text = `ALTER CONNECTION c SET ('tokn' = 'v');`;
    assert.equal(fixAllFrom(text), `ALTER CONNECTION c SET ('token' = 'v');`);
    // With c an OpenAI connection in another file, 'tokn' is taken for no key of its type.
    const lookup = { find: () => [{ name: 'c', qualifiedName: 'c', nameSpan: { start: 0, end: 1 }, type: 'openai', endpoint: undefined, comment: undefined }], version: 1 };
    assert.equal(fixAllFrom(text, analyzeEdit(parseDocument(text), lookup)), undefined);
  });

  test('what a suppression comment silences is not fixed', () => {
    const silenced = [
      '-- flinksql-disable-next-line unknown-option',
      `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x', 'ap-key' = 'k');`,
    ].join('\n');
    const d = (key: string) => `\nCREATE CONNECTION d WITH ('type' = 'openai', 'endpoint' = 'https://x', '${key}' = 'k');`;
    assert.equal(fixAllFrom(silenced + d('ap-key')), silenced + d('api-key'));
  });

  test('on examples/mistakes.sql: fewer problems, no syntax error, and a second run has nothing left', () => {
    const before = analyzeDocument(parseDocument(mistakes));
    const fixed = fixAll(mistakes);
    assert.ok(fixed !== undefined);
    const after = analyzeDocument(parseDocument(fixed));
    assert.ok(after.length < before.length, `${after.length} < ${before.length}`);
    const syntaxErrors = (problems: readonly Problem[]) => problems.filter((p) => p.code === 'syntax-error').length;
    assert.equal(syntaxErrors(after), syntaxErrors(before), 'only the syntax errors the file already had');
    assert.equal(fixAll(fixed), undefined);
    for (const code of ['unknown-connection-type', 'duplicate-option', 'incomplete-auth']) {
      assert.ok(!after.some((p) => p.code === code), `no ${code} left`);
    }
  });
});

describe("the type a missing 'type' is given, from the endpoint", () => {
  test("each type's own example endpoint names that type, unless its host is only a placeholder", () => {
    const named = connectionTypes.filter((t) => typeOfEndpoint(t.endpoint.example) !== undefined);
    for (const type of named) assert.equal(typeOfEndpoint(type.endpoint.example), type, type.name);
    assert.deepEqual(
      connectionTypes.filter((t) => !named.includes(t)).map((t) => t.name),
      ['confluent_jdbc', 'mcp_server', 'a2a'],
    );
  });

  test('real endpoints', () => {
    assert.equal(typeOfEndpoint('mongodb+srv://orders.x1y2z.mongodb.net/orders')?.name, 'mongodb');
    assert.equal(typeOfEndpoint('https://fraud-scorer.eastus2.inference.ml.azure.com/score')?.name, 'azureml');
    assert.equal(typeOfEndpoint('https://us-central1-aiplatform.googleapis.com/v1/projects/p')?.name, 'vertexai');
    assert.equal(typeOfEndpoint('http://api.openai.com/v1')?.name, undefined, 'a scheme the type does not take');
    assert.equal(typeOfEndpoint('https://mcp.example.com/mcp'), undefined);
    assert.equal(typeOfEndpoint('not a url'), undefined);
  });
});

describe('quick fixes of models, tables, tools and agents, and the text they leave', () => {
  const openai = `CREATE CONNECTION my_openai WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = 'k');\n`;
  const mongo = `CREATE CONNECTION my_mongo WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = 'p');\n`;
  const cases: { name: string; source: string; code: string; title: string; after: string }[] = [
    {
      name: "move a model's legacy endpoint and key into a new connection, one option per line",
      source: `CREATE MODEL \`sentiment-v1\` INPUT (text STRING) OUTPUT (label STRING)
WITH (
  'provider' = 'openai',
  'task' = 'classification',
  'openai.endpoint' = 'https://api.openai.com/v1/chat/completions',
  'openai.api_key' = 'sk-fake-1',
  'openai.system_prompt' = 'Label it.'
);`,
      code: 'deprecated-option',
      title: "Move credentials into a new connection 'sentiment_v1_connection'",
      after: `CREATE CONNECTION sentiment_v1_connection WITH (
  'type' = 'openai',
  'endpoint' = 'https://api.openai.com/v1/chat/completions',
  'api-key' = 'sk-fake-1'
);
CREATE MODEL \`sentiment-v1\` INPUT (text STRING) OUTPUT (label STRING)
WITH (
  'provider' = 'openai',
  'task' = 'classification',
  'openai.system_prompt' = 'Label it.',
  'openai.connection' = 'sentiment_v1_connection'
);`,
    },
    {
      name: "move a table's legacy password into a new connection on one line; the user name it lacks gets a placeholder, the embedding path stays",
      source: `CREATE TABLE docs (title STRING) WITH ('connector' = 'mongodb', 'mongodb.password' = 'pw-fake', 'mongodb.endpoint' = 'mongodb+srv://c.mongodb.net/db', 'mongodb.path' = 'embedding', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');`,
      code: 'deprecated-option',
      title: "Move credentials into a new connection 'docs_connection'",
      after: `CREATE CONNECTION docs_connection WITH ('type' = 'mongodb', 'password' = 'pw-fake', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = '<username>');
CREATE TABLE docs (title STRING) WITH ('connector' = 'mongodb', 'mongodb.path' = 'embedding', 'mongodb.database' = 'd', 'mongodb.collection' = 'c', 'mongodb.connection' = 'docs_connection');`,
    },
    {
      name: 'the new connection takes a name no connection of the document has',
      source: `${openai}CREATE CONNECTION m_connection WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = 'k');
CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.api_key' = 'sk-fake-2');`,
      code: 'deprecated-option',
      title: "Move credentials into a new connection 'm_connection_2'",
      after: `${openai}CREATE CONNECTION m_connection WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = 'k');
CREATE CONNECTION m_connection_2 WITH ('type' = 'openai', 'api-key' = 'sk-fake-2', 'endpoint' = 'https://api.openai.com/v1/chat/completions');
CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'm_connection_2');`,
    },
    {
      name: 'nor a name another statement names without defining it',
      source: `CREATE TABLE x (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'm_connection', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');
CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.api_key' = 'sk-fake-3');`,
      code: 'deprecated-option',
      title: "Move credentials into a new connection 'm_connection_2'",
      after: `CREATE TABLE x (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'm_connection', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');
CREATE CONNECTION m_connection_2 WITH ('type' = 'openai', 'api-key' = 'sk-fake-3', 'endpoint' = 'https://api.openai.com/v1/chat/completions');
CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'm_connection_2');`,
    },
    {
      name: "rename a model's misspelt key to the provider's key",
      source: `${openai}CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'my_openai', 'openai.model_versoin' = 'gpt-4o');`,
      code: 'unknown-option',
      title: "Rename to 'openai.model_version'",
      after: `${openai}CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'my_openai', 'openai.model_version' = 'gpt-4o');`,
    },
    {
      name: "change a misspelt connector to the one meant: 'confluent_jdbc' → 'confluent-jdbc'",
      source: `CREATE TABLE t (a STRING) WITH ('connector' = 'confluent_jdbc', 'confluent-jdbc.connection' = 'pg', 'confluent-jdbc.table-name' = 'orders');`,
      code: 'invalid-option-value',
      title: "Change 'connector' to 'confluent-jdbc'",
      after: `CREATE TABLE t (a STRING) WITH ('connector' = 'confluent-jdbc', 'confluent-jdbc.connection' = 'pg', 'confluent-jdbc.table-name' = 'orders');`,
    },
    {
      name: 'a connection of the wrong type: use one of the right type',
      source: `${openai}${mongo}CREATE TABLE t (title STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'my_openai', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');`,
      code: 'connection-type-mismatch',
      title: "Use connection 'my_mongo'",
      after: `${openai}${mongo}CREATE TABLE t (title STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'my_mongo', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');`,
    },
    {
      name: 'an MCP tool over a connection of another type: use an MCP server connection',
      source: `${openai}CREATE CONNECTION \`mcp-tools\` WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com', 'api-key' = 'k');
CREATE TOOL search USING CONNECTION my_openai WITH ('type' = 'mcp', 'allowed_tools' = 'search');`,
      code: 'connection-type-mismatch',
      title: "Use connection 'mcp-tools'",
      after: `${openai}CREATE CONNECTION \`mcp-tools\` WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com', 'api-key' = 'k');
CREATE TOOL search USING CONNECTION \`mcp-tools\` WITH ('type' = 'mcp', 'allowed_tools' = 'search');`,
    },
    {
      name: "a model without 'provider': add one",
      source: `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('task' = 'classification');`,
      code: 'missing-option',
      title: "Add 'provider' = 'openai'",
      after: `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('task' = 'classification', 'provider' = 'openai');`,
    },
    {
      name: "a model without its provider's connection key: name a connection of the provider's type",
      source: `${openai}${mongo}CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification');`,
      code: 'missing-option',
      title: "Add 'openai.connection' = 'my_openai'",
      after: `${openai}${mongo}CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'my_openai');`,
    },
    {
      name: "an MCP tool without 'allowed_tools': add it with the catalogue's placeholder",
      source: `CREATE CONNECTION mcp WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com', 'api-key' = 'k');
CREATE TOOL t USING CONNECTION mcp WITH ('type' = 'mcp');`,
      code: 'missing-option',
      title: "Add 'allowed_tools'",
      after: `CREATE CONNECTION mcp WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com', 'api-key' = 'k');
CREATE TOOL t USING CONNECTION mcp WITH ('type' = 'mcp', 'allowed_tools' = '${toolTypes.find((t) => t.name === 'mcp')!.keys.find((k) => k.name === 'allowed_tools')!.placeholder}');`,
    },
    {
      name: 'the same key in two cases: remove the later one',
      source: `${openai}CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'my_openai', 'TASK' = 'embedding');`,
      code: 'duplicate-option',
      title: "Remove this duplicate 'TASK'",
      after: `${openai}CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'my_openai');`,
    },
  ];

  for (const { name, source, code, title, after } of cases) {
    test(name, () => {
      const { document, diagnostic, actions } = quickFixes(source, code);
      const action = actions.find((a) => a.title === title);
      assert.ok(action, `"${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(applyEdits(document, editsOf(action.edit, document)), after);
      assert.deepEqual(
        diagnosticsOf(documentOf(after)).filter((d) => d.code === code && d.message === diagnostic.message),
        [],
        'the problem is gone',
      );
    });
  }

  test('a connection of the right type from the workspace is offered too', () => {
    const source = `CREATE TABLE t (title STRING) WITH ('connector' = 'mongodb', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');`;
    const document = documentOf(source);
    const diagnostic = diagnosticsOf(document).find((d) => d.code === 'missing-option')!;
    const workspace = [
      { name: 'atlas', type: 'mongodb' },
      { name: 'gpt', type: 'openai' },
      { name: 'twice', type: 'mongodb' },
      { name: 'twice', type: 'openai' },
    ];
    const titles = codeActions(document, analyzeEdit(parseDocument(source)), [diagnostic], undefined, () => workspace).map((a) => a.title);
    assert.deepEqual(titles, ["Add 'mongodb.connection' = 'atlas'"]);
  });
});

describe('which fixes models, tables, tools and agents are offered', () => {
  const cases: { name: string; source: string; code: string; titles: string[]; preferred?: string }[] = [
    {
      name: 'a misspelt provider: the provider meant first and preferred, then the others',
      source: `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'opnai', 'task' = 'classification');`,
      code: 'invalid-option-value',
      titles: [
        "Change 'provider' to 'openai'",
        ...['azureopenai', 'azureml', 'bedrock', 'sagemaker', 'googleai', 'vertexai', 'anthropic', 'fireworksai', 'confluent'].map((p) => `Change 'provider' to '${p}'`),
      ],
      preferred: "Change 'provider' to 'openai'",
    },
    {
      name: 'a misspelt key of a model: rename only (it stands in for the key meant)',
      source: `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification', 'openai.conection' = 'c');`,
      code: 'unknown-option',
      titles: ["Rename to 'openai.connection'"],
      preferred: "Rename to 'openai.connection'",
    },
    {
      name: "another provider's key: rename to this provider's",
      source: `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'c', 'bedrock.system_prompt' = 'x');`,
      code: 'unknown-option',
      titles: ["Rename to 'openai.system_prompt'"],
      preferred: "Rename to 'openai.system_prompt'",
    },
    {
      name: 'no connection of the type the reference needs: nothing to offer',
      source: `CREATE CONNECTION o WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = 'k');
CREATE TABLE t (title STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'o', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');`,
      code: 'connection-type-mismatch',
      titles: [],
    },
    {
      name: 'move credentials: refused when another option holds a secret, which the edit would have to copy',
      source: `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification', 'openai.api_key' = 'sk-fake', 'openai.params.auth_token' = 'tok-fake');`,
      code: 'deprecated-option',
      titles: [],
    },
    {
      name: "move credentials: refused when an option that stays has a key the catalogue does not know for the statement (its value would be copied)",
      source: `CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.password' = 'pw-fake', 'task' = 'anything', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');`,
      code: 'deprecated-option',
      titles: [],
    },
    {
      name: 'move credentials: refused when a comment between the options would be lost',
      source: `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH (
  'provider' = 'openai', -- the old form
  'task' = 'classification',
  'openai.api_key' = 'sk-fake'
);`,
      code: 'deprecated-option',
      titles: [],
    },
    {
      name: 'move credentials: refused when the model names a connection already',
      source: `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification', 'openai.api_key' = 'sk-fake', 'openai.connection' = 'c');`,
      code: 'deprecated-option',
      titles: [],
    },
    {
      name: 'move credentials: refused when a legacy key is written twice',
      source: `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification', 'openai.api_key' = 'sk-fake', 'OPENAI.API_KEY' = 'sk-fake2');`,
      code: 'deprecated-option',
      titles: [],
    },
  ];

  for (const { name, source, code, titles, preferred } of cases) {
    test(name, () => {
      const { actions } = quickFixes(source, code);
      assert.deepEqual(
        actions.map((a) => a.title),
        titles,
      );
      assert.deepEqual(
        actions.filter((a) => a.isPreferred).map((a) => a.title),
        preferred ? [preferred] : [],
      );
    });
  }

  test('fix all does not move credentials, add keys or choose a connection (each needs a choice)', () => {
    const source = `CREATE CONNECTION o WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = 'k');
CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification', 'openai.api_key' = 'sk-fake');
CREATE MODEL m2 INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification');
CREATE TABLE t (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'o', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');`;
    const document = documentOf(source);
    const analysis = analyzeEdit(parseDocument(source));
    const titles = codeActions(document, analysis, diagnosticsOf(document)).map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Move credentials')) && titles.includes("Add 'openai.connection' = 'o'"), JSON.stringify(titles));
    assert.deepEqual(codeActions(document, analysis, [], [FIX_ALL_KIND]), []);
  });

  test('fix all renames misspelt keys, corrects a misspelt provider, connector or tool type, and removes later duplicates', () => {
    const source = `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'opnai', 'task' = 'classification', 'openai.conection' = 'o', 'openai.model_versoin' = 'gpt-4o', 'TASK' = 'embedding');
CREATE TABLE t (a STRING) WITH ('connector' = 'confluent_jdbc', 'confluent-jdbc.connection' = 'pg', 'confluent-jdbc.table-name' = 'orders');
CREATE TOOL x USING CONNECTION c WITH ('type' = 'MPC', 'allowed_tools' = 'search');`;
    const document = documentOf(source);
    const [action] = codeActions(document, analyzeEdit(parseDocument(source)), [], [FIX_ALL_KIND]);
    assert.ok(action);
    assert.equal(
      applyEdits(document, editsOf(action.edit, document)),
      `CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'o', 'openai.model_version' = 'gpt-4o');
CREATE TABLE t (a STRING) WITH ('connector' = 'confluent-jdbc', 'confluent-jdbc.connection' = 'pg', 'confluent-jdbc.table-name' = 'orders');
CREATE TOOL x USING CONNECTION c WITH ('type' = 'mcp', 'allowed_tools' = 'search');`,
    );
  });
});

describe('"Move credentials into a connection" never carries a secret', () => {
  /** A model of each provider, and a table of each connector, with every legacy key, each value unique. */
  const statements = [
    ...modelProviders.map((p) => ({ set: p, head: `CREATE MODEL \`${p.name}_model\` INPUT (a STRING) OUTPUT (b STRING) WITH (`, own: [`'provider' = '${p.name}'`, `'task' = 'text_generation'`] })),
    ...tableConnectors.map((c) => ({ set: c, head: `CREATE TABLE \`${c.name}_table\` (a STRING) WITH (`, own: [`'connector' = '${c.name}'`] })),
  ].filter(({ set }) => set.keys.some((k) => k.movesTo));

  test('every provider and connector with legacy keys has the fix', () => {
    assert.deepEqual(
      statements.map(({ set }) => set.name).sort(),
      ['azureml', 'azureopenai', 'bedrock', 'googleai', 'mongodb', 'openai', 'sagemaker', 'vertexai'],
    );
  });

  for (const { set, head, own } of statements) {
    test(`${set.name}: the values stay where they are, and no edit writes any of them`, () => {
      const legacy = set.keys.filter((k) => k.movesTo);
      const values = legacy.map((k, i) => (k.movesTo === 'endpoint' ? `https://fake-${i}.example.com/LEAK-${set.name}` : `LEAK-${set.name}-${i}-value`));
      const options = [...own, ...legacy.map((k, i) => `'${k.name}' = '${values[i]}'`)];
      const text = `${head}\n  ${options.join(',\n  ')}\n);\n`;
      const document = documentOf(text);
      const analysis = analyzeEdit(parseDocument(text));
      const actions = codeActions(document, analysis, diagnosticsOf(document)).filter((a) => a.title.startsWith('Move credentials'));
      assert.equal(actions.length, 1, 'one action for all the legacy keys');
      const edits = editsOf(actions[0]!.edit, document);
      for (const edit of edits) for (const value of values) assert.ok(!edit.newText.includes(value), `an edit writes ${value}`);
      for (const value of values) assert.ok(!actions[0]!.title.includes(value));
      const after = applyEdits(document, edits);
      for (const value of values) assert.equal(after.split(value).length, 2, `${value} is there once`);
      const fixed = analyzeDocument(parseDocument(after));
      assert.deepEqual(fixed.filter((p) => p.code === 'deprecated-option' || p.code === 'syntax-error' || p.code === 'unknown-option' || p.code === 'connection-type-mismatch'), []);
      const created = parseDocument(after).statements[0]!.statement;
      assert.equal(created?.kind, 'createConnection');
      // Every value now stands in the connection, under the connection's key.
      if (created?.kind === 'createConnection') {
        for (const [i, k] of legacy.entries()) assert.equal(created.options.options.find((o) => o.key.value === k.movesTo)?.value.value, values[i]);
      }
    });
  }
});
