/**
 * When the language server stops, whether to start it again, and what the user hears about it.
 *
 * A server that crashes is restarted up to `maxRestarts` times in `windowMs`; each restart is a line
 * in the output, not a pop-up. When it stops once more within the window, or when a start fails (the
 * first start, or a restart: a server that cannot start will not start on the next try either), the
 * policy gives up and says so in one pop-up. The language client's own pop-ups about the failures
 * around a crash ("couldn't create connection to server", "Restarting server failed") are held back
 * while the server is starting or restarting, and every pop-up after the one that gives up, so a
 * server that crashes on every start produces one message, not one per attempt. Once the server runs
 * again, the client's pop-ups show as usual.
 *
 * Pure: no VS Code API, so it is unit-tested; `extension.ts` connects it to the language client.
 */

export interface RestartPolicyOptions {
  /** How many restarts within `windowMs` before giving up. */
  readonly maxRestarts?: number;
  readonly windowMs?: number;
  /** The clock, for tests. */
  readonly now?: () => number;
}

/** What to do when the connection to the server closed without being asked to. */
export type CloseDecision =
  | { readonly restart: true; /** A line for the output. */ readonly log: string }
  | { readonly restart: false; /** The one pop-up that says the policy gave up; absent when it said so already. */ readonly message?: string };

type Phase = 'starting' | 'running' | 'restarting' | 'gave up';

export class RestartPolicy {
  private readonly maxRestarts: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  /** When each restart within the window happened. */
  private readonly restarts: number[] = [];
  private phase: Phase = 'starting';
  /** The message that says the policy gave up, until it has been shown. */
  private unsaid: string | undefined;

  constructor({ maxRestarts = 5, windowMs = 3 * 60_000, now = Date.now }: RestartPolicyOptions = {}) {
    this.maxRestarts = maxRestarts;
    this.windowMs = windowMs;
    this.now = now;
  }

  /** The server started and answered `initialize`: crashes from now on are restarted again. */
  started(): void {
    this.phase = 'running';
    this.unsaid = undefined;
  }

  /** The connection closed without a stop being asked for: the server crashed or exited. */
  closed(): CloseDecision {
    if (this.phase === 'gave up') return { restart: false };
    const now = this.now();
    while (this.restarts.length > 0 && now - this.restarts[0]! > this.windowMs) this.restarts.shift();
    if (this.restarts.length >= this.maxRestarts) {
      const minutes = Math.round(this.windowMs / 60_000);
      return this.giveUp(
        `The Flink SQL language server stopped ${this.maxRestarts + 1} times in ${minutes} minute${minutes === 1 ? '' : 's'} and will not be restarted. See the "Flink SQL" output for details.`,
      );
    }
    this.restarts.push(now);
    this.phase = 'restarting';
    return { restart: true, log: `The language server stopped; restarting it (${this.restarts.length}/${this.maxRestarts}).` };
  }

  /** A start of the server failed. Returns the pop-up that says so, when one is due. */
  startFailed(): string | undefined {
    if (this.phase === 'gave up' || this.phase === 'running') return undefined;
    return this.giveUp('The Flink SQL language server could not be started. See the "Flink SQL" output for details.').message;
  }

  /**
   * Whether the language client may show `message` as a pop-up now: always while the server runs;
   * never while it starts or restarts; once the policy gave up, only the message that says so, once.
   */
  allowsPopup(message: string): boolean {
    if (this.phase === 'running') return true;
    if (this.phase !== 'gave up' || message !== this.unsaid) return false;
    this.unsaid = undefined;
    return true;
  }

  private giveUp(message: string): CloseDecision & { restart: false } {
    this.phase = 'gave up';
    this.unsaid = message;
    return { restart: false, message };
  }
}
