/**
 * `npm test`: every layer in turn — build, type check, lint, then the unit, protocol, real-editor
 * (Neovim and Emacs, then VS Code) and packaged-extension tests — each layer's own output shown as it
 * runs, and one summary at the end whose last line counts every test of every layer (`total: N
 * passed, M failed`), so the last line is the whole story. A failing check (build, type check, lint)
 * stops the run; a failing test layer does not stop the layers after it. The exit code is 0 only when
 * everything passed.
 *
 * TEST_LAYERS=unit,protocol runs only the named layers (and the checks before them).
 */
import { spawn } from 'node:child_process';

interface Layer {
  readonly name: string;
  /** The npm script that runs it. */
  readonly script: string;
  /** A check (no test counts): a failure stops the run. */
  readonly check?: boolean;
  /** Reads the counts from the layer's output. */
  readonly counts?: (output: string) => { passed: number; failed: number } | undefined;
}

/** node's test runner's closing lines: `# pass N`, `# fail N`. */
function nodeTestCounts(output: string): { passed: number; failed: number } | undefined {
  const pass = [...output.matchAll(/^# pass (\d+)$/gm)].at(-1);
  const fail = [...output.matchAll(/^# fail (\d+)$/gm)].at(-1);
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : undefined;
}

/** The plain closing line `N passed, M failed` (the last one printed). */
function plainCounts(output: string): { passed: number; failed: number } | undefined {
  const last = [...output.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

const layers: Layer[] = [
  { name: 'build', script: 'build', check: true },
  { name: 'type check', script: 'typecheck', check: true },
  { name: 'lint', script: 'lint', check: true },
  { name: 'unit', script: 'test:unit', counts: nodeTestCounts },
  { name: 'protocol', script: 'test:protocol', counts: nodeTestCounts },
  { name: 'real editors', script: 'test:editors', counts: plainCounts },
  { name: 'real VS Code', script: 'test:vscode', counts: plainCounts },
  { name: 'packaged .vsix', script: 'test:vscode:vsix', counts: plainCounts },
];

/** Runs `npm run <script>`, its output passed through and kept. */
function run(script: string): Promise<{ code: number; output: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

async function main(): Promise<number> {
  const only = process.env.TEST_LAYERS?.split(',').map((s) => s.trim());
  const rows: string[] = [];
  let passed = 0;
  let failed = 0;
  let ok = true;
  for (const layer of layers) {
    if (only && !layer.check && !only.includes(layer.script.replace(/^test:/, '')) && !only.includes(layer.name)) continue;
    console.log(`\n=== ${layer.name} (npm run ${layer.script})`);
    const { code, output, seconds } = await run(layer.script);
    const time = `${seconds.toFixed(0)} s`;
    if (layer.check) {
      rows.push(`${layer.name.padEnd(16)} ${code === 0 ? 'ok' : `FAILED (exit ${code})`}, ${time}`);
      if (code !== 0) {
        ok = false;
        break;
      }
      continue;
    }
    const counts = layer.counts?.(output);
    if (!counts) {
      // A layer that ran no test, or whose output was cut short, has failed.
      rows.push(`${layer.name.padEnd(16)} FAILED: no test counts (exit ${code}), ${time}`);
      failed++;
      ok = false;
      continue;
    }
    passed += counts.passed;
    failed += counts.failed;
    if (code !== 0 || counts.failed > 0) ok = false;
    rows.push(`${layer.name.padEnd(16)} ${counts.passed} passed, ${counts.failed} failed${code !== 0 && counts.failed === 0 ? ` (exit ${code})` : ''}, ${time}`);
  }
  if (!ok && failed === 0) failed = 1; // a check failed: the run did not pass
  console.log(`\n=== npm test: every layer\n${rows.map((r) => `  ${r}`).join('\n')}`);
  console.log(`total: ${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('total: 0 passed, 1 failed');
    process.exit(1);
  },
);
