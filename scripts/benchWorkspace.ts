/**
 * `npm run bench:workspace`: what a user waits for on a big workspace, through the built server over
 * stdio, on generated files (scripts/benchDocument.ts, a different seed per file):
 *
 *  - the first open of a 10,000-statement document in a fresh server, with no workspace folder and
 *    with a folder that holds the file (whose index must not parse it again), and the open of a
 *    second such document right after the first (the floor a first open could reach);
 *  - reading workspaces of 100, 600 and 2,400 files: wall time, CPU seconds (the server's start and
 *    the reading apart), files/s, MB/s, resident memory, and the slope of CPU time per 1,000 files;
 *  - keystrokes in an open document while the 600-file workspace is read (didChange → diagnostics).
 *
 * RUNS=n repeats each measurement (default 3) and reports the median. Figures, never pass/fail.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDocument } from './benchDocument';
import { Server } from './benchServer';

const runs = Number(process.env.RUNS || 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fixed = (n: number, digits = 0) => n.toFixed(digits);

/** A folder of `files` generated SQL files of about 170 statements (about 43 KB) each. */
function workspaceOf(root: string, files: number): { folder: string; bytes: number } {
  const folder = path.join(root, `ws-${files}`);
  mkdirSync(folder, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const file = path.join(folder, `pipeline-${String(i).padStart(4, '0')}.sql`);
    const text = generateDocument(170, 1_000 + i);
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return { folder, bytes };
}

async function initialize(server: Server, folder: string | null): Promise<void> {
  await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: folder && pathToFileURL(folder).toString(), capabilities: {} });
  await server.connection.sendNotification('initialized', {});
}

/**
 * Milliseconds from the open of `text` (as `uri`) to its first diagnostics, in a fresh server; with
 * `then`, also those of opening `then` (another document) right after, in the same server: the
 * same work with the JIT warm and the statement shapes known, which no first open can go below.
 */
async function firstOpen(text: string, uri: string, folder: string | null, then?: string): Promise<{ first: number; warm?: number }> {
  const server = new Server();
  try {
    await initialize(server, folder);
    const opened = async (text: string, uri: string) => {
      const published = server.diagnosticsFor(1);
      const start = performance.now();
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flinksql', version: 1, text } });
      await published;
      return performance.now() - start;
    };
    const first = await opened(text, uri);
    return then === undefined ? { first } : { first, warm: await opened(then, 'untitled:second.flink.sql') };
  } finally {
    await server.stop();
  }
}

interface IndexFigures {
  wallMs: number;
  cpuSeconds: number;
  /** Of `cpuSeconds`, those spent before `initialize` was answered: Node's and the server's start, the same for any workspace. */
  startCpuSeconds: number;
  residentMb: number;
  peakMb: number;
}

/** Reads a workspace folder in a fresh server: until its "Indexed N SQL file(s)" log line. */
async function indexing(folder: string, files: number): Promise<IndexFigures> {
  const server = new Server();
  try {
    const indexed = server.logMessage(new RegExp(`^Indexed ${files} SQL file`));
    const cpuBefore = server.cpuSeconds();
    const start = performance.now();
    await initialize(server, folder);
    const startCpuSeconds = server.cpuSeconds() - cpuBefore;
    await indexed;
    const wallMs = performance.now() - start;
    const memory = server.memory();
    return { wallMs, cpuSeconds: server.cpuSeconds() - cpuBefore, startCpuSeconds, residentMb: memory.current, peakMb: memory.peak };
  } finally {
    await server.stop();
  }
}

