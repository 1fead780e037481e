/**
 * Times the first full analysis of one generated document in a fresh process: nothing compiled by
 * the JIT yet and no statement shape remembered, as when a server opens its first large file.
 * Prints one JSON line: { firstMs, shapes }.
 * Usage: node --import tsx scripts/benchFirstAnalysis.ts <statements>
 */
import { analyzeDocument } from '../server/src/analysis/analyzeDocument';
import { parseDocument } from '../server/src/parser/parseDocument';
import { rememberedShapes } from '../server/src/parser/parseStatement';
import { generateDocument } from './benchDocument';

const text = generateDocument(Number(process.argv[2]));
const start = performance.now();
analyzeDocument(parseDocument(text));
const firstMs = performance.now() - start;
process.stdout.write(`${JSON.stringify({ firstMs, shapes: rememberedShapes() })}\n`);
