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
import { redactedTraceChannel } from './redactedTrace';
import { SecretMasking } from './secretMasking';

/** What `activate` returns: used by the integration tests. */
export interface FlinkSqlExtensionApi {
  readonly secretMasking: Pick<SecretMasking, 'maskedRanges' | 'serverSecretRanges'>;
}

let client: LanguageClient | undefined;

/**
 * "Flink SQL: Insert connection…": pick a type (and auth method), insert its CREATE CONNECTION snippet.
 * With an argument (`{ type, method? }`, e.g. from a keybinding) the quick pick is skipped.
 */
async function insertConnection(choice?: { type: string; method?: string }): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showInformationMessage('Open a Flink SQL file to insert a connection.');
    return;
  }
  const snippets = await client.sendRequest<ConnectionSnippetsResult>(connectionSnippetsRequest);
  let snippet = choice ? snippets.find((s) => s.type === choice.type.toLowerCase() && (!choice.method || s.method === choice.method)) : undefined;
  if (choice && !snippet) {
    void vscode.window.showWarningMessage(`Unknown connection type '${choice.type}'.`);
    return;
  }
  if (!snippet) {
    const picked = await vscode.window.showQuickPick(
      snippets.map((s) => ({ label: s.label, description: `'type' = '${s.type}'`, detail: s.description, snippet: s })),
      { placeHolder: 'Connection type', matchOnDescription: true, matchOnDetail: true },
    );
    snippet = picked?.snippet;
  }
  if (snippet) await editor.insertSnippet(new vscode.SnippetString(snippet.body));
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

export async function activate(context: vscode.ExtensionContext): Promise<FlinkSqlExtensionApi> {
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
    traceOutputChannel: redactedTraceChannel(vscode.window.createOutputChannel('Flink SQL Trace', { log: true })),
    errorHandler: restartingErrorHandler(output),
  };
  client = new LanguageClient('flinksql', 'Flink SQL', serverOptions, clientOptions);
  // Masking starts before the server does: until it answers, every string is masked.
  const masking = new SecretMasking(client);
  context.subscriptions.push(
    masking,
    vscode.commands.registerCommand(commands.insertConnection, insertConnection),
    vscode.commands.registerCommand(commands.revealSecrets, () => masking.setRevealed(true)),
    vscode.commands.registerCommand(commands.hideSecrets, () => masking.setRevealed(false)),
    vscode.commands.registerCommand(commands.toggleSecrets, () => masking.setRevealed('toggle')),
    vscode.commands.registerCommand(commands.copySecret, () => masking.copySecretAtCursor()),
  );
  await client.start();
  return {
    secretMasking: {
      maskedRanges: (uri) => masking.maskedRanges(uri),
      serverSecretRanges: (uri) => masking.serverSecretRanges(uri),
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
