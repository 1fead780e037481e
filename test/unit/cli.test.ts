/**
 * `flinksql check`, the built command-line checker (server/dist/cli.js), run as a user runs it:
 * exit codes, the text and JSON formats, folders, usage errors, and no secret value in its output.
 *
 * Run `npm run build` first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import { diagnosticCodes } from '../../server/src/diagnosticCodes';
import { secretRanges } from '../helpers/secrets';

/** The parts of a SARIF log the tests read. */
interface SarifLog {
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri: string; shortDescription: { text: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
    }[];
  }[];
}

/**
 * The SARIF 2.1.0 schema (draft-04, as published with the standard; the copy in @microsoft/jest-sarif)
 * compiled by Ajv. Its language-tag pattern is not a valid Unicode regular expression, hence
 * unicodeRegExp: false; formats (uri) are not checked.
 */
function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  return new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false, validateFormats: false }).compile(schema);
}

const cliPath = path.resolve(__dirname, '../../server/dist/cli.js');
const examplesFolder = path.resolve(__dirname, '../../examples');

/** Fake secret values written into the checked files; the checker must never print them. */
const secrets = ['sk-CLILEAK-misspelled-0001', 'sk-CLILEAK-clean-0002', 'sk-CLILEAK-folder-0003', 'sk-CLILEAK-broken-0004'];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Everything every run printed, for the leak check at the end. */
const printed: string[] = [];

function flinksql(...args: string[]): Run {
  return flinksqlWithInput(undefined, ...args);
}

/** Runs the checker with `input` on its standard input. */
function flinksqlWithInput(input: string | Buffer | undefined, ...args: string[]): Run {
  return flinksqlIn(process.cwd(), input, ...args);
}

