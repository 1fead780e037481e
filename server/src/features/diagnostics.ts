/**
 * Problems as LSP diagnostics: positions from offsets (UTF-16, as LSP counts them), the severity of
 * the code, `source: 'flinksql'`, and the problem's data for quick fixes; and which of an open
 * document's problems it shows.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem } from '../analysis/problem';
import { applySuppressions, DIRECTIVE_MARK } from '../analysis/suppressions';
import { applyRules, isIgnored } from '../config/configuration';
import type { StoredDocument } from '../workspace/documentStore';
import type { WorkspaceFolders } from '../workspace/workspaceFolders';
import { diagnosticCodes, diagnosticSource, type Severity } from '../diagnosticCodes';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The diagnostic for one problem of `document`. */
export function toDiagnostic(document: TextDocument, problem: Problem): Diagnostic {
  return {
    range: { start: document.positionAt(problem.span.start), end: document.positionAt(problem.span.end) },
    severity: SEVERITIES[problem.severity ?? diagnosticCodes[problem.code].severity],
    code: problem.code,
    source: diagnosticSource,
    message: problem.message,
    data: { code: problem.code, ...problem.data },
  };
}

export function toDiagnostics(document: TextDocument, problems: readonly Problem[]): Diagnostic[] {
  return problems.map((problem) => toDiagnostic(document, problem));
}

/**
 * The diagnostics an open document shows: its problems after its suppression comments and its
 * folder's flinksql.json (none in a file it ignores); "unknown connection" only once the workspace's
 * files have been read, before which it would be premature.
 */
export function documentDiagnostics(stored: StoredDocument, workspace: WorkspaceFolders): Diagnostic[] {
  const problems = shownProblems(stored, workspace)(stored.analysis.problems);
  return toDiagnostics(stored.document, workspace.indexed ? problems : problems.filter((p) => p.code !== 'unknown-connection'));
}

/**
 * Which of an open document's problems (document offsets) the user sees: those its suppression
 * comments and its folder's flinksql.json's rules leave; none in a file the configuration ignores.
 * Diagnostics and fix-all read the same answer, so a problem turned off is not fixed either.
 */
export function shownProblems(stored: StoredDocument, workspace: Pick<WorkspaceFolders, 'configurationOf'>): (problems: readonly Problem[]) => Problem[] {
  const { configuration, file } = workspace.configurationOf(stored.uri);
  if (file !== undefined && isIgnored(configuration, file)) return () => [];
  const { document } = stored;
  // The whole text is put together only when it holds a suppression comment (a keystroke in a large file must not copy it).
  return (problems) => applyRules(configuration, document.includes(DIRECTIVE_MARK) ? applySuppressions(document.getText(), problems) : problems);
}
