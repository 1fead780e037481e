/**
 * The checker's command line: `flinksql check [options] <file, folder or ->...`.
 */

export const USAGE = `Usage: flinksql check [options] <file, folder or ->...

Checks Confluent Cloud for Apache Flink SQL files (.sql, .fsql, .flink.sql) for mistakes in
CONNECTION statements and the tables, models, tools and functions that use them. Folders are
searched for SQL files; - reads standard input. The files are checked together, so a reference
in one file finds a connection created in another.

Options:
  --format text     one line per finding: path:line:column severity message [code] (default)
  --format json     one JSON document: every finding, the unreadable files, and the counts
  --format sarif    SARIF 2.1.0, for code-scanning tools (GitHub code scanning, Azure DevOps, …)
  --format github   GitHub Actions workflow commands: each finding annotates its line
  --fix             apply the safe fixes (what the editor's Fix all does) to the files, then
                    report what remains; values, secrets included, are never changed
  --quiet           report errors only
  --max-warnings N  exit 1 when more than N warnings are found (errors always do)
  --stdin-filename NAME   the path to report for standard input (default: <stdin>)
  --config FILE     use this flinksql.json (default: the nearest flinksql.json above each file)
  -h, --help        show this help
  -v, --version     show the version

Exit code: 0 no errors (and no more warnings than --max-warnings), 1 errors found (or too many
warnings), 2 bad usage, a file that cannot be read or is not text, or a broken flinksql.json.

flinksql.json: { "rules": { "<code>": "off" | "information" | "warning" | "error" },
                 "ignore": ["<glob pattern of files not to check>", …],
                 "catalogue": { "connectionTypes": {…}, "modelProviders": {…}, "tableConnectors": {…} } }
(see the README: "What Confluent ships before the catalogue knows it")`;

export type Format = 'text' | 'json' | 'sarif' | 'github';
const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github'];

export interface Options {
  readonly format: Format;
  /** Files, folders, and `-` for standard input, in the order given. */
  readonly targets: readonly string[];
  /** Errors only. */
  readonly quiet: boolean;
  /** Apply the safe fixes to the files. */
  readonly fix: boolean;
  /** More warnings than this fail the run; undefined: warnings never do. */
  readonly maxWarnings: number | undefined;
  /** The path reported for standard input. */
  readonly stdinFilename: string;
  /** The configuration file for every file, instead of the nearest flinksql.json. */
  readonly config: string | undefined;
}

export class UsageError extends Error {}

/** Reads the arguments after the program name: options, `'help'`, `'version'`, or a UsageError. */
export function parseArguments(args: readonly string[]): Options | 'help' | 'version' {
  if (args.includes('-h') || args.includes('--help')) return 'help';
  if (args.includes('-v') || args.includes('--version')) return 'version';
  const [command, ...rest] = args;
  if (command !== 'check') throw new UsageError(command === undefined ? 'No command given.' : `Unknown command '${command}'.`);
  let format: Format = 'text';
  let quiet = false;
  let fix = false;
  let maxWarnings: number | undefined;
  let stdinFilename: string | undefined;
  let config: string | undefined;
  const targets: string[] = [];
  /** The value of an option written `--name value` or `--name=value`. */
  const valueOf = (arg: string, name: string, i: number): [string, number] => {
    if (arg.startsWith(`${name}=`)) return [arg.slice(name.length + 1), i];
    const value = rest[i + 1];
    if (value === undefined) throw new UsageError(`${name} needs a value.`);
    return [value, i + 1];
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const name = arg.split('=')[0]!;
    if (name === '--format') {
      const [value, next] = valueOf(arg, name, i);
      if (!FORMATS.includes(value as Format)) throw new UsageError(`--format takes ${FORMATS.map((f) => `'${f}'`).join(', ')}.`);
      format = value as Format;
      i = next;
    } else if (name === '--max-warnings') {
      const [value, next] = valueOf(arg, name, i);
      if (!/^\d+$/.test(value)) throw new UsageError('--max-warnings takes a whole number, 0 or more.');
      maxWarnings = Number(value);
      i = next;
    } else if (name === '--stdin-filename') {
      [stdinFilename, i] = valueOf(arg, name, i);
    } else if (name === '--config') {
      [config, i] = valueOf(arg, name, i);
    } else if (arg === '--quiet') {
      quiet = true;
    } else if (arg === '--fix') {
      fix = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option '${arg}'.`);
    } else {
      targets.push(arg);
    }
  }
  if (targets.length === 0) throw new UsageError('Name at least one file or folder to check, or - for standard input.');
  if (targets.filter((t) => t === '-').length > 1) throw new UsageError('Standard input (-) can be read once.');
  if (stdinFilename !== undefined && !targets.includes('-')) throw new UsageError('--stdin-filename goes with - (standard input).');
  if (fix && targets.includes('-')) throw new UsageError('--fix writes files; it cannot fix standard input.');
  return { format, targets, quiet, fix, maxWarnings, stdinFilename: stdinFilename ?? '<stdin>', config };
}
