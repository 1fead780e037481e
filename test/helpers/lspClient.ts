/**
 * A small, real LSP client for protocol tests: it runs the built server (`server/dist/server.js
 * --stdio`) as a child process and talks JSON-RPC to it, as an editor would.
 *
 * It keeps every `textDocument/publishDiagnostics` per document, the `window/logMessage` messages,
 * the requests the server made, and the raw bytes of everything the server wrote (stdout and stderr),
 * so tests can check that no secret ever leaves the server. Waiting is event-driven: no fixed sleeps.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
  type WorkspaceEdit,
  ResponseError,
  ErrorCodes,
} from 'vscode-languageserver-protocol/node';
import { vscode, type Answer, type ClientProfile } from './clientProfiles';

/** The built server; `npm run build` makes it. */
export const serverPath = path.resolve(__dirname, '../../server/dist/server.js');

/** How long a wait lasts by default before it fails. Generous: CI machines can be slow. */
const DEFAULT_TIMEOUT_MS = 10_000;

interface DiagnosticsWaiter {
  readonly uri: string;
  readonly predicate: (params: PublishDiagnosticsParams) => boolean;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
  readonly reject: (error: Error) => void;
}

interface LogWaiter {
  readonly predicate: (params: LogMessageParams) => boolean;
  readonly resolve: (params: LogMessageParams) => void;
  readonly reject: (error: Error) => void;
}

