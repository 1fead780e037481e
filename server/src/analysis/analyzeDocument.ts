/**
 * Every problem in a parsed document, in document offsets.
 *
 * A statement's own problems (syntax, CREATE CONNECTION rules) depend on its text alone and are
 * remembered per parsed statement, so an edit re-checks only the statements it re-parsed. Problems
 * that depend on other statements or files (ALTER against the connection's type, references to
 * unknown connections) are cheap lookups, redone on every analysis.
 */
import type { LexicalErrorKind } from '../parser/lexer';
import type { ParsedDocument } from '../parser/parseDocument';
import type { Statement } from '../parser/ast';
import { checkAlterConnection, checkCreateConnection } from './checkConnectionOptions';
import { definitionOf, referencesOf, type ConnectionDefinition } from './connectionReferences';
import { shiftProblem, type Problem } from './problem';

/** What the analysis needs to know about connections defined elsewhere (other documents, the workspace). */
export interface ConnectionLookup {
  /** Definitions of a connection by its own name, from outside the document being analysed. */
  find(name: string): readonly ConnectionDefinition[];
}

export const noConnections: ConnectionLookup = { find: () => [] };

const LEXICAL_MESSAGES: Record<LexicalErrorKind, string> = {
  'unterminated-string': "This string is not closed: add the closing ' (write '' for a quote inside it).",
  'unterminated-identifier': 'This quoted name is not closed: add the closing backtick.',
  'unterminated-comment': 'This comment is not closed: add */.',
};

const ownProblemsCache = new WeakMap<Statement, readonly Problem[]>();

/** Problems of a statement that depend on nothing but its text. */
function ownProblems(statement: Statement): readonly Problem[] {
  let problems = ownProblemsCache.get(statement);
  if (!problems) {
    problems = statement.kind === 'createConnection' ? checkCreateConnection(statement) : [];
    ownProblemsCache.set(statement, problems);
  }
  return problems;
}

export interface AnalysisOptions {
  /**
   * False for documents that may be another SQL dialect (VS Code's `sql` language): there, a statement
   * that fails to parse is reported only when it is a CONNECTION statement, which no other dialect
   * has, so that a PostgreSQL `SET search_path = x` or `WITH (fillfactor = 70)` is left alone.
   */
  readonly flinkOnly: boolean;
}

/** A CONNECTION statement's head: these statements exist in Flink SQL only. */
const CONNECTION_STATEMENT_HEAD =
  /^(?:create\s+(?:or\s+replace\s+)?connection|(?:alter|drop|describe|desc)\s+connection|show\s+connections)\b/i;

/** Every problem of `parsed`; `lookup` answers for connections defined outside it. */
export function analyzeDocument(
  parsed: ParsedDocument,
  lookup: ConnectionLookup = noConnections,
  options: AnalysisOptions = { flinkOnly: true },
): Problem[] {
  const problems: Problem[] = [];
  // Other dialects have other quoting rules (PostgreSQL's E'\'' and $$ … $$), so only Flink SQL
  // documents hear about unclosed strings and comments.
  for (const error of options.flinkOnly ? parsed.lexicalErrors : []) {
    problems.push({ code: 'syntax-error', span: { start: error.start, end: error.end }, message: LEXICAL_MESSAGES[error.kind], data: {} });
  }

  // Connections this document defines, by name; the document's own definitions come first.
  const local = new Map<string, ConnectionDefinition[]>();
  for (const { statement } of parsed.statements) {
    const definition = statement && definitionOf(statement);
    if (definition) local.set(definition.name, [...(local.get(definition.name) ?? []), definition]);
  }
  const find = (name: string): readonly ConnectionDefinition[] => local.get(name) ?? lookup.find(name);

  for (const { slice, text, statement, error } of parsed.statements) {
    const base = slice.start;
    if (error) {
      if (!options.flinkOnly && !CONNECTION_STATEMENT_HEAD.test(text)) continue;
      const start = base + Math.min(error.offset, text.length);
      // Point at the offending character, or at the statement's last character when it simply ends too early.
      const span = error.offset < text.length ? { start, end: start + 1 } : { start: Math.max(base, start - 1), end: start };
      problems.push({ code: 'syntax-error', span, message: error.message, data: {} });
      continue;
    }
    if (!statement) continue;
    for (const problem of ownProblems(statement)) problems.push(shiftProblem(problem, base));
    if (statement.kind === 'alterConnection') {
      const name = statement.name.parts[statement.name.parts.length - 1]!.value;
      const type = find(name).find((d) => d.type !== undefined)?.type;
      for (const problem of checkAlterConnection(statement, type)) problems.push(shiftProblem(problem, base));
    }
    for (const reference of referencesOf(statement)) {
      if (reference.kind === 'manage' || find(reference.name).length > 0) continue;
      problems.push({
        code: 'unknown-connection',
        span: { start: base + reference.span.start, end: base + reference.span.end },
        message: `No CREATE CONNECTION for '${reference.name}' in the open files or the workspace. It may exist only in Confluent Cloud.`,
        data: { name: reference.name },
      });
    }
  }
  return problems;
}
