/**
 * `flinksql check --fix`: the safe fixes the editor's "Fix all" applies (rename a misspelt key or
 * type, remove a later duplicate, add keys that need no choice), written back to each file. A fix
 * never edits a value, and removes a duplicate only when it repeats the first value: the secrets in
 * a file stay as they were, byte for byte.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Problem } from '../analysis/problem';
import { fixAllEdit } from '../features/codeActions';
import { shownIn, type AnalysedFile, type FileToCheck } from './checkFiles';

/** The text edits of a workspace edit for one document, in either of the forms LSP allows. */
function textEditsOf(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const fromChanges = edit.documentChanges?.flatMap((change) => ('edits' in change && change.textDocument.uri === uri ? change.edits : []));
  return (fromChanges ?? edit.changes?.[uri] ?? []).filter((e): e is TextEdit => 'newText' in e);
}

/**
 * The problems whose safe fix loses nothing: a later duplicate of a key is removed only when its value
 * equals the first one's. One with another value (a new API key written under the old one) may be
 * the value the user meant, and a file on disk has no undo: it stays, and stays reported.
 */
function fixableWithoutLoss(analysed: AnalysedFile): Problem[] {
  const valueAtKey = new Map<number, { key: string; value: string; first: string | undefined }>();
  for (const { slice, statement } of analysed.parsed.statements) {
    if (statement?.kind !== 'createConnection' && statement?.kind !== 'alterConnection') continue;
    const firstValue = new Map<string, string>();
    for (const option of statement.options.options) {
      const key = option.key.value;
      if (!firstValue.has(key)) firstValue.set(key, option.value.value);
      valueAtKey.set(slice.start + option.key.span.start, { key, value: option.value.value, first: firstValue.get(key) });
    }
  }
  return analysed.problems.filter((problem) => {
    if (problem.code !== 'duplicate-option') return true;
    const option = valueAtKey.get(problem.span.start);
    return option !== undefined && option.value === option.first;
  });
}

/** The file's text with every safe fix that loses nothing applied, or undefined when there is none. */
export function fixedText(analysed: AnalysedFile): string | undefined {
  // Nothing the configuration turns off or a comment suppresses is fixed, also once another fix brings it into play.
  const edit = fixAllEdit(analysed.document, analysed.parsed, fixableWithoutLoss(analysed), {
    catalogue: analysed.configuration.catalogue,
    shown: shownIn(analysed.file.text, analysed.configuration),
  });
  const edits = edit ? textEditsOf(edit, analysed.document.uri) : [];
  if (edits.length === 0) return undefined;
  const text = TextDocument.applyEdits(analysed.document, edits);
  return text === analysed.file.text ? undefined : text;
}

/**
 * Writes `text` to `file` atomically: a temporary file beside it, with the original's permissions,
 * renamed over it. A crash leaves the old file or the new one, never half of one.
 */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.flinksql-fix-${process.pid}`);
  const { mode } = await fs.stat(file);
  try {
    await fs.writeFile(temporary, text, { mode });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** The new contents of the files that safe fixes change. */
export function fixes(analysed: readonly AnalysedFile[]): Map<FileToCheck, string> {
  const changed = new Map<FileToCheck, string>();
  for (const file of analysed) {
    const text = fixedText(file);
    if (text !== undefined) changed.set(file.file, text);
  }
  return changed;
}
