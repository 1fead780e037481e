#!/usr/bin/env node
/* global require, __dirname, process, console, setTimeout, clearTimeout, window */
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script, run as an executable */
/**
 * A stand-in "VS Code executable" for @vscode/test-electron's `runTests({ vscodeExecutablePath })`.
 *
 * Why: VS Code desktop (and Electron) cannot be downloaded on machines that only reach the npm
 * registry and Debian apt. The npm package `code-server` ships a complete VS Code server (the same
 * extension host, API and built-in extensions as the desktop app); Debian's chromium, driven by
 * playwright-core, draws its workbench. Both are installed by test/vscode/setup.sh into
 * test/vscode/.tools/. So the tests run in a real VS Code, with the real extension host, a real
 * language client and the real Node language server; only the window is a browser page.
 *
 * What it does, given the command line test-electron passes to VS Code
 *   [folder] --extensionTestsPath=X --extensionDevelopmentPath=Y [--user-data-dir=U] [--extensions-dir=E] …
 *  1. starts the VS Code server bundled in code-server (lib/vscode/out/server-main.js, with the node
 *     running this script) in its own process group, on a free port, with a fresh user-data folder;
 *  2. opens the workbench in headless chromium with the extensionDevelopmentPath/extensionTestsPath
 *     "payload" in the URL (the way @vscode/test-web starts tests in a web workbench);
 *  3. prints the extension host's console (mocha's reporter) from the page's console;
 *  4. waits for VS Code to call `window.codeAutomationExit(code)` when the tests' run() settles;
 *  5. kills the server's whole process group and exits with the tests' code (0 = all passed).
 *
 * Why these choices:
 *  - server-main.js, not code-server's own CLI: VS Code only honours the payload's
 *    extensionTestsPath in a built product when the server runs with --enable-smoke-test-driver,
 *    and code-server's CLI rejects that flag.
 *  - A fresh user-data folder per run (the one test-electron passes, .vscode-test/user-data, would
 *    bring back hot-exit backups and open editors of the previous run); KEEP_USER_DATA_DIR=1 uses
 *    the one passed in. It is deleted after a passing run and kept (with server.log) after a failing one.
 *  - The server's process group is killed: code-server keeps extension hosts (and so our language
 *    server) alive for hours waiting for the browser to reconnect.
 *  - XDG_* point into the user-data folder so nothing is written to the user's home.
 *
 * Environment:
 *   FLINKSQL_VSCODE_TOOLS   folder holding node_modules/{code-server,playwright-core} (default: ./.tools next to this file)
 *   CHROMIUM                the browser (default /usr/bin/chromium)
 *   VSCODE_TEST_TIMEOUT_MS  give up after this long (default 300000)
 *   VERBOSE=1               print every console line of the page, not just the tests' output
 *   VSCODE_TEST_SCREENSHOT=file.png   screenshot of the workbench when the run ends
 *   KEEP_USER_DATA_DIR=1    use the --user-data-dir passed in
 *
 * The screen, for the tests: the extension host cannot see what the workbench draws, so the shim serves
 * the page to it over HTTP on 127.0.0.1 (its URL in FLINKSQL_SCREEN_URL, which the extension host
 * inherits; see screen.ts in the suite): watch the rendered text for strings, press keys, type.
 */
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const http = require('node:http');
const util = require('node:util');
const { spawn } = require('node:child_process');
const { watchScreen } = require('./screenWatch');

const toolsDir = path.resolve(process.env.FLINKSQL_VSCODE_TOOLS || path.join(__dirname, '.tools'));
function resolveTool(id) {
  try {
    return require.resolve(id, { paths: [toolsDir] });
  } catch {
    console.error(`[shim] cannot find ${id} in ${toolsDir}: run \`npm run setup:vscode\` (bash test/vscode/setup.sh) first.`);
    process.exit(2);
  }
}
const codeServerRoot = path.dirname(resolveTool('code-server/package.json'));
const vscodeRoot = path.join(codeServerRoot, 'lib', 'vscode');