/** A one-line description of a diagnostics notification, for failure messages (codes only, never text). */
function describeNotification(params: PublishDiagnosticsParams): string {
  const codes = params.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`);
  return `version ${params.version ?? '-'}: [${codes.join(', ')}]`;
}

export class LspClient {
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly connection: ProtocolConnection;
  private readonly stdoutChunks: Buffer[] = [];
  private readonly stderrChunks: Buffer[] = [];
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private diagnosticsWaiters: DiagnosticsWaiter[] = [];
  private logWaiters: LogWaiter[] = [];
  private exitStatus: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** Every `window/logMessage` the server sent, in order. */
  readonly logMessages: LogMessageParams[] = [];
  /** The capabilities the server registered with `client/registerCapability`. */
  readonly registrations: Registration[] = [];
  /** The method of every request the server sent to the client, in order. */
  readonly requestsFromServer: string[] = [];
  /** The `$/progress` notifications the server sent, in order. */
  readonly progress: { token: unknown; value: { kind?: string; title?: string; message?: string; percentage?: number } }[] = [];
  /** The edits the server asked the client to apply (`workspace/applyEdit`), in order. */
  readonly appliedEdits: WorkspaceEdit[] = [];
  /** The client this one plays (`initialize`): its capabilities and how it answers the server. */
  private profile: ClientProfile = vscode;

  constructor() {
    if (!existsSync(serverPath)) throw new Error(`${serverPath} does not exist: run \`npm run build\` first.`);
    this.process = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        this.failAllWaiters(`the server exited (code ${code}, signal ${signal})`);
        resolve(this.exitStatus);
      });
    });
    // The raw bytes, next to the reader's own listener: the leak check sees exactly what was sent.
    this.process.stdout.on('data', (chunk: Buffer) => this.stdoutChunks.push(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => this.stderrChunks.push(chunk));
    // Writing to a server that has just exited must not crash the test run.
    this.process.stdin.on('error', () => {});

    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout),
      new StreamMessageWriter(this.process.stdin),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.diagnosticsArrived(params));
    this.connection.onNotification('$/progress', (params: LspClient['progress'][number]) => {
      this.progress.push(params);
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logMessages.push(params);
      for (const waiter of this.logWaiters.filter((w) => w.predicate(params))) {
        this.logWaiters = this.logWaiters.filter((w) => w !== waiter);
        waiter.resolve(params);
      }
    });
    this.connection.onRequest(RegistrationRequest.type, (params) =>
      this.answer(RegistrationRequest.method, () => {
        this.registrations.push(...params.registrations);
      }),
    );
    this.connection.onRequest(UnregistrationRequest.type, () => this.answer(UnregistrationRequest.method, () => undefined));
    this.connection.onRequest(ConfigurationRequest.type, (params) => this.answer(ConfigurationRequest.method, () => params.items.map(() => null)));
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) =>
      this.answer(ApplyWorkspaceEditRequest.method, () => {
        this.appliedEdits.push(params.edit);
        return { applied: true };
      }),
    );
    // Other requests a server may make get an empty answer rather than an error.
    for (const method of ['window/workDoneProgress/create', 'window/showMessageRequest', 'workspace/workspaceFolders']) {
      this.connection.onRequest(method, () => this.answer(method, () => null));
    }
    this.connection.listen();
  }

  /** Answers a request from the server as the profile says: with `result()`, an error, or never. */
  private answer<R>(method: string, result: () => R): R | ResponseError | Promise<never> {
    this.requestsFromServer.push(method);
    const how: Answer = this.profile.answers?.[method] ?? 'answer';
    if (how === 'error') return new ResponseError(ErrorCodes.InternalError, `${this.profile.name} refuses ${method}`);
    if (how === 'never') return new Promise<never>(() => {});
    return result();
  }

  /** Sends any request and returns the server's answer. */
  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Sends any notification. */
  async notify(method: string, params?: unknown): Promise<void> {
    await this.connection.sendNotification(method, params);
  }

  /**
   * Writes `body` to the server's stdin as one framed message (`Content-Length` header and body), for
   * messages the protocol library would never send: invalid JSON, objects that are no JSON-RPC
   * message. Await every message sent before, so that this frame does not land inside another.
   */
  sendRaw(body: string): void {
    const bytes = Buffer.from(body, 'utf8');
    this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]));
  }

  // ---- lifecycle

  /**
   * Sends `initialize` as `profile` does (VS Code by default), with `rootFolder` as the only workspace
   * folder if given, then `initialized`. From then on the client answers the server's requests as the
   * profile says.
   */
  async initialize(rootFolder?: string, profile: ClientProfile = vscode): Promise<InitializeResult> {
    this.profile = profile;
    const rootUri = rootFolder === undefined ? null : pathToFileURL(rootFolder).toString();
    const params = {
      processId: process.pid,
      clientInfo: { name: `flinksql protocol tests as ${profile.name}` },
      rootUri,
      workspaceFolders: rootUri === null ? null : [{ uri: rootUri, name: path.basename(rootFolder!) }],
      ...(profile.capabilities === undefined ? {} : { capabilities: profile.capabilities }),
      ...(profile.initializationOptions === undefined ? {} : { initializationOptions: profile.initializationOptions }),
    };
    const result = await this.connection.sendRequest(InitializeRequest.method, params);
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result as InitializeResult;
  }

  /** Sends `textDocument/didSave`, as an editor does after writing the file. */
  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  /**
   * Sends `shutdown` and `exit`, then waits for the process to end and asserts that it exited with
   * code 0 within `timeoutMs`.
   */
  async shutdown(timeoutMs = 5_000): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const status = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    this.connection.dispose();
    if (status === 'timeout') {
      this.process.kill();
      assert.fail(`the server did not exit within ${timeoutMs} ms of shutdown and exit`);
    }
    assert.deepEqual(status, { code: 0, signal: null }, 'the server exits with code 0 after shutdown and exit');
  }

  /** Ends the server if a test left it running (for `after` hooks). */
  dispose(): void {
    if (this.exitStatus === undefined) this.process.kill();
    this.connection.dispose();
  }

  /** Whether the server process is still running. */
  get running(): boolean {
    return this.exitStatus === undefined;
  }

  // ---- documents

  async open(uri: string, text: string, languageId = 'flinksql', version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  /** Sends one `didChange` with the given edits (`{ range, text }` for an incremental edit, `{ text }` for the whole document). */
  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tells the server files on disk changed, as the editor's file watcher would. */
  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  // ---- what the server sent

  /** Every diagnostics notification for `uri`, oldest first. */
  diagnosticsFor(uri: string): readonly PublishDiagnosticsParams[] {
    return this.diagnostics.get(uri) ?? [];
  }

  /** The latest diagnostics notification for `uri`, if any. */
  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnosticsFor(uri).at(-1);
  }

  /**
   * Resolves with the first diagnostics notification for `uri` that satisfies `predicate`, starting
   * with the latest one already received (the document's current diagnostics) and then each new one
   * as it arrives. Rejects after `timeoutMs`, or as soon as the server exits.
   */
  waitForDiagnostics(
    uri: string,
    predicate: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<PublishDiagnosticsParams> {
    const latest = this.latestDiagnostics(uri);
    if (latest && predicate(latest)) return Promise.resolve(latest);
    if (this.exitStatus) return Promise.reject(new Error(`waiting for diagnostics of ${uri}, but the server has exited`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.diagnosticsWaiters = this.diagnosticsWaiters.filter((w) => w !== waiter);
        const seen = this.diagnosticsFor(uri).map(describeNotification);
        reject(
          new Error(
            `No diagnostics for ${uri} satisfied the condition within ${timeoutMs} ms. ` +
              (seen.length === 0 ? 'None arrived at all.' : `Received:\n  ${seen.join('\n  ')}`),
          ),
        );
      }, timeoutMs);
      const waiter: DiagnosticsWaiter = {
        uri,
        predicate,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.diagnosticsWaiters.push(waiter);
    });
  }

  /** Resolves with the first log message (already received or new) that satisfies `predicate`. */
  waitForLogMessage(predicate: (params: LogMessageParams) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<LogMessageParams> {
    const known = this.logMessages.find(predicate);
    if (known) return Promise.resolve(known);
    if (this.exitStatus) return Promise.reject(new Error('waiting for a log message, but the server has exited'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.logWaiters = this.logWaiters.filter((w) => w !== waiter);
        const seen = this.logMessages.map((m) => m.message);
        reject(new Error(`No log message satisfied the condition within ${timeoutMs} ms. Received:\n  ${seen.join('\n  ')}`));
      }, timeoutMs);
      const waiter: LogWaiter = {
        predicate,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.logWaiters.push(waiter);
    });
  }

  /** What the server wrote to stderr so far. */
  stderr(): string {
    return Buffer.concat(this.stderrChunks).toString('utf8');
  }

  /**
   * Everything the server sent, as raw text: every JSON-RPC message on stdout (notifications,
   * responses, requests, log messages) and everything on stderr. For leak checks.
   */
  everythingReceived(): string {
    return `${Buffer.concat(this.stdoutChunks).toString('utf8')}\n${this.stderr()}`;
  }

  private diagnosticsArrived(params: PublishDiagnosticsParams): void {
    const list = this.diagnostics.get(params.uri);
    if (list) list.push(params);
    else this.diagnostics.set(params.uri, [params]);
    for (const waiter of this.diagnosticsWaiters.filter((w) => w.uri === params.uri && w.predicate(params))) {
      this.diagnosticsWaiters = this.diagnosticsWaiters.filter((w) => w !== waiter);
      waiter.resolve(params);
    }
  }

  private failAllWaiters(reason: string): void {
    const stderr = this.stderr().trim();
    const detail = stderr === '' ? '' : `\nserver stderr:\n${stderr}`;
    for (const waiter of this.diagnosticsWaiters) waiter.reject(new Error(`waiting for diagnostics of ${waiter.uri}, but ${reason}${detail}`));
    for (const waiter of this.logWaiters) waiter.reject(new Error(`waiting for a log message, but ${reason}${detail}`));
    this.diagnosticsWaiters = [];
    this.logWaiters = [];
  }
}

/** Starts the built server. Call `initialize` next. */
/** Asserts that the server sent something, and that none of `secrets` is anywhere in what it sent. */
export function assertNoSecretSent(client: LspClient, secrets: Iterable<string>): void {
  const received = client.everythingReceived();
  assert.ok(received.length > 0, 'the server sent something');
  for (const secret of secrets) assert.equal(received.includes(secret), false, `the server sent the secret value ${secret}`);
}

export function startServer(): LspClient {
  return new LspClient();
}
