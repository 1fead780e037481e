/**
 * The VS Code extension: starts the bundled Flink SQL language server over IPC for `flinksql` and
 * `sql` documents. The server does every analysis; the client only connects it to the editor.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { commands, connectionSnippetsRequest, type ConnectionSnippetsResult } from '../../server/src/protocol';

let client: LanguageClient | undefined;

/** "Flink SQL: Insert connection…": pick a type (and auth method), insert its CREATE CONNECTION snippet. */
async function insertConnection(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showInformationMessage('Open a Flink SQL file to insert a connection.');
    return;
  }
  const snippets = await client.sendRequest<ConnectionSnippetsResult>(connectionSnippetsRequest);
  const picked = await vscode.window.showQuickPick(
    snippets.map((snippet) => ({ label: snippet.label, description: `'type' = '${snippet.type}'`, detail: snippet.description, snippet })),
    { placeHolder: 'Connection type', matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) return;
  await editor.insertSnippet(new vscode.SnippetString(picked.snippet.body));
}

/** Restarts a crashed server up to `maxRestarts` times in `windowMs`, then gives up and says so once. */
function restartingErrorHandler(output: vscode.LogOutputChannel, maxRestarts = 5, windowMs = 3 * 60_000): ErrorHandler {
  const restarts: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0]! > windowMs) restarts.shift();
      if (restarts.length >= maxRestarts) {
        return {
          action: CloseAction.DoNotRestart,
          message: `The Flink SQL language server stopped ${maxRestarts} times in ${windowMs / 60_000} minutes and will not be restarted. See the "Flink SQL" output for details.`,
        };
      }
      restarts.push(now);
      output.warn(`The language server stopped; restarting it (${restarts.length}/${maxRestarts}).`);
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('server/dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Flink SQL', { log: true });
  context.subscriptions.push(output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'flinksql' },
      { scheme: 'untitled', language: 'flinksql' },
      { scheme: 'file', language: 'sql' },
      { scheme: 'untitled', language: 'sql' },
    ],
    outputChannel: output,
    errorHandler: restartingErrorHandler(output),
  };
  client = new LanguageClient('flinksql', 'Flink SQL', serverOptions, clientOptions);
  context.subscriptions.push(vscode.commands.registerCommand(commands.insertConnection, insertConnection));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
