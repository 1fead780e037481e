/**
 * The language server's wiring: the only module that talks to the LSP connection. It keeps the parse
 * of each open document and the workspace's connection index up to date, and publishes diagnostics.
 *
 * Run it as `node server/dist/server.js --stdio` (any editor) or over IPC (the VS Code client).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeEdit, type DocumentAnalysis } from './analysis/analyzeDocument';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { completion, type CompletionEnvironment } from './features/completion';
import { definition } from './features/definition';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/foldingRanges';
import { references } from './features/references';
import { prepareRename, rename, RenameError } from './features/rename';
import { workspaceSymbols } from './features/workspaceSymbols';
import { toDiagnostics } from './features/diagnostics';
import { applySuppressions, DIRECTIVE_MARK } from './analysis/suppressions';
import { diagnosticSource } from './diagnosticCodes';
import { applyRules, CONFIGURATION_FILE, defaultConfiguration, isIgnored, parseConfiguration, type Configuration } from './config/configuration';
import { suppressionActions } from './features/suppressionFixes';
import { formatDocument, formatRange } from './features/formatting';
import { hover, type HoverEnvironment } from './features/hover';
import { allSnippets } from './features/snippets';
import { documentSecrets } from './analysis/documentSecrets';
import type { SecretCache } from './analysis/secretRanges';
import {
  connectionSnippetsRequest,
  secretRangesRequest,
  type ConnectionSnippetsResult,
  type SecretRangesParams,
  type SecretRangesResult,
  type SecretSettings,
} from './protocol';
import { composeChanges } from './parser/incrementalSplit';
import { parseDocument, type ParsedDocument, type TextChange } from './parser/parseDocument';
import { ConnectionIndex, entriesIn, entriesInText } from './workspace/connectionIndex';
import { OpenDocument } from './workspace/openDocument';
import { findSqlFiles, isSqlFile } from './workspace/sqlFiles';
import { dropMessageDumps } from './protocolLog';
import { clientSupport, withInitializeDefaults, type ClientSupport } from './clientSupport';
import {
  APPLY_EDIT_COMMAND,
  codeActionsFor,
  completionItemsFor,
  documentSymbolsFor,
  hoverFor,
  workspaceEditFor,
  workspaceSymbolsFor,
} from './features/clientTerms';

/** How many workspace files the index reads at most, and the largest it reads. */
const MAX_WORKSPACE_FILES = 5000;
const MAX_WORKSPACE_FILE_BYTES = 8 * 1024 * 1024;
/** How long the server waits for the client's answer to a request it sends, before it goes on without. */
const CLIENT_ANSWER_TIMEOUT_MS = 5_000;

const connection = createConnection(ProposedFeatures.all, {
  // An `initialize` without capabilities is a client that supports nothing optional, not an error.
  messageStrategy: { handleMessage: (message, next) => next(withInitializeDefaults(message)) },
});
// The JSON-RPC layer logs messages it cannot handle whole; those can hold document text.
dropMessageDumps(connection.console);

/**
 * What changed in each open document since its last parse, in that parse's offsets; `whole` when the
 * client sent the whole text. No entry: nothing changed (or there is no parse yet).
 */
const changesSinceParse = new Map<string, TextChange | 'whole'>();

/**
 * The open documents, as `OpenDocument`s: an edit rewrites only the part of the text it touches, and
 * tells where it was (TextDocuments does not), so that a parse can redo only what an edit touched.
 */
const documents = new TextDocuments<OpenDocument>({
  create: (uri, languageId, version, text) => {
    changesSinceParse.set(uri, 'whole');
    return new OpenDocument(uri, languageId, version, text);
  },
  update: (document, changes, version) => {
    // One change at a time: each change's range is in the text the changes before it produced.
    for (const change of changes) {
      const applied = document.apply(change);
      const known = changesSinceParse.get(document.uri);
      changesSinceParse.set(document.uri, applied === undefined || known === 'whole' ? 'whole' : known ? composeChanges(known, applied) : applied);
    }
    document.version = version;
    return document;
  },
});
const index = new ConnectionIndex();
/** The secrets of each open document's statements, reused when the same statement text comes back. */
const secretCaches = new Map<string, SecretCache>();
/** The latest parse of each open document, with the version it belongs to. */
const parses = new Map<string, { version: number; parsed: ParsedDocument }>();
/** The latest analysis of each open document, which the next one starts from. */
const analyses = new Map<string, DocumentAnalysis>();

