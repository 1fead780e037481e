/**
 * Problems as LSP diagnostics: positions from offsets (UTF-16, as LSP counts them), the severity of
 * the code, `source: 'flinksql'`, and the problem's data for quick fixes.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem } from '../analysis/problem';
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
