/**
 * Which `flinksql.json` governs each checked file: the one given with `--config`, or the nearest one
 * in the file's folder or a folder above it. Read once per folder.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIGURATION_FILE, defaultConfiguration, parseConfiguration, type Configuration } from '../config/configuration';
import { decodeText } from './readTargets';

/** A line and column (1-based, columns in UTF-16 code units, as every finding's) for an offset of `text`. */
function lineAndColumn(text: string, offset: number): string {
  const { line, character } = TextDocument.create('file:///flinksql.json', 'json', 0, text).positionAt(offset);
  return `${line + 1}:${character + 1}`;
}

export class Configurations {
  private readonly byFolder = new Map<string, Promise<Configuration | undefined>>();
  private readonly explicit: Promise<Configuration | undefined> | undefined;
  /** Broken configuration files, as `path:line:column: reason` lines. */
  readonly failures: string[] = [];

  constructor(explicitFile?: string) {
    this.explicit = explicitFile === undefined ? undefined : this.read(explicitFile, true);
  }

  /** The configuration of `file` (a path, or the name given to standard input). */
  async of(file: string): Promise<Configuration> {
    const folder = path.dirname(path.resolve(file));
    const found = this.explicit ? await this.explicit : await this.nearest(folder);
    return found ?? defaultConfiguration(folder);
  }

  private nearest(folder: string): Promise<Configuration | undefined> {
    let known = this.byFolder.get(folder);
    if (!known) {
      known = this.read(path.join(folder, CONFIGURATION_FILE), false).then((own) => {
        const parent = path.dirname(folder);
        return own ?? (parent === folder ? undefined : this.nearest(parent));
      });
      this.byFolder.set(folder, known);
    }
    return known;
  }

  /**
   * Reads one configuration file. A broken one is reported and stands for the default configuration
   * (nothing is turned off by a file that cannot be read). Missing: undefined, or reported when asked for.
   */
  private async read(file: string, required: boolean): Promise<Configuration | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!required && (code === 'ENOENT' || code === 'ENOTDIR')) return undefined;
      this.failures.push(`${file}: cannot read the configuration (${code ?? 'error'}).`);
      return defaultConfiguration(path.dirname(path.resolve(file)));
    }
    const decoded = decodeText(bytes);
    if (!('text' in decoded)) {
      this.failures.push(`${file}: ${decoded.notText}.`);
      return defaultConfiguration(path.dirname(path.resolve(file)));
    }
    const result = parseConfiguration(decoded.text, path.dirname(path.resolve(file)));
    for (const error of result.errors) this.failures.push(`${file}:${lineAndColumn(decoded.text, error.start)}: ${error.message}`);
    return result.configuration ?? defaultConfiguration(path.dirname(path.resolve(file)));
  }
}
