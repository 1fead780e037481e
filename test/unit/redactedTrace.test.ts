import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { LazyTraceChannel, redactTraceEntry, redactedTraceChannel } from '../../client/src/redactedTrace';

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

describe('the trace channel', () => {
  /** A stand-in for VS Code's channel: what was written to it, and its log level. */
  function fakeChannel() {
    const written: string[] = [];
    let fire: (level: number) => void = () => {};
    const channel = {
      logLevel: 1,
      written,
      onDidChangeLogLevel: (listener: (level: number) => void) => {
        fire = listener;
        return { dispose: () => {} };
      },
      setLevel: (level: number) => {
        channel.logLevel = level;
        fire(level);
      },
      trace: (message: string) => written.push(message),
      dispose: () => {},
    };
    return channel;
  }

  test('is not made until it is opened or written to; then the client hears its level', () => {
    const made: ReturnType<typeof fakeChannel>[] = [];
    const trace = new LazyTraceChannel('Flink SQL Trace', () => {
      const channel = fakeChannel();
      made.push(channel);
      return redactedTraceChannel(channel as unknown as vscode.LogOutputChannel);
    });
    const levels: number[] = [];
    trace.onDidChangeLogLevel((level) => levels.push(level));
    assert.equal(trace.logLevel, 0, 'off while there is no channel: the client does not trace');
    assert.equal(made.length, 0);
    trace.open();
    assert.equal(made.length, 1);
    assert.deepEqual(levels, [1], "the real channel's level is passed on");
    made[0]!.setLevel(1 + 1);
    assert.deepEqual(levels, [1, 2]);
    trace.trace(`Sending request 'x'.\nParams: {"text": "sk-TRACE-LAZY"}`);
    assert.equal(made.length, 1, 'made once');
    assert.deepEqual(made[0]!.written, [`Sending request 'x'.\nParams: (not shown: documents may hold secrets)`]);
  });

  test('a first entry makes it', () => {
    let made = 0;
    const trace = new LazyTraceChannel('Flink SQL Trace', () => {
      made++;
      return fakeChannel() as unknown as vscode.LogOutputChannel;
    });
    trace.dispose();
    assert.equal(made, 0, 'disposing a channel never made makes none');
    trace.trace('x');
    assert.equal(made, 1);
  });
});