if (process.argv.includes('--version')) {
  console.log(require(path.join(vscodeRoot, 'package.json')).version);
  process.exit(0);
}

// ---- the VS Code command line test-electron builds
const devPaths = [];
const positional = [];
let testsPath;
let userDataDir;
for (const arg of process.argv.slice(2)) {
  const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
  if (!m) {
    positional.push(path.resolve(arg));
    continue;
  }
  const [, key, value] = m;
  if (key === 'extensionDevelopmentPath') devPaths.push(path.resolve(value));
  else if (key === 'extensionTestsPath') testsPath = path.resolve(value);
  else if (key === 'user-data-dir') userDataDir = path.resolve(value);
  // --extensions-dir: a fresh one is used, so no installed extension interferes.
  // --no-sandbox, --disable-gpu-sandbox, --disable-updates, --skip-welcome, --skip-release-notes,
  // --disable-extensions: desktop flags with no meaning here. --disable-workspace-trust is passed to the server.
}
if (devPaths.length === 0 || !testsPath) {
  console.error('usage: codeServerShim.js --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--user-data-dir=DIR] [folder]');
  process.exit(2);
}
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flinksql-vscode-test-'));
if (!userDataDir || !process.env.KEEP_USER_DATA_DIR) userDataDir = path.join(runDir, 'user-data');
const extensionsDir = path.join(runDir, 'extensions');
const folder = positional.find((p) => fs.existsSync(p) && fs.statSync(p).isDirectory());
const timeoutMs = Number(process.env.VSCODE_TEST_TIMEOUT_MS || 300_000);

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A folder of this run (removed with it). XDG_RUNTIME_DIR must be private (0700) and short: VS Code puts
 * its IPC sockets there, and a socket's path must stay under 108 characters.
 */
function runFolder(name, mode) {
  const dir = path.join(runDir, name);
  fs.mkdirSync(dir, { recursive: true, ...(mode ? { mode } : {}) });
  return dir;
}

let server;
let browser;
let page;

/** What the tests ask of the page, by path; the body is JSON. */
const screenRequests = {
  '/watch': ({ needles }) => page.evaluate(watchScreen, needles),
  '/stop': () => page.evaluate(() => window.__flinksqlScreenWatch.stop()),
  '/press': async ({ keys, delayMs = 0 }) => {
    for (const key of keys) {
      await page.keyboard.press(key);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  },
  '/type': ({ text, delayMs = 0 }) => page.keyboard.type(text, { delay: delayMs }),
};

/** Serves `screenRequests` on 127.0.0.1 and puts its URL in FLINKSQL_SCREEN_URL for the server (and so the extension host) to inherit. */
async function startScreenService() {
  const service = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      const handler = screenRequests[request.url];
      try {
        if (!handler) throw new Error(`no such request: ${request.url}`);
        if (!page) throw new Error('the page is not open yet');
        const result = await handler(body ? JSON.parse(body) : {});
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(result ?? null));
      } catch (error) {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error && error.message ? error.message : error));
      }
    });
  });
  await new Promise((resolve) => service.listen(0, '127.0.0.1', resolve));
  service.unref();
  process.env.FLINKSQL_SCREEN_URL = `http://127.0.0.1:${service.address().port}`;
}
function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(-server.pid, 'SIGKILL'); // the group: server, extension host, language server, watchers
    } catch {
      /* already gone */
    }
  }
}
process.on('exit', stopServer);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopServer();
    process.exit(130);
  });
}

// Lines of the workbench's own console that say nothing about the tests (web workbench noise).
const NOISE =
  /No signed-in session resolved|ChatModelSelection|AgentHost|AccountPolicyGate|grace time from server|connection token|Creating a socket|Service Worker|additional builtin extensions|ChatSessionStore|web worker extension host|Overwriting extension|Failed to load resource|open-vsx\.org|Creation of workbench contribution|allow-scripts and allow-same-origin|bad HTTP response code \(404\) was received when fetching the script|No service worker controller found|^\s*at /;

