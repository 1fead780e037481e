import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { ConnectionIndex, entriesIn, entriesInText } from '../../server/src/workspace/connectionIndex';
import { matchScore, workspaceSymbols } from '../../server/src/features/workspaceSymbols';

const WITH = `WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com', 'api-key' = 'sk-SECRET')`;

function indexOf(files: Record<string, string>): ConnectionIndex {
  const index = new ConnectionIndex();
  for (const [i, [uri, text]] of Object.entries(files).entries()) {
    // The first file is open, the others are read from disk: both kinds are searched.
    if (i === 0) index.set(uri, entriesIn(uri, TextDocument.create(uri, 'flinksql', 1, text), parseDocument(text)));
    else index.set(uri, entriesInText(uri, text));
  }
  return index;
}

const index = indexOf({
  'file:///work/ai/models.sql': `CREATE CONNECTION openai_prod ${WITH};\nCREATE TABLE openai_table (a INT);`,
  'file:///work/my%20files/connections.fsql': `CREATE CONNECTION env.db.\`Prod-OpenAI\` ${WITH};\nCREATE CONNECTION mongo ${WITH};`,
  'untitled:Untitled-1': `/* 🚀 */ CREATE CONNECTION \`🚀 launch\` ${WITH};`,
  'file:///work/ai/agents.sql': `CREATE MODEL chat WITH ('provider' = 'openai', 'openai.connection' = 'mongo');
CREATE TOOL search USING CONNECTION mcp WITH ('type' = 'mcp');
CREATE AGENT helper USING MODEL chat USING PROMPT 'p' USING TOOLS search;`,
});

const names = (query: string) => workspaceSymbols(query, index).map((s) => s.name);

describe('workspace symbols', () => {
  test('an empty query lists every connection, model, tool and agent, by name; tables are none of them', () => {
    assert.deepEqual(names(''), ['Prod-OpenAI', 'chat', 'helper', 'mongo', 'openai_prod', 'search', '🚀 launch']);
  });

  test('a model and a tool are functions, an agent a class', () => {
    assert.deepEqual(
      workspaceSymbols('', index).filter((s) => s.containerName === 'agents.sql').map((s) => `${s.name} ${s.kind}`),
      [`chat ${SymbolKind.Function}`, `helper ${SymbolKind.Class}`, `search ${SymbolKind.Function}`],
    );
  });

  test('case-insensitive: prefixes first, then substrings, then subsequences', () => {
    assert.deepEqual(names('OPENAI'), ['openai_prod', 'Prod-OpenAI']);
    assert.deepEqual(names('prod'), ['Prod-OpenAI', 'openai_prod']);
    assert.deepEqual(names('opd'), ['openai_prod']);
    assert.deepEqual(names('mgo'), ['mongo']);
    assert.deepEqual(names('xyz'), []);
  });

  test('each symbol is at its name, in a container named after its file', () => {
    const [symbol] = workspaceSymbols('launch', index);
    assert.deepEqual(symbol, {
      name: '🚀 launch',
      kind: SymbolKind.Object,
      location: { uri: 'untitled:Untitled-1', range: { start: { line: 0, character: 27 }, end: { line: 0, character: 38 } } },
      containerName: 'Untitled-1',
    });
    assert.equal(workspaceSymbols('mongo', index)[0]!.containerName, 'connections.fsql');
    assert.equal(workspaceSymbols('openai_prod', index)[0]!.containerName, 'models.sql');
  });

  test('no symbol shows an endpoint or a secret', () => {
    assert.doesNotMatch(JSON.stringify(workspaceSymbols('', index)), /SECRET|api\.openai/);
  });

  test('matchScore', () => {
    assert.equal(matchScore('', 'x'), 0);
    assert.equal(matchScore('Ab', 'abc'), 0);
    assert.equal(matchScore('bc', 'ABC'), 1);
    assert.equal(matchScore('ac', 'abc'), 2);
    assert.equal(matchScore('ca', 'abc'), undefined);
  });
});
