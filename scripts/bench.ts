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
 * the publishDiagnostics of that version: in a key, in a value, adding a statement, deleting a `;`,
 * renaming a connection that tables use, three cursors at once) at the start, middle and end of the
 * largest document; completion, hover and secret ranges there, on an unchanged version and right
 * after a keystroke; the server's peak memory, and memory before and after 10,000 edits; and how
 * time grows with pathological inputs (benchScaling.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { analyzeDocument } from '../server/src/analysis/analyzeDocument';
import { splitSecrets } from '../server/src/analysis/documentSecrets';
import { generateDocument } from './benchDocument';
import { Server } from './benchServer';
import { scalingFigures, scalingTable } from './benchScaling';
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
  type Change = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
  const at = (line: number, character: number, length = 0) => ({ start: { line, character }, end: { line, character: character + length } });
  /** Sends one didChange and times it to the publishDiagnostics of its version. */
  const change = async (contentChanges: readonly Change[]): Promise<number> => {
    version++;
    const published = server.diagnosticsFor(version);
    const start = performance.now();
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    await published;
    return performance.now() - start;
  };
  /** Where text inserted at (line, character) ends. */
  const endOf = (line: number, character: number, inserted: string) => {
    const insertedLines = inserted.split('\n');
    const last = insertedLines[insertedLines.length - 1]!;
    return insertedLines.length === 1 ? { line, character: character + last.length } : { line: line + insertedLines.length - 1, character: last.length };
  };
  /** Inserts `insert` at each place (on different lines) in one change, then takes them out again in another: two samples. */
  const typeAndUndo = async (places: readonly [number, number][], insert: string): Promise<number[]> => [
    await change(places.map(([line, character]) => ({ range: at(line, character), text: insert }))),
    // Later lines first, so that a removal never moves the places of the ones after it.
    await change([...places].sort((a, b) => b[0] - a[0]).map(([line, character]) => ({ range: { start: { line, character }, end: endOf(line, character, insert) }, text: '' }))),
  ];
  const edits: Record<string, number[]> = {};
  const ROUNDS = 10;
  for (const [where, fraction] of [['start', 0], ['middle', 0.5], ['end', 0.97]] as const) {
    const keyLine = lineOf(fraction, /^\s+'(?!type')[a-z-]+' = '/);
    const valueLine = lineOf(fraction, /'endpoint' = '/);
    const statementLine = lineOf(fraction, /^INSERT INTO/);
    const semicolonLine = lineOf(fraction, /;$/);
    const nameLine = lineOf(fraction, /^CREATE CONNECTION `conn_/);
    const keyLines = [keyLine, lineOf(fraction + 0.001, /^\s+'(?!type')[a-z-]+' = '/), lineOf(fraction + 0.002, /^\s+'(?!type')[a-z-]+' = '/)];
    const kinds: [string, () => Promise<number[]>][] = [
      ['inside a key', () => typeAndUndo([[keyLine, lines[keyLine]!.indexOf("'") + 3]], 'x')],
      ['inside a value', () => typeAndUndo([[valueLine, lines[valueLine]!.lastIndexOf("'") - 1]], 'x')],
      ['adding a statement', () => typeAndUndo([[statementLine, 0]], 'SELECT 1;\n')],
      [
        'deleting a ;',
        async () => {
          const character = lines[semicolonLine]!.length - 1;
          return [await change([{ range: at(semicolonLine, character, 1), text: '' }]), await change([{ range: at(semicolonLine, character), text: ';' }])];
        },
      ],
      // Every table and model that names the connection is checked again.
      ['renaming a connection in use', () => typeAndUndo([[nameLine, lines[nameLine]!.indexOf('`') + 1]], 'x')],
      ['three cursors typing at once', () => typeAndUndo(keyLines.map((line): [number, number] => [line, lines[line]!.indexOf("'") + 3]), 'x')],
    ];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [kind, edit] of kinds) (edits[`${where}: ${kind}`] ??= []).push(...(await edit()));
    }
  }
  const endLine = lineOf(0.97, /^\s+'endpoint' = '/);
  const editLineForRequests = lineOf(0.97, /^INSERT INTO/);
  /** A request's latency: on an unchanged version (`afterEdit` false), or sent right after a keystroke, as an editor does. */
  const request = async (method: string, params: object, afterEdit: boolean, runs = 20) => {
    const samples: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      if (afterEdit) {
        version++;
        const range = i % 2 === 0 ? at(editLineForRequests, 0) : at(editLineForRequests, 0, 1);
        void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: i % 2 === 0 ? 'x' : '' }] });
      }
      const start = performance.now();
      await server.connection.sendRequest(method, params);
      if (i >= 2) samples.push(performance.now() - start);
    }
    return figure(samples);
  };
  const requests: Record<string, Figure> = {};
  for (const afterEdit of [false, true]) {
    const when = afterEdit ? 'right after a keystroke' : 'on an unchanged version';
    requests[`completion, ${when}`] = await request('textDocument/completion', { textDocument: { uri }, position: { line: endLine, character: 4 } }, afterEdit);
    requests[`hover, ${when}`] = await request('textDocument/hover', { textDocument: { uri }, position: { line: endLine, character: 6 } }, afterEdit);
    requests[`secret ranges, ${when}`] = await request('flinksql/secretRanges', { textDocument: { uri } }, afterEdit);
  }
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
    requests,
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
  // BENCH_ONLY=server: only the server's figures on the largest document (for comparing two builds).
  const onlyServer = process.env.BENCH_ONLY === 'server';
  const sizes = [100, 1_000, 10_000];
  const documents = sizes.map((n) => ({ statements: n, text: generateDocument(n) }));
  const analysis = (onlyServer ? [] : documents).map(({ statements, text }) => {
    const runs = statements >= 10_000 ? 3 : 7;
    const first = firstAnalysis(statements, 3);
    const ours = time(runs, () => analyzeDocument(parseDocument(text)));
    const scanner = time(runs, () => plainScan(text), 2);
    const dtSql = dtSqlParser(statements, statements >= 10_000 ? 1 : 3);
    const secrets = time(runs, () => splitSecrets(text, { maskAccountIdentifiers: false }, new Map()));
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
  const scaling = onlyServer ? [] : scalingFigures();

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
  for (const [what, value] of Object.entries(server.requests)) console.log(`| ${what} | ${f(value)} |`);
  console.log(
    `\nServer memory: peak ${server.memoryAfterOpen.peak.toFixed(0)} MB after opening; ${server.memoryAfterOpen.current.toFixed(0)} MB resident before and ${server.memoryAfterEdits.current.toFixed(0)} MB after ${server.editsDone} edits in ${(server.editSessionMs / 1000).toFixed(0)} s (peak ${server.memoryAfterEdits.peak.toFixed(0)} MB).\n`,
  );
  console.log('How time grows with pathological inputs (parse, analysis and every feature; first run and warm median):\n');
  console.log(`${scalingTable(scaling)}\n`);
  console.log(JSON.stringify({ date: new Date().toISOString(), node: process.version, analysis, server, scaling }, null, 2));
}

void main();
