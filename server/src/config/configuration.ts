/**
 * `flinksql.json`, a project's configuration, read by the checker (the nearest one above each file,
 * or `--config FILE`) and the language server (at a workspace folder's root):
 *
 *   {
 *     "rules": { "unknown-connection": "off", "option-not-alterable": "error" },
 *     "ignore": ["generated/**", "*.tmp.sql"],
 *     "catalogue": { "connectionTypes": { "snowflake": { … } } }
 *   }
 *
 * `rules` sets a diagnostic code's severity, or turns it off; `ignore` lists glob patterns of files
 * not to check, relative to the file's folder; `catalogue` adds to the built-in catalogue
 * (catalogue/additions.ts). Reading never throws: a broken file gives a list of
 * problems, each with where it is, and the caller says so (the checker exits 2; the server reports
 * them on the file). A broken file never silently turns checks off.
 */
import * as path from 'node:path';
import { diagnosticCodes, type DiagnosticCode, type Severity } from '../diagnosticCodes';
import type { Problem } from '../analysis/problem';
import { builtInCatalogue, type Catalogue } from '../catalogue/catalogue';
import { readCatalogue } from '../catalogue/additions';

export const CONFIGURATION_FILE = 'flinksql.json';

export type RuleSetting = 'off' | Severity;
const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'information', 'warning', 'error'];

export interface Configuration {
  /** The folder the file is in: `ignore` patterns are relative to it. */
  readonly folder: string;
  readonly rules: Readonly<Partial<Record<DiagnosticCode, RuleSetting>>>;
  readonly ignore: readonly string[];
  /** The catalogue the files are checked against: the built-in one, with the file's `catalogue` additions. */
  readonly catalogue: Catalogue;
}

/** A mistake in the file: what is wrong, and the offsets of the part it is about. */
export interface ConfigurationError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export type ConfigurationResult = { readonly configuration: Configuration; readonly errors: readonly [] } | { readonly configuration?: undefined; readonly errors: readonly ConfigurationError[] };

/** The configuration that changes nothing, for files with no `flinksql.json` above them. */
export const defaultConfiguration = (folder: string): Configuration => ({ folder, rules: {}, ignore: [], catalogue: builtInCatalogue });

/** What makes two configurations check alike: equal for equal files (the catalogue by its additions). */
export const configurationSignature = (configuration: Configuration | undefined): string =>
  JSON.stringify(configuration ? { ...configuration, catalogue: configuration.catalogue.signature } : null);

/** Where `"name"` first appears as a key in `text` (for pointing at a mistake), or the whole text. */
function keySpan(text: string, name: string): { start: number; end: number } {
  return pathSpan(text, [name]);
}

/**
 * Where the key at the end of `path` (keys from the top of the file) is written in `text`: each key
 * is looked for as `"key":` after the one before it. The start of the file when it is not found.
 */
