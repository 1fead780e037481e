/**
 * `npm run bench:screen`: what a person sees of secrets in a real VS Code (code-server 1.100.3 in
 * headless Chromium, set up by `npm run setup:vscode`), from the moment the window loads — the figures
 * of the README's "Secrets stay off the screen". The page is watched from before VS Code's own scripts
 * run (test/vscode/screenWatch.js, every 10 ms and on every DOM change); a file is opened with Quick
 * Open, as a user does.
 *
 *  - cold start: the window loads and examples/connections.sql is opened as soon as Quick Open works
 *    (the extension is still activating), and again once the window has settled;
 *  - a 10,000-statement file (scripts/benchDocument.ts, 2.5 MB): opened, paged through, with and
 *    without the extension installed, for the secrets drawn and the main thread's long tasks.
 *
 * "drawn" counts a secret's characters displayed in a colour that is not transparent; "in the text"
 * counts them in the editor's rendered text at all (a transparent first frame included).
 * RUNS=n repeats each scenario (default 2) and prints every run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateDocument } from './benchDocument';
import { checkBuilt, loadTool, repoRoot, startWorkbench, vscodeVersion, type Workbench } from './vscodeWorkbench';
/** The watch, as text: a function compiled here would carry the TypeScript loader's helpers, which the page does not have. */
const screenWatchSource = fs.readFileSync(path.join(repoRoot, 'test', 'vscode', 'screenWatch.js'), 'utf8');

interface Report {
  visibleMs: number;
  inTextMs: number;
  sightings: { where: string; needle: string; atMs: number }[];
  longTasks: { count: number; totalMs: number; longestMs: number };
  watchedMs: number;
}
interface Locator {
  first(): Locator;
  waitFor(options?: { state?: 'visible'; timeout?: number }): Promise<void>;
}
interface Page {
  goto(url: string): Promise<unknown>;
  addInitScript(script: { content: string }): Promise<void>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  keyboard: { press(key: string): Promise<void>; type(text: string, options?: { delay?: number }): Promise<void> };
  evaluate<R>(fn: () => R): Promise<R>;
  waitForTimeout(ms: number): Promise<void>;
  close(): Promise<void>;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
}

const SMALL = 'connections.sql';
const BIG = 'big.flink.sql';
const SMALL_SECRETS = ['EXAMPLEONLY', 'AKIAEXAMPLE', 'Passw0rd'];
/**
 * The generated document's values are `secret-<statement>-<placeholder>`: the secret ones end in these
 * placeholders (user names, client ids and scopes are not secrets unless flinksql.secrets.maskUsernames).
 */
const SECRET_PLACEHOLDERS = ['api-key', 'password', 'token', 'client-secret', 'aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'];
const BIG_SECRETS = SECRET_PLACEHOLDERS.flatMap((name) => Array.from({ length: 10 }, (_, digit) => `${digit}-${name}'`));
const runs = Number(process.env.RUNS || 2);

interface Scenario {
  name: string;
  file: string;
  needles: string[];
  withExtension: boolean;
  /** Open the file as soon as Quick Open works, or after the window has settled. */
  openAt: 'at once' | 'settled';
  /** After the file shows: PageDown this many times. */
  pageDowns: number;
}

const scenarios: Scenario[] = [
  { name: 'cold start: open as soon as the window can', file: SMALL, needles: SMALL_SECRETS, withExtension: true, openAt: 'at once', pageDowns: 0 },
  { name: 'open after the window has settled', file: SMALL, needles: SMALL_SECRETS, withExtension: true, openAt: 'settled', pageDowns: 0 },
  { name: '10,000 statements, with the extension', file: BIG, needles: BIG_SECRETS, withExtension: true, openAt: 'settled', pageDowns: 20 },
  { name: '10,000 statements, without the extension', file: BIG, needles: BIG_SECRETS, withExtension: false, openAt: 'settled', pageDowns: 20 },
];

async function run(browser: Browser, workspace: string, scenario: Scenario): Promise<Report> {
  let workbench: Workbench | undefined;
  let page: Page | undefined;
  try {
    workbench = await startWorkbench({
      folder: workspace,
      withExtension: scenario.withExtension,
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'files.autoSave': 'off' },
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await page.addInitScript({ content: `${screenWatchSource}\nwatchScreen(${JSON.stringify(scenario.needles)});` });
    await page.goto(workbench.url);
    await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: scenario.file }).first().waitFor({ state: 'visible', timeout: 60_000 });
    if (scenario.openAt === 'settled') await page.waitForTimeout(8_000);
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').first().waitFor({ state: 'visible' });
    await page.keyboard.type(scenario.file);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: scenario.file }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'CREATE' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForTimeout(3_000);
    for (let i = 0; i < scenario.pageDowns; i++) {
      await page.keyboard.press('PageDown');
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(500);
    return await page.evaluate(() => (globalThis as unknown as { __flinksqlScreenWatch: { stop(): Report } }).__flinksqlScreenWatch.stop());
  } finally {
    await page?.close().catch(() => undefined);
    workbench?.stop();
  }
}

async function main(): Promise<void> {
  checkBuilt();
  const { chromium } = loadTool<Playwright>('playwright-core');
  // A folder outside any git repository (no git prompts), removed at the end.
  const workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flinksql-bench-screen-')), 'workspace');
  fs.mkdirSync(workspace);
  fs.copyFileSync(path.join(repoRoot, 'examples', SMALL), path.join(workspace, SMALL));
  fs.writeFileSync(path.join(workspace, BIG), generateDocument(10_000));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  console.log(`VS Code ${vscodeVersion()} (code-server) in Chromium, ${runs} run(s) per scenario, ${new Date().toISOString().slice(0, 10)}`);
  console.log('| scenario | secrets drawn | in the rendered text | long tasks (count, total, longest) |');
  console.log('|---|---|---|---|');
  try {
    for (const scenario of scenarios) {
      for (let i = 0; i < runs; i++) {
        const report = await run(browser, workspace, scenario);
        const tasks = report.longTasks;
        const drawn = scenario.withExtension ? `${report.visibleMs} ms` : `${report.visibleMs} ms (no masking)`;
        console.log(`| ${scenario.name} | ${drawn} | ${report.inTextMs} ms | ${tasks.count}, ${tasks.totalMs} ms, ${tasks.longestMs} ms |`);
        if (scenario.withExtension && report.sightings.length > 0) console.log(`  first seen: ${JSON.stringify(report.sightings[0])}`);
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
