/**
 * `npm run bench`: speed and memory figures, printed as a table and as JSON. Not a test: it asserts
 * nothing, it measures. Every figure is the median (with min and max) of several runs after a
 * warm-up, and the comparisons are ratios taken in the same run, because timings on a shared
 * 2-core machine are noisy.
 *
 * Measured: full analysis (parse + all diagnostics) of generated documents of 100, 1,000 and
 * 10,000 statements, warm (median after a warm-up, as every figure) and the first analysis in a
 * fresh process (where every statement shape is new to the parser); the same documents through dt-sql-parser's FlinkSQL parser and through a plain
 * one-pass character scanner; one-keystroke edits through the real server over stdio (didChange to
 * the publishDiagnostics of that version); completion and hover at the end of the largest document;
 * secret ranges; the server's peak memory; and memory before and after 10,000 edits.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { analyzeDocument } from '../server/src/analysis/analyzeDocument';
import { secretRanges } from '../server/src/analysis/secretRanges';
import { generateDocument } from './benchDocument';
import { parseDocument } from '../server/src/parser/parseDocument';

// ---- measuring

interface Figure {
  median: number;
  min: number;
  max: number;
}

function figure(samples: number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

function time(runs: number, work: () => void, warmup = 1): Figure {
  for (let i = 0; i < warmup; i++) work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return figure(samples);
}

/** The floor no parser can beat: one pass over the characters, noting `;` outside quotes. */
function plainScan(text: string): number {
  let statements = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x27 || c === 0x60) {
      quote = c;
    } else if (c === 0x3b) {
      statements++;
    }
  }
  return statements;
}

// ---- the server over stdio

class Server {
  readonly process = spawn(process.execPath, [path.join(__dirname, '../server/dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  readonly connection: ProtocolConnection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
  private waiters: { version: number; resolve: () => void }[] = [];

  constructor() {
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      for (const waiter of this.waiters.filter((w) => w.version === params.version)) waiter.resolve();
      this.waiters = this.waiters.filter((w) => w.version !== params.version);
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  diagnosticsFor(version: number): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ version, resolve }));
  }

  /** Peak and current resident memory of the server process, in MB (Linux). */
  memory(): { peak: number; current: number } {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { peak: kb('VmHWM') / 1024, current: kb('VmRSS') / 1024 };
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    this.connection.dispose();
  }
}

