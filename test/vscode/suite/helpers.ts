/**
 * Shared by the integration tests: the extension and its API, the fixture workspace, and polling
 * waits (the language server answers asynchronously; no test sleeps for a fixed time).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'flinksql-connections.flinksql-connections';

/**
 * What the extension's activate() returns (the contract of client/src/extension.ts, restated here so
 * the tests do not compile the client). `secretMasking` is optional: without it the masking tests skip.
 */
export interface FlinkSqlExtensionApi {
  secretMasking?: {
    /** The ranges currently decorated as masked in visible editors of this document. */
    maskedRanges(uri: vscode.Uri): vscode.Range[];
    /** The server's answer to flinksql/secretRanges for this document. */
    serverSecretRanges(uri: vscode.Uri): Promise<vscode.Range[]>;
  };
}

export function extension(): vscode.Extension<FlinkSqlExtensionApi | undefined> {
  const ext = vscode.extensions.getExtension<FlinkSqlExtensionApi | undefined>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

export async function extensionApi(): Promise<FlinkSqlExtensionApi | undefined> {
  return extension().activate();
}

/** The fixture workspace folder (a fresh copy of test/vscode/fixtures/workspace, made by runTests.ts). */
export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (runTests.ts opens test/vscode/out/workspace)');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a fixture file and shows it in the active editor. */
export async function showFixture(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

export interface WaitOptions {
  timeoutMs?: number;
  /** What to report when the wait times out: the last state seen. */
  lastSeen?: () => unknown;
}

/**
 * Polls `probe` every 50 ms until it returns something other than undefined/false, and returns that.
 * On timeout it fails with `what` and the last state, which says far more than "timeout".
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const start = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error; // e.g. the language client is still starting
    }
    if (Date.now() - start > timeoutMs) {
      const seen = options.lastSeen ? `; last seen: ${JSON.stringify(await options.lastSeen())}` : '';
      const error = lastError ? `; last error: ${String((lastError as Error).message ?? lastError)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}${error}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A diagnostic's code as a string, whether or not it carries a documentation link. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

/** The project's diagnostics of a document, as `code@line:character "text"`, sorted. */
export function flinkDiagnostics(document: vscode.TextDocument): string[] {
  return vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.source === 'flinksql')
    .map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character} ${JSON.stringify(document.getText(d.range))}`)
    .sort();
}

export type RangeTuple = [number, number, number, number];

/** Ranges as sorted [startLine, startChar, endLine, endChar] tuples: comparable with deepEqual. */
export function tuples(ranges: readonly vscode.Range[]): RangeTuple[] {
  return ranges
    .map((r): RangeTuple => [r.start.line, r.start.character, r.end.line, r.end.character])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
}

export const sameTuples = (a: readonly RangeTuple[], b: readonly RangeTuple[]) => JSON.stringify(a) === JSON.stringify(b);

/** The range of the first occurrence of `text` in the document (fails if absent). */
export function rangeOf(document: vscode.TextDocument, text: string, occurrence = 0): vscode.Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = document.getText().indexOf(text, offset + 1);
    assert.ok(offset >= 0, `${JSON.stringify(text)} (occurrence ${occurrence}) not found in ${document.uri.path}`);
  }
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

export async function replace(document: vscode.TextDocument, range: vscode.Range, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the workspace edit was not applied');
}

/** Throws away unsaved edits of a fixture (the file on disk is never written). */
export async function revert(document: vscode.TextDocument): Promise<void> {
  if (!document.isDirty) return;
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(`${document.uri.path} to be reverted`, () => !document.isDirty);
}

/** The text of hovers, markdown and plain strings alike. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** The one definition the definition provider gives at a position (waited for), as a URI and the range of the name. */
export async function definitionAt(document: vscode.TextDocument, position: vscode.Position): Promise<{ uri: vscode.Uri; range: vscode.Range }> {
  const locations = await waitFor('a definition', async () => {
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, position);
    return found.length > 0 && found;
  });
  assert.equal(locations.length, 1, `definitions: ${JSON.stringify(locations)}`);
  const location = locations[0]!;
  return 'targetUri' in location
    ? { uri: location.targetUri, range: location.targetSelectionRange ?? location.targetRange }
    : { uri: location.uri, range: location.range };
}
