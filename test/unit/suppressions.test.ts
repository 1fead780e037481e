/**
 * Suppression comments: which problems each directive silences, and the unused-suppression warning
 * for a directive that silences nothing. Expected problems are marked `[|…|]`, in order.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentEdit, type TextEdit } from 'vscode-languageserver-types';
import { applySuppressions } from '../../server/src/analysis/suppressions';
import { toDiagnostics } from '../../server/src/features/diagnostics';
import { suppressionActions } from '../../server/src/features/suppressionFixes';
import { problemsOf } from '../helpers/analysis';
import { parseMarkers } from '../helpers/markers';

/** Asserts that after the directives of `source`, its problems are exactly `codes` at the marked ranges. */
function checkSuppressed(source: string, codes: readonly string[]): string[] {
  const { text, ranges } = parseMarkers(source);
  const problems = applySuppressions(text, problemsOf(text)).sort((a, b) => a.span.start - b.span.start);
  assert.deepEqual(
    problems.map((p) => `${p.code} ${JSON.stringify(text.slice(p.span.start, p.span.end))}`),
    codes.map((code, i) => `${code} ${JSON.stringify(text.slice(ranges[i]!.start, ranges[i]!.end))}`),
  );
  return problems.map((p) => p.message);
}

const typo = (name: string, key = 'ap-key') => `CREATE CONNECTION ${name} WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', '${key}' = 'k');`;

describe('suppression comments', () => {
  test('disable-next-line silences the named code on the next line only', () => {
    checkSuppressed(
      `-- flinksql-disable-next-line unknown-option -- a Preview key Confluent documents elsewhere
${typo('a')}
CREATE CONNECTION b WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', [|'ap-key'|] = 'k');`,
      ['unknown-option'],
    );
  });

  test('disable-line silences its own line; a directive without codes silences every code', () => {
    checkSuppressed(
      `${typo('a')} -- flinksql-disable-line
${typo('b')} /* flinksql-disable-line unknown-option */
CREATE CONNECTION c WITH ('type' = [|'opneai'|], 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'k'); [|// flinksql-disable-line unknown-option|]`,
      ['unknown-connection-type', 'unused-suppression'],
    );
  });

  test('disable … enable silences a region; enable with codes re-enables those only', () => {
    checkSuppressed(
      `/* flinksql-disable unknown-option, unknown-connection-type */
${typo('a')}
CREATE CONNECTION b WITH ('type' = 'opneai', 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'k');
/* flinksql-enable unknown-option */
CREATE CONNECTION c WITH ('type' = 'opneai', 'endpoint' = 'https://api.openai.com/v1', [|'ap-key'|] = 'k');
/* flinksql-enable */
CREATE CONNECTION d WITH ('type' = [|'opneai'|], 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'k');`,
      ['unknown-option', 'unknown-connection-type'],
    );
  });

  test('a disable without enable runs to the end of the file', () => {
    checkSuppressed(`-- flinksql-disable unknown-option\n${typo('a')}\n\n${typo('b')}`, []);
  });

  test('a directive that silences nothing, or names an unknown code, is an unused-suppression warning that quotes no comment text', () => {
    const messages = checkSuppressed(
      `[|-- flinksql-disable-next-line unknown-option|]
CREATE CONNECTION a WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'k');
[|-- flinksql-disable-next-line unknown-optoin, sk-LEAK_1234 -- api-key sk-LEAK-REASON|]
CREATE CONNECTION b WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', [|'ap-key'|] = 'k');
[|/* flinksql-disable */|]`,
      ['unused-suppression', 'unused-suppression', 'unknown-option', 'unused-suppression'],
    );
    assert.match(messages[0]!, /'flinksql-disable-next-line unknown-option' silences nothing for 'unknown-option': 'unknown-option' is not reported where it applies/);
    assert.match(messages[1]!, /'unknown-optoin', a name are not flinksql codes/);
    assert.match(messages[3]!, /'flinksql-disable' silences nothing: nothing is reported where it applies/);
    for (const message of messages) assert.doesNotMatch(message, /LEAK/);
  });

  test('directive-like text in a string is not a directive', () => {
    checkSuppressed(`SELECT '-- flinksql-disable-next-line';\nCREATE CONNECTION a WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', [|'ap-key'|] = 'k');`, [
      'unknown-option',
    ]);
  });
});

describe('suppression quick fixes', () => {
  const uri = 'file:///s.flink.sql';
  /** The text after the action titled `title`, offered for the diagnostic of `code`. */
  function after(text: string, code: string, title: string): string {
    const document = TextDocument.create(uri, 'flinksql', 1, text);
    const diagnostics = toDiagnostics(document, applySuppressions(text, problemsOf(text))).filter((d) => d.code === code);
    assert.ok(diagnostics.length > 0, `a ${code} diagnostic`);
    const action = suppressionActions(document, diagnostics).find((a) => a.title === title);
    assert.ok(action, `no action '${title}' in ${JSON.stringify(suppressionActions(document, diagnostics).map((a) => a.title))}`);
    const [change] = action.edit!.documentChanges!;
    assert.ok(TextDocumentEdit.is(change));
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    return TextDocument.applyEdits(document, change.edits as TextEdit[]);
  }

  test("Ignore '<code>' on this line: a directive above the line, with its indentation, after which the finding is gone", () => {
    const text = `CREATE CONNECTION a WITH (\n    'type' = 'openai',\n    'endpoint' = 'https://api.openai.com/v1',\n    'ap-key' = 'k'\n);\n`;
    const fixed = after(text, 'unknown-option', "Ignore 'unknown-option' on this line");
    assert.equal(fixed, text.replace("    'ap-key'", "    -- flinksql-disable-next-line unknown-option\n    'ap-key'"));
    assert.deepEqual(applySuppressions(fixed, problemsOf(fixed)), []);
  });

  test('a second code joins a directive already above the line', () => {
    const text = `-- flinksql-disable-next-line unknown-connection-type\nCREATE CONNECTION a WITH ('type' = 'opneai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key' = 'k');\n`;
    const fixed = after(text, 'unknown-option', "Ignore 'unknown-option' on this line");
    assert.equal(fixed, text.replace('unknown-connection-type\n', 'unknown-connection-type, unknown-option\n'));
    assert.deepEqual(applySuppressions(fixed, problemsOf(fixed)), []);
  });

  test('Remove the unused suppression comment: the line when it stands alone, the comment after code otherwise', () => {
    const clean = "CREATE CONNECTION a WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'api-key' = 'k');";
    assert.equal(after(`-- flinksql-disable-next-line unknown-option\n${clean}\n`, 'unused-suppression', 'Remove the unused suppression comment'), `${clean}\n`);
    assert.equal(after(`${clean} -- flinksql-disable-line\n`, 'unused-suppression', 'Remove the unused suppression comment'), `${clean}\n`);
  });

  test('only quick fixes: none for other kinds, none for other sources', () => {
    const text = "CREATE CONNECTION a WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1', 'ap-key' = 'k');";
    const document = TextDocument.create(uri, 'flinksql', 1, text);
    const diagnostics = toDiagnostics(document, problemsOf(text));
    assert.equal(suppressionActions(document, diagnostics, ['source.fixAll']).length, 0);
    assert.equal(suppressionActions(document, diagnostics.map((d) => ({ ...d, source: 'other' }))).length, 0);
    assert.equal(suppressionActions(document, diagnostics, ['quickfix']).length, 1);
  });
});