let workspaceFolders: string[] = [];
/** False while the workspace's files are first read: until then, "unknown connection" would be premature. */
let workspaceIndexed = false;
/** What the client supports; until `initialize` says, nothing optional. */
let support: ClientSupport = clientSupport(undefined);
/**
 * Whether the client watches the workspace's SQL files for the server (its registration succeeded).
 * Until it does, and for good when it refuses or never answers, the server looks at the files itself
 * whenever the user opens, saves or closes a document (`refreshWorkspace`).
 */
let filesWatched = false;

const defaultSecretSettings: SecretSettings = { maskUsernames: false };

/**
 * The client's answer to a request the server sent (`workspace/configuration`, `workspace/applyEdit`,
 * `client/registerCapability`, …), or `fallback` when it answers with an error or not within
 * `CLIENT_ANSWER_TIMEOUT_MS`. A client may refuse any request, or never answer one: the server goes on.
 */
function clientAnswer<T>(what: string, request: () => Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      connection.console.warn(`The editor did not answer ${what} within ${CLIENT_ANSWER_TIMEOUT_MS / 1000} s; going on without.`);
      resolve(fallback);
    }, CLIENT_ANSWER_TIMEOUT_MS);
  });
  const answered = Promise.resolve()
    .then(request)
    .catch((error: unknown) => {
      connection.console.warn(`The editor refused ${what}: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    });
  return Promise.race([answered, late]).finally(() => clearTimeout(timer));
}

/**
 * The secret settings of a document, asked of the client on every request: a cached answer could
 * outlive a settings change that the client acts on before its change notification arrives here.
 */
function secretSettingsFor(uri: string): Promise<SecretSettings> {
  if (!support.configuration) return Promise.resolve(defaultSecretSettings);
  return clientAnswer(
    'workspace/configuration',
    () =>
      connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'flinksql.secrets' })
        .then((value: Partial<SecretSettings> | null) => ({ maskUsernames: value?.maskUsernames === true })),
    defaultSecretSettings,
  );
}

/** Runs async `work`; on an error, logs it and resolves to `fallback`. */
async function guardedAsync<T>(what: string, fallback: T, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    connection.console.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    return fallback;
  }
}

/** Runs `work`; on an error, logs it (never document text) and returns `fallback`. */
function guarded<T>(what: string, fallback: T, work: () => T): T {
  try {
    return work();
  } catch (error) {
    connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

/** The parse of `document`'s current version, made from its previous parse and the changes since. */
function parseOf(document: OpenDocument): ParsedDocument {
  const known = parses.get(document.uri);
  const change = changesSinceParse.get(document.uri);
  if (known?.version === document.version && change === undefined) return known.parsed;
  const parsed = parseDocument(document, known?.parsed, change === 'whole' ? undefined : change);
  // Only now: had the parse failed, the next one would still start from the change since `known`.
  changesSinceParse.delete(document.uri);
  parses.set(document.uri, { version: document.version, parsed });
  return parsed;
}

// ---- diagnostics, published for each changed document once its burst of changes is over

const pending = new Set<string>();
let flushScheduled = false;

function scheduleValidation(uris: Iterable<string>): void {
  for (const uri of uris) pending.add(uri);
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(() => {
    flushScheduled = false;
    const uris = [...pending];
    pending.clear();
    for (const uri of uris) {
      const document = documents.get(uri);
      if (document) validate(document);
    }
  });
}

/**
 * The analysis of `document`'s current version. Made from the previous analysis when that analysed
 * the parse this one was made from, so every parse is analysed as it is made (`documentChanged`):
 * an edit then costs what it touched, also when several edits come before diagnostics are published.
 */
function analysisOf(document: OpenDocument): DocumentAnalysis {
  const parsed = parseOf(document);
  const lookup = index.lookupFor(document.uri);
  const flinkOnly = document.languageId === 'flinksql';
  const known = analyses.get(document.uri);
  if (known?.parsed === parsed && known.lookupVersion === lookup.version && known.options.flinkOnly === flinkOnly) return known;
  const analysis = analyzeEdit(parsed, lookup, { flinkOnly }, known);
  analyses.set(document.uri, analysis);
  return analysis;
}

function validate(document: OpenDocument): void {
  const diagnostics = guarded('Analysing a document', [], () => {
    const { configuration, file } = configurationOf(document.uri);
    if (file !== undefined && isIgnored(configuration, file)) return [];
    const found = analysisOf(document).problems;
    // The whole text is put together only when it holds a suppression comment (a keystroke in a large file must not copy it).
    const problems = applyRules(configuration, document.includes(DIRECTIVE_MARK) ? applySuppressions(document.getText(), found) : found);
    return toDiagnostics(document, workspaceIndexed ? problems : problems.filter((p) => p.code !== 'unknown-connection'));
  });
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

function openUris(): string[] {
  return documents.all().map((d) => d.uri);
}

/** Re-parses a changed document and updates its definitions; other documents are re-checked when those change. */
function documentChanged(document: OpenDocument): void {
  const definitionsChanged = guarded('Indexing a document', false, () =>
    index.set(document.uri, entriesIn(document.uri, document, parseOf(document))),
  );
  guarded('Analysing a document', undefined, () => analysisOf(document));
  scheduleValidation(definitionsChanged ? openUris() : [document.uri]);
}

// ---- flinksql.json: each workspace folder's rules and ignored files

/** The configuration of each workspace folder that has a readable flinksql.json (a broken one counts as none). */
const configurations = new Map<string, Configuration>();
/** The flinksql.json files whose mistakes are shown, to be cleared once they are fixed or gone. */
const brokenConfigurations = new Set<string>();

/** The configuration that applies to a document (its workspace folder's), and the document's path. */
function configurationOf(uri: string): { configuration: Configuration; file: string | undefined } {
  let file: string | undefined;
  try {
    file = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    file = undefined;
  }
  // The innermost workspace folder that holds the file.
  const folder = file === undefined ? undefined : workspaceFolders.filter((f) => file!.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
  return { configuration: (folder && configurations.get(folder)) || defaultConfiguration(folder ?? ''), file };
}

/**
 * Reads a workspace folder's flinksql.json. Its mistakes are published as diagnostics on the file
 * itself; until it is fixed, the folder keeps every rule as built in (a broken file turns nothing off).
 * Returns whether the configuration changed.
 */
async function readConfiguration(folder: string): Promise<boolean> {
  const file = path.join(folder, CONFIGURATION_FILE);
  const uri = pathToFileURL(file).toString();
  const before = JSON.stringify(configurations.get(folder) ?? null);
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  const result = text === undefined ? undefined : parseConfiguration(text, folder);
  if (result?.configuration) configurations.set(folder, result.configuration);
  else configurations.delete(folder);
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
  if (diagnostics.length > 0 || brokenConfigurations.has(uri)) void connection.sendDiagnostics({ uri, diagnostics });
  if (diagnostics.length > 0) brokenConfigurations.add(uri);
  else brokenConfigurations.delete(uri);
  return JSON.stringify(configurations.get(folder) ?? null) !== before;
}

async function readConfigurations(): Promise<boolean> {
  let changed = false;
  for (const folder of workspaceFolders) changed = (await guardedAsync('Reading flinksql.json', false, () => readConfiguration(folder))) || changed;
  return changed;
}

// ---- the workspace's files on disk

/** When each workspace file the index read from disk was last changed, and its size: a change shows in either. */
const fileStamps = new Map<string, string>();

/** Forgets a file the index read from disk. */
function forgetFile(uri: string): boolean {
  fileStamps.delete(uri);
  return index.delete(uri);
}

async function indexFile(uri: string): Promise<boolean> {
  if (documents.get(uri)) return false; // the open document is the truth
  let file: string;
  try {
    file = fileURLToPath(uri);
    const stat = await fs.stat(file);
    if (stat.size > MAX_WORKSPACE_FILE_BYTES) return forgetFile(uri);
    fileStamps.set(uri, `${stat.mtimeMs}:${stat.size}`);
  } catch {
    return forgetFile(uri);
  }
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  // Messages that came meanwhile first (an editor opens its files right after `initialized`): a file
  // opened while it was read is left to its open document's parse, which serves the index.
  await new Promise((resolve) => setImmediate(resolve));
  if (documents.get(uri)) return false;
  if (text === undefined) return forgetFile(uri);
  return guarded('Indexing a workspace file', false, () => index.set(uri, entriesInText(uri, text)));
}

/** The workspace's SQL files, as URIs, at most `MAX_WORKSPACE_FILES`. */
async function workspaceFileUris(): Promise<string[]> {
  const uris: string[] = [];
  for (const folder of workspaceFolders) {
    const paths = await findSqlFiles(folder, MAX_WORKSPACE_FILES - uris.length);
    uris.push(...paths.map((p) => pathToFileURL(p).toString()));
  }
  return uris;
}

/** How long after `initialized` the server starts reading the workspace's files. */
const INDEX_DELAY_MS = 300;

/** How long reading the workspace may take before the client is shown its progress. */
const PROGRESS_AFTER_MS = 500;

async function indexWorkspace(): Promise<void> {
  let files = 0;
  const started = Date.now();
  // Progress, for a client that shows it, once indexing takes longer than PROGRESS_AFTER_MS. Asked for
  // without waiting: a client that never answers must not hold the indexing up.
  let progress: WorkDoneProgressServerReporter | undefined;
  let progressAsked = false;
  let finished = false;
  const showProgress = (total: number) => {
    progressAsked = true;
    void clientAnswer('window/workDoneProgress/create', () => connection.window.createWorkDoneProgress(), undefined).then((reporter) => {
      if (!reporter) return;
      if (finished) return reporter.done();
      progress = reporter;
      reporter.begin('Flink SQL: reading the workspace', Math.round((files * 100) / total), `${files} of ${total} SQL files`);
    });
  };
  try {
    const uris = await workspaceFileUris();
    for (const uri of uris) {
      if (!progressAsked && support.workDoneProgress && Date.now() - started > PROGRESS_AFTER_MS) showProgress(uris.length);
      await indexFile(uri);
      files++;
      if (progress && files % 25 === 0) progress.report(Math.round((files * 100) / uris.length), `${files} of ${uris.length} SQL files`);
      // Let edits and requests through while a large workspace is read.
      await new Promise((resolve) => setImmediate(resolve));
    }
    connection.console.info(`Indexed ${files} SQL file(s) in ${workspaceFolders.length} workspace folder(s).`);
  } catch (error) {
    connection.console.error(`Reading the workspace's SQL files stopped after ${files}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    finished = true;
    (progress as WorkDoneProgressServerReporter | undefined)?.done();
    workspaceIndexed = true;
    scheduleValidation(openUris());
  }
}

/**
 * Brings the index up to date with the files on disk, for a client that does not watch them: reads
 * the files that are new or changed since the index read them, and forgets those that are gone. Runs
 * when the user opens, saves or closes a document — the moments a file may have changed behind the
 * editor's back (another editor, git, a generator); one run at a time, and one more if asked meanwhile.
 */
let refreshing: Promise<void> | undefined;
let refreshAgain = false;
function refreshWorkspace(): void {
  if (filesWatched || !workspaceIndexed || workspaceFolders.length === 0) return;
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = (async () => {
    let changed = false;
    try {
      changed = await readConfigurations();
      const onDisk = await workspaceFileUris();
      const present = new Set(onDisk);
      for (const uri of [...fileStamps.keys()]) if (!present.has(uri) && !documents.get(uri)) changed = forgetFile(uri) || changed;
      for (const uri of onDisk) {
        if (documents.get(uri)) continue;
        const stat = await fs.stat(fileURLToPath(uri)).catch(() => undefined);
        if (stat && fileStamps.get(uri) === `${stat.mtimeMs}:${stat.size}`) continue;
        changed = (await indexFile(uri)) || changed;
      }
    } catch (error) {
      connection.console.error(`Looking for changed SQL files failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      refreshing = undefined;
      if (changed) scheduleValidation(openUris());
      if (refreshAgain) {
        refreshAgain = false;
        refreshWorkspace();
      }
    }
  })();
}

// ---- protocol

/** The workspace folders' paths, from `initialize`'s `workspaceFolders` or `rootUri` (whatever shape they come in). */
function folderPaths(params: Partial<InitializeParams> | null | undefined): string[] {
  const folders: unknown = params?.workspaceFolders;
  const uris = Array.isArray(folders) ? folders.map((folder: { uri?: unknown } | null) => folder?.uri) : [params?.rootUri];
  return uris.flatMap((uri) => {
    if (typeof uri !== 'string' || !uri.startsWith('file:')) return [];
    try {
      return [fileURLToPath(uri)];
    } catch {
      return [];
    }
  });
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  workspaceFolders = folderPaths(params);
  // A client may leave out `capabilities` (or send anything there): it then supports nothing optional.
  support = clientSupport(params?.capabilities, params?.initializationOptions);
  return {
    capabilities: {
      // didSave: a saved file may change what other files' references resolve to (refreshWorkspace).
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      completionProvider: { triggerCharacters: ["'", '(', ',', '=', '`'] },
      hoverProvider: true,
      // Kinds, and prepareRename, only for a client that says it reads them.
      codeActionProvider: support.codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } : true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: support.prepareRename ? { prepareProvider: true } : true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      // Quick fixes for a client without code action literals come as commands that the server carries out.
      ...(!support.codeActionLiterals && support.applyEdit ? { executeCommandProvider: { commands: [APPLY_EDIT_COMMAND] } } : {}),
    },
    serverInfo: { name: 'flinksql-connections', version: SERVER_VERSION },
  };
});

connection.onInitialized(() => {
  if (support.watchFiles) {
    // eglot refuses this when it finds no project; other clients may never answer.
    void clientAnswer(
      'the registration of a file watcher',
      () =>
        connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{sql,fsql}' }, { globPattern: `**/${CONFIGURATION_FILE}` }] }).then(() => {
          filesWatched = true;
        }),
      undefined,
    );
  }
  // The workspace is read a moment later: an editor opens its visible files right after `initialized`,
  // and their first analyses come first (an open file's parse serves the index; reading it from disk
  // meanwhile would parse it twice, and hold up its diagnostics).
  void readConfigurations().then(() => setTimeout(() => void indexWorkspace(), INDEX_DELAY_MS));
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  let changed = false;
  for (const change of changes) {
    if (change.uri.endsWith(`/${CONFIGURATION_FILE}`)) {
      const folder = workspaceFolders.find((f) => pathToFileURL(path.join(f, CONFIGURATION_FILE)).toString() === change.uri);
      if (folder) changed = (await guardedAsync('Reading flinksql.json', false, () => readConfiguration(folder))) || changed;
      continue;
    }
    if (!isSqlFile(change.uri)) continue;
    if (change.type === FileChangeType.Deleted) {
      if (!documents.get(change.uri)) changed = index.delete(change.uri) || changed;
    } else {
      changed = (await indexFile(change.uri)) || changed;
    }
  }
  if (changed) scheduleValidation(openUris());
});

