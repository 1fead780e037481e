/**
 * A VS Code in the browser with this working tree's extension installed:   npm run demo
 *
 * Needs `npm run build` (this script builds nothing) and `npm run setup:vscode` (npm run demo runs it:
 * it returns at once when done). Starts the VS Code server bundled in code-server 4.100.3 on 127.0.0.1
 * (scripts/vscodeWorkbench.ts: a fresh user-data folder and a fresh extensions folder in which the
 * working tree is installed as a symlink), with a copy of examples/ as the workspace, so edits made in
 * the demo never touch the repository. It prints the URL to open and runs until Ctrl-C (SIGINT) or
 * SIGTERM, then kills the server's process group (server, extension host, language server) and removes
 * its temporary folders. Rebuilding (npm run build) and reloading the page ("Developer: Reload Window")
 * picks up changes to the extension.
 *
 * Environment:
 *   DEMO_PORT=N       listen on N (default 8080, or a free port when 8080 is taken)
 *   DEMO_FOLDER=DIR   open DIR itself instead of a copy of examples/
 *   VERBOSE=1         also print the server's log
 * The server listens on 127.0.0.1 only, without a connection token: anyone on this machine can open it.
 * From another machine, forward the port (ssh -L 8080:127.0.0.1:8080 host).
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { checkBuilt, copyToTemp, extensionFolderName, freePort, repoRoot, startWorkbench, vscodeVersion, type Workbench } from './vscodeWorkbench';

const say = (message: string) => console.log(`[demo] ${message}`);

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function choosePort(): Promise<number> {
  if (process.env.DEMO_PORT) {
    const port = Number(process.env.DEMO_PORT);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`DEMO_PORT=${process.env.DEMO_PORT} is not a port`);
    if (!(await portIsFree(port))) throw new Error(`port ${port} (DEMO_PORT) is in use`);
    return port;
  }
  return (await portIsFree(8080)) ? 8080 : freePort();
}

async function main(): Promise<void> {
  checkBuilt();
  const ownCopy = !process.env.DEMO_FOLDER;
  const folder = ownCopy ? copyToTemp(path.join(repoRoot, 'examples'), 'flinksql-demo-') : path.resolve(process.env.DEMO_FOLDER!);
  if (!fs.existsSync(folder)) throw new Error(`DEMO_FOLDER ${folder} does not exist`);
  let workbench: Workbench | undefined;
  let stopping = false;
  const stop = (code: number, why: string) => {
    if (stopping) return;
    stopping = true;
    say(`${why}: stopping the VS Code server`);
    workbench?.stop();
    if (ownCopy) fs.rmSync(path.dirname(folder), { recursive: true, force: true });
    say('stopped; temporary folders removed');
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0, 'SIGINT'));
  process.on('SIGTERM', () => stop(0, 'SIGTERM'));
  process.on('SIGHUP', () => stop(0, 'SIGHUP'));
  // If whatever started this script goes away without signalling it (npm killed with SIGKILL, say), stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop(0, 'the parent process is gone');
  }, 1000).unref();
  try {
    workbench = await startWorkbench({
      port: await choosePort(),
      folder,
      ...(process.env.VERBOSE ? { echo: process.stdout } : {}),
    });
  } catch (error) {
    if (ownCopy) fs.rmSync(path.dirname(folder), { recursive: true, force: true });
    throw error;
  }
  say(`VS Code ${vscodeVersion()} (code-server's VS Code server), extension ${extensionFolderName()} from ${repoRoot}`);
  say(`workspace: ${folder}${ownCopy ? ' (a copy of examples/; removed on exit)' : ''}`);
  say(`server log: ${workbench.serverLog}`);
  say('open this URL in a browser; Ctrl-C stops the server:');
  console.log(`\n    ${workbench.url}\n`);
  const why = await workbench.exited;
  stop(1, why);
}

main().catch((error: unknown) => {
  console.error(`[demo] ERROR: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
