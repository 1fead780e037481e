/**
 * Workspace symbol search over every connection, model, tool and agent the index knows, in open
 * documents and on disk.
 */
import type { SymbolInformation } from 'vscode-languageserver-types';
import { RESOURCE_SYMBOL_KINDS } from './documentSymbols';
import type { ConnectionIndex, IndexedDefinition } from '../workspace/connectionIndex';

/**
 * How well `name` matches `query`: the characters of `query` must appear in `name` in order, case
 * ignored. Lower is better: 0 for a prefix, 1 for a substring, 2 for a subsequence; undefined for no
 * match. An empty query matches everything.
 */
export function matchScore(query: string, name: string): number | undefined {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  if (n.startsWith(q)) return 0;
  if (n.includes(q)) return 1;
  let i = 0;
  for (let j = 0; j < n.length && i < q.length; j++) {
    if (n[j] === q[i]) i++;
  }
  return i === q.length ? 2 : undefined;
}

/** The last segment of a URI's path, decoded (`Untitled-1` for `untitled:Untitled-1`): the container. */
function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const slash = path.lastIndexOf('/');
  const segment = slash >= 0 ? path.slice(slash + 1) : path.slice(path.indexOf(':') + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The connections, models, tools and agents whose name matches `query` (see `matchScore`), best
 * matches first, then by name and file. Each is located at its name in its CREATE; the container is
 * the file name.
 */
export function workspaceSymbols(query: string, index: ConnectionIndex): SymbolInformation[] {
  const scored: { definition: IndexedDefinition; score: number }[] = [];
  for (const definition of index.all()) {
    const score = matchScore(query, definition.name);
    if (score !== undefined) scored.push({ definition, score });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      (a.definition.name < b.definition.name ? -1 : a.definition.name > b.definition.name ? 1 : 0) ||
      (a.definition.uri < b.definition.uri ? -1 : a.definition.uri > b.definition.uri ? 1 : 0) ||
      a.definition.nameSpan.start - b.definition.nameSpan.start,
  );
  return scored.map(({ definition }) => ({
    // Editors refuse a blank symbol name; an empty backticked name is shown as written.
    name: definition.name.trim() !== '' ? definition.name : '`' + definition.name + '`',
    kind: RESOURCE_SYMBOL_KINDS[definition.kind],
    location: { uri: definition.uri, range: definition.nameRange },
    containerName: fileName(definition.uri),
  }));
}
