/**
 * The language server in real editors:   npm run test:editors
 *
 * Runs headless Neovim (Debian's `neovim`, 0.7) and Emacs (`emacs-nox` with Debian's `elpa-eglot`)
 * with the configurations the README gives — read from README.md, so the README's configuration is the
 * one tested — in a copy of examples/ with test/editors/fixtures/session.fsql. Each editor's session
 * (neovim.lua, eglot.el) opens the examples and waits for their diagnostics, then completes, hovers,
 * applies a quick fix, formats and renames in session.fsql, saves it, and writes a connection to disk
 * that must then resolve. This script checks what each saw: the examples' diagnostics are the
 * checker's (`flinksql check`), session.fsql is fixtures/session.expected.fsql, the hover is in the
 * editor's format, and no `unknown-connection` is left stale.
 *
 * `.ci/run` installs the editors (apt-get); elsewhere: apt-get install neovim emacs-nox elpa-eglot.
 * FLINKSQL_TEST_EDITORS=neovim (or eglot) runs one. The last line is "N passed, M failed"; the exit
 * code is non-zero unless all passed. A failing run keeps its folder (printed) with each editor's log.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const here = __dirname;
const repoRoot = path.resolve(here, '..', '..');
const serverPath = path.join(repoRoot, 'server', 'dist', 'server.js');
const started = Date.now();
const say = (message: string) => console.log(`[test:editors] ${message}`);

/** The fenced code block of README.md that is marked `(tested: test/editors/<file>)`, for this repository. */
export function readmeConfiguration(readme: string, driver: string): string {
  const blocks = [...readme.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  const block = blocks.find((b) => b.includes(`(tested: test/editors/${driver})`));
  assert.ok(block, `README.md has no code block marked "(tested: test/editors/${driver})"`);
  assert.ok(block.includes('/path/to/flinksql-connections/server/dist/server.js'), `the ${driver} configuration names /path/to/flinksql-connections/server/dist/server.js`);
  return block.replaceAll('/path/to/flinksql-connections', repoRoot);
}

interface Finding {
  line: number;
  code: string;
}

/** The checker's findings for each file of `folder`, by path relative to it. */
function checkerFindings(folder: string): Map<string, Finding[]> {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'server', 'dist', 'cli.js'), 'check', '--format', 'json', '.'], { cwd: folder, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { files: { path: string; findings: { line: number; code: string }[] }[] };
  return new Map(report.files.map((f) => [f.path, f.findings.map(({ line, code }) => ({ line, code }))]));
}

const key = (f: Finding) => `${f.line}:${f.code}`;
const sorted = (findings: readonly Finding[]) => findings.map(key).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

interface SessionResult {
  editor: string;
  error?: string;
  /** Per example file: the filetype or major mode, each diagnostic as [line, column, code], and whether the count reached the checker's. */
  diagnostics: Record<string, { filetype?: string; mode?: string; found: [number, number, string][]; settled: boolean }>;
  filetype?: string;
  mode?: string;
  hover?: { kind: string; value: string } | string;
  steps: { name: string; detail: unknown }[];
}

interface Editor {
  name: 'neovim' | 'eglot';
  /** The Debian packages that provide it. */
  packages: string;
  binary: string;
  /** The README configuration's marker and file name, and the session driver. */
  configFile: string;
  driver: string;
  args: (config: string, driver: string) => string[];
  /** How the editor names Flink SQL files, and how the hover comes. */
  flinkSql: (result: SessionResult) => string | undefined;
  sqlName: string;
  hoverKind: 'markdown' | 'plaintext';
}

const editors: Editor[] = [
  {
    name: 'neovim',
    packages: 'neovim',
    binary: 'nvim',
    configFile: 'init.lua',
    driver: 'neovim.lua',
    args: (config, driver) => ['--headless', '-u', config, '-c', `luafile ${driver}`],
    flinkSql: (r) => r.filetype,
    sqlName: 'sql',
    hoverKind: 'markdown',
  },
  {
    name: 'eglot',
    packages: 'emacs-nox elpa-eglot',
    binary: 'emacs',
    configFile: 'init.el',
    driver: 'eglot.el',
    // -q, not -Q: Debian's site-start puts its elpa packages (eglot) on the load path.
    args: (config, driver) => ['--batch', '-q', '-l', config, '-l', driver],
    flinkSql: (r) => r.mode,
    sqlName: 'sql-mode',
    hoverKind: 'plaintext',
  },
];

