/**
 * The package's README (scripts/packageReadme.ts) reads well in VS Code's Extensions view, where the
 * repository's README does not: the checks of test/vscode/vsixContents.ts, on the README as packaged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { packageReadme } from '../../scripts/packageReadme';
import { markdownImages, readmeProblems } from '../vscode/vsixContents';

const root = path.join(__dirname, '..', '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const packaged = packageReadme(readme, (relative) => readFileSync(path.join(root, relative)));

test("the repository's README would show broken images and open with commands", () => {
  const problems = readmeProblems(readme, root);
  assert.ok(problems.some((p) => /not what the extension does/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /is not an absolute link/.test(p)), problems.join('\n'));
});

test("the package's README begins with what the extension does and shows every image, embedded", () => {
  assert.deepEqual(readmeProblems(packaged, root), []);
  assert.equal(markdownImages(packaged).length, markdownImages(readme).length);
  assert.match(packaged, /^# Flink SQL Connections\n\nEditor tooling for the `CONNECTION` resources/);
});

test("it leaves out the developers' sections and parts, and keeps the users'", () => {
  for (const heading of ['## What it checks', '## Secrets stay off the screen', '## Use it in VS Code', '## The command-line checker']) {
    assert.ok(packaged.includes(`\n${heading}\n`), heading);
  }
  for (const left of ['## How it is built', '## Performance', '## Tests', 'npm ci && npm test', 'npm run package', '<!-- package']) {
    assert.ok(!packaged.includes(left), left);
  }
});
