/**
 * The checker's input: files, the SQL files of folders, and standard input, read as UTF-8 text. A
 * file that is not text (a NUL byte, or bytes that are not UTF-8) is reported, not checked as clean.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findSqlFiles } from '../workspace/sqlFiles';
import type { FileToCheck } from './checkFiles';

/** The text of `bytes`, or why it is not text. A UTF-8 byte order mark is dropped. */
export function decodeText(bytes: Uint8Array): { text: string } | { notText: string } {
  if (bytes.includes(0)) return { notText: 'not a text file (it holds NUL bytes)' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { notText: 'not a text file (it is not UTF-8)' };
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Reads every target (folders searched for SQL files, `-` from `stdin`); what cannot be read is reported, not fatal. */
export async function readTargets(
  targets: readonly string[],
  stdin: { stream: NodeJS.ReadableStream; filename: string },
): Promise<{ files: FileToCheck[]; failures: string[] }> {
  const files: FileToCheck[] = [];
  const failures: string[] = [];
  const seen = new Set<string>();
  const add = (name: string, bytes: Uint8Array) => {
    const decoded = decodeText(bytes);
    if ('text' in decoded) files.push({ path: name, text: decoded.text });
    else failures.push(`${name}: ${decoded.notText}.`);
  };
  const read = async (file: string): Promise<void> => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    try {
      add(file, await fs.readFile(file));
    } catch (error) {
      failures.push(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
  };
  for (const target of targets) {
    if (target === '-') {
      add(stdin.filename, await readAll(stdin.stream));
      continue;
    }
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