// ---- editing help: each handler works on the latest parse and answers empty on any error

/** Where a definition is, for hover: `file.sql:12`. */
function whereIs(uri: string, line: number): string {
  return `${decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1))}:${line + 1}`;
}

/** The workspace's connections, read from the index only when a completion needs them. */
const completionEnvironment = (): CompletionEnvironment => ({
  get connections() {
    return index.all().map((d) => ({ name: d.name, type: d.type }));
  },
});

const hoverEnvironment: HoverEnvironment = {
  find: (name) => index.find(name).map((d) => ({ ...d, where: whereIs(d.uri, d.nameRange.start.line) })),
};

/** Runs a handler on an open document's latest parse; answers `fallback` for documents the server does not have. */
function withDocument<T>(uri: string, what: string, fallback: T, work: (document: TextDocument, parsed: ParsedDocument) => T): T {
  const document = documents.get(uri);
  if (!document) return fallback;
  return guarded(what, fallback, () => work(document, parseOf(document)));
}

connection.onCompletion(({ textDocument, position }) =>
  withDocument(textDocument.uri, 'Completion', [], (document, parsed) =>
    completionItemsFor(completion(document, parsed, document.offsetAt(position), completionEnvironment()), support),
  ),
);

connection.onHover(({ textDocument, position }) =>
  withDocument(textDocument.uri, 'Hover', null, (document, parsed) =>
    hoverFor(hover(document, parsed, document.offsetAt(position), hoverEnvironment), support),
  ),
);