/** Runs the checker in the folder `cwd`. */
function flinksqlIn(cwd: string, input: string | Buffer | undefined, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', timeout: 30_000, ...(input === undefined ? {} : { input }) });
  if (result.error) throw result.error;
  printed.push(result.stdout, result.stderr);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const openaiConnection = (keyLine: string): string =>
  ['CREATE CONNECTION c WITH (', "  'type' = 'openai',", "  'endpoint' = 'https://api.openai.com/v1/chat/completions',", keyLine, ');', ''].join('\n');

interface JsonReport {
  summary: { files: number; errors: number; warnings: number; information: number; hints: number };
  files: { path: string; findings: { line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }[] }[];
  unreadable: string[];
}

describe('flinksql check', () => {
  let folder: string;
  let cleanFile: string;
  let misspelledFile: string;

  const write = (relative: string, text: string): string => {
    const file = path.join(folder, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };

  before(() => {
    assert.ok(existsSync(cliPath), `${cliPath} does not exist: run \`npm run build\` first.`);
    folder = mkdtempSync(path.join(tmpdir(), 'flinksql-cli-'));
    cleanFile = write('clean.sql', openaiConnection(`  'api-key' = '${secrets[1]}'`));
    misspelledFile = write('misspelled.sql', `-- the documentation's own mistake\n${openaiConnection(`  'ap-key' = '${secrets[0]}'`)}`);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('a clean file: exit code 0 and only the summary line', () => {
    const run = flinksql('check', cleanFile);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '1 file checked: 0 errors, 0 warnings, 0 information.\n');
    assert.equal(run.stderr, '');
  });

  test("a misspelled 'ap-key': exit code 1 and a path:line:column line", () => {
    const run = flinksql('check', misspelledFile);
    assert.equal(run.status, 1);
    // Line 5 (after the comment and three lines of the statement), column 3 (after two spaces).
    const expected = new RegExp(
      `^${escapeRegExp(misspelledFile)}:5:3 error Unknown option 'ap-key'\\. Did you mean 'api-key'\\?.* \\[unknown-option\\]$`,
      'm',
    );
    assert.match(run.stdout, expected);
    assert.deepEqual(run.stdout.trimEnd().split('\n').slice(1), ['1 file checked: 1 error, 0 warnings, 0 information.']);
    assert.equal(run.stderr, '');
  });

  test('--format json: one parseable document with every finding', () => {
    for (const args of [['--format', 'json'], ['--format=json']]) {
      const run = flinksql('check', ...args, misspelledFile, cleanFile);
      assert.equal(run.status, 1);
      const report = JSON.parse(run.stdout) as JsonReport;
      assert.deepEqual(report.unreadable, []);
      assert.deepEqual(report.files.map((f) => f.path), [misspelledFile, cleanFile]);
      assert.deepEqual(report.files[1]!.findings, []);
      const [finding, ...rest] = report.files[0]!.findings;
      assert.deepEqual(rest, []);
      assert.equal(finding!.code, 'unknown-option');
      assert.equal(finding!.severity, 'error');
      assert.deepEqual([finding!.line, finding!.column, finding!.endLine, finding!.endColumn], [5, 3, 5, 11]);
      assert.match(finding!.message, /^Unknown option 'ap-key'\. Did you mean 'api-key'\?/);
    }
  });

  test('a folder is searched recursively and its files are checked together', () => {
    const project = path.join(folder, 'project');
    write(
      'project/connections/defs.sql',
      `CREATE CONNECTION mongo_conn WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = '${secrets[2]}');\n`,
    );
    const tables = write(
      'project/pipelines/deep/tables.fsql',
      "CREATE TABLE kb (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'mongo_conn', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');\n",
    );
    write('project/notes.txt', "CREATE CONNECTION ignored WITH ('type' = 'opneai');\n");

    const together = flinksql('check', project);
    assert.equal(together.status, 0);
    assert.equal(together.stdout, '2 files checked: 0 errors, 0 warnings, 0 information.\n');

    const json = JSON.parse(flinksql('check', '--format', 'json', project).stdout) as JsonReport;
    assert.deepEqual(json.files.map((f) => path.relative(project, f.path)).sort(), [
      path.join('connections', 'defs.sql'),
      path.join('pipelines', 'deep', 'tables.fsql'),
    ]);

    // Alone, the table's connection is unknown: information, which does not fail the check. The name
    // starts at column 83: `CREATE TABLE kb (a STRING) WITH (` is 33 characters, `'connector' = 'mongodb', `
    // 25 and `'mongodb.connection' = '` 24.
    const alone = flinksql('check', tables);
    assert.equal(alone.status, 0);
    assert.match(alone.stdout, new RegExp(`^${escapeRegExp(tables)}:1:83 information .*'mongo_conn'.* \\[unknown-connection\\]$`, 'm'));
    assert.match(alone.stdout, /^1 file checked: 0 errors, 0 warnings, 1 information\.$/m);
  });

  test('a path that does not exist: exit code 2 and a message naming it', () => {
    const missing = path.join(folder, 'no-such-file.sql');
    const run = flinksql('check', missing);
    assert.equal(run.status, 2);
    assert.match(run.stderr, new RegExp(`^flinksql: ${escapeRegExp(missing)}: no such file or folder\\.$`, 'm'));

    // The other files are still checked, but the exit code says something could not be.
    const mixed = flinksql('check', cleanFile, missing);
    assert.equal(mixed.status, 2);
    assert.match(mixed.stdout, /^1 file checked: 0 errors/m);
    assert.match(mixed.stderr, new RegExp(escapeRegExp(missing)));
  });

  test('a folder without SQL files: exit code 2', () => {
    const empty = path.join(folder, 'empty');
    mkdirSync(empty);
    const run = flinksql('check', empty);
    assert.equal(run.status, 2);
    assert.match(run.stderr, new RegExp(`${escapeRegExp(empty)}: no \\.sql, \\.fsql or \\.flink\\.sql files`));
  });

  describe('bad usage: exit code 2 and the usage on stderr', () => {
    const cases: [string, string[], RegExp][] = [
      ['no arguments', [], /No command given\./],
      ['an unknown command', ['lint', 'x.sql'], /Unknown command 'lint'\./],
      ['no files', ['check'], /Name at least one file or folder/],
      ['a bad --format', ['check', '--format', 'xml', 'x.sql'], /--format takes 'text', 'json', 'sarif', 'github'\./],
      ['--format without a value', ['check', '--format'], /--format needs a value\./],
      ['a bad --max-warnings', ['check', '--max-warnings', 'some', 'x.sql'], /--max-warnings takes a whole number/],
      ['--stdin-filename without -', ['check', '--stdin-filename', 'a.sql', 'x.sql'], /--stdin-filename goes with - \(standard input\)\./],
      ['an unknown option', ['check', '--fox', 'x.sql'], /Unknown option '--fox'\./],
    ];
    for (const [what, args, message] of cases) {
      test(what, () => {
        const run = flinksql(...args);
        assert.equal(run.status, 2);
        assert.match(run.stderr, message);
        assert.match(run.stderr, /Usage: flinksql check \[options\] <file, folder or ->\.\.\./);
        assert.equal(run.stdout, '');
      });
    }
  });

  test('--help: the usage on stdout, exit code 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help']]) {
      const run = flinksql(...args);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /^Usage: flinksql check/);
      assert.match(run.stdout, /Exit code: 0 no errors/);
      assert.match(run.stdout, /--format sarif/);
      assert.equal(run.stderr, '');
    }
  });

  test('--version: the package version', () => {
    const { version } = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
    const run = flinksql('--version');
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${version}\n`);
  });

  test('--format json ends with the counts', () => {
    const report = JSON.parse(flinksql('check', '--format', 'json', misspelledFile, cleanFile).stdout) as JsonReport;
    assert.deepEqual(report.summary, { files: 2, errors: 1, warnings: 0, information: 0, hints: 0 });
  });

  test('--format sarif: a SARIF 2.1.0 log that its schema accepts, with a rule per code and a result per finding', () => {
    const withWarning = write('alter.sql', "ALTER CONNECTION c SET ('type' = 'openai');\n");
    // Run from the files' folder: paths inside it are relative to %SRCROOT%, the working folder.
    const run = flinksqlIn(folder, undefined, 'check', '--format', 'sarif', misspelledFile, cleanFile, withWarning);
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout) as SarifLog;
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const [sarifRun] = log.runs;
    assert.equal(sarifRun!.tool.driver.name, 'flinksql');
    assert.deepEqual(sarifRun!.tool.driver.rules.map((r) => r.id).sort(), Object.keys(diagnosticCodes).sort());
    for (const rule of sarifRun!.tool.driver.rules) {
      assert.match(rule.helpUri, /^https:\/\/docs\.confluent\.io\//);
      assert.ok(rule.shortDescription.text.length > 10);
    }
    const results = sarifRun!.results.map((r) => {
      const { artifactLocation, region } = r.locations[0]!.physicalLocation;
      return `${r.ruleId} ${r.level} ${artifactLocation.uri} ${region.startLine}:${region.startColumn}-${region.endLine}:${region.endColumn}`;
    });
    // The same finding as the text format (line 5, columns 3 to 11, the end exclusive).
    assert.deepEqual(results, ['unknown-option error misspelled.sql 5:3-5:11', 'option-not-alterable warning alter.sql 1:25-1:31']);
    assert.equal(sarifRun!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    // Outside the working folder, a file URI.
    const outside = JSON.parse(flinksql('check', '--format', 'sarif', misspelledFile).stdout) as SarifLog;
    assert.equal(outside.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, pathToFileURL(misspelledFile).toString());
    assert.equal(sarifRun!.results[0]!.ruleIndex, Object.keys(diagnosticCodes).indexOf('unknown-option'));
  });

  test('--format github: one workflow command per finding, properties and message escaped', () => {
    const oddName = write('odd,name:100%.sql', `-- x\n${openaiConnection(`  'ap-key' = '${secrets[0]}'`)}ALTER CONNECTION c SET ('type' = 'openai');\n`);
    const run = flinksql('check', '--format', 'github', oddName);
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    const file = oddName.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C');
    assert.equal(lines[0], `::error file=${file},line=5,endLine=5,col=3,endColumn=11,title=flinksql unknown-option::${lines[0]!.split('::')[2]}`);
    assert.match(lines[0]!, /::Unknown option 'ap-key'\. Did you mean 'api-key'\?/);
    assert.match(lines[1]!, new RegExp(`^::warning file=${escapeRegExp(file)},line=7,endLine=7,col=25,endColumn=31,title=flinksql option-not-alterable::`));
    assert.equal(lines[2], '1 file checked: 1 error, 1 warning, 0 information.');
    assert.equal(lines.length, 3);
  });

  test('--quiet reports errors only; --max-warnings N fails on more than N warnings', () => {
    const warningOnly = write('warning-only.sql', "ALTER CONNECTION c SET ('type' = 'openai');\n");
    assert.equal(flinksql('check', warningOnly).status, 0);
    const quiet = flinksql('check', '--quiet', warningOnly, misspelledFile);
    assert.equal(quiet.status, 1);
    assert.doesNotMatch(quiet.stdout, /option-not-alterable/);
    assert.match(quiet.stdout, /unknown-option/);
    const strict = flinksql('check', '--max-warnings', '0', warningOnly);
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /^flinksql: 1 warning found, more than --max-warnings 0\.$/m);
    assert.equal(flinksql('check', '--max-warnings=1', warningOnly).status, 0);
  });

  test('- reads standard input, reported as --stdin-filename, checked together with the files', () => {
    const connection = write('defs/conn.sql', "CREATE CONNECTION mongo_conn WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://c.mongodb.net/db', 'username' = 'u', 'password' = 'p');\n");
    const table = "CREATE TABLE kb (a STRING) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'mongo_conn', 'mongodb.database' = 'd', 'mongodb.collection' = 'c');\n";
    const together = flinksqlWithInput(table, 'check', '--stdin-filename', 'pipelines/kb.sql', '-', connection);
    assert.equal(together.status, 0);
    assert.equal(together.stdout, '2 files checked: 0 errors, 0 warnings, 0 information.\n');
    const alone = flinksqlWithInput(`${openaiConnection(`  'ap-key' = '${secrets[0]}'`)}`, 'check', '-');
    assert.equal(alone.status, 1);
    assert.match(alone.stdout, /^<stdin>:4:3 error Unknown option 'ap-key'/m);
    assert.equal(flinksqlWithInput('', 'check', '--stdin-filename=empty.sql', '-').stdout, '1 file checked: 0 errors, 0 warnings, 0 information.\n');
  });

  test('a binary or non-UTF-8 file is "not a text file" (exit code 2), not checked as clean', () => {
    const binary = path.join(folder, 'binary.sql');
    writeFileSync(binary, Buffer.from([0x53, 0x45, 0x4c, 0x00, 0x01, 0x02]));
    const latin1 = path.join(folder, 'latin1.sql');
    writeFileSync(latin1, Buffer.from("SELECT 'caf\xe9';\n", 'latin1'));
    for (const [file, why] of [[binary, 'it holds NUL bytes'], [latin1, 'it is not UTF-8']] as const) {
      const run = flinksql('check', file);
      assert.equal(run.status, 2);
      assert.equal(run.stderr, `flinksql: ${file}: not a text file (${why}).\n`);
      assert.equal(run.stdout, '', 'a summary after an error message');
    }
    const withBom = write('bom.sql', `\ufeff${openaiConnection(`  'api-key' = '${secrets[1]}'`)}`);
    assert.equal(flinksql('check', withBom).status, 0);
  });

  test('after an error message alone, no "0 files checked"', () => {
    const run = flinksql('check', path.join(folder, 'nowhere.sql'));
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
  });

  test('a broken statement holding a secret is reported without the secret', () => {
    const broken = write('broken.sql', `CREATE CONNECTION c WITH ('type' = 'openai' 'api-key' = '${secrets[3]}' 'endpoint');\n`);
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const run = flinksql('check', '--format', format, broken);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /syntax-error/);
    }
  });

  test('no secret value from the checked files is ever printed', () => {
    assert.ok(printed.length > 0);
    const everything = printed.join('\n');
    for (const secret of secrets) assert.equal(everything.includes(secret), false, `printed the secret value ${secret}`);
  });
});

describe('flinksql check --fix', () => {
  test('fixes a copy of the examples in place: fewer findings, the secrets unchanged, a second run finds nothing more to fix', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'flinksql-fix-'));
    try {
      cpSync(examplesFolder, copy, { recursive: true });
      const names = readdirSync(copy).filter((n) => n.endsWith('.sql'));
      const before = new Map(names.map((n) => [n, readFileSync(path.join(copy, n), 'utf8')]));
      const report = (run: Run) => JSON.parse(run.stdout) as JsonReport;
      const unfixed = report(flinksql('check', '--format', 'json', copy));

      const fixed = flinksql('check', '--fix', '--format', 'json', copy);
      // The files whose mistakes include some that need no choice (a misspelt key, type, provider or connector).
      const withSafeFixes = ['mistakes.sql', 'using-mistakes.sql'];
      assert.equal(fixed.status, 1, 'mistakes.sql keeps errors that need a choice');
      assert.match(fixed.stderr, /mistakes\.sql: fixed \d+ problems?\./);
      const after = report(fixed);
      assert.ok(after.summary.errors < unfixed.summary.errors, `errors ${unfixed.summary.errors} -> ${after.summary.errors}`);
      assert.deepEqual(after, report(flinksql('check', '--format', 'json', copy)), 'the report is of the files as they are now');

      for (const name of names) {
        const old = before.get(name)!;
        const now = readFileSync(path.join(copy, name), 'utf8');
        if (!withSafeFixes.includes(name)) assert.equal(now, old, `${name} had nothing to fix`);
        // Every secret value is still there, byte for byte: the fixes touch keys, never values.
        const secretsOf = (text: string) => secretRanges(text).map((span) => text.slice(span.start, span.end));
        for (const secret of new Set(secretsOf(old))) assert.ok(now.includes(secret), `${name}: a secret value was changed or removed`);
      }
      for (const name of withSafeFixes) assert.notEqual(readFileSync(path.join(copy, name), 'utf8'), before.get(name), `${name} was fixed`);
      assert.deepEqual(readdirSync(copy).sort(), names.concat(readdirSync(copy).filter((n) => !n.endsWith('.sql'))).sort(), 'a temporary file was left behind');

      const again = flinksql('check', '--fix', copy);
      assert.doesNotMatch(again.stderr, /fixed/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test('--fix removes a duplicate that repeats the first value, and keeps one with another value (it may be the one meant)', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'flinksql-fix-'));
    try {
      const file = path.join(copy, 'dup.sql');
      const statement = (second: string) =>
        `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'sk-CLILEAK-old', 'api-key' = '${second}');\n`;
      writeFileSync(file, statement('sk-CLILEAK-old'));
      flinksql('check', '--fix', file);
      assert.equal(readFileSync(file, 'utf8'), "CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'sk-CLILEAK-old');\n");
      writeFileSync(file, statement('sk-CLILEAK-new'));
      const run = flinksql('check', '--fix', file);
      assert.equal(readFileSync(file, 'utf8'), statement('sk-CLILEAK-new'));
      assert.equal(run.status, 1);
      assert.match(run.stdout, /duplicate-option/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test('--fix cannot be given standard input', () => {
    const run = flinksqlWithInput('SELECT 1;', 'check', '--fix', '-');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--fix writes files; it cannot fix standard input\./);
  });
});

describe('flinksql check with flinksql.json', () => {
  test('the nearest flinksql.json sets rules and leaves files out; --config names another; a broken one is exit code 2 with where it is wrong', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'flinksql-config-'));
    try {
      const put = (relative: string, text: string) => {
        mkdirSync(path.dirname(path.join(project, relative)), { recursive: true });
        writeFileSync(path.join(project, relative), text);
      };
      const typo = openaiConnection("  'ap-key' = 'k'");
      const alter = "ALTER CONNECTION c SET ('type' = 'openai');\n";
      put('a.sql', typo);
      put('sub/b.sql', alter);
      put('sub/generated/c.sql', typo);
      put('flinksql.json', JSON.stringify({ rules: { 'unknown-option': 'warning' }, ignore: ['generated/'] }));
      put('sub/flinksql.json', JSON.stringify({ rules: { 'option-not-alterable': 'off' }, ignore: ['generated/**'] }));

      // a.sql: unknown-option as a warning (the root file); sub/: the nearer file turns the ALTER warning off and leaves out generated/.
      const run = flinksqlIn(project, undefined, 'check', '.');
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^a\.sql:4:3 warning Unknown option 'ap-key'/m);
      assert.equal(run.stdout.trimEnd().split('\n').at(-1), '2 files checked: 0 errors, 1 warning, 0 information.');

      // --config: one file for every checked file.
      put('strict.json', JSON.stringify({ rules: { 'option-not-alterable': 'error' } }));
      const strict = flinksqlIn(project, undefined, 'check', '--config', 'strict.json', 'sub/b.sql', 'sub/generated/c.sql');
      assert.equal(strict.status, 1);
      assert.match(strict.stdout, /^sub\/b\.sql:1:25 error .*\[option-not-alterable\]$/m);
      assert.match(strict.stdout, /^sub\/generated\/c\.sql:4:3 error .*\[unknown-option\]$/m);

      // A broken file: exit code 2, its path, line and column; the files are still checked, with every rule as built in.
      put('sub/flinksql.json', '{ "rules": { "option-not-alterable": "of" } }');
      const broken = flinksqlIn(project, undefined, 'check', 'sub/b.sql');
      assert.equal(broken.status, 2);
      assert.match(broken.stderr, /^flinksql: .*sub\/flinksql\.json:1:14: "option-not-alterable" takes "off", "information", "warning" or "error"\.$/m);
      assert.match(broken.stdout, /option-not-alterable/);
      const missing = flinksqlIn(project, undefined, 'check', '--config', 'nowhere.json', 'a.sql');
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /nowhere\.json: cannot read the configuration \(ENOENT\)\./);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe("flinksql check with flinksql.json's catalogue", () => {
  const secret = 'sk-CLILEAK-catalogue-0005';
  const misspelt = 'sk-CLILEAK-catalogue-0006';
  const catalogue = {
    connectionTypes: {
      snowflake: {
        endpoint: { example: 'https://<account>.snowflakecomputing.com' },
        authMethods: ['basic'],
        keys: { passphrase: { secret: 'always' }, warehouse: {} },
        requiredKeys: ['warehouse'],
      },
    },
  };
  const statement = (keys: string) => `CREATE CONNECTION s WITH ('type' = 'snowflake', 'endpoint' = 'https://a.snowflakecomputing.com', 'username' = 'u', 'password' = 'p'${keys});\n`;

  test('an added type is checked, and its secret key’s value is printed in no format; without the addition the type is unknown', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'flinksql-catalogue-'));
    try {
      writeFileSync(path.join(project, 'flinksql.json'), JSON.stringify({ catalogue }));
      writeFileSync(path.join(project, 'ok.sql'), statement(`, 'warehouse' = 'w', 'passphrase' = '${secret}'`));
      writeFileSync(path.join(project, 'bad.sql'), statement(`, 'pasphrase' = '${misspelt}'`));
      const outputs: string[] = [];
      for (const format of ['text', 'json', 'sarif', 'github']) {
        const run = flinksqlIn(project, undefined, 'check', '--format', format, '.');
        assert.equal(run.status, 1, `${format}: ${run.stderr}`);
        outputs.push(run.stdout, run.stderr);
      }
      const json = JSON.parse(flinksqlIn(project, undefined, 'check', '--format', 'json', '.').stdout) as JsonReport;
      const findings = (name: string) => json.files.find((f) => f.path === name)!.findings.map((f) => `${f.code}: ${f.message}`);
      assert.deepEqual(findings('ok.sql'), []);
      assert.deepEqual(findings('bad.sql'), [
        "missing-option: Missing 'warehouse': connection type 'snowflake' needs it.",
        "unknown-option: Unknown option 'pasphrase'. Did you mean 'passphrase'? Confluent rejects the statement and does not redact the value of a misspelled key.",
      ]);
      for (const output of outputs) {
        assert.equal(output.includes(secret), false, 'printed the added secret key’s value');
        assert.equal(output.includes(misspelt), false, 'printed the misspelt secret key’s value');
      }

      writeFileSync(path.join(project, 'plain.json'), '{}');
      const without = flinksqlIn(project, undefined, 'check', '--config', 'plain.json', 'ok.sql');
      assert.match(without.stdout, /^ok\.sql:1:36 warning .*not a connection type of Confluent Cloud.*\[unknown-connection-type\]$/m);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  test('a mistake in the catalogue: exit code 2 with the path, line, column and reason; the files are checked with the built-in catalogue', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'flinksql-catalogue-'));
    try {
      writeFileSync(path.join(project, 'flinksql.json'), JSON.stringify({ catalogue: { connectionTypes: { snowflake: { ...catalogue.connectionTypes.snowflake, requiredKeys: ['role'] } } } }, null, 2));
      writeFileSync(path.join(project, 'ok.sql'), statement(`, 'warehouse' = 'w', 'passphrase' = '${secret}'`));
      const run = flinksqlIn(project, undefined, 'check', '.');
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^flinksql: .*flinksql\.json:17:9: "role" is listed in "requiredKeys" but is not a key of connection type "snowflake" \(give it in "keys"\)\.$/m);
      assert.match(run.stdout, /unknown-connection-type/);
      assert.equal(run.stdout.includes(secret) || run.stderr.includes(secret), false);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  test('an ignored file is not checked, but the connections it creates are known to the others', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'flinksql-ignored-'));
    try {
      writeFileSync(path.join(project, 'flinksql.json'), JSON.stringify({ ignore: ['generated/'] }));
      mkdirSync(path.join(project, 'generated'));
      writeFileSync(path.join(project, 'generated', 'connections.sql'), "CREATE CONNECTION gen WITH ('type' = 'openai', 'endpoint' = 'ftp://x', 'api-key' = 'k');\n");
      writeFileSync(path.join(project, 'model.sql'), "CREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'gen');\n");
      const run = flinksqlIn(project, undefined, 'check', '.');
      assert.equal(run.stdout, '1 file checked: 0 errors, 0 warnings, 0 information.\n');
      assert.equal(run.status, 0);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  test('--fix fixes nothing that a rule turns off or a comment suppresses, also once another fix brings it into play', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'flinksql-fix-rules-'));
    try {
      writeFileSync(path.join(project, 'flinksql.json'), JSON.stringify({ rules: { 'unknown-option': 'off', 'missing-option': 'off' } }));
      const text = [
        "CREATE CONNECTION a WITH ('type' = 'opnai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key' = 'k');",
        "CREATE CONNECTION b WITH ('type' = 'opnai', 'endpoint' = 'https://api.openai.com/v1');",
        '-- flinksql-disable-next-line unknown-connection-type',
        "CREATE CONNECTION c WITH ('type' = 'opnai', 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'k');",
        '',
      ].join('\n');
      writeFileSync(path.join(project, 'a.sql'), text);
      const run = flinksqlIn(project, undefined, 'check', '--fix', '.');
      assert.equal(run.status, 0, run.stdout);
      assert.equal(readFileSync(path.join(project, 'a.sql'), 'utf8'), text.replace("'opnai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key'", "'openai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key'").replace("CREATE CONNECTION b WITH ('type' = 'opnai'", "CREATE CONNECTION b WITH ('type' = 'openai'"));
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('the npm package', () => {
  test('npm pack makes a package of the bundled checker and server that npm install -g installs with a working flinksql command, run outside the repository', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'flinksql-pack-'));
    try {
      const repo = path.resolve(__dirname, '../..');
      // --ignore-scripts: `prepare` would build again; the bundles are built already.
      const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
      assert.equal(packed.status, 0, packed.stderr);
      const [{ filename, files }] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
      assert.deepEqual(files.map((f) => f.path).sort(), ['LICENSE', 'README.md', 'package.json', 'server/dist/cli.js', 'server/dist/server.js']);

      const prefix = path.join(work, 'prefix');
      const installed = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', path.join(work, path.basename(filename))], {
        cwd: work,
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.equal(installed.status, 0, installed.stderr);
      const packageFolder = path.join(prefix, 'lib', 'node_modules', 'flinksql-connections');
      assert.ok(!existsSync(path.join(packageFolder, 'node_modules')), 'the package brought dependencies');

      const project = path.join(work, 'project');
      mkdirSync(project);
      writeFileSync(path.join(project, 'conn.sql'), `${openaiConnection("  'ap-key' = 'sk-CLILEAK-packed-0005'")}`);
      const run = spawnSync(path.join(prefix, 'bin', 'flinksql'), ['check', '.'], { cwd: project, encoding: 'utf8', timeout: 30_000 });
      printed.push(run.stdout, run.stderr);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /^conn\.sql:4:3 error Unknown option 'ap-key'\./m);
      assert.doesNotMatch(run.stdout + run.stderr, /sk-CLILEAK-packed/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('flinksql check over the examples folder', () => {
  const file = (name: string) => path.join(examplesFolder, name);
  let report: JsonReport;
  let textRun: Run;
  let jsonRun: Run;

  before(() => {
    textRun = flinksql('check', examplesFolder);
    jsonRun = flinksql('check', '--format', 'json', examplesFolder);
    assert.equal(jsonRun.status, 1);
    report = JSON.parse(jsonRun.stdout) as JsonReport;
  });

  const findingsOf = (name: string) => {
    const found = report.files.find((f) => f.path === file(name));
    assert.ok(found, `${name} was checked`);
    return found.findings.map((f) => `${name}:${f.line}:${f.column} ${f.code} ${f.message}`);
  };

  test('checks the example files together and exits with code 1', () => {
    assert.equal(textRun.status, 1);
    assert.equal(textRun.stderr, '');
    const names = report.files.map((f) => path.basename(f.path));
    for (const name of ['connections.sql', 'models-and-tables.sql', 'mistakes.sql']) assert.ok(names.includes(name), `${name} was checked`);
    assert.deepEqual(report.unreadable, []);
  });

  test("none of the examples' fake credentials is printed", () => {
    const everything = [textRun.stdout, textRun.stderr, jsonRun.stdout, jsonRun.stderr].join('\n');
    for (const marker of ['EXAMPLEONLY', 'AKIAEXAMPLE', 'Passw0rd']) {
      assert.equal(everything.includes(marker), false, `printed a credential containing ${marker}`);
    }
  });

  // What each example file must report is checked in examples.test.ts; here only that the command
  // line reaches the same analysis.
  test('mistakes.sql has errors; the other two files have no findings', () => {
    assert.deepEqual(findingsOf('connections.sql'), []);
    assert.deepEqual(findingsOf('models-and-tables.sql'), []);
    const findings = report.files.find((f) => f.path === file('mistakes.sql'))!.findings;
    assert.ok(findings.some((f) => f.severity === 'error'));
  });
});
