/**
 * Times dt-sql-parser's FlinkSQL parser on one generated document, in its own process so that the
 * benchmark can give up on it after a time limit. Prints one JSON line: { runsMs: number[] }.
 * Usage: node --import tsx scripts/benchDtSqlParser.ts <statements> <runs>
 */
import { FlinkSQL } from 'dt-sql-parser';
import { generateDocument } from './benchDocument';

const [statements, runs] = process.argv.slice(2).map(Number);
const text = generateDocument(statements!);
const parser = new FlinkSQL();
// ANTLR reports every syntax error it recovers from on the console; only the timing matters here.
const { error, log, warn } = console;
console.error = console.log = console.warn = () => {};
const runsMs: number[] = [];
for (let i = 0; i < runs!; i++) {
  const start = performance.now();
  parser.validate(text);
  runsMs.push(performance.now() - start);
}
Object.assign(console, { error, log, warn });
process.stdout.write(`${JSON.stringify({ runsMs })}\n`);
