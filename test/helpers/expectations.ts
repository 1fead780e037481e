/**
 * The `-- expect: code[, code]` convention of the example and corpus files: the comment lines before
 * a statement name the codes the checker must report on it, in order.
 */
import type { Finding } from '../../server/src/cli/checkFiles';
import { splitStatements } from '../../server/src/parser/splitStatements';

/**
 * What the `-- expect:` comments of `text` promise and what `findings` report, statement by
 * statement, as `line code` strings (the line of the statement's first character), to compare whole.
 */
export function expectationsOf(text: string, findings: readonly Finding[]): { expected: string[]; actual: string[] } {
  const { statements } = splitStatements(text);
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  // The comment lines between the previous statement and this one.
  let previousEnd = 0;
  const expected: string[] = [];
  for (const statement of statements) {
    const comment = text.slice(previousEnd, statement.start);
    const codes = [...comment.matchAll(/^-- expect: ([a-z-]+(?:, [a-z-]+)*)/gm)].flatMap((m) => m[1]!.split(', '));
    for (const code of codes) expected.push(`${lineOf(statement.start)} ${code}`);
    previousEnd = statement.semicolon >= 0 ? statement.semicolon + 1 : statement.end;
  }
  // Each finding belongs to the statement that contains it.
  const lines = text.split('\n');
  const actual = findings.map((f) => {
    const offset = lines.slice(0, f.line - 1).join('\n').length + f.column;
    const owner = statements.find((s) => s.start <= offset && offset <= (s.semicolon >= 0 ? s.semicolon : s.end));
    return `${owner ? lineOf(owner.start) : `between statements, line ${f.line}:`} ${f.code}`;
  });
  return { expected, actual };
}