async function main() {
  const t0 = Date.now();
  const { chromium } = require(resolveTool('playwright-core'));
  await startScreenService();
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const xdg = path.join(userDataDir, '.xdg');
  const serverArgs = [
    path.join(vscodeRoot, 'out', 'server-main.js'),
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-workspace-trust',
    '--telemetry-level', 'off',
    '--server-data-dir', path.join(userDataDir, 'server-data'),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  server = spawn(process.execPath, serverArgs, {
    detached: true, // its own process group, killed as a whole by stopServer()
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, // includes test-electron's extensionTestsEnv: the extension host inherits it
      XDG_CONFIG_HOME: path.join(xdg, 'config'),
      XDG_DATA_HOME: path.join(xdg, 'data'),
      XDG_CACHE_HOME: path.join(xdg, 'cache'),
      // Sockets (VS Code's git extension's IPC) go here, not into /tmp, where nothing would remove them.
      XDG_RUNTIME_DIR: runFolder('rt', 0o700),
      // Temporary files of VS Code's built-in extensions (vscode-typescript…) stay in the run's folder.
      TMPDIR: runFolder('tmp'),
    },
  });
  const serverLogPath = path.join(userDataDir, 'server.log');
  const serverLog = fs.createWriteStream(serverLogPath);
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  const serverExited = new Promise((resolve) => server.once('exit', (code, signal) => resolve(`server exited (${code ?? signal})`)));
  await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (data) => {
      output += data;
      if (/Extension host agent listening|HTTP server listening/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    void serverExited.then((why) => reject(new Error(`${why} before listening:\n${output}`)));
  });
  const version = require(path.join(vscodeRoot, 'package.json')).version;
  const codeServerVersion = require(path.join(codeServerRoot, 'package.json')).version;
  console.log(`[shim] VS Code ${version} server (code-server ${codeServerVersion}) on node ${process.version} listening on ${authority} after ${Date.now() - t0} ms`);

  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]), ['extensionTestsPath', remote(testsPath)]];
  const url = `http://${authority}/?${folder ? `folder=${encodeURIComponent(folder)}` : 'ew=true'}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  let testsDone;
  const testsExited = new Promise((resolve) => (testsDone = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => testsDone(code));
  // In test mode VS Code sends the extension host's console.* to the workbench log, which logs
  // ['%c INFO', 'color: …', format, …args] to the page console: put the line back together.
  page.on('console', async (message) => {
    let parts;
    try {
      parts = await Promise.all(message.args().map((a) => a.jsonValue()));
    } catch {
      parts = [];
    }
    if (parts.length === 0) parts = [message.text()];
    let level = '';
    if (typeof parts[0] === 'string' && parts[0].startsWith('%c')) {
      level = parts[0].slice(2).trim();
      parts = parts.slice(2);
    }
    const line = util.format(...parts);
    if (!process.env.VERBOSE && (NOISE.test(line) || !line.trim())) return;
    console.log(level === 'ERR' || message.type() === 'error' ? `[${level || 'error'}] ${line}` : line);
  });
  page.on('pageerror', (error) => console.log('[pageerror]', error.message));
  const pageCrashed = new Promise((resolve) => page.once('crash', () => resolve('the page crashed')));
  await page.goto(url);
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve(`no result after ${timeoutMs} ms`), timeoutMs)));
  const code = await Promise.race([testsExited, serverExited, pageCrashed, timedOut]);
  clearTimeout(timer);
  if (process.env.VSCODE_TEST_SCREENSHOT) await page.screenshot({ path: process.env.VSCODE_TEST_SCREENSHOT }).catch(() => undefined);
  await browser.close();
  stopServer();
  const passed = code === 0;
  console.log(`[shim] extension tests ${typeof code === 'number' ? `exited with code ${code}` : `failed: ${code}`} after ${Date.now() - t0} ms`);
  if (passed) fs.rmSync(runDir, { recursive: true, force: true });
  else console.log(`[shim] server log: ${serverLogPath}`);
  process.exit(passed ? 0 : 1);
}

main().catch(async (error) => {
  console.error('[shim]', error);
  await browser?.close().catch(() => undefined);
  stopServer();
  process.exit(1);
});