function available(binary: string): boolean {
  return spawnSync(binary, ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Runs one editor's session in `folder`; resolves with its result (or the reason it has none). */
function runSession(editor: Editor, folder: string, counts: Record<string, number>): Promise<SessionResult> {
  const home = path.join(folder, '.home');
  fs.mkdirSync(home, { recursive: true });
  const config = path.join(home, editor.configFile);
  fs.writeFileSync(config, readmeConfiguration(fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8'), editor.driver));
  const resultFile = path.join(home, `${editor.name}-result.json`);
  const log = fs.openSync(path.join(home, `${editor.name}.log`), 'w');
  return new Promise((resolve) => {
    const child = spawn(editor.binary, editor.args(config, path.join(here, editor.driver)), {
      cwd: folder,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        // Nothing of the user's own configuration: a home, config and data folders of the run's own.
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_STATE_HOME: path.join(home, 'state'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
        FLINKSQL_EDITOR_RESULT: resultFile,
        FLINKSQL_EDITOR_EXPECTED_COUNTS: JSON.stringify(counts),
      },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      fs.closeSync(log);
      let result: SessionResult;
      try {
        result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as SessionResult;
      } catch {
        result = { editor: editor.name, diagnostics: {}, steps: [], error: `no result (exit ${code ?? signal}); see ${path.join(home, `${editor.name}.log`)}` };
      }
      resolve(result);
    });
  });
}

interface Check {
  name: string;
  error?: string;
}

async function main(): Promise<void> {
  if (!fs.existsSync(serverPath)) {
    say(`${path.relative(repoRoot, serverPath)} does not exist: run \`npm run build\` first.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const wanted = process.env.FLINKSQL_TEST_EDITORS?.split(',').map((s) => s.trim());
  const checks: Check[] = [];
  const check = (name: string, body: () => void) => {
    try {
      body();
      checks.push({ name });
      say(`✔ ${name}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      checks.push({ name, error: message });
      say(`✘ ${name}: ${message}`);
    }
  };
  const expectedSession = fs.readFileSync(path.join(here, 'fixtures', 'session.expected.fsql'), 'utf8');
  const runDirs: string[] = [];

  for (const editor of editors.filter((e) => !wanted || wanted.includes(e.name))) {
    if (!available(editor.binary)) {
      check(`${editor.name}: installed`, () => assert.fail(`${editor.binary} is not installed: apt-get install ${editor.packages} (.ci/run does)`));
      continue;
    }
    // A fresh copy per editor: each session edits its files and writes new ones.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), `flinksql-editors-${editor.name}-`));
    runDirs.push(folder);
    for (const file of fs.readdirSync(path.join(repoRoot, 'examples')).filter((f) => f.endsWith('.sql'))) {
      fs.copyFileSync(path.join(repoRoot, 'examples', file), path.join(folder, file));
    }
    // A `.git` that is no repository: the project's root for both editors, where eglot's lookup of the
    // project's files fails (it then refuses the server's file watcher, as in the issue).
    fs.mkdirSync(path.join(folder, '.git'));
    fs.mkdirSync(path.join(folder, 'fixtures'));
    fs.copyFileSync(path.join(here, 'fixtures', 'session.fsql'), path.join(folder, 'fixtures', 'session.fsql'));
    const findings = checkerFindings(folder);
    const examples = [...findings.keys()].filter((p) => !p.startsWith('fixtures/'));
    const counts = Object.fromEntries(examples.map((p) => [p, findings.get(p)!.length]));

    const t = Date.now();
    const result = await runSession(editor, folder, counts);
    say(`${editor.name}: ${result.editor}, session of ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const prefix = `${editor.name}:`;
    check(`${prefix} the session ran to its end`, () => assert.equal(result.error, undefined));
    for (const example of examples) {
      check(`${prefix} ${example} has the checker's ${counts[example]} diagnostics (line and code)`, () => {
        const seen = result.diagnostics[example];
        assert.ok(seen, 'not opened');
        assert.equal(seen.filetype ?? seen.mode, editor.sqlName, 'a .sql file is SQL');
        assert.deepEqual(sorted(seen.found.map(([line, , code]) => ({ line, code }))), sorted(findings.get(example)!));
      });
    }
    check(`${prefix} a .fsql file is Flink SQL`, () => assert.equal(editor.flinkSql(result), editor.name === 'neovim' ? 'flinksql' : 'flinksql-mode'));
    check(`${prefix} the hover on a type leads with what it is, in the editor's format`, () => {
      const hover = result.hover;
      assert.ok(hover && typeof hover === 'object', `hover: ${JSON.stringify(hover)}`);
      assert.equal(hover.kind, editor.hoverKind);
      const lead = editor.hoverKind === 'markdown' ? "**OpenAI** — connection type `'openai'`" : "OpenAI — connection type 'openai'";
      assert.ok(hover.value.startsWith(lead), JSON.stringify(hover.value));
    });
    check(`${prefix} completion, the quick fix, formatting and the rename leave session.fsql as expected`, () => {
      assert.equal(fs.readFileSync(path.join(folder, 'fixtures', 'session.fsql'), 'utf8'), expectedSession);
    });
    if (editor.name === 'eglot') {
      check(`${prefix} eglot refused the server's file watcher (its project lookup fails here), and the server went on`, () => {
        assert.deepEqual(result.steps.find((s) => s.name === 'file watches')?.detail, 0);
      });
    }
    check(`${prefix} a connection written to disk resolves the table's reference after a save (nothing stale)`, () => {
      const follows = result.steps.find((s) => s.name === 'workspace follows the disk');
      assert.deepEqual(follows?.detail && (follows.detail as { resolved: boolean }).resolved, true, JSON.stringify(follows));
    });
  }

  const failed = checks.filter((c) => c.error);
  if (failed.length === 0) for (const dir of runDirs) fs.rmSync(dir, { recursive: true, force: true });
  else say(`kept ${runDirs.join(', ')} (each has .home/<editor>.log and <editor>-result.json)`);
  say(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${checks.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length > 0 ? 1 : 0);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    say(`ERROR: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  });
}
