import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind } from 'vscode-languageserver-types';
import { parseMarkers } from '../helpers/markers';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { documentSymbols } from '../../server/src/features/documentSymbols';

/**
 * Asserts the symbols of `source`: each expected symbol marks its statement with an outer `[|…|]`
 * and its name with an inner one, so ranges come in pairs (range, then selection range).
 */
function checkSymbols(source: string, expected: readonly { name: string; kind: SymbolKind; detail: string }[]): void {
  const { text, ranges } = parseMarkers(source);
  const document = TextDocument.create('file:///a.sql', 'flinksql', 1, text);
  const slice = (range: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    text.slice(document.offsetAt(range.start), document.offsetAt(range.end));
  const actual = documentSymbols(document, parseDocument(text)).map((s) => ({
    name: s.name,
    kind: s.kind,
    detail: s.detail,
    range: slice(s.range),
    selectionRange: slice(s.selectionRange),
  }));
  assert.equal(ranges.length, expected.length * 2, 'two marked ranges per symbol');
  assert.deepEqual(
    actual,
    expected.map((symbol, i) => ({
      ...symbol,
      range: text.slice(ranges[2 * i]!.start, ranges[2 * i]!.end),
      selectionRange: text.slice(ranges[2 * i + 1]!.start, ranges[2 * i + 1]!.end),
    })),
  );
}

describe('document symbols', () => {
  test('connections, tables, models, tools, agents and functions, with the statement and its name', () => {
    checkSymbols(
      `-- connections
[|CREATE CONNECTION [|my_openai|] WITH (
  'type' = 'OpenAI',
  'endpoint' = 'https://api.openai.com/v1/chat/completions',
  'api-key' = 'sk-SECRET'
);|]
[|CREATE TABLE [|docs|] (a INT) WITH ('connector' = 'mongodb', 'mongodb.connection' = 'my_openai');|]
SELECT 1;
DROP CONNECTION my_openai;
[|CREATE MODEL [|m|] INPUT (p STRING) OUTPUT (r STRING) WITH ('provider' = 'openai', 'openai.connection' = 'my_openai');|]
[|CREATE TOOL [|t|] USING CONNECTION mcp WITH ('type' = 'MCP');|]
[|CREATE AGENT [|a|] USING MODEL m USING PROMPT 'p' USING TOOLS t;|]
[|CREATE FUNCTION [|f|] AS 'com.example.F' USING JAR 'j' USING CONNECTIONS ('my_openai')|]`,
      [
        { name: 'my_openai', kind: SymbolKind.Object, detail: 'openai' },
        { name: 'docs', kind: SymbolKind.Struct, detail: 'table' },
        { name: 'm', kind: SymbolKind.Function, detail: 'model (openai)' },
        { name: 't', kind: SymbolKind.Function, detail: 'tool (mcp)' },
        { name: 'a', kind: SymbolKind.Class, detail: 'agent' },
        { name: 'f', kind: SymbolKind.Function, detail: 'function' },
      ],
    );
  });

  test('the detail never shows the endpoint or a secret; an unknown type is empty', () => {
    checkSymbols(`[|CREATE CONNECTION [|c|] WITH ('endpoint' = 'https://user:pw@example.com', 'api-key' = 'k');|]`, [
      { name: 'c', kind: SymbolKind.Object, detail: '' },
    ]);
  });

  test('a qualified name: the own name as the symbol, the qualifier in the detail', () => {
    checkSymbols(
      `[|CREATE CONNECTION \`env-1\`.db.[|\`my-conn\`|] WITH ('type' = 'mcp_server');|]
       [|CREATE TABLE cat.db.[|t|] (a INT);|]
       [|CREATE CONNECTION db.[|c|] WITH ()|]`,
      [
        { name: 'my-conn', kind: SymbolKind.Object, detail: 'mcp_server in env-1.db' },
        { name: 't', kind: SymbolKind.Struct, detail: 'table in cat.db' },
        { name: 'c', kind: SymbolKind.Object, detail: 'in db' },
      ],
    );
  });

  test('a statement that does not parse has no symbol; the others keep theirs', () => {
    checkSymbols(`CREATE CONNECTION a WITH ('type' 'openai');\n[|CREATE CONNECTION [|b|] WITH ('type' = 'rest');|]`, [
      { name: 'b', kind: SymbolKind.Object, detail: 'rest' },
    ]);
  });

  test('an empty backticked name is shown as written; emoji before a name keep UTF-16 positions', () => {
    checkSymbols(`/* 🚀 */ [|CREATE CONNECTION [|\`\`|] WITH ();|]\n/* 🚀🚀 */ [|CREATE TABLE [|\`🚀\`|] (a INT);|]`, [
      { name: '``', kind: SymbolKind.Object, detail: '' },
      { name: '🚀', kind: SymbolKind.Struct, detail: 'table' },
    ]);
  });
});
