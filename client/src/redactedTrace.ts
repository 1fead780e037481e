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
