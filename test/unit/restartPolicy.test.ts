/**
 * The client's restart policy: a crashed server is restarted quietly, a few times; when the policy
 * gives up it says so in one pop-up, and nothing the language client tries to show around the
 * crashes turns into a storm of pop-ups.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartPolicy } from '../../client/src/restartPolicy';

/** A clock the test moves by hand. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** What the language client (vscode-languageclient 11) tries to show, forced, around a failed start and a failed restart. */
const clientPopups = ["Flink SQL client: couldn't create connection to server.", 'Restarting server failed'];

/**
 * One crash as the language client goes through it: the connection closes and the handler is asked;
 * on a restart, the client starts the server again, and a start that fails makes the client try its
 * own pop-ups and (through `FlinkSqlLanguageClient.start`) tells the policy. Returns the pop-ups shown.
 */
function crash(policy: RestartPolicy, restartSucceeds: boolean): string[] {
  const shown: string[] = [];
  const show = (message: string | undefined) => {
    if (message !== undefined && policy.allowsPopup(message)) shown.push(message);
  };
  const decision = policy.closed();
  if (!decision.restart) {
    show(decision.message);
    return shown;
  }
  if (restartSucceeds) {
    policy.started();
    return shown;
  }
  for (const message of clientPopups) show(message);
  show(policy.startFailed());
  return shown;
}

describe('the restart policy', () => {
  test('a crash while running: restarted, with a line for the output and no pop-up', () => {
    const policy = new RestartPolicy();
    policy.started();
    const decision = policy.closed();
    assert.deepEqual(decision, { restart: true, log: 'The language server stopped; restarting it (1/5).' });
    for (const message of clientPopups) assert.equal(policy.allowsPopup(message), false, 'nothing pops up while the server restarts');
    policy.started();
    assert.equal(policy.allowsPopup('Request textDocument/hover failed.'), true, 'once it runs again, the client shows its errors as usual');
  });

  test('the sixth stop within three minutes gives up, and says so in one pop-up', () => {
    const { now, advance } = clock();
    const policy = new RestartPolicy({ now });
    policy.started();
    const shown: string[] = [];
    for (let i = 0; i < 5; i++) {
      shown.push(...crash(policy, true));
      advance(20 * SECOND);
    }
    assert.deepEqual(shown, [], 'five restarts, all quiet');
    const decision = policy.closed();
    assert.equal(decision.restart, false);
    assert.equal(
      decision.restart === false && decision.message,
      'The Flink SQL language server stopped 6 times in 3 minutes and will not be restarted. See the "Flink SQL" output for details.',
    );
    const message = (decision as { message: string }).message;
    assert.equal(policy.allowsPopup(message), true, 'the message that gives up shows');
    assert.equal(policy.allowsPopup(message), false, 'and only once');
    for (const other of [...clientPopups, 'Request textDocument/hover failed.']) assert.equal(policy.allowsPopup(other), false, other);
  });

  test('after giving up, further closes (however many) restart nothing and say nothing', () => {
    const { now, advance } = clock();
    const policy = new RestartPolicy({ now, maxRestarts: 1 });
    policy.started();
    assert.equal(policy.closed().restart, true);
    policy.started();
    const giveUp = policy.closed();
    assert.ok(!giveUp.restart && giveUp.message !== undefined);
    assert.equal(policy.allowsPopup(giveUp.message), true);
    for (let i = 0; i < 10; i++) {
      advance(10 * MINUTE);
      assert.deepEqual(policy.closed(), { restart: false });
      assert.equal(policy.startFailed(), undefined);
      assert.equal(policy.allowsPopup(giveUp.message), false);
    }
  });

  test('crashes further apart than the window are restarted however many there are', () => {
    const { now, advance } = clock();
    const policy = new RestartPolicy({ now });
    policy.started();
    for (let i = 0; i < 50; i++) {
      assert.deepEqual(crash(policy, true), []);
      assert.equal(policy.allowsPopup('Request textDocument/hover failed.'), true, 'the server runs');
      advance(40 * SECOND); // never six within three minutes
    }
  });

  test('crashes closer together than the window give up at the sixth', () => {
    const { now, advance } = clock();
    const policy = new RestartPolicy({ now });
    policy.started();
    const shown: string[][] = [];
    for (let i = 0; i < 10; i++) {
      shown.push(crash(policy, true));
      advance(30 * SECOND);
    }
    assert.deepEqual(
      shown.map((s) => s.length),
      [0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
    );
  });

  test('a server that crashes on every start: one pop-up, not one per attempt', () => {
    const policy = new RestartPolicy();
    // The first start: its connection closes before `initialize` is answered; the client restarts it,
    // and the first start's failure arrives while the restart is under way.
    const shown = [...crash(policy, false)];
    for (let attempt = 0; attempt < 10; attempt++) shown.push(...crash(policy, false));
    assert.deepEqual(shown, ['The Flink SQL language server could not be started. See the "Flink SQL" output for details.']);
  });

  test('the first start fails without the connection closing: one pop-up, and no restart after it', () => {
    const policy = new RestartPolicy();
    for (const message of clientPopups) assert.equal(policy.allowsPopup(message), false, 'held back while the server starts');
    const message = policy.startFailed();
    assert.equal(message, 'The Flink SQL language server could not be started. See the "Flink SQL" output for details.');
    assert.equal(policy.allowsPopup(message!), true);
    assert.equal(policy.startFailed(), undefined, 'a second report of the same failure says nothing');
    assert.deepEqual(policy.closed(), { restart: false });
  });

  test('a restart after giving up (the server started again) makes crashes restart again, and a new give-up is said again', () => {
    const { now, advance } = clock();
    const policy = new RestartPolicy({ now, maxRestarts: 1 });
    policy.started();
    policy.closed();
    const first = policy.closed();
    assert.ok(!first.restart && first.message !== undefined && policy.allowsPopup(first.message));
    advance(10 * MINUTE);
    policy.started();
    assert.equal(policy.closed().restart, true);
    policy.started();
    const second = policy.closed();
    assert.ok(!second.restart && second.message !== undefined);
    assert.equal(policy.allowsPopup(second.message), true);
  });
});
