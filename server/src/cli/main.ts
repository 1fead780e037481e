/**
 * `flinksql check <files or folders…>`: the language server's analysis from the command line.
 *
 * Exit code 0: no errors (warnings and information may be printed); 1: errors found; 2: bad usage or
 * a file that cannot be read. Messages never contain secret values: they come from the same analysis
 * as the editor's diagnostics, which never quotes one.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkFiles, type FileReport, type FileToCheck } from './checkFiles';
import { findSqlFiles } from '../workspace/sqlFiles';

const USAGE = `Usage: flinksql check [--format text|json] <file or folder>...

Checks Confluent Cloud for Apache Flink SQL files (.sql, .fsql, .flink.sql) for mistakes in
CONNECTION statements and the tables, models, tools and functions that use them. Folders are
searched for SQL files. The files are checked together, so a reference in one file finds a
connection created in another.

Options:
  --format text   one line per finding: path:line:column severity message [code] (default)
  --format json   one JSON document with every finding
  -h, --help      show this help
  -v, --version   show the version

Exit code: 0 no errors, 1 errors found, 2 bad usage or unreadable file.`;

declare const SERVER_VERSION: string;

interface Options {
  readonly format: 'text' | 'json';
  readonly targets: readonly string[];
}

class UsageError extends Error {}

function parseArguments(args: readonly string[]): Options | 'help' | 'version' {
  if (args.includes('-h') || args.includes('--help')) return 'help';
  if (args.includes('-v') || args.includes('--version')) return 'version';
  const [command, ...rest] = args;
  if (command !== 'check') throw new UsageError(command === undefined ? 'No command given.' : `Unknown command '${command}'.`);
  let format: Options['format'] = 'text';
  const targets: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? rest[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') throw new UsageError(`--format takes 'text' or 'json'.`);
      format = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option '${arg}'.`);
    } else {
      targets.push(arg);
    }
  }
  if (targets.length === 0) throw new UsageError('Name at least one file or folder to check.');
  return { format, targets };
}

/** Reads every target (folders searched for SQL files); unreadable ones are reported, not fatal. */
async function readTargets(targets: readonly string[]): Promise<{ files: FileToCheck[]; failures: string[] }> {
  const files: FileToCheck[] = [];
  const failures: string[] = [];
  const seen = new Set<string>();
  const read = async (file: string): Promise<void> => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    try {
      files.push({ path: file, text: await fs.readFile(file, 'utf8') });
    } catch (error) {
      failures.push(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
  };
  for (const target of targets) {
    let stat;
    try {
      stat = await fs.stat(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      failures.push(`${target}: ${code === 'ENOENT' ? 'no such file or folder' : `cannot read it (${code ?? 'error'})`}.`);
      continue;
    }
    if (stat.isDirectory()) {
      const found = await findSqlFiles(target, Number.MAX_SAFE_INTEGER, (folder) => failures.push(`${folder}: cannot read the folder.`));
      if (found.length === 0) failures.push(`${target}: no .sql, .fsql or .flink.sql files in this folder.`);
      for (const file of found) await read(file);
    } else {
      await read(target);
    }
  }
  return { files, failures };
}

function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) {
    for (const f of report.findings) {
      counts[f.severity]++;
      lines.push(`${report.path}:${f.line}:${f.column} ${f.severity} ${f.message} [${f.code}]`);
    }
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(reports.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information.`,
  );
  return lines.join('\n');
}

function formatJson(reports: readonly FileReport[], failures: readonly string[]): string {
  return JSON.stringify({ files: reports, unreadable: failures }, null, 2);
}

export async function main(args: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseArguments(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`flinksql: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return 0;
  }
  const { files, failures } = await readTargets(options.targets);
  const reports = checkFiles(files);
  for (const failure of failures) process.stderr.write(`flinksql: ${failure}\n`);
  process.stdout.write(`${options.format === 'json' ? formatJson(reports, failures) : formatText(reports)}\n`);
  if (failures.length > 0) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`flinksql: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
