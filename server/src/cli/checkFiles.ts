/**
 * The command-line checker's work: analyse a set of files together, as one workspace, so that a model
 * in one file finds the connection created in another. No editor, no protocol; the same analysis.
 */
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../analysis/analyzeDocument';
import { diagnosticCodes, type Severity } from '../diagnosticCodes';
import { parseDocument } from '../parser/parseDocument';
import { ConnectionIndex, entriesIn } from '../workspace/connectionIndex';

export interface FileToCheck {
  readonly path: string;
  readonly text: string;
}

/** One finding, with 1-based lines and columns (columns count UTF-16 code units, as editors do). */
export interface Finding {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

export interface FileReport {
  readonly path: string;
  readonly findings: readonly Finding[];
}

/** Analyses `files` together and reports each file's findings in document order. */
export function checkFiles(files: readonly FileToCheck[]): FileReport[] {
  const index = new ConnectionIndex();
  const prepared = files.map((file) => {
    const uri = pathToFileURL(file.path).toString();
    const document = TextDocument.create(uri, 'flinksql', 0, file.text);
    const parsed = parseDocument(file.text);
    index.set(uri, entriesIn(uri, document, parsed));
    return { file, uri, document, parsed };
  });
  return prepared.map(({ file, uri, document, parsed }) => {
    const problems = analyzeDocument(parsed, index.lookupFor(uri)).sort((a, b) => a.span.start - b.span.start);
    const findings = problems.map((problem): Finding => {
      const start = document.positionAt(problem.span.start);
      const end = document.positionAt(problem.span.end);
      return {
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity: problem.severity ?? diagnosticCodes[problem.code].severity,
        code: problem.code,
        message: problem.message,
      };
    });
    return { path: file.path, findings };
  });
}
