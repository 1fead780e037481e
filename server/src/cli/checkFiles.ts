/**
 * The command-line checker's work: analyse a set of files together, as one workspace, so that a model
 * in one file finds the connection created in another. No editor, no protocol; the same analysis.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../analysis/analyzeDocument';
import type { Problem } from '../analysis/problem';
import { applySuppressions } from '../analysis/suppressions';
import { applyRules, defaultConfiguration, type Configuration } from '../config/configuration';
import { diagnosticCodes, type Severity } from '../diagnosticCodes';
import { parseDocument, type ParsedDocument } from '../parser/parseDocument';
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

/** A file analysed with the others: its document, parse and problems (document offsets). */
export interface AnalysedFile {
  readonly file: FileToCheck;
  readonly document: TextDocument;
  readonly parsed: ParsedDocument;
  readonly problems: readonly Problem[];
  /** The file's flinksql.json (the default one when none applies). */
  readonly configuration: Configuration;
}

/**
 * Analyses `files` together, as one workspace; each file's problems in document order, after its
 * suppression comments and its configuration's rules (`configurationOf`; none: every rule as built in).
 * `definitionsFrom` are files not checked (ignored ones) whose CREATE statements still define names.
 */
export function analyseFiles(
  files: readonly FileToCheck[],
  configurationOf?: (file: FileToCheck) => Configuration,
  definitionsFrom: readonly FileToCheck[] = [],
): AnalysedFile[] {
  const index = new ConnectionIndex();
  for (const file of definitionsFrom) {
    const uri = pathToFileURL(path.resolve(file.path)).toString();
    index.set(uri, entriesIn(uri, TextDocument.create(uri, 'flinksql', 0, file.text), parseDocument(file.text)));
  }
  const prepared = files.map((file) => {
    const uri = pathToFileURL(path.resolve(file.path)).toString();
    const document = TextDocument.create(uri, 'flinksql', 0, file.text);
    const parsed = parseDocument(file.text);
    index.set(uri, entriesIn(uri, document, parsed));
    return { file, uri, document, parsed };
  });
  return prepared.map(({ file, uri, document, parsed }) => {
    const configuration = configurationOf?.(file) ?? defaultConfiguration(path.dirname(path.resolve(file.path)));
    const found = analyzeDocument(parsed, index.lookupFor(uri), { flinkOnly: true, catalogue: configuration.catalogue });
    const problems = shownIn(file.text, configuration)(found).sort((a, b) => a.span.start - b.span.start);
    return { file, document, parsed, problems, configuration };
  });
}

/** Which problems of a file with `text` are reported: those its suppression comments and its configuration's rules leave. */
export function shownIn(text: string, configuration: Configuration): (problems: readonly Problem[]) => Problem[] {
  return (problems) => applyRules(configuration, applySuppressions(text, problems));
}

/** A file's problems as findings. */
export function reportOf({ file, document, problems }: AnalysedFile): FileReport {
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
}

/** Analyses `files` together and reports each file's findings in document order. */
export function checkFiles(files: readonly FileToCheck[]): FileReport[] {
  return analyseFiles(files).map(reportOf);
}
