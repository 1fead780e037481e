/**
 * The workspace folders as the server reads them from disk: each folder's flinksql.json (its rules
 * and ignored files; its mistakes shown on the file itself), and what the folders' SQL files define
 * and name, in the connection index. An open document is the truth for its file: its own parse fills
 * its index entry (documentStore.ts), and a file opened while it was read is left to it.
 */
import { promises as fs, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkDoneProgressServerReporter as Progress } from 'vscode-languageserver';
import { CONFIGURATION_FILE, configurationSignature, defaultConfiguration, parseConfiguration, type Configuration } from '../config/configuration';
import { diagnosticSource } from '../diagnosticCodes';
import { readingEntries, type ConnectionIndex } from './connectionIndex';
import { findSqlFiles, isSqlFile } from './sqlFiles';

/** How many workspace files the index reads at most, and the largest it reads. */
const MAX_WORKSPACE_FILES = 5000;
const MAX_WORKSPACE_FILE_BYTES = 8 * 1024 * 1024;
/** How long after `start` the folders' files are read. */
const INDEX_DELAY_MS = 300;
/**
 * How long reading a file goes on before it lets the editor's messages through: a keystroke's
 * diagnostics then wait this long at most, also for the first files, read while the JIT is cold.
 */
const SLICE_MS = 4;
/** How long after an edit reading the workspace waits before its next slice: keystrokes come faster than that. */
const TYPING_PAUSE_MS = 25;
/** How long reading the workspace may take before the user is shown its progress. */
const PROGRESS_AFTER_MS = 500;

/** What the workspace asks of the editor. */
export interface WorkspaceEditor {
  isOpen(uri: string): boolean;
  /** Shows a file's diagnostics (a flinksql.json's mistakes). */
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** A progress report, asked of the client; undefined when it shows none (it may never answer). */
  progress(): Promise<Progress | undefined>;
  /** Logs (never document text). */
  log(level: 'info' | 'error', message: string): void;
  /** What files define, or a configuration, changed: the open documents' diagnostics may change. */
  changed(): void;
  /** Whether diagnostics are about to be published (a document changed): reading the files waits for them. */
  busy(): boolean;
  /** Milliseconds since a document last changed (Infinity: never). */
  sinceLastEdit(): number;
}

