/**
 * A real VS Code for `npm run screenshots` and `npm run demo`: the VS Code server bundled in code-server
 * (installed by `npm run setup:vscode` into test/vscode/.tools/), with the extension of this working tree
 * installed, and a workbench URL for a browser.
 *
 * Like test/vscode/codeServerShim.js, it runs code-server's lib/vscode/out/server-main.js with the node
 * running this script, in its own process group (killed as a whole: the server keeps extension hosts, and
 * so the language server, alive for hours waiting for a browser to reconnect), on 127.0.0.1, without a
 * connection token, with a fresh user-data folder and a fresh extensions folder. Unlike the shim it loads
 * the extension as an installed extension, not one under development: the working tree is symlinked into
 * the extensions folder as `<publisher>.<name>-<version>`, the folder name `code --install-extension`
 * gives it, so the workbench looks like a user's (no "Extension Development Host").
 *
 * Environment: FLINKSQL_VSCODE_TOOLS (another tools folder), CHROMIUM (the browser, default /usr/bin/chromium).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');
export const toolsDir = path.resolve(process.env.FLINKSQL_VSCODE_TOOLS || path.join(repoRoot, 'test', 'vscode', '.tools'));

const requireFromTools = createRequire(path.join(toolsDir, 'package.json'));

/** Resolves a package installed by `npm run setup:vscode`, or says how to install it. */
export function resolveTool(id: string): string {
  try {
    return requireFromTools.resolve(id);
  } catch {
    throw new Error(`cannot find ${id} in ${toolsDir}: run \`npm run setup:vscode\` first.`);
  }
}

/** Loads a package installed by `npm run setup:vscode` (playwright-core). */
export function loadTool<T>(id: string): T {
  return requireFromTools(resolveTool(id)) as T;
}

export function codeServerRoot(): string {
  return path.dirname(resolveTool('code-server/package.json'));
}

export function vscodeVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(codeServerRoot(), 'lib', 'vscode', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Fails unless the bundles the extension runs exist (this module builds nothing: `npm run build` does). */
export function checkBuilt(): void {
  const bundles = ['client/dist/extension.js', 'server/dist/server.js'];
  const missing = bundles.filter((p) => !fs.existsSync(path.join(repoRoot, p)));
  if (missing.length > 0) throw new Error(`the extension is not built (${missing.join(', ')} missing): run \`npm run build\` first.`);
  const built = Math.min(...bundles.map((p) => fs.statSync(path.join(repoRoot, p)).mtimeMs));
  const newest = (dir: string) =>
    fs
      .readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .reduce((latest, e) => Math.max(latest, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
  if (newest(path.join(repoRoot, 'client', 'src')) > built || newest(path.join(repoRoot, 'server', 'src')) > built) {
    console.warn('WARNING: client/src or server/src changed after the last build; VS Code runs the old bundles (npm run build).');
  }
}

export function extensionFolderName(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  return `${pkg.publisher}.${pkg.name}-${pkg.version}`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface WorkbenchOptions {
  /** Port to listen on (default: a free one). */
  port?: number;
  /** The folder to open. */
  folder: string;
  /** Install the working tree's extension (default true; false measures VS Code without it). */
  withExtension?: boolean;
  /** User settings (written to the user-data folder's User/settings.json). */
  settings?: Record<string, unknown>;
  /** The server's stdout and stderr also go to this stream (they always go to server.log in the run folder). */
  echo?: NodeJS.WritableStream;
}

export interface Workbench {
  url: string;
  port: number;
  /** The temporary folder holding user data, extensions and server.log. */
  runDir: string;
  serverLog: string;
  server: ChildProcess;
  /** Resolves with a description when the server exits. */
  exited: Promise<string>;
  /** Kills the server's process group and (unless keepRunDir) removes the run folder. Idempotent, synchronous. */
  stop(keepRunDir?: boolean): void;
}

/** Settings that keep notifications, welcome pages and tips out of the way. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
};

/**
 * Starts the VS Code server with the working tree's extension installed and `folder` open. The caller
 * must call stop() (also on failure); a process 'exit' handler stops it too.
 */
export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const vscodeRoot = path.join(codeServerRoot(), 'lib', 'vscode');
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flinksql-vscode-'));
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  if (options.withExtension !== false) fs.symlinkSync(repoRoot, path.join(extensionsDir, extensionFolderName()), 'dir');
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const port = options.port ?? (await freePort());
  const xdg = path.join(userDataDir, '.xdg');
  // XDG_RUNTIME_DIR must be private (0700) and short: VS Code's IPC sockets go there (a socket path has < 108 characters).
  const runtimeDir = path.join(runDir, 'rt');
  fs.mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
  const server = spawn(
    process.execPath,
    [
      path.join(vscodeRoot, 'out', 'server-main.js'),
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--disable-workspace-trust',
      '--telemetry-level', 'off',
      '--server-data-dir', path.join(userDataDir, 'server-data'),
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
    ],
    {
      detached: true, // its own process group
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(xdg, 'config'),
        XDG_DATA_HOME: path.join(xdg, 'data'),
        XDG_CACHE_HOME: path.join(xdg, 'cache'),
        // Sockets (VS Code's git extension's IPC) go here, not into /tmp.
        XDG_RUNTIME_DIR: runtimeDir,
      },
    },
  );
  const serverLog = path.join(runDir, 'server.log');
  const log = fs.createWriteStream(serverLog);
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  if (options.echo) {
    server.stdout!.pipe(options.echo, { end: false });
    server.stderr!.pipe(options.echo, { end: false });
  }
  const exited = new Promise<string>((resolve) => server.once('exit', (code, signal) => resolve(`the VS Code server exited (${code ?? signal})`)));
  let stopped = false;
  const stop = (keepRunDir = false) => {
    if (!stopped) {
      stopped = true;
      process.off('exit', onExit);
      if (server.exitCode === null && server.signalCode === null) {
        try {
          process.kill(-server.pid!, 'SIGKILL'); // the group: server, extension host, language server, file watchers
        } catch {
          /* already gone */
        }
      }
    }
    if (!keepRunDir) fs.rmSync(runDir, { recursive: true, force: true });
  };
  const onExit = () => stop();
  process.on('exit', onExit);

  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`the VS Code server did not start in 60 s:\n${output}`)), 60_000);
      const onData = (data: Buffer) => {
        output += data.toString();
        if (/Extension host agent listening|HTTP server listening/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
      void exited.then((why) => {
        clearTimeout(timer);
        reject(new Error(`${why} before listening:\n${output}`));
      });
    });
  } catch (error) {
    stop(true);
    throw error;
  }
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.folder)}`;
  return { url, port, runDir, serverLog, server, exited, stop };
}

/** Copies a folder into a fresh temporary folder (outside any git repository, so no git prompts), returns the copy. */
export function copyToTemp(source: string, prefix: string): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const target = path.join(parent, path.basename(source));
  fs.cpSync(source, target, { recursive: true });
  return target;
}
