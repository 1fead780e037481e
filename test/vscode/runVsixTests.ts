/**
 * The integration tests against the packaged extension:   npm run test:vscode:vsix
 * (= npm run package, setup.sh, then this script). Steps, each a check that passes or fails:
 *
 *   1. the .vsix holds exactly the files it should (vsixContents.ts: the bundles, the grammar, the
 *      language configuration, the manifest, the README and its images, the licence; no node_modules,
 *      sources, tests or source maps), and every image the README shows;
 *   2. code-server's `--install-extension flinksql-connections.vsix --extensions-dir DIR` installs it, as
 *      `code --install-extension` would, into DIR/<publisher>.<name>-<version>;
 *   3. the installed command-line checker (server/dist/cli.js, the package's "bin") runs on its own:
 *      `flinksql check examples/mistakes.sql` reports the misspelt 'ap-key' and exits with 1;
 *   4. the mocha suite of test/vscode/suite runs in the real VS Code (runTests.ts) with the installed
 *      folder as the extension, not the repository (FLINKSQL_TEST_EXTENSION_PATH), so every file the
 *      extension loads at run time comes from the package.
 *
 * The last line is "N passed, M failed" (the three package checks plus the suite's tests); the exit
 * code is non-zero unless all passed. The temporary folder is removed after a passing run and kept
 * (and printed) after a failing one. FLINKSQL_TEST_VSIX=file tests another .vsix.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkVsix } from './vsixContents';

const here = __dirname;
const repoRoot = path.resolve(here, '..', '..');
const vsix = path.resolve(process.env.FLINKSQL_TEST_VSIX || path.join(repoRoot, 'flinksql-connections.vsix'));
const toolsDir = path.resolve(process.env.FLINKSQL_VSCODE_TOOLS || path.join(here, '.tools'));
const started = Date.now();
const say = (message: string) => console.log(`[test:vscode:vsix] ${message}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

interface Check {
  name: string;
  error?: string;
}
const checks: Check[] = [];

async function check(name: string, body: () => void | Promise<void>): Promise<boolean> {
  const t = Date.now();
  try {
    await body();
    checks.push({ name });
    say(`✔ ${name} (${seconds(t)})`);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    checks.push({ name, error: message });
    say(`✘ ${name}: ${message}`);
    return false;
  }
}

function packageJson(): { publisher: string; name: string; version: string } {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
}

/** Runs runTests.ts with the installed extension; resolves with its "N passed, M failed" counts. */
function runSuite(extensionPath: string): Promise<{ passed: number; failed: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'runTests.ts')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, FLINKSQL_TEST_EXTENSION_PATH: extensionPath },
    });
    let lastSummary: { passed: number; failed: number } | undefined;
    let buffered = '';
    child.stdout.on('data', (data: Buffer) => {
      process.stdout.write(data);
      buffered += data.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^(\d+) passed, (\d+) failed$/.exec(line.trim());
        if (m) lastSummary = { passed: Number(m[1]), failed: Number(m[2]) };
      }
    });
    child.on('close', (code) => {
      const m = /^(\d+) passed, (\d+) failed$/.exec(buffered.trim());
      if (m) lastSummary = { passed: Number(m[1]), failed: Number(m[2]) };
      if (!lastSummary) resolve({ passed: 0, failed: 1 });
      else resolve(code === 0 ? lastSummary : { passed: lastSummary.passed, failed: Math.max(1, lastSummary.failed) });
    });
  });
}