/** Keystrokes (one every 30 ms) in a small open document while `folder` is read: milliseconds to each one's diagnostics. */
async function keystrokesWhileIndexing(folder: string, files: number): Promise<number[]> {
  const server = new Server();
  try {
    const indexed = server.logMessage(new RegExp(`^Indexed ${files} SQL file`));
    let done = false;
    void indexed.then(() => (done = true));
    await initialize(server, folder);
    const uri = 'untitled:typing.flink.sql';
    let version = 1;
    const text = generateDocument(50, 3);
    const opened = server.diagnosticsFor(version);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flinksql', version, text } });
    await opened;
    const latencies: number[] = [];
    while (!done) {
      version++;
      const published = server.diagnosticsFor(version);
      const start = performance.now();
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: version % 2 === 0 ? 'x' : '' }],
      });
      await published;
      latencies.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    return latencies;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'flinksql-bench-workspace-'));
  try {
    console.log(`Workspace benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, median of ${runs} run(s)\n`);

    // 1. The first open of a big document, in a fresh server.
    const big = generateDocument(10_000);
    const alone = path.join(root, 'alone');
    mkdirSync(alone);
    const bigFile = path.join(alone, 'big.flink.sql');
    writeFileSync(bigFile, big);
    const bigUri = pathToFileURL(bigFile).toString();
    const other = generateDocument(10_000, 7);
    const withoutFolder: number[] = [];
    const warm: number[] = [];
    const withFolder: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { first, warm: second } = await firstOpen(big, 'untitled:big.flink.sql', null, other);
      withoutFolder.push(first);
      warm.push(second!);
      withFolder.push((await firstOpen(big, bigUri, alone)).first);
    }
    console.log(`| first open of ${(big.length / 1e6).toFixed(1)} MB, 10,000 statements, fresh server | ms |\n|---|---:|`);
    console.log(`| no workspace folder | ${fixed(median(withoutFolder))} |`);
    console.log(`| the file also lies in the workspace folder | ${fixed(median(withFolder))} |`);
    console.log(`| then another document of 10,000 statements in the same server (JIT warm, shapes known) | ${fixed(median(warm))} |\n`);

    // 2. Reading workspaces.
    console.log('| files | MB | wall ms | CPU s | of which the start | of which the reading | files/s | MB/s | resident MB | peak MB |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    const cpuBySize: [number, number][] = [];
    let folder600 = '';
    for (const files of [100, 600, 2_400]) {
      const { folder, bytes } = workspaceOf(root, files);
      if (files === 600) folder600 = folder;
      const figures: IndexFigures[] = [];
      for (let i = 0; i < runs; i++) figures.push(await indexing(folder, files));
      const wall = median(figures.map((f) => f.wallMs));
      const cpu = median(figures.map((f) => f.cpuSeconds));
      cpuBySize.push([files, cpu]);
      const mb = bytes / 1e6;
      const startCpu = median(figures.map((f) => f.startCpuSeconds));
      const readingCpu = median(figures.map((f) => f.cpuSeconds - f.startCpuSeconds));
      console.log(
        `| ${files} | ${fixed(mb, 1)} | ${fixed(wall)} | ${fixed(cpu, 2)} | ${fixed(startCpu, 2)} | ${fixed(readingCpu, 2)} | ${fixed((files * 1000) / wall)} | ${fixed((mb * 1000) / wall, 1)} | ${fixed(median(figures.map((f) => f.residentMb)))} | ${fixed(median(figures.map((f) => f.peakMb)))} |`,
      );
    }
    const [[n1, c1], , [n3, c3]] = cpuBySize as [[number, number], [number, number], [number, number]];
    console.log(`\nCPU seconds per 1,000 more files (100 → 2,400): ${fixed(((c3 - c1) * 1000) / (n3 - n1), 2)}\n`);

    // 3. Keystrokes while the 600-file workspace is read.
    const latencies: number[] = [];
    for (let i = 0; i < runs; i++) latencies.push(...(await keystrokesWhileIndexing(folder600, 600)));
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `Keystroke → diagnostics while 600 files are read: ${latencies.length} keystrokes, median ${fixed(median(latencies), 1)} ms, 95th percentile ${fixed(sorted[Math.floor(sorted.length * 0.95)] ?? 0, 1)} ms, worst ${fixed(sorted.at(-1) ?? 0, 1)} ms`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
