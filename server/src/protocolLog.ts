/**
 * What the JSON-RPC layer logs about messages it could not handle, without the messages.
 *
 * vscode-jsonrpc logs a message that is neither a request, a response nor a notification, and the
 * error of a response without an id, as whole JSON documents. Those can hold document text, and so
 * secrets; the log reaches the client's output channel and trace files. Every other line it logs
 * names methods and error messages only.
 */
import type { RemoteConsole } from 'vscode-languageserver';

/** The lines that end with a dump of a received message: what comes before the dump is kept. */
const DUMPING_LINES = [
  'Received message which is neither a response nor a notification message:',
  'Received response message without id: Error is:',
];

/** `line` with any dump of a received message replaced by a note that it was left out. */
export function withoutMessageDumps(line: string): string {
  for (const head of DUMPING_LINES) {
    if (line.startsWith(head)) return `${head} (the message is not shown: it may hold document text)`;
  }
  return line;
}

/**
 * Makes `console` (the connection's console, which is also the JSON-RPC layer's logger) drop message
 * dumps from every line it sends.
 */
export function dropMessageDumps(console: RemoteConsole): void {
  for (const level of ['error', 'warn', 'info', 'log', 'debug'] as const) {
    const send = console[level].bind(console);
    console[level] = (message: string) => send(withoutMessageDumps(message));
  }
}
