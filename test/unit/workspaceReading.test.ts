/**
 * Reading a workspace's files lets the editor go first: it waits until an edit's diagnostics are
 * published, pauses while the user types, and still gets to the end however long the typing lasts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConnectionIndex } from '../../server/src/workspace/connectionIndex';
import { WorkspaceFolders, type WorkspaceEditor } from '../../server/src/workspace/workspaceFolders';

const FILES = 4;
let folder: string;

before(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'flinksql-reading-'));
  for (let i = 0; i < FILES; i++) writeFileSync(path.join(folder, `f${i}.sql`), `CREATE CONNECTION c${i} WITH ('type' = 'openai');\n`);
});

after(() => rmSync(folder, { recursive: true, force: true }));

/** Starts reading `folder` with an editor whose `busy` and `sinceLastEdit` are given; resolves when reading ends. */
function read(editor: Pick<WorkspaceEditor, 'busy' | 'sinceLastEdit'>): { index: ConnectionIndex; done: Promise<string> } {
  const index = new ConnectionIndex();
  let finished: (message: string) => void;
  const done = new Promise<string>((resolve) => (finished = resolve));
  const workspace = new WorkspaceFolders(index, {
    isOpen: () => false,
    publish: () => {},
    progress: () => Promise.resolve(undefined),
    log: (_level, message) => message.startsWith('Indexed') && finished(message),
    changed: () => {},
    ...editor,
  });
  workspace.folders = [folder];
  workspace.start();
  return { index, done };
}

const defined = (index: ConnectionIndex) => Array.from({ length: FILES }, (_, i) => index.find(`c${i}`).length).reduce((a, b) => a + b, 0);

describe('reading the workspace', () => {
  test('reads nothing while diagnostics are about to be published, and goes on once they are', async () => {
    let busy = true;
    const { index, done } = read({ busy: () => busy, sinceLastEdit: () => Infinity });
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(defined(index), 0, 'a file was read while an edit waited for its diagnostics');
    busy = false;
    assert.equal(await done, `Indexed ${FILES} SQL file(s) in 1 workspace folder(s).`);
    assert.equal(defined(index), FILES);
  });

  test('pauses after each edit, and reads every file however long the typing lasts', async () => {
    let edits = 0;
    const started = performance.now();
    // An edit a moment ago, whenever asked: the user never stops typing.
    const { index, done } = read({ busy: () => false, sinceLastEdit: () => (edits++, 0) });
    await done;
    assert.equal(defined(index), FILES);
    assert.ok(edits >= FILES, `asked ${edits} times for the last edit`);
    // Each file waited for a pause after the last edit (25 ms) at least once.
    assert.ok(performance.now() - started >= 300 + FILES * 25, 'reading did not pause for the typing');
  });
});
