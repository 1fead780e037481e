/**
 * package.json agrees with the code: the commands it contributes are the ones the client registers,
 * and the extension activates for both languages it serves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { commands } from '../../server/src/protocol';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
  main: string;
  activationEvents: string[];
  contributes: { commands: { command: string; title: string; category: string }[]; languages: { id: string; extensions: string[] }[] };
};

test('every command the client registers is contributed, and nothing else', () => {
  assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(commands).sort());
  for (const command of manifest.contributes.commands) assert.equal(command.category, 'Flink SQL');
});

test('the extension activates for flinksql and sql documents', () => {
  assert.deepEqual(manifest.activationEvents.sort(), ['onLanguage:flinksql', 'onLanguage:sql']);
});

test('flinksql is the language of .flink.sql and .fsql files', () => {
  const flinksql = manifest.contributes.languages.find((l) => l.id === 'flinksql');
  assert.deepEqual(flinksql?.extensions, ['.flink.sql', '.fsql']);
});

test('the manifest main is the client bundle', () => {
  assert.equal(manifest.main, './client/dist/extension.js');
});
