/**
 * Takes the README's screenshots in a real VS Code:   npm run screenshots
 *
 * Needs `npm run build` (the extension's bundles; this script builds nothing) and `npm run setup:vscode`
 * (code-server and playwright-core in test/vscode/.tools/). It copies test/vscode/fixtures/showcase/ into
 * a temporary folder (outside any git repository, so no git prompts), starts the VS Code server bundled in
 * code-server with the working tree's extension installed (scripts/vscodeWorkbench.ts), opens the
 * workbench in headless chromium at 1400×850, drives it with the keyboard and the mouse, and writes to
 * docs/images/:
 *
 *   masked-secrets.png    the showcase file as it opens: every secret behind the mask, "N secrets masked"
 *   diagnostics.png       squiggles and the Problems panel listing the flinksql codes
 *   hover.png             the hover on a connection type (at most 160 px high, its docs link in view)
 *   quick-fix.png         Ctrl+. on 'ap-key': "Rename to 'api-key'"
 *   completion.png        Ctrl+Space after typing `'type' = '`: the connection types
 *   revealed-secrets.png  after the command "Flink SQL: Reveal Secrets"
 *
 * Before each screenshot it waits for what the picture is about (squiggles, the suggest widget, the hover,
 * the action widget) and checks the page's visible text: no secret of the showcase may be visible, except
 * in revealed-secrets.png, where all must be. The pictures are copied to docs/images only when all of
 * them passed; any failed check fails the run (exit code 1), writes nothing to docs/images and keeps the
 * run's folder (server.log, failure.png, the pictures taken so far). The server's process group is
 * killed at the end, on failure and on Ctrl-C.
 *
 * Environment: SCREENSHOTS_DIR (default docs/images), SCREENSHOTS_ONLY=name,name (take only these),
 * CHROMIUM, FLINKSQL_VSCODE_TOOLS.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkBuilt, copyToTemp, loadTool, repoRoot, startWorkbench, vscodeVersion, type Workbench } from './vscodeWorkbench';

// ---- the small part of playwright-core's API used here (its types live in test/vscode/.tools, which
// `npm run typecheck` must not need)
interface Locator {
  first(): Locator;
  filter(options: { hasText: string | RegExp }): Locator;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  innerText(): Promise<string>;
  count(): Promise<number>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
}
interface Page {
  goto(url: string): Promise<unknown>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  keyboard: { press(key: string): Promise<void>; type(text: string, options?: { delay?: number }): Promise<void> };
  mouse: {
    move(x: number, y: number, options?: { steps?: number }): Promise<void>;
    click(x: number, y: number): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
  };
  screenshot(options: { path: string }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
  waitForTimeout(ms: number): Promise<void>;
  on(event: 'pageerror', listener: (error: Error) => void): void;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number }; deviceScaleFactor?: number }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
}

const SHOWCASE = path.join(repoRoot, 'test', 'vscode', 'fixtures', 'showcase');
const FILE = 'pipeline.flink.sql';
/** The fake secrets of the showcase file: none may be visible in a screenshot but revealed-secrets.png. */
const SECRETS = ['sk-proj-DEMOa1B2c3D4e5F6g7H8i9J0kLm', 'Tr0ub4dor-DEMO', 'mcp-DEMO-9f8e7d6c5b4a3f2e1d0c'];
const MASK = '••••••••';
const outDir = path.resolve(process.env.SCREENSHOTS_DIR || path.join(repoRoot, 'docs', 'images'));
const only = process.env.SCREENSHOTS_ONLY?.split(',').map((s) => s.trim().replace(/\.png$/, ''));
const started = Date.now();

const say = (message: string) => console.log(`[screenshots] ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${message}`);

/** The text the page shows (innerText skips `display: none`, which is how the extension hides a secret). */
const visibleText = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText, undefined);

/** The visible text of the editor's lines, with VS Code's non-breaking spaces made plain. */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

/** How many masks the editor draws: the mask is a decoration's `::before` content, which no text API shows. */
function maskCount(page: Page): Promise<number> {
  return page.evaluate((mask) => {
    // Runs in the page; DOM types are not in this project's lib.
    const g = globalThis as unknown as {
      document: { querySelectorAll(s: string): Iterable<unknown> };
      getComputedStyle(e: unknown, pseudo: string): { content: string };
    };
    let count = 0;
    for (const span of g.document.querySelectorAll('.editor-instance .monaco-editor .view-lines span')) {
      if (g.getComputedStyle(span, '::before').content.includes(mask)) count++;
    }
    return count;
  }, MASK);
}

