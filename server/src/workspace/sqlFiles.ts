/**
 * Finding the Flink SQL files of a folder tree, for the workspace index and the command-line checker.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** File names the extension treats as Flink SQL. */
export function isSqlFile(fileName: string): boolean {
  return /\.(sql|fsql)$/i.test(fileName);
}

/** Folders that never hold a project's own SQL. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'target', '.vscode-test']);

/**
 * The SQL files under `root`, depth first, in name order, at most `limit` of them.
 * Unreadable folders are skipped; `onSkipped` hears about them.
 */
export async function findSqlFiles(root: string, limit: number, onSkipped?: (folder: string) => void): Promise<string[]> {
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0 && found.length < limit) {
    const folder = pending.pop()!;
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      onSkipped?.(folder);
      continue;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) pending.push(full);
      } else if (entry.isFile() && isSqlFile(entry.name)) {
        found.push(full);
      }
    }
  }
  return found.sort().slice(0, limit);
}