function pathSpan(text: string, path: readonly string[]): { start: number; end: number } {
  let from = 0;
  let span = { start: 0, end: Math.min(text.length, 1) };
  for (const key of path) {
    const pattern = new RegExp(`${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'g');
    pattern.lastIndex = from;
    const found = pattern.exec(text);
    if (!found) break;
    span = { start: found.index, end: found.index + JSON.stringify(key).length };
    from = span.end;
  }
  return span;
}

/** Reads a `flinksql.json` whose text is `text`, in `folder`. */
export function parseConfiguration(text: string, folder: string): ConfigurationResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8: "Unexpected token } in JSON at position 42" or "… (line 3 column 5)".
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const at = position ? Number(position[1]) : 0;
    return { errors: [{ message: `${CONFIGURATION_FILE} is not valid JSON: ${message.replace(/^JSON\.parse: /, '')}`, start: at, end: Math.min(text.length, at + 1) }] };
  }
  const errors: ConfigurationError[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { errors: [{ message: `${CONFIGURATION_FILE} must hold an object: { "rules": {…}, "ignore": […], "catalogue": {…} }.`, start: 0, end: text.length }] };
  }
  const object = value as Record<string, unknown>;
  const rules: Partial<Record<DiagnosticCode, RuleSetting>> = {};
  const ignore: string[] = [];
  for (const key of Object.keys(object)) {
    if (key !== 'rules' && key !== 'ignore' && key !== 'catalogue' && key !== '$schema') {
      errors.push({ message: `Unknown setting "${key}" in ${CONFIGURATION_FILE}: it takes "rules", "ignore" and "catalogue".`, ...keySpan(text, key) });
    }
  }
  if (object['rules'] !== undefined) {
    const given = object['rules'];
    if (typeof given !== 'object' || given === null || Array.isArray(given)) {
      errors.push({ message: '"rules" must be an object: { "<code>": "off" | "information" | "warning" | "error" }.', ...keySpan(text, 'rules') });
    } else {
      for (const [code, setting] of Object.entries(given)) {
        if (!(code in diagnosticCodes)) {
          errors.push({ message: `"${code}" is not a flinksql code. The codes: ${Object.keys(diagnosticCodes).join(', ')}.`, ...keySpan(text, code) });
        } else if (!RULE_SETTINGS.includes(setting as RuleSetting)) {
          errors.push({ message: `"${code}" takes "off", "information", "warning" or "error".`, ...keySpan(text, code) });
        } else {
          rules[code as DiagnosticCode] = setting as RuleSetting;
        }
      }
    }
  }
  if (object['ignore'] !== undefined) {
    const given = object['ignore'];
    if (!Array.isArray(given) || !given.every((p) => typeof p === 'string' && p.trim() !== '')) {
      errors.push({ message: '"ignore" must be a list of glob patterns, such as ["generated/**", "*.tmp.sql"].', ...keySpan(text, 'ignore') });
    } else {
      ignore.push(...(given as string[]));
    }
  }
  let catalogue = builtInCatalogue;
  if (object['catalogue'] !== undefined) {
    const read = readCatalogue(object['catalogue'], ['catalogue']);
    for (const error of read.errors) errors.push({ message: error.message, ...pathSpan(text, error.path) });
    catalogue = read.catalogue ?? catalogue;
  }
  return errors.length > 0 ? { errors } : { configuration: { folder, rules, ignore, catalogue }, errors: [] };
}

/** The problems as the configuration wants them: those of codes turned off dropped, severities set. */
export function applyRules(configuration: Configuration, problems: readonly Problem[]): Problem[] {
  const { rules } = configuration;
  if (Object.keys(rules).length === 0) return [...problems];
  const result: Problem[] = [];
  for (const problem of problems) {
    const setting = rules[problem.code];
    if (setting === 'off') continue;
    result.push(setting === undefined ? problem : { ...problem, severity: setting });
  }
  return result;
}

/**
 * A glob pattern as a regular expression over `/`-separated relative paths: `**` any number of
 * folders, `*` any characters but `/`, `?` one, `{a,b}` either. A pattern without `/` matches a file
 * name in any folder (as in .gitignore); a trailing `/` matches everything in a folder.
 */
export function globToRegExp(pattern: string): RegExp {
  let glob = pattern.trim().replace(/^\.\//, '');
  if (glob.endsWith('/')) glob += '**';
  const anywhere = !glob.includes('/');
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) source += '\\{';
      else {
        source += `(?:${glob
          .slice(i + 1, close)
          .split(',')
          .map((part) => part.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
          .join('|')})`;
        i = close;
      }
    } else source += c.replace(/[.+^$()|[\]\\}]/g, '\\$&');
  }
  return new RegExp(`^${anywhere ? '(?:.*/)?' : ''}${source}$`);
}

/** Whether `file` (a path) is one the configuration's `ignore` patterns leave out. */
export function isIgnored(configuration: Configuration, file: string): boolean {
  if (configuration.ignore.length === 0) return false;
  const relative = path.relative(configuration.folder, path.resolve(file)).split(path.sep).join('/');
  if (relative.startsWith('../')) return false;
  return configuration.ignore.some((pattern) => globToRegExp(pattern).test(relative));
}