connection.onCodeAction(({ textDocument, context }) =>
  withDocument(textDocument.uri, 'Code actions', [], (document) =>
    codeActionsFor(
      codeActions(document, analysisOf(document as OpenDocument), context.diagnostics, context.only).concat(
        suppressionActions(document, context.diagnostics, context.only),
      ),
      support,
    ),
  ),
);

/** The version of an open document, for the edits a workspace edit makes in it; null for other files. */
const versionOf = (uri: string): number | null => documents.get(uri)?.version ?? null;

// The command behind a quick fix, for a client without code action literals: the server asks the client to apply its edit.
connection.onExecuteCommand(async ({ command, arguments: args }) => {
  const edit = args?.[0] as WorkspaceEdit | undefined;
  if (command !== APPLY_EDIT_COMMAND || typeof edit !== 'object' || edit === null) {
    throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command or arguments: ${String(command)}`);
  }
  if (!support.applyEdit) throw new ResponseError(LSPErrorCodes.RequestFailed, 'The editor does not apply edits that the server sends (workspace/applyEdit).');
  const result = await clientAnswer('workspace/applyEdit', () => connection.workspace.applyEdit(edit), undefined);
  if (!result?.applied) throw new ResponseError(LSPErrorCodes.RequestFailed, `The editor did not apply the edit${result?.failureReason ? `: ${result.failureReason}` : '.'}`);
  return null;
});

connection.onDocumentFormatting(({ textDocument, options }) =>
  withDocument(textDocument.uri, 'Formatting', [], (document, parsed) => formatDocument(document, parsed, options)),
);

connection.onDocumentRangeFormatting(({ textDocument, range, options }) =>
  withDocument(textDocument.uri, 'Formatting a range', [], (document, parsed) => formatRange(document, parsed, range, options)),
);

connection.onDocumentSymbol(({ textDocument }) =>
  withDocument(textDocument.uri, 'Document symbols', [], (document, parsed) => documentSymbolsFor(documentSymbols(document, parsed), document.uri, support)),
);

connection.onDefinition(({ textDocument, position }) =>
  withDocument(textDocument.uri, 'Go to definition', [], (document, parsed) => definition(document, parsed, document.offsetAt(position), index)),
);

connection.onReferences(({ textDocument, position, context }) =>
  withDocument(textDocument.uri, 'Find references', [], (document, parsed) =>
    references(document, parsed, document.offsetAt(position), index, context.includeDeclaration),
  ),
);

connection.onPrepareRename(({ textDocument, position }) =>
  withDocument(textDocument.uri, 'Prepare rename', null, (document, parsed) => prepareRename(document, parsed, document.offsetAt(position))),
);

connection.onRenameRequest(({ textDocument, position, newName }) => {
  const document = documents.get(textDocument.uri);
  if (!document) return null;
  try {
    const edit = rename(document, parseOf(document), document.offsetAt(position), newName, index);
    return edit && workspaceEditFor(edit, support, versionOf);
  } catch (error) {
    // A name that cannot be used is the user's to fix: the editor shows the message.
    if (error instanceof RenameError) throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
    return guarded('Rename', null, () => {
      throw error;
    });
  }
});

connection.onWorkspaceSymbol(({ query }) => guarded('Workspace symbols', [], () => workspaceSymbolsFor(workspaceSymbols(query, index), support)));

connection.onFoldingRanges(({ textDocument }) =>
  withDocument(textDocument.uri, 'Folding ranges', [], (document, parsed) => foldingRanges(document, parsed)),
);

connection.onRequest(secretRangesRequest, async ({ textDocument }: SecretRangesParams): Promise<SecretRangesResult> => {
  const settings = await secretSettingsFor(textDocument.uri);
  return withDocument(textDocument.uri, 'Secret ranges', [], (document, parsed) =>
    documentSecrets(document.getText(), parsed.statements, { maskAccountIdentifiers: settings.maskUsernames }, cacheFor(secretCaches, document.uri)).map((span) => ({
      start: document.positionAt(span.start),
      end: document.positionAt(span.end),
    })),
  );
});

/** The cache of `uri` in `caches`, created on first use. */
function cacheFor<V>(caches: Map<string, Map<string, V>>, uri: string): Map<string, V> {
  let cache = caches.get(uri);
  if (!cache) caches.set(uri, (cache = new Map()));
  return cache;
}

connection.onRequest(connectionSnippetsRequest, (): ConnectionSnippetsResult => guarded('Listing snippets', [], allSnippets));

documents.onDidChangeContent(({ document }) => documentChanged(document));

// Opening or saving a document is when files may have changed on disk behind the editor's back.
documents.onDidOpen(() => refreshWorkspace());
documents.onDidSave(() => refreshWorkspace());

documents.onDidClose(({ document }) => {
  parses.delete(document.uri);
  analyses.delete(document.uri);
  changesSinceParse.delete(document.uri);
  secretCaches.delete(document.uri);
  pending.delete(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  // What the file defines is now what is on disk (or nothing, for an unsaved document).
  void (async () => {
    const changed = document.uri.startsWith('file:') ? await indexFile(document.uri) : index.delete(document.uri);
    if (changed) scheduleValidation(openUris());
    refreshWorkspace();
  })();
});

// A promise that fails with nobody waiting (a client's refusal that escaped `clientAnswer`) is logged,
// not fatal: Node ends a process on an unhandled rejection, and an editor then loses every feature.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unexpected failure: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});

declare const SERVER_VERSION: string;

documents.listen(connection);
connection.listen();