/** Polls `probe` until it returns something other than undefined/false; on timeout, reports `lastSeen()`. */
async function poll<T>(what: string, probe: () => Promise<T | undefined | false>, lastSeen?: () => Promise<unknown>, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - start > timeoutMs) {
      const seen = lastSeen ? `; last seen: ${JSON.stringify(await lastSeen().catch((e: unknown) => String(e)))}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (${String(last)})` : ''}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function assertMasked(page: Page, name: string): Promise<void> {
  const text = await visibleText(page);
  const shown = SECRETS.filter((s) => text.includes(s));
  if (shown.length > 0) throw new Error(`${name}: ${shown.length} secret(s) visible on the page`);
  const lines = await editorText(page);
  if (!lines.includes('CREATE CONNECTION')) throw new Error(`${name}: the editor does not show the showcase file`);
  if ((await maskCount(page)) < SECRETS.length) throw new Error(`${name}: fewer than ${SECRETS.length} masks in the editor`);
}

/** The centre of the first occurrence of `needle` in the editor line whose text contains `lineText`. */
async function pointAt(page: Page, lineText: string, needle: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ([lineText, needle]) => {
      // Runs in the page: DOM types are not in this project's lib, so they are described structurally.
      interface TextNode { textContent: string | null }
      interface Rect { left: number; top: number; width: number; height: number }
      const doc = (globalThis as unknown as {
        document: {
          querySelectorAll(s: string): Iterable<{ textContent: string | null; ownerDocument: unknown }>;
          createTreeWalker(root: unknown, what: number): { nextNode(): TextNode | null };
          createRange(): { setStart(n: TextNode, o: number): void; setEnd(n: TextNode, o: number): void; getBoundingClientRect(): Rect };
        };
      }).document;
      for (const line of doc.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
        const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
        if (!text.includes(lineText)) continue;
        let offset = text.indexOf(needle, text.indexOf(lineText));
        const walker = doc.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = (node.textContent ?? '').length;
          if (offset < length) {
            const range = doc.createRange();
            range.setStart(node, offset);
            range.setEnd(node, Math.min(length, offset + needle.length));
            const r = range.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          }
          offset -= length;
        }
      }
      return undefined;
    },
    [lineText, needle] as const,
  );
  if (!point) throw new Error(`${JSON.stringify(needle)} not found in an editor line containing ${JSON.stringify(lineText)}`);
  return point;
}

/** Runs a command through the command palette (F1), by its title ("Category: Title"). */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').first().waitFor({ state: 'visible' });
  await page.keyboard.type(title, { delay: 10 });
  // Enter runs the focused row: wait until the list is filtered down to this command.
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title.replace(/^.*: /, '') }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden' });
}

async function statusBarSecrets(page: Page): Promise<string> {
  return page.locator('.statusbar-item', { hasText: /secrets?\b/ }).first().innerText();
}

