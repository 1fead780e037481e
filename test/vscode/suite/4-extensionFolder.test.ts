/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extension } from './helpers';

// runTests.ts loads the extension from the repository, or from FLINKSQL_TEST_EXTENSION_PATH: the folder
// `npm run test:vscode:vsix` installed the .vsix into. This suite checks that the tests ran the extension
// they were meant to, so a passing run of test:vscode:vsix really is a run of the packaged files.
suite('The extension under test', () => {
  // The compiled suite is test/vscode/out/suite/*.js: the repository is four folders up.
  const expected = path.resolve(process.env.FLINKSQL_TEST_EXTENSION_PATH || path.join(__dirname, '..', '..', '..', '..'));

  test('is loaded from the folder runTests.ts was given', () => {
    console.log(`    extension folder: ${extension().extensionPath}`);
    assert.equal(fs.realpathSync(extension().extensionPath), fs.realpathSync(expected));
  });

  test('runs the bundles in that folder (client and language server)', () => {
    const main = String(extension().packageJSON.main);
    assert.ok(fs.existsSync(path.join(extension().extensionPath, main)), `${main} is not in ${extension().extensionPath}`);
    assert.ok(fs.existsSync(path.join(extension().extensionPath, 'server', 'dist', 'server.js')));
  });
});