async function serverFigures(text: string) {
  const server = new Server();
  await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await server.connection.sendNotification('initialized', {});
  const uri = 'untitled:bench.flink.sql';
  let version = 1;
  const opened = server.diagnosticsFor(version);
  const openStart = performance.now();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flinksql', version, text } });
  await opened;
  const open = performance.now() - openStart;

  const lines = text.split('\n');
  const lineOf = (fraction: number, pattern: RegExp) => {
    let line = Math.floor(lines.length * fraction);
    while (line < lines.length - 1 && !pattern.test(lines[line]!)) line++;
    return line;
  };
  /** One keystroke: insert `insert` at (line, character), then take it out again; time each to its diagnostics. */
  const keystroke = async (line: number, character: number, insert: string): Promise<number[]> => {
    const samples: number[] = [];
    for (const [range, text] of [
      [{ start: { line, character }, end: { line, character } }, insert],
      [{ start: { line, character }, end: { line, character: character + insert.length } }, ''],
    ] as const) {
      version++;
      const published = server.diagnosticsFor(version);
      const start = performance.now();
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
      await published;
      samples.push(performance.now() - start);
    }
    return samples;
  };
  const edits: Record<string, number[]> = {};
  for (const [where, fraction] of [['start', 0], ['middle', 0.5], ['end', 0.97]] as const) {
    const keyLine = lineOf(fraction, /^\s+'[a-z-]+' = '/);
    const valueLine = lineOf(fraction, /'endpoint' = '/);
    const statementLine = lineOf(fraction, /^INSERT INTO/);
    const semicolonLine = lineOf(fraction, /;$/);
    for (let round = 0; round < 5; round++) {
      (edits[`${where}: inside a key`] ??= []).push(...(await keystroke(keyLine, lines[keyLine]!.indexOf("'") + 3, 'x')));
      (edits[`${where}: inside a value`] ??= []).push(...(await keystroke(valueLine, lines[valueLine]!.lastIndexOf("'") - 1, 'x')));
      (edits[`${where}: adding a statement`] ??= []).push(...(await keystroke(statementLine, 0, 'SELECT 1;\n')));
      (edits[`${where}: deleting a ;`] ??= []).push(
        ...(await (async () => {
          // Delete the `;`, then put it back.
          const character = lines[semicolonLine]!.length - 1;
          const samples: number[] = [];
          for (const [range, replacement] of [
            [{ start: { line: semicolonLine, character }, end: { line: semicolonLine, character: character + 1 } }, ''],
            [{ start: { line: semicolonLine, character }, end: { line: semicolonLine, character } }, ';'],
          ] as const) {
            version++;
            const published = server.diagnosticsFor(version);
            const start = performance.now();
            await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: replacement }] });
            await published;
            samples.push(performance.now() - start);
          }
          return samples;
        })()),
      );
    }
  }
  const endLine = lineOf(0.97, /^\s+'endpoint' = '/);
  const request = async (method: string, params: object, runs = 20) => {
    const samples: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const start = performance.now();
      await server.connection.sendRequest(method, params);
      if (i >= 2) samples.push(performance.now() - start);
    }
    return figure(samples);
  };
  const completion = await request('textDocument/completion', { textDocument: { uri }, position: { line: endLine, character: 4 } });
  const hover = await request('textDocument/hover', { textDocument: { uri }, position: { line: endLine, character: 6 } });
  const secrets = await request('flinksql/secretRanges', { textDocument: { uri } });
  const memoryAfterOpen = server.memory();

  // A long editing session: 10,000 edits (or as many as fit in the time budget), then memory again.
  const editLine = lineOf(0.5, /^INSERT INTO/);
  const budgetMs = Number(process.env.BENCH_EDIT_BUDGET_MS ?? 180_000);
  const sessionStart = performance.now();
  let editsDone = 0;
  for (let i = 0; i < 10_000 && performance.now() - sessionStart < budgetMs; i++) {
    editsDone++;
    version++;
    const inserting = i % 2 === 0;
    const range = inserting
      ? { start: { line: editLine, character: 0 }, end: { line: editLine, character: 0 } }
      : { start: { line: editLine, character: 0 }, end: { line: editLine, character: 1 } };
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: inserting ? 'x' : '' }] });
    if (i % 500 === 499) await server.diagnosticsFor(version);
  }
  await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  const memoryAfterEdits = server.memory();
  await server.stop();
  return {
    open,
    edits: Object.fromEntries(Object.entries(edits).map(([k, v]) => [k, figure(v)])),
    completion,
    hover,
    secretRangesOverProtocol: secrets,
    memoryAfterOpen,
    memoryAfterEdits,
    editsDone,
    editSessionMs: performance.now() - sessionStart,
  };
}

/** How long dt-sql-parser may take on one document before the benchmark gives up on it. */
const DT_SQL_PARSER_LIMIT_MS = 120_000;

/** Runs a benchmark helper script in a child process; its one JSON line, or undefined after `limitMs` or a failure. */
function child<T>(script: string, args: (string | number)[], limitMs: number): T | undefined {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...args.map(String)], { encoding: 'utf8', timeout: limitMs });
  return result.status === 0 ? (JSON.parse(result.stdout) as T) : undefined;
}

/** dt-sql-parser's time for the document, measured in a child process that is given up on after the limit. */
function dtSqlParser(statements: number, runs: number): Figure | undefined {
  const result = child<{ runsMs: number[] }>('benchDtSqlParser.ts', [statements, runs + 1], DT_SQL_PARSER_LIMIT_MS);
  return result && figure(result.runsMs.slice(1)); // the first run warms up
}

