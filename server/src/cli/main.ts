/**
 * `flinksql check`: the language server's analysis from the command line.
 *
 * Exit code 0: no errors (warnings and information may be printed, up to --max-warnings); 1: errors
 * found, or more warnings than --max-warnings; 2: bad usage, or a file that cannot be read or is not
 * text. Messages never contain secret values: they come from the same analysis as the editor's
 * diagnostics, which never quotes one.
 */
import { isIgnored, type Configuration } from '../config/configuration';
import { analyseFiles, reportOf, type FileReport, type FileToCheck } from './checkFiles';
import { Configurations } from './configurations';
import { fixes, writeAtomically } from './fixFiles';
import { formatGithub, formatJson, formatSarif, formatText, summarize, summaryLine } from './formats';
import { parseArguments, USAGE, UsageError, type Options } from './options';
import { readTargets } from './readTargets';

declare const SERVER_VERSION: string;

/** The output for `options.format`. The summary line ends the text and GitHub formats when any file was checked. */
function render(options: Options, reports: readonly FileReport[], failures: readonly string[]): string {
  const summary = summarize(reports);
  switch (options.format) {
    case 'json':
      return formatJson(reports, failures, summary);
    case 'sarif':
      return formatSarif(reports, failures, SERVER_VERSION, process.cwd());
    case 'github':
    case 'text': {
      const lines = options.format === 'text' ? formatText(reports) : formatGithub(reports);
      if (reports.length > 0) lines.push(summaryLine(summary));
      return lines.join('\n');
    }
  }
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
  const read = await readTargets(options.targets, { stream: process.stdin, filename: options.stdinFilename });
  const failures = read.failures;
  // Each file's flinksql.json (the nearest above it; for standard input, above the working folder):
  // its rules, and whether it leaves the file out.
  const configurations = new Configurations(options.config);
  const configurationOf = new Map<string, Configuration>();
  for (const file of read.files) configurationOf.set(file.path, await configurations.of(file.path));
  failures.push(...configurations.failures);
  // An ignored file is not checked, but what it defines counts (a generated file of connections).
  const files = read.files.filter((file) => !isIgnored(configurationOf.get(file.path)!, file.path));
  const ignored = read.files.filter((file) => !files.includes(file));
  const rulesOf = (file: FileToCheck) => configurationOf.get(file.path)!;
  let analysed = analyseFiles(files, rulesOf, ignored);
  if (options.fix) {
    const before = new Map(analysed.map((a) => [a.file.path, a.problems.length]));
    const changed = fixes(analysed);
    const written: { file: (typeof files)[number]; text: string | undefined }[] = files.map((file) => ({ file, text: changed.get(file) }));
    for (const entry of written) {
      if (entry.text === undefined) continue;
      try {
        await writeAtomically(entry.file.path, entry.text);
      } catch (error) {
        failures.push(`${entry.file.path}: cannot write the fixes (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
        entry.text = undefined; // the file is as it was
      }
    }
    // What remains is checked on the files as they are now (in the same order).
    analysed = analyseFiles(
      written.map(({ file, text }) => (text === undefined ? file : { path: file.path, text })),
      rulesOf,
      ignored,
    );
    analysed.forEach(({ file, problems }, i) => {
      if (written[i]!.text === undefined) return;
      const fixed = Math.max((before.get(file.path) ?? 0) - problems.length, 0);
      process.stderr.write(`flinksql: ${file.path}: fixed ${fixed} problem${fixed === 1 ? '' : 's'}.\n`);
    });
  }
  const all = analysed.map(reportOf);
  const warnings = summarize(all).warnings;
  const reports = options.quiet ? all.map((r) => ({ path: r.path, findings: r.findings.filter((f) => f.severity === 'error') })) : all;
  for (const failure of failures) process.stderr.write(`flinksql: ${failure}\n`);
  const output = render(options, reports, failures);
  if (output) process.stdout.write(`${output}\n`);
  if (failures.length > 0) return 2;
  if (reports.some((r) => r.findings.some((f) => f.severity === 'error'))) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    process.stderr.write(`flinksql: ${warnings} warning${warnings === 1 ? '' : 's'} found, more than --max-warnings ${options.maxWarnings}.\n`);
    return 1;
  }
  return 0;
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