async function main(): Promise<void> {
  checkBuilt();
  const { chromium } = loadTool<Playwright>('playwright-core');
  fs.mkdirSync(outDir, { recursive: true });
  const workspace = copyToTemp(SHOWCASE, 'flinksql-showcase-');
  let workbench: Workbench | undefined;
  let browser: Browser | undefined;
  let ok = false;
  let lastPage: Page | undefined;
  /** Stops the server; keeps its folder (server.log, failure.png) when asked. */
  const cleanup = (keepRunDir: boolean) => {
    workbench?.stop(keepRunDir);
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      say(`${signal}: stopping`);
      cleanup(false);
      process.exit(130);
    });
  }
  // Screenshots are taken into the run folder and copied to outDir only when every one passed its checks,
  // so a failed run never leaves docs/images half updated.
  const staged = new Map<string, string>();
  try {
    workbench = await startWorkbench({
      folder: workspace,
      settings: {
        'workbench.colorTheme': 'Default Light Modern',
        'editor.minimap.enabled': false, // tidier pictures; it would show the masked text as blocks anyway
        'window.commandCenter': true,
        'editor.hover.delay': 300,
        'editor.lightbulb.enabled': 'on',
        'files.autoSave': 'off', // the completion edit is reverted, not saved
      },
    });
    say(`VS Code ${vscodeVersion()} server on ${workbench.url}`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    lastPage = page;
    page.on('pageerror', (error) => say(`[pageerror] ${error.message}`));
    await page.goto(workbench.url);
    await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).first().waitFor({ state: 'visible', timeout: 60_000 });

    // Open the file with Quick Open.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').first().waitFor({ state: 'visible' });
    await page.keyboard.type(FILE, { delay: 10 });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: FILE }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'CREATE' }).first().waitFor({ state: 'visible' });

    // The language server has answered: squiggles, the status bar count, the masks.
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 60_000 });
    const status = await poll('the status bar to count the masked secrets', async () => {
      const text = await statusBarSecrets(page);
      return /\d+ secrets? masked/.test(text) && text;
    });
    await poll('every secret to be masked', async () => {
      const text = await visibleText(page);
      return SECRETS.every((s) => !text.includes(s)) && (await maskCount(page)) >= SECRETS.length;
    });
    say(`file open, status bar: "${status.trim()}"`);

    const shoot = async (name: string, check: () => Promise<void>, settleMs = 400) => {
      if (only && !only.includes(name)) return;
      await page.waitForTimeout(settleMs); // let animations (fades, widget layout) settle
      await check();
      const file = path.join(workbench!.runDir, `${name}.png`);
      await page.screenshot({ path: file });
      await check(); // still true after the picture was taken
      staged.set(name, file);
      say(`${name}.png`);
    };

    // ---- masked-secrets.png: the file as it opens
    await shoot('masked-secrets', async () => {
      await assertMasked(page, 'masked-secrets');
      if (!/\d+ secrets? masked/.test(await statusBarSecrets(page))) throw new Error('masked-secrets: no "N secrets masked" in the status bar');
    }, 1500); // the editor's scrollbars fade out a second after the file opens

    // ---- diagnostics.png: the Problems panel (Ctrl+Shift+M) with every flinksql diagnostic
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel .monaco-list-row');
    await poll('the Problems panel to list 4 problems with their codes', async () => {
      const rows = await problems.count();
      if (rows < 5) return false; // the file's row and 4 problems
      // Each row: the message, the source, the code, the position (the parentheses are CSS).
      const text = await page.locator('.markers-panel').first().innerText();
      return ['unknown-option', 'incomplete-auth', 'unknown-connection-type', 'connection-type-mismatch'].every((code) => new RegExp(`flinksql\\s*\\(?${code}\\)?\\s*\\[Ln`).test(text));
    }, async () => ({ rows: await problems.count(), text: await page.locator('.markers-panel').first().innerText() }));
    // A shorter panel (drag its top edge down), so the whole file stays in view above it.
    const panel = await page.locator('.part.panel').first().boundingBox();
    if (panel) {
      const rowsHeight = 36 + 22 * 5 + 30; // the title, the file's row and 4 problems, a margin
      await page.mouse.move(800, panel.y + 1);
      await page.mouse.down();
      await page.mouse.move(800, Math.max(panel.y, panel.y + panel.height - rowsHeight), { steps: 5 });
      await page.mouse.up();
      await page.mouse.move(1000, 780);
    }
    await shoot('diagnostics', async () => {
      await assertMasked(page, 'diagnostics');
      if ((await page.locator('.editor-instance .monaco-editor .squiggly-error').count()) < 4) throw new Error('diagnostics: fewer than 4 error squiggles');
    });
    await page.keyboard.press('Control+J'); // hide the panel again

    // ---- hover.png: the mouse on the type 'openai'
    const onType = await pointAt(page, `'type' = 'openai'`, 'openai');
    await page.mouse.move(onType.x - 40, onType.y + 40);
    await page.mouse.move(onType.x, onType.y, { steps: 5 });
    const hover = page.locator('.monaco-editor .monaco-hover', { hasText: /OpenAI/ }).first();
    await hover.waitFor({ state: 'visible' });
    await shoot('hover', async () => {
      await assertMasked(page, 'hover');
      await hover.waitFor({ state: 'visible' });
      // Short enough to leave the statement in view, with its docs link in view without scrolling.
      const box = await hover.boundingBox();
      const link = await page.locator('.monaco-editor .monaco-hover a', { hasText: 'docs' }).first().boundingBox();
      if (!box || !link) throw new Error('hover: no hover, or no docs link in it');
      say(`hover: ${Math.round(box.width)}×${Math.round(box.height)} px, the docs link at ${Math.round(link.y - box.y)} px from its top`);
      if (box.height > 160) throw new Error(`hover: ${Math.round(box.height)} px high (at most 160)`);
      if (link.y < box.y || link.y + link.height > box.y + box.height) throw new Error('hover: the docs link is scrolled out of view');
    });
    await page.mouse.move(1000, 780); // away, to an empty part of the editor: the hover goes
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .monaco-hover', { hasText: /OpenAI/ }).first().waitFor({ state: 'hidden' });

    // ---- quick-fix.png: the cursor in 'ap-key', Ctrl+.
    const onTypo = await pointAt(page, `'ap-key'`, 'ap-key');
    await page.mouse.click(onTypo.x, onTypo.y);
    await page.mouse.move(1000, 780); // an empty part of the editor
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget', { hasText: `Rename to 'api-key'` }).first();
    await fix.waitFor({ state: 'visible' });
    await shoot('quick-fix', async () => {
      await assertMasked(page, 'quick-fix');
      await fix.waitFor({ state: 'visible' });
    });
    await page.keyboard.press('Escape');
    await fix.waitFor({ state: 'hidden' });

    // ---- completion.png: a new statement, Ctrl+Space after 'type' = '
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    // Auto-closing adds the closing backtick, parenthesis and quotes; typing a closing one steps over it.
    await page.keyboard.type('CREATE CONNECTION `ticket-search`', { delay: 25 });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home'); // whatever the indentation rules did
    await page.keyboard.type("  WITH ('type' = '", { delay: 25 });
    await page.keyboard.press('Escape'); // whatever opened while typing
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.editor-instance .suggest-widget.visible', { hasText: 'openai' }).first();
    await suggest.waitFor({ state: 'visible' });
    await poll('the suggestions to include several connection types', async () => {
      const text = await suggest.innerText();
      return ['anthropic', 'openai', 'mongodb'].filter((t) => text.includes(t)).length >= 2;
    });
    // (Not Ctrl+Space again for the documentation beside the list: in this web workbench that pane is cut short.)
    await shoot('completion', async () => {
      await assertMasked(page, 'completion');
      await suggest.waitFor({ state: 'visible' });
      if (!(await editorText(page)).includes(`  WITH ('type' = '')`)) throw new Error(`completion: the typed statement is not "WITH ('type' = '')"`);
    });
    await page.keyboard.press('Escape');
    await runCommand(page, 'File: Revert File');
    await poll('the file to be reverted', async () => !(await editorText(page)).includes('ticket-search'));

    // ---- revealed-secrets.png: Flink SQL: Reveal Secrets
    await page.keyboard.press('Control+Home');
    await runCommand(page, 'Flink SQL: Reveal Secrets');
    await poll('every secret to be shown', async () => {
      const text = await visibleText(page);
      return SECRETS.every((s) => text.includes(s));
    });
    await shoot('revealed-secrets', async () => {
      const text = await visibleText(page);
      const hidden = SECRETS.filter((s) => !text.includes(s));
      if (hidden.length > 0) throw new Error(`revealed-secrets: ${hidden.length} secret(s) still hidden`);
      if ((await maskCount(page)) > 0) throw new Error('revealed-secrets: a mask is still shown');
    });
    say(`status bar after Reveal Secrets: "${(await statusBarSecrets(page).catch(() => '(none)')).trim()}"`);

    for (const [name, file] of staged) fs.copyFileSync(file, path.join(outDir, `${name}.png`));
    ok = true;
    say(`${staged.size} screenshot(s) written to ${path.relative(process.cwd(), outDir) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    if (lastPage && workbench) {
      const file = path.join(workbench.runDir, 'failure.png');
      if (await lastPage.screenshot({ path: file }).then(() => true, () => false)) say(`the page when it failed: ${file}`);
    }
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    if (!ok && workbench) say(`nothing written to ${path.relative(process.cwd(), outDir) || '.'}; the screenshots taken so far and the server log are in ${workbench.runDir}`);
    cleanup(!ok);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[screenshots] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
