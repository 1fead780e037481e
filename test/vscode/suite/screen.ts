/**
 * What the workbench draws, for the tests that assert what a person sees: the shim (codeServerShim.js)
 * serves the page on FLINKSQL_SCREEN_URL. A watch checks the rendered text every 10 ms and on every
 * change of the DOM for the given patterns; keys are pressed and text typed as a user does, through
 * the browser. Without the shim (VS Code desktop) there is no screen to read: `screenAvailable()` is false.
 */
import * as vscode from 'vscode';

export interface ScreenReport {
  /** How long, in total, a pattern was drawn on screen while watching (displayed, in a colour that is not transparent). */
  visibleMs: number;
  /** How long, in total, a pattern was in the rendered text at all (`innerText`, whatever its colour). */
  inTextMs: number;
  /** Where a pattern was seen (the first 20 sightings): editor, suggestion list, hover or quick pick. */
  sightings: { where: string; needle: string; atMs: number; line?: string }[];
  /** How many times the screen was read. */
  checks: number;
  /** Every "N secrets masked/shown" the status bar showed. */
  statusTexts: string[];
  /** The widgets that were on screen with some text: 'suggestion list', 'hover', 'quick pick'. */
  shownPlaces: string[];
  watchedMs: number;
}

const screenUrl = process.env.FLINKSQL_SCREEN_URL;

export const screenAvailable = (): boolean => Boolean(screenUrl);

async function call<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${screenUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`screen ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Presses keys (playwright names: 'PageDown', 'Control+Space') in the focused element of the workbench. */
export const press = (keys: string[], delayMs = 0) => call<null>('/press', { keys, delayMs });
/** Types text key by key. */
export const type = (text: string, delayMs = 0) => call<null>('/type', { text, delayMs });

/** Watches for `needles` (plain strings) while `action` runs, and for `settleMs` after it. */
export async function watchWhile(needles: readonly string[], action: () => Promise<unknown>, settleMs = 500): Promise<ScreenReport> {
  await call<null>('/watch', { needles });
  try {
    await action();
    await sleep(settleMs);
  } catch (error) {
    await call<ScreenReport>('/stop');
    throw error;
  }
  return call<ScreenReport>('/stop');
}

/** The parts of secret values that must never be on screen: each run of 6 or more letters and digits. */
export function secretParts(secrets: readonly string[]): string[] {
  return secrets.flatMap((secret) => secret.split(/[^A-Za-z0-9]+/).filter((part) => part.length >= 6));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Gives the editor the keyboard focus, so that keys pressed in the page reach it. */
export async function focusEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
}
