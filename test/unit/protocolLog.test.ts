import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropMessageDumps, withoutMessageDumps } from '../../server/src/protocolLog';
import type { RemoteConsole } from 'vscode-languageserver';

test('a message the JSON-RPC layer could not handle is named, not shown', () => {
  const dump = `Received message which is neither a response nor a notification message:\n${JSON.stringify({ id: 1, params: { text: "'api-key' = 'sk-1'" } }, null, 4)}`;
  assert.equal(withoutMessageDumps(dump), 'Received message which is neither a response nor a notification message: (the message is not shown: it may hold document text)');
  assert.ok(!withoutMessageDumps(`Received response message without id: Error is: \n{"message": "sk-1"}`).includes('sk-1'));
});

test('other lines are logged as they are', () => {
  assert.equal(withoutMessageDumps("Notification handler 'textDocument/didChange' failed with message: x"), "Notification handler 'textDocument/didChange' failed with message: x");
});

test("the connection's console drops dumps at every level", () => {
  const sent: string[] = [];
  const console = { error: (m: string) => sent.push(m), warn: (m: string) => sent.push(m), info: (m: string) => sent.push(m), log: (m: string) => sent.push(m), debug: (m: string) => sent.push(m) };
  dropMessageDumps(console as unknown as RemoteConsole);
  for (const level of ['error', 'warn', 'info', 'log', 'debug'] as const) console[level]('Received message which is neither a response nor a notification message:\n{"x": "sk-2"}');
  assert.equal(sent.length, 5);
  assert.ok(sent.every((line) => !line.includes('sk-2')));
});
