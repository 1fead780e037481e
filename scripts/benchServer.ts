/**
 * The built language server (server/dist/server.js) over stdio, for the benchmarks: diagnostics waited
 * for by version, log messages, and the process's memory and CPU time as Linux reports them.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export class Server {
  readonly process = spawn(process.execPath, [path.join(__dirname, '../server/dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  readonly connection: ProtocolConnection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
  private waiters: { version: number; resolve: () => void }[] = [];
  private logWaiters: { pattern: RegExp; resolve: (message: string) => void }[] = [];

  constructor() {
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      for (const waiter of this.waiters.filter((w) => w.version === params.version)) waiter.resolve();
      this.waiters = this.waiters.filter((w) => w.version !== params.version);
    });
    this.connection.onNotification('window/logMessage', ({ message }: { message: string }) => {
      for (const waiter of this.logWaiters.filter((w) => w.pattern.test(message))) waiter.resolve(message);
      this.logWaiters = this.logWaiters.filter((w) => !w.pattern.test(message));
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  diagnosticsFor(version: number): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ version, resolve }));
  }

  /** The next log message that matches `pattern`. */
  logMessage(pattern: RegExp): Promise<string> {
    return new Promise((resolve) => this.logWaiters.push({ pattern, resolve }));
  }

  /** Peak and current resident memory of the server process, in MB (Linux). */
  memory(): { peak: number; current: number } {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { peak: kb('VmHWM') / 1024, current: kb('VmRSS') / 1024 };
  }

  /** CPU seconds the server process has used (user + system; Linux clock ticks of 1/100 s). */
  cpuSeconds(): number {
    const fields = readFileSync(`/proc/${this.process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    this.connection.dispose();
  }
}