/** Our first analysis of the document in a fresh process (cold JIT, no shapes remembered), median of `runs` processes. */
function firstAnalysis(statements: number, runs: number): { firstMs: Figure; shapes: number } {
  const results = Array.from({ length: runs }, () => child<{ firstMs: number; shapes: number }>('benchFirstAnalysis.ts', [statements], 120_000)!);
  return { firstMs: figure(results.map((r) => r.firstMs)), shapes: results[0]!.shapes };
}

// ---- the run

async function main(): Promise<void> {
  const sizes = [100, 1_000, 10_000];
  const documents = sizes.map((n) => ({ statements: n, text: generateDocument(n) }));
  const analysis = documents.map(({ statements, text }) => {
    const runs = statements >= 10_000 ? 3 : 7;
    const first = firstAnalysis(statements, 3);
    const ours = time(runs, () => analyzeDocument(parseDocument(text)));
    const scanner = time(runs, () => plainScan(text), 2);
    const dtSql = dtSqlParser(statements, statements >= 10_000 ? 1 : 3);
    const secrets = time(runs, () => secretRanges(text));
    return {
      statements,
      chars: text.length,
      lines: text.split('\n').length,
      firstAnalysisInFreshProcessMs: first.firstMs,
      distinctShapes: first.shapes,
      fullAnalysisMs: ours,
      plainScannerMs: scanner,
      dtSqlParserMs: dtSql,
      oursVsScanner: ours.median / scanner.median,
      firstAnalysisVsScanner: first.firstMs.median / scanner.median,
      dtSqlParserVsOurs: dtSql ? dtSql.median / ours.median : undefined,
      secretRangesMs: secrets,
    };
  });
  const largest = documents[documents.length - 1]!.text;
  const server = await serverFigures(largest);

  const f = (x: Figure) => `${x.median.toFixed(1)} (${x.min.toFixed(1)}–${x.max.toFixed(1)})`;
  console.log(`Flink SQL Connections benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} cores\n`);
  console.log('| statements | chars | lines | shapes | first analysis ms | full analysis ms | plain scanner ms | dt-sql-parser ms | ours ÷ scanner (first) | dt-sql-parser ÷ ours | secret ranges ms |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const a of analysis) {
    const dt = a.dtSqlParserMs ? f(a.dtSqlParserMs) : `gave up after ${DT_SQL_PARSER_LIMIT_MS / 1000} s`;
    const ratio = a.dtSqlParserVsOurs === undefined ? '> ' + (DT_SQL_PARSER_LIMIT_MS / a.fullAnalysisMs.median).toFixed(0) : a.dtSqlParserVsOurs.toFixed(1);
    console.log(
      `| ${a.statements} | ${a.chars} | ${a.lines} | ${a.distinctShapes} | ${f(a.firstAnalysisInFreshProcessMs)} | ${f(a.fullAnalysisMs)} | ${f(a.plainScannerMs)} | ${dt} | ${a.oursVsScanner.toFixed(1)}× (${a.firstAnalysisVsScanner.toFixed(0)}×) | ${ratio}× | ${f(a.secretRangesMs)} |`,
    );
  }
  console.log(`\nThe ${sizes[sizes.length - 1]}-statement document through the server over stdio (ms, median (min–max)):\n`);
  console.log(`| measurement | ms |\n|---|---:|\n| open to first diagnostics | ${server.open.toFixed(0)} |`);
  for (const [what, value] of Object.entries(server.edits)) console.log(`| keystroke → diagnostics, ${what} | ${f(value)} |`);
  console.log(`| completion | ${f(server.completion)} |\n| hover | ${f(server.hover)} |\n| secret ranges (request) | ${f(server.secretRangesOverProtocol)} |`);
  console.log(
    `\nServer memory: peak ${server.memoryAfterOpen.peak.toFixed(0)} MB after opening; ${server.memoryAfterOpen.current.toFixed(0)} MB resident before and ${server.memoryAfterEdits.current.toFixed(0)} MB after ${server.editsDone} edits in ${(server.editSessionMs / 1000).toFixed(0)} s (peak ${server.memoryAfterEdits.peak.toFixed(0)} MB).\n`,
  );
  console.log(JSON.stringify({ date: new Date().toISOString(), node: process.version, analysis, server }, null, 2));
}

void main();