/** What `read` gives, or undefined when it throws (a file gone, unreadable, no file at all). */
function orUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The path a `file:` URI names; undefined for anything else. */
function pathOf(uri: unknown): string | undefined {
  try {
    return typeof uri === 'string' && uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The workspace folders' paths, from `initialize`'s `workspaceFolders` or `rootUri` (whatever shape they come in). */
export function folderPaths(params: { readonly workspaceFolders?: unknown; readonly rootUri?: unknown } | null | undefined): string[] {
  const folders: unknown = params?.workspaceFolders;
  const uris = Array.isArray(folders) ? folders.map((folder: { uri?: unknown } | null) => folder?.uri) : [params?.rootUri];
  return uris.flatMap((uri) => pathOf(uri) ?? []);
}

export class WorkspaceFolders {
  /** The folders' paths, from `initialize`. */
  folders: readonly string[] = [];
  /** False while the folders' files are first read: until then, "unknown connection" would be premature. */
  indexed = false;
  /**
   * Whether the client watches the folders' files for the server (its registration succeeded). Until
   * it does, and for good when it refuses or never answers, `refresh` looks at the files itself.
   */
  watched = false;
  /** The configuration of each folder that has a readable flinksql.json (a broken one counts as none). */
  private readonly configurations = new Map<string, Configuration>();
  /** The flinksql.json files whose mistakes are shown, to be cleared once they are fixed or gone. */
  private readonly brokenConfigurations = new Set<string>();
  /** When each file the index read from disk was last changed, and its size: a change shows in either. */
  private readonly fileStamps = new Map<string, string>();
  private refreshing = false;
  private refreshAgain = false;

  constructor(
    private readonly index: ConnectionIndex,
    private readonly editor: WorkspaceEditor,
  ) {}

  /**
   * Reads the folders' flinksql.json now, and their SQL files a moment later: an editor opens its
   * visible files right after `initialized`, and their first analyses come first (an open file's parse
   * serves the index; reading it from disk meanwhile would parse it twice, and hold up its diagnostics).
   */
  start(): void {
    void this.readConfigurations().then(() => setTimeout(() => void this.indexAll(), INDEX_DELAY_MS));
  }

  /** The configuration that applies to a document (its innermost folder's), and the document's path. */
  configurationOf(uri: string): { configuration: Configuration; file: string | undefined } {
    const file = pathOf(uri);
    const folder = file === undefined ? undefined : this.folders.filter((f) => file!.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
    return { configuration: (folder && this.configurations.get(folder)) || defaultConfiguration(folder ?? ''), file };
  }

  /** Takes in the files the client saw change, created or deleted (a deleted file is forgotten when it is read). */
  async filesChanged(uris: readonly string[]): Promise<void> {
    let changed = false;
    for (const uri of uris) {
      if (uri.endsWith(`/${CONFIGURATION_FILE}`)) {
        const folder = this.folders.find((f) => pathToFileURL(path.join(f, CONFIGURATION_FILE)).toString() === uri);
        if (folder) changed = (await this.readConfiguration(folder)) || changed;
      } else if (isSqlFile(uri)) {
        changed = (await this.indexFile(uri)) || changed;
      }
    }
    if (changed) this.editor.changed();
  }

  /** After a document closed: what its file defines is now what is on disk (or nothing, for an unsaved document). */
  async closed(uri: string): Promise<void> {
    if (await this.indexFile(uri)) this.editor.changed();
    this.refresh();
  }

  /**
   * Brings the index up to date with the files on disk, for a client that does not watch them: reads
   * the files that are new or changed since the index read them, and forgets those that are gone. Runs
   * when the user opens, saves or closes a document — the moments a file may have changed behind the
   * editor's back (another editor, git, a generator); one run at a time, and one more if asked meanwhile.
   */
  refresh(): void {
    if (this.watched || !this.indexed || this.folders.length === 0) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    void (async () => {
      let changed = false;
      try {
        changed = await this.readConfigurations();
        const onDisk = await this.fileUris();
        const present = new Set(onDisk);
        for (const uri of [...this.fileStamps.keys()]) if (!present.has(uri) && !this.editor.isOpen(uri)) changed = this.forgetFile(uri) || changed;
        for (const uri of onDisk) changed = (await this.indexFile(uri, true)) || changed;
      } catch (error) {
        this.editor.log('error', `Looking for changed SQL files failed: ${messageOf(error)}`);
      } finally {
        this.refreshing = false;
        if (changed) this.editor.changed();
        if (this.refreshAgain) {
          this.refreshAgain = false;
          this.refresh();
        }
      }
    })();
  }

  /** Reads every folder's flinksql.json; true when a configuration changed. */
  private async readConfigurations(): Promise<boolean> {
    let changed = false;
    for (const folder of this.folders) changed = (await this.readConfiguration(folder)) || changed;
    return changed;
  }

  /**
   * Reads a folder's flinksql.json. Its mistakes are published as diagnostics on the file itself;
   * until it is fixed, the folder keeps every rule as built in (a broken file turns nothing off).
   * Returns whether the configuration changed; never fails (a failure is logged).
   */
  private async readConfiguration(folder: string): Promise<boolean> {
    try {
      const file = path.join(folder, CONFIGURATION_FILE);
      const uri = pathToFileURL(file).toString();
      const before = configurationSignature(this.configurations.get(folder));
      const text = await fs.readFile(file, 'utf8').catch(() => undefined);
      const result = text === undefined ? undefined : parseConfiguration(text, folder);
      // The same settings keep their object: the open documents' analyses are kept under the same catalogue.
      if (result?.configuration) {
        if (configurationSignature(result.configuration) !== before) this.configurations.set(folder, result.configuration);
      }
      else this.configurations.delete(folder);
      const positions = TextDocument.create(uri, 'json', 0, text ?? '');
      const diagnostics = (result?.errors ?? []).map((error) => ({
        range: { start: positions.positionAt(error.start), end: positions.positionAt(error.end) },
        severity: DiagnosticSeverity.Error,
        source: diagnosticSource,
        code: 'invalid-configuration',
        message: `${error.message} Until it is fixed, every rule applies as built in.`,
      }));
      // Published when there is something to show or to clear: not for a folder without the file, each
      // time a client that does not watch files opens, saves or closes a document.
      if (diagnostics.length > 0 || this.brokenConfigurations.has(uri)) this.editor.publish(uri, diagnostics);
      if (diagnostics.length > 0) this.brokenConfigurations.add(uri);
      else this.brokenConfigurations.delete(uri);
      return configurationSignature(this.configurations.get(folder)) !== before;
    } catch (error) {
      this.editor.log('error', `Reading flinksql.json failed: ${messageOf(error)}`);
      return false;
    }
  }

  /** Reads all the folders' SQL files into the index, showing progress when it takes a while; then the open documents are checked again. */
  private async indexAll(): Promise<void> {
    let files = 0;
    let total = 0;
    const status = () => [Math.round((files * 100) / total), `${files} of ${total} SQL files`] as const;
    const started = Date.now();
    // Progress once reading takes longer than PROGRESS_AFTER_MS, asked for without waiting: a client
    // that never answers must not hold the reading up. One that comes after the end is ended at once.
    let asked: Promise<Progress | undefined> | undefined;
    let progress: Progress | undefined;
    let finished = false;
    try {
      const uris = await this.fileUris();
      total = uris.length;
      for (const uri of uris) {
        if (!asked && Date.now() - started > PROGRESS_AFTER_MS) {
          asked = this.editor.progress().then((reporter) => {
            if (!finished) (progress = reporter)?.begin('Flink SQL: reading the workspace', ...status());
            return reporter;
          });
        }
        await this.indexFile(uri);
        files++;
        if (progress && files % 25 === 0) progress.report(...status());
        // Let edits and requests through while a large workspace is read.
        await this.editorFirst();
      }
      this.editor.log('info', `Indexed ${files} SQL file(s) in ${this.folders.length} workspace folder(s).`);
    } catch (error) {
      this.editor.log('error', `Reading the workspace's SQL files stopped after ${files}: ${messageOf(error)}`);
    } finally {
      finished = true;
      void asked?.then((reporter) => reporter?.done());
      this.indexed = true;
      this.editor.changed();
    }
  }

  /**
   * Lets the messages that came in be handled, and waits until the diagnostics they bring are
   * published; while the user types, waits until TYPING_PAUSE_MS after the last edit, once: reading
   * goes on at a slice per pause however long the typing lasts.
   */
  private async editorFirst(): Promise<void> {
    const published = async () => {
      do await new Promise((resolve) => setImmediate(resolve));
      while (this.editor.busy());
    };
    await published();
    const since = this.editor.sinceLastEdit();
    if (since >= TYPING_PAUSE_MS) return;
    await new Promise((resolve) => setTimeout(resolve, TYPING_PAUSE_MS - since));
    await published();
  }

  /** Forgets a file the index read from disk; true when it defined anything. */
  private forgetFile(uri: string): boolean {
    this.fileStamps.delete(uri);
    return this.index.delete(uri);
  }

  /**
   * Reads a file that is not open into the index, or forgets it when it is gone (or too large, or no
   * file at all); `unlessUnchanged`: not when it has the size and time it had when last read. True
   * when what it defines changed.
   */
  private async indexFile(uri: string, unlessUnchanged = false): Promise<boolean> {
    if (this.editor.isOpen(uri)) return false;
    const file = pathOf(uri);
    // Read synchronously, as tsserver reads its files: a file of at most MAX_WORKSPACE_FILE_BYTES
    // holds the server up for its read only, and the thread pool's round trips (open, stat, read,
    // close, each a promise) cost a large workspace more than its reads (600 files: 10% of the CPU
    // time, 18% of the wall time). Messages still come in between files.
    const stat = file === undefined ? undefined : orUndefined(() => statSync(file));
    if (!stat || stat.size > MAX_WORKSPACE_FILE_BYTES) return this.forgetFile(uri);
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    if (unlessUnchanged && this.fileStamps.get(uri) === stamp) return false;
    this.fileStamps.set(uri, stamp);
    const text = orUndefined(() => readFileSync(file!, 'utf8'));
    // Messages that came meanwhile first (an editor opens its files right after `initialized`), and the
    // diagnostics they bring: a file opened while it was read is left to its open document's parse,
    // which serves the index, and a keystroke's diagnostics wait for no file's parse.
    await this.editorFirst();
    if (this.editor.isOpen(uri)) return false;
    if (text === undefined) return this.forgetFile(uri);
    try {
      const steps = readingEntries(uri, text);
      let sliceStart = performance.now();
      for (;;) {
        const step = steps.next();
        if (step.done) return this.index.set(uri, step.value);
        if (performance.now() - sliceStart < SLICE_MS) continue;
        await this.editorFirst();
        if (this.editor.isOpen(uri)) return false;
        sliceStart = performance.now();
      }
    } catch (error) {
      this.editor.log('error', `Indexing a workspace file failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return false;
    }
  }

  /** The folders' SQL files, as URIs, at most `MAX_WORKSPACE_FILES`. */
  private async fileUris(): Promise<string[]> {
    const uris: string[] = [];
    for (const folder of this.folders) {
      const paths = await findSqlFiles(folder, MAX_WORKSPACE_FILES - uris.length);
      uris.push(...paths.map((p) => pathToFileURL(p).toString()));
    }
    return uris;
  }
}
