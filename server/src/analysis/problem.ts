/**
 * A problem found by the analysis, before it becomes an LSP diagnostic: a code, where, what to say,
 * and the data a quick fix needs so that it never has to analyse again.
 */
import type { Span } from '../parser/ast';
import type { AuthMethodId } from '../catalogue/authMethods';
import type { DiagnosticCode, Severity } from '../diagnosticCodes';

/** An auth method and the keys of it that matter to the problem. */
export interface AuthMethodKeys {
  readonly method: AuthMethodId;
  readonly keys: readonly string[];
}

export interface ProblemDataByCode {
  'syntax-error': Record<string, never>;
  'unknown-connection-type': { readonly value: string; readonly suggestion?: string };
  /**
   * The key; for a model's, table's or tool's key, its catalogue placeholder, the values a selector
   * (`'provider'`) chooses among, and the connection type a connection-name key must name.
   */
  'missing-option': { readonly key: string; readonly placeholder?: string; readonly values?: readonly string[]; readonly connectionType?: string };
  'unknown-option': { readonly key: string; readonly suggestion?: string };
  /** A reference to a connection of another type than its key or clause needs. */
  'connection-type-mismatch': { readonly key: string; readonly name: string; readonly expected: string; readonly actual: string };
  /**
   * A legacy inline credential or endpoint, the type of connection it belongs in, the key it has there
   * (`movesTo`, none when it has no place in a connection) and the key that names that connection
   * (`referenceKey`, `'openai.connection'`).
   */
  'deprecated-option': { readonly key: string; readonly connectionType?: string; readonly movesTo?: string; readonly referenceKey?: string };
  'duplicate-option': { readonly key: string };
  /** The methods present, in the order they first appear, with the keys of each that are present. */
  'conflicting-auth': { readonly methods: readonly AuthMethodKeys[] };
  'incomplete-auth': { readonly method: AuthMethodId; readonly missing: readonly string[] };
  /** The methods to choose from, each with the keys it needs. */
  'missing-auth': { readonly methods: readonly AuthMethodKeys[] };
  'invalid-option-value': { readonly key: string; readonly allowed?: readonly string[]; readonly suggestion?: string };
  'invalid-endpoint': { readonly schemes: readonly string[] };
  'option-not-alterable': { readonly key: string };
  'unquoted-setting': Record<string, never>;
  'unknown-connection': { readonly name: string };
  /** The directive, and the codes it names that silenced nothing (empty: it names none, and silenced nothing). */
  'unused-suppression': { readonly directive: string; readonly unused: readonly string[] };
}

export type Problem = {
  readonly [C in DiagnosticCode]: {
    readonly code: C;
    /** Where the problem is. Relative to the statement inside statement checks, absolute after analysis. */
    readonly span: Span;
    /** What is wrong and what would be right. Never contains a secret value. */
    readonly message: string;
    readonly data: ProblemDataByCode[C];
    /** Set where the problem is milder than its code's usual severity. */
    readonly severity?: Severity;
  };
}[DiagnosticCode];

/** Moves a problem found inside a statement to document offsets. */
export function shiftProblem(problem: Problem, base: number): Problem {
  return { ...problem, span: { start: problem.span.start + base, end: problem.span.end + base } };
}

/** Quotes a key or a non-secret value for a message or a fix's title, shortened so that a pasted blob stays readable. */
export const quote = (text: string): string => `'${text.length > 40 ? `${text.slice(0, 37)}…` : text}'`;

/** `a, b and c` (or `or`). */
export function listWords(words: readonly string[], conjunction = 'and'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
