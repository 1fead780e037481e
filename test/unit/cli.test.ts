/**
 * `flinksql check`, the built command-line checker (server/dist/cli.js), run as a user runs it:
 * exit codes, the text and JSON formats, folders, usage errors, and no secret value in its output.
 *
 * Run `npm run build` first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

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
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  printed.push(result.stdout, result.stderr);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const openaiConnection = (keyLine: string): string =>
  ['CREATE CONNECTION c WITH (', "  'type' = 'openai',", "  'endpoint' = 'https://api.openai.com/v1/chat/completions',", keyLine, ');', ''].join('\n');

interface JsonReport {
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
      ['a bad --format', ['check', '--format', 'xml', 'x.sql'], /--format takes 'text' or 'json'\./],
      ['--format without a value', ['check', '--format'], /--format takes 'text' or 'json'\./],
      ['an unknown option', ['check', '--fix', 'x.sql'], /Unknown option '--fix'\./],
    ];
    for (const [what, args, message] of cases) {
      test(what, () => {
        const run = flinksql(...args);
        assert.equal(run.status, 2);
        assert.match(run.stderr, message);
        assert.match(run.stderr, /Usage: flinksql check \[--format text\|json\] <file or folder>\.\.\./);
        assert.equal(run.stdout, '');
      });
    }
  });

  test('--help: the usage on stdout, exit code 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help']]) {
      const run = flinksql(...args);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /^Usage: flinksql check/);
      assert.match(run.stdout, /Exit code: 0 no errors, 1 errors found, 2 bad usage or unreadable file\./);
      assert.equal(run.stderr, '');
    }
  });

  test('--version: the package version', () => {
    const { version } = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
    const run = flinksql('--version');
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${version}\n`);
  });

  test('a broken statement holding a secret is reported without the secret', () => {
    const broken = write('broken.sql', `CREATE CONNECTION c WITH ('type' = 'openai' 'api-key' = '${secrets[3]}' 'endpoint');\n`);
    for (const format of ['text', 'json']) {
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
