import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactTraceEntry } from '../../client/src/redactedTrace';

test('a verbose text trace keeps the method and drops the parameters', () => {
  const entry = `Sending notification 'textDocument/didOpen'.\nParams: {\n    "textDocument": { "text": "'api-key' = 'sk-TRACE-SECRET'" }\n}`;
  const redacted = redactTraceEntry(entry);
  assert.match(redacted, /^Sending notification 'textDocument\/didOpen'\.\nParams: \(not shown/);
  assert.doesNotMatch(redacted, /sk-TRACE-SECRET/);
});

test('results and error data are dropped too', () => {
  assert.doesNotMatch(redactTraceEntry(`Received response 'textDocument/hover - (3)' in 2ms.\nResult: {"contents": "sk-X"}`), /sk-X/);
  assert.doesNotMatch(redactTraceEntry(`{"type":"send-notification","message":{"method":"x","params":{"text":"sk-Y"}}}`), /sk-Y/);
});

test('an entry without data is kept as it is', () => {
  assert.equal(redactTraceEntry(`Received notification 'window/logMessage'.`), `Received notification 'window/logMessage'.`);
});
