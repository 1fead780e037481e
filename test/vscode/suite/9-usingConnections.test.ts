/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { flinkDiagnostics, showFixture, waitFor } from './helpers';

const same = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);

suite('Statements that use connections', () => {
  test('a model naming a connection of another type gets a connection-type-mismatch squiggle on the name', async () => {
    const { document } = await showFixture('using.flink.sql');
    await waitFor('the mismatch error of using.flink.sql', () => same(flinkDiagnostics(document), ['connection-type-mismatch@30:27 "using-mongo"']), {
      lastSeen: () => flinkDiagnostics(document),
    });
    const [diagnostic] = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'flinksql');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic!.message, /needs a connection of type 'openai', but 'using-mongo' is of type 'mongodb'/);
  });
});
