/**
 * The channel the language client writes protocol traces to (`flinksql.trace.server`). A verbose
 * trace would copy every message's parameters — whole documents, secrets included — into the log,
 * so the parameters and results are cut from each entry: the trace keeps methods, ids and timings.
 */
import type * as vscode from 'vscode';

const NOT_SHOWN = '(not shown: documents may hold secrets)';

/** Cuts everything from the first `Params:` / `Result:` / `Error data:` (text traces) or `"params"` / `"result"` / `"data"` (JSON traces). */
export function redactTraceEntry(entry: string): string {
  return entry
    .replace(/\b(Params|Result|Error data): [\s\S]*$/, `$1: ${NOT_SHOWN}`)
    .replace(/("(?:params|result|data)"\s*:\s*)[\s\S]*$/, `$1"${NOT_SHOWN}"}`);
}

const WRITERS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

/** `channel`, with every entry written to it redacted first. */
export function redactedTraceChannel(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !WRITERS.has(property) || typeof value !== 'function') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (message: unknown, ...rest: unknown[]) =>
        (value as (...args: unknown[]) => void).call(target, typeof message === 'string' ? redactTraceEntry(message) : message, ...rest);
    },
  });
}

/** `vscode.LogLevel.Off`, written out: this module is also loaded where there is no `vscode` (unit tests). */
const LOG_LEVEL_OFF = 0 as vscode.LogLevel;

/**
 * The trace channel, made only when it is needed: `open()` (when `flinksql.trace.server` is on, at
 * activation or later) or the first entry written to it. Until then VS Code lists no empty "Flink SQL
 * Trace" channel. `create` makes the real channel, redacted (`redactedTraceChannel`).
 *
 * The language client reads `logLevel` (tracing needs the channel at Trace) and listens to
 * `onDidChangeLogLevel`: once the channel exists, its level is passed on, so tracing starts then.
 */
export class LazyTraceChannel implements vscode.LogOutputChannel {
  private channel: vscode.LogOutputChannel | undefined;
  private readonly listeners = new Set<(level: vscode.LogLevel) => unknown>();

  constructor(
    readonly name: string,
    private readonly create: () => vscode.LogOutputChannel,
  ) {}

  /** Whether the real channel exists (it is listed in the Output view). */
  get opened(): boolean {
    return this.channel !== undefined;
  }

  /** The real channel, made on first use. */
  open(): vscode.LogOutputChannel {
    if (!this.channel) {
      const channel = (this.channel = this.create());
      channel.onDidChangeLogLevel((level) => this.fire(level));
      this.fire(channel.logLevel);
    }
    return this.channel;
  }

  get logLevel(): vscode.LogLevel {
    return this.channel?.logLevel ?? LOG_LEVEL_OFF;
  }

  readonly onDidChangeLogLevel: vscode.Event<vscode.LogLevel> = (listener, thisArgs?) => {
    const bound = (level: vscode.LogLevel) => listener.call(thisArgs, level);
    this.listeners.add(bound);
    return { dispose: () => this.listeners.delete(bound) };
  };

  private fire(level: vscode.LogLevel): void {
    for (const listener of [...this.listeners]) listener(level);
  }

  trace(message: string, ...args: unknown[]): void {
    this.open().trace(message, ...args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.open().debug(message, ...args);
  }
  info(message: string, ...args: unknown[]): void {
    this.open().info(message, ...args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.open().warn(message, ...args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.open().error(error, ...args);
  }
  append(value: string): void {
    this.open().append(value);
  }
  appendLine(value: string): void {
    this.open().appendLine(value);
  }
  replace(value: string): void {
    this.open().replace(value);
  }
  clear(): void {
    this.channel?.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') this.open().show(columnOrPreserveFocus);
    else this.open().show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.channel?.hide();
  }
  dispose(): void {
    this.channel?.dispose();
    this.channel = undefined;
    this.listeners.clear();
  }
}
