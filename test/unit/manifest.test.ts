/**
 * package.json agrees with the code: the commands it contributes are the ones the client registers,
 * and the extension activates for both languages it serves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { commands } from '../../server/src/protocol';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
  main: string;
  activationEvents: string[];
  contributes: {
    configurationDefaults?: Record<string, Record<string, unknown>>;
    commands: { command: string; title: string; category: string }[];
    languages: { id: string; extensions: string[]; icon?: { light: string; dark: string } }[];
  };
};

test('every command the client registers is contributed, and nothing else', () => {
  assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(commands).sort());
  for (const command of manifest.contributes.commands) assert.equal(command.category, 'Flink SQL');
});

test('the extension activates for flinksql and sql documents, and at start-up in a workspace that holds SQL files (so masks are ready when the first file opens)', () => {
  assert.deepEqual(manifest.activationEvents.sort(), ['onLanguage:flinksql', 'onLanguage:sql', 'workspaceContains:**/*.fsql', 'workspaceContains:**/*.sql']);
});

test('word-based suggestions, which would list the words of secret values, are off by default in flinksql and sql documents', () => {
  for (const language of ['[flinksql]', '[sql]']) assert.equal(manifest.contributes.configurationDefaults?.[language]?.['editor.wordBasedSuggestions'], 'off');
});

test('a word stops at a hyphen, so a hyphenated value is not one long word', () => {
  const { wordPattern } = JSON.parse(readFileSync(path.join(__dirname, '../../language-configuration.json'), 'utf8')) as { wordPattern: string };
  const words = (text: string) => text.match(new RegExp(wordPattern, 'g'));
  assert.deepEqual(words("'api-key' = 'sk-live-7Hq2'"), ['api', 'key', 'sk', 'live', '7Hq2']);
  assert.deepEqual(words('SELECT a_b, 1.5e3 FROM `t`'), ['SELECT', 'a_b', '1.5e3', 'FROM', 't']);
});

test('flinksql is the language of .flink.sql and .fsql files', () => {
  const flinksql = manifest.contributes.languages.find((l) => l.id === 'flinksql');
  assert.deepEqual(flinksql?.extensions, ['.flink.sql', '.fsql']);
});

test('the manifest main is the client bundle', () => {
  assert.equal(manifest.main, './client/dist/extension.js');
});

test('.flink.sql and .fsql files have a file icon, for light and dark themes, that exists', () => {
  const icon = manifest.contributes.languages.find((l) => l.id === 'flinksql')?.icon;
  assert.ok(icon, 'contributes.languages[flinksql].icon');
  for (const file of [icon.light, icon.dark]) {
    assert.ok(existsSync(path.join(__dirname, '../..', file)), file);
    assert.match(readFileSync(path.join(__dirname, '../..', file), 'utf8'), /^<svg [^>]*viewBox="0 0 16 16"/);
  }
});
