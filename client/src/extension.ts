/**
 * The VS Code extension: starts the bundled Flink SQL language server over IPC for `flinksql` and
 * `sql` documents. The server does every analysis; the client only connects it to the editor.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import languageConfiguration from '../../language-configuration.json';
import { commands, connectionSnippetsRequest, type ConnectionSnippetsResult } from '../../server/src/protocol';
import { LazyTraceChannel, redactedTraceChannel } from './redactedTrace';
import { RestartPolicy } from './restartPolicy';
import { SecretMasking } from './secretMasking';

/** What `activate` returns: used by the integration tests. */
export interface FlinkSqlExtensionApi {
  readonly secretMasking: Pick<SecretMasking, 'maskedRanges' | 'serverSecretRanges' | 'statusText'>;
}

let client: LanguageClient | undefined;

/**
 * "Flink SQL: Insert Connection, Model, Table, Tool or Agent…": pick one, insert its snippet. With an
 * argument (`{ type, method?, statement? }`, e.g. from a keybinding; `statement` defaults to
 * `'connection'`) the quick pick is skipped.
 */
async function insertConnection(choice?: { type: string; method?: string; statement?: string }): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showInformationMessage('Open a Flink SQL file to insert a connection.');
    return;
  }
  let snippets: ConnectionSnippetsResult;
  try {
    // The snippets come from the server; it may have stopped for good (the restart policy gave up).
    if (client.state === State.Stopped) throw new Error('stopped');
    snippets = await client.sendRequest<ConnectionSnippetsResult>(connectionSnippetsRequest);
  } catch {
    void vscode.window.showWarningMessage(
      'Flink SQL: the language server is not running, so connection snippets are not available. See the "Flink SQL" output; "Developer: Reload Window" starts it again.',
    );
    return;
  }
  const statement = choice?.statement ?? 'connection';
  let snippet = choice
    ? snippets.find((s) => s.statement === statement && s.type === choice.type.toLowerCase() && (!choice.method || s.method === choice.method))
    : undefined;
  if (choice && !snippet) {
    void vscode.window.showWarningMessage(`No ${statement} snippet for '${choice.type}'.`);
    return;
  }
  if (!snippet) {
    const picked = await vscode.window.showQuickPick(
      snippets.map((s) => ({ label: s.label, description: s.selector, detail: s.description, snippet: s })),
      { placeHolder: 'Connection type, model provider, table connector, tool or agent', matchOnDescription: true, matchOnDetail: true },
    );
    snippet = picked?.snippet;
  }
  if (snippet) await editor.insertSnippet(new vscode.SnippetString(snippet.body));
}

/** The language client, whose restarts and pop-ups follow a `RestartPolicy`. */
class FlinkSqlLanguageClient extends LanguageClient {
  constructor(
    serverOptions: ServerOptions,
    clientOptions: LanguageClientOptions,
    private readonly policy: RestartPolicy,
  ) {
    super('flinksql', 'Flink SQL', serverOptions, clientOptions);
  }

  /** Every start, the first and each restart the client makes after a crash, tells the policy how it went. */
  override async start(): Promise<void> {
    try {
      await super.start();
      this.policy.started();
    } catch (error) {
      const message = this.policy.startFailed();
      if (message !== undefined) this.error(message, undefined, 'force');
      throw error;
    }
  }

  /** Every error still reaches the output; whether it also pops up is the policy's to say. */
  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, showNotification !== false && this.policy.allowsPopup(message) ? showNotification : false);
  }
}

/** The language client's error handler, from the policy's decisions. */
function errorHandler(policy: RestartPolicy, output: vscode.LogOutputChannel): ErrorHandler {
  return {
    // An error on the connection (a failed write to a server that has died) comes before the close
    // that the policy acts on. Handled, so that the client logs it to the output without a pop-up.
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      const decision = policy.closed();
      if (decision.restart) {
        output.warn(decision.log);
        return { action: CloseAction.Restart, handled: true };
      }
      // Not handled: the client shows the message (once, as the policy allows). Without one, it said so already.
      return decision.message === undefined ? { action: CloseAction.DoNotRestart, handled: true } : { action: CloseAction.DoNotRestart, message: decision.message };
    },
  };
}

/**
 * Has VS Code load the TextMate grammars that hide secret values (ours for `flinksql`, the one injected
 * into `sql`) now, not when the first file of the language opens: a grammar still loading when an
 * editor is first drawn leaves that editor's first frames uncoloured, secrets included. An empty
 * untitled document of each language does it; it is never shown, never dirty, and VS Code drops it.
 */
function loadGrammarsEarly(): void {
  for (const language of ['flinksql', 'sql']) void vscode.workspace.openTextDocument({ language }).then(undefined, () => undefined);
}

export async function activate(context: vscode.ExtensionContext): Promise<FlinkSqlExtensionApi> {
  loadGrammarsEarly();
  const serverModule = context.asAbsolutePath('server/dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Flink SQL', { log: true });
  // The trace channel exists only once tracing is on: no empty "Flink SQL Trace" in the Output view.
  const trace = new LazyTraceChannel('Flink SQL Trace', () => redactedTraceChannel(vscode.window.createOutputChannel('Flink SQL Trace', { log: true })));
  const tracing = () => vscode.workspace.getConfiguration('flinksql').get<string>('trace.server', 'off') !== 'off';
  if (tracing()) trace.open();
  context.subscriptions.push(
    output,
    trace,
    vscode.workspace.onDidChangeConfiguration((change) => {
      if (change.affectsConfiguration('flinksql.trace.server') && tracing()) trace.open();
    }),
  );
  const policy = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'flinksql' },
      { scheme: 'untitled', language: 'flinksql' },
      { scheme: 'file', language: 'sql' },
      { scheme: 'untitled', language: 'sql' },
    ],
    outputChannel: output,
    traceOutputChannel: trace,
    // VS Code's command that opens the suggest list again, for the server to send after a completed key.
    initializationOptions: { suggestCommand: 'editor.action.triggerSuggest' },
    errorHandler: errorHandler(policy, output),
  };
  client = new FlinkSqlLanguageClient(serverOptions, clientOptions, policy);
  // Masking starts before the server does: the client finds the secrets itself.
  const masking = new SecretMasking(client);
  context.subscriptions.push(
    masking,
    // The built-in SQL language's words run across hyphens, so a hyphenated value (`sk-…-…`) is one
    // word to double-click, to word-based suggestions and to every extension that reads words. SQL
    // separates words there; only the word pattern is set, the rest of SQL's configuration stays.
    vscode.languages.setLanguageConfiguration('sql', { wordPattern: new RegExp(languageConfiguration.wordPattern) }),
    vscode.commands.registerCommand(commands.insertConnection, insertConnection),
    vscode.commands.registerCommand(commands.revealSecrets, () => masking.setRevealed(true)),
    vscode.commands.registerCommand(commands.hideSecrets, () => masking.setRevealed(false)),
    vscode.commands.registerCommand(commands.toggleSecrets, () => masking.setRevealed('toggle')),
    vscode.commands.registerCommand(commands.copySecret, () => masking.copySecretAtCursor()),
  );
  // A server that cannot start has said so through the policy; the extension stays active, masking
  // every string, since no server tells it which strings are secrets.
  await client.start().catch(() => undefined);
  return {
    secretMasking: {
      maskedRanges: (uri) => masking.maskedRanges(uri),
      serverSecretRanges: (uri) => masking.serverSecretRanges(uri),
      statusText: () => masking.statusText(),
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