async function main(): Promise<void> {
  if (!fs.existsSync(vsix)) {
    say(`${vsix} does not exist: run \`npm run package\` (npm run test:vscode:vsix does).`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const bundle = path.join(repoRoot, 'client', 'dist', 'extension.js');
  if (!process.env.FLINKSQL_TEST_VSIX && fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs > fs.statSync(vsix).mtimeMs) {
    say(`WARNING: ${path.basename(vsix)} is older than client/dist: the package does not hold the current build (npm run package).`);
  }
  say(`${path.relative(process.cwd(), vsix) || vsix}: ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB`);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flinksql-vsix-test-'));
  const extensionsDir = path.join(runDir, 'extensions');
  const { publisher, name, version } = packageJson();
  const installed = path.join(extensionsDir, `${publisher}.${name}-${version}`);

  // 1. What is in the package.
  await check('the .vsix holds only the packaged files, and all of them', () => {
    const { entries, problems } = checkVsix(vsix);
    for (const e of entries) console.log(`    ${String(e.size).padStart(9)}  ${e.name}`);
    if (problems.length > 0) throw new Error(`\n      ${problems.join('\n      ')}`);
  });

  // 2. Installed the way a user installs it.
  const isInstalled = await check('code-server --install-extension installs it', () => {
    let entry: string;
    try {
      entry = path.join(path.dirname(createRequire(path.join(toolsDir, 'package.json')).resolve('code-server/package.json')), 'out', 'node', 'entry.js');
    } catch {
      throw new Error(`code-server is not installed in ${toolsDir}: run \`npm run setup:vscode\``);
    }
    const xdg = path.join(runDir, 'xdg');
    const result = spawnSync(
      process.execPath,
      [entry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(runDir, 'user-data')],
      {
        encoding: 'utf8',
        timeout: 120_000,
        // XDG_*: code-server writes its config.yaml and state there, not into the user's home.
        env: { ...process.env, XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_DATA_HOME: path.join(xdg, 'data'), XDG_CACHE_HOME: path.join(xdg, 'cache') },
      },
    );
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    for (const line of output.split('\n').filter((l) => l && !/Wrote default config file/.test(l))) console.log(`    ${line}`);
    if (result.status !== 0) throw new Error(`exit code ${result.status ?? result.signal}`);
    if (!fs.existsSync(path.join(installed, 'package.json'))) throw new Error(`no ${path.relative(runDir, installed)}/package.json after the install`);
    const installedName = (JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as { name: string }).name;
    if (installedName !== name) throw new Error(`the installed package.json names ${installedName}`);
  });

  // 3. The packaged checker runs without the repository's node_modules.
  if (isInstalled) {
    await check('the installed command-line checker runs on its own', () => {
      const result = spawnSync(process.execPath, [path.join(installed, 'server', 'dist', 'cli.js'), 'check', path.join(repoRoot, 'examples', 'mistakes.sql')], {
        cwd: runDir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (result.status !== 1) throw new Error(`exit code ${result.status ?? result.signal} (expected 1: errors found)\n${result.stderr}`);
      if (!/'ap-key'.*\[unknown-option\]/.test(result.stdout)) throw new Error(`no unknown-option for 'ap-key' in its output:\n${result.stdout.slice(0, 500)}`);
      console.log(`    ${result.stdout.trim().split('\n').pop()}`);
    });
  } else {
    checks.push({ name: 'the installed command-line checker runs on its own', error: 'not installed' });
  }

  // 4. The integration suite, with the installed folder as the extension.
  let suite = { passed: 0, failed: 1 };
  if (isInstalled) {
    say(`running the integration suite with the extension in ${installed}`);
    suite = await runSuite(installed);
  } else {
    say('the integration suite did not run: the .vsix is not installed');
  }

  const checksFailed = checks.filter((c) => c.error).length;
  const ok = checksFailed === 0 && suite.failed === 0;
  if (ok) fs.rmSync(runDir, { recursive: true, force: true });
  else say(`kept ${runDir}`);
  for (const c of checks.filter((c) => c.error)) say(`FAILED: ${c.name}`);
  say(`package checks: ${checks.length - checksFailed} passed, ${checksFailed} failed; integration suite: ${suite.passed} passed, ${suite.failed} failed`);
  say(`finished in ${seconds(started)}`);
  console.log(`${checks.length - checksFailed + suite.passed} passed, ${checksFailed + suite.failed} failed`);
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  say(`ERROR: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
