/**
 * The language server's wiring: the only module that talks to the LSP connection. It hands each
 * notification and request to the service that answers it — the open documents (documentStore.ts),
 * the workspace folders (workspaceFolders.ts), the features — and publishes diagnostics.
 *
 * Run it as `node server/dist/server.js --stdio` (any editor) or over IPC (the VS Code client).
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { completion, type CompletionEnvironment } from './features/completion';
import { definition } from './features/definition';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/foldingRanges';
import { references } from './features/references';
import { prepareRename, rename, RenameError } from './features/rename';
import { workspaceSymbols } from './features/workspaceSymbols';
import { documentDiagnostics, shownProblems } from './features/diagnostics';
import { CONFIGURATION_FILE } from './config/configuration';
import { suppressionActions } from './features/suppressionFixes';
import { formatDocument, formatRange } from './features/formatting';
import { hover, type HoverEnvironment } from './features/hover';
import type { SelectedOf } from './features/atPosition';
import { allSnippets } from './features/snippets';
import {
  connectionSnippetsRequest,
  secretRangesRequest,
  type ConnectionSnippetsResult,
  type SecretRangesParams,
  type SecretRangesResult,
  type SecretSettings,
} from './protocol';
import type { Catalogue } from './catalogue/catalogue';
import { ConnectionIndex } from './workspace/connectionIndex';
import { documentStore, type StoredDocument } from './workspace/documentStore';
import { folderPaths, WorkspaceFolders } from './workspace/workspaceFolders';
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

/** How long the server waits for the client's answer to a request it sends, before it goes on without. */
const CLIENT_ANSWER_TIMEOUT_MS = 5_000;

const connection = createConnection(ProposedFeatures.all, {
  // An `initialize` without capabilities is a client that supports nothing optional, not an error.
  messageStrategy: { handleMessage: (message, next) => next(withInitializeDefaults(message)) },
});
// The JSON-RPC layer logs messages it cannot handle whole; those can hold document text.
dropMessageDumps(connection.console);

const index = new ConnectionIndex();
/** The open documents, each with its parse, analysis and secrets (`StoredDocument`). */
const documents = new TextDocuments(documentStore(index, (uri) => workspace.configurationOf(uri).configuration.catalogue));
const workspace: WorkspaceFolders = new WorkspaceFolders(index, {
  isOpen: (uri) => documents.get(uri) !== undefined,
  publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
  progress: () =>
    support.workDoneProgress ? clientAnswer('window/workDoneProgress/create', () => connection.window.createWorkDoneProgress(), undefined) : Promise.resolve(undefined),
  log: (level, message) => connection.console[level](message),
  changed: () => scheduleValidation(documents.keys()),
  busy: () => pending.size > 0,
  sinceLastEdit: () => performance.now() - lastEdit,
});

/** When a document last changed (`performance.now()`): reading the workspace pauses while the user types. */
let lastEdit = -Infinity;

/** What the client supports; until `initialize` says, nothing optional. */
let support: ClientSupport = clientSupport(undefined);

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

/** Runs `work`; on an error, logs it (never document text) and returns `fallback`. A `ResponseError` is the client's to show: it goes through. */
function guarded<T>(what: string, fallback: T, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ResponseError) throw error;
    connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

// ---- diagnostics, published for each changed document once its burst of changes is over

const pending = new Set<string>();

function scheduleValidation(uris: Iterable<string>): void {
  // The first document of a burst schedules the publishing of all.
  if (pending.size === 0) {
    setImmediate(() => {
      const uris = [...pending];
      pending.clear();
      for (const uri of uris) {
        const stored = documents.get(uri);
        if (!stored) continue;
        const diagnostics = guarded('Analysing a document', [], () => documentDiagnostics(stored, workspace));
        void connection.sendDiagnostics({ uri, version: stored.document.version, diagnostics });
      }
    });
  }
  for (const uri of uris) pending.add(uri);
}

/** Puts a changed document's definitions in the index and analyses it; other documents are re-checked when its definitions changed. */
function documentChanged(stored: StoredDocument): void {
  lastEdit = performance.now();
  const definitionsChanged = guarded('Indexing a document', false, () => stored.indexed());
  guarded('Analysing a document', undefined, () => stored.analysis);
  scheduleValidation(definitionsChanged ? documents.keys() : [stored.uri]);
}

// ---- protocol

connection.onInitialize((params: InitializeParams): InitializeResult => {
  workspace.folders = folderPaths(params);
  // A client may leave out `capabilities` (or send anything there): it then supports nothing optional.
  support = clientSupport(params?.capabilities, params?.initializationOptions);
  return {
    capabilities: {
      // didSave: a saved file may change what other files' references resolve to (`workspace.refresh`).
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
          workspace.watched = true;
        }),
      undefined,
    );
  }
  workspace.start();
});

connection.onDidChangeWatchedFiles(({ changes }) => workspace.filesChanged(changes.map((change) => change.uri)));

// ---- editing help: each handler works on the latest parse and answers empty on any error

/** The workspace's connections, models, tools and agents, read from the index only when a completion needs them. */
const completionEnvironment = (catalogue?: Catalogue): CompletionEnvironment => ({
  ...(catalogue ? { catalogue } : {}),
  get connections() {
    return index.all('connection').map((d) => ({ name: d.name, type: d.type }));
  },
  get resources() {
    return index.all().flatMap((d) => (d.kind === 'connection' ? [] : [{ kind: d.kind, name: d.name, type: d.type }]));
  },
  selectedOf: selectedInWorkspace,
});

/** The provider or tool type of a model's or tool's CREATE in the workspace, for ALTER … SET (an Apache Flink model's is not Confluent's). */
const selectedInWorkspace: SelectedOf = (kind, name) => index.find(name, undefined, kind).find((d) => d.type !== undefined && !d.flink)?.type;

/** The workspace's definitions of a connection, model, tool or agent, each with where it is (`file.sql:12`), for hover. */
const hoverEnvironment: HoverEnvironment = {
  selectedOf: selectedInWorkspace,
  find: (name, kind) => index.find(name, undefined, kind).map((d) => ({ ...d, where: `${decodeURIComponent(d.uri.slice(d.uri.lastIndexOf('/') + 1))}:${d.nameRange.start.line + 1}` })),
};

/** Runs a handler on an open document (`document`, `parsed`, …); answers `fallback` for documents the server does not have. */
function withDocument<T>(uri: string, what: string, fallback: T, work: (stored: StoredDocument) => T): T {
  const stored = documents.get(uri);
  return stored ? guarded(what, fallback, () => work(stored)) : fallback;
}

connection.onCompletion(({ textDocument, position }) =>
  withDocument(textDocument.uri, 'Completion', [], ({ document, parsed, catalogue }) =>
    completionItemsFor(completion(document, parsed, document.offsetAt(position), completionEnvironment(catalogue)), support),
  ),
);

connection.onHover(({ textDocument, position }) =>
  withDocument(textDocument.uri, 'Hover', null, ({ document, parsed, catalogue }) =>
    hoverFor(hover(document, parsed, document.offsetAt(position), { ...hoverEnvironment, catalogue }), support),
  ),
);

connection.onCodeAction(({ textDocument, context }) =>
  withDocument(textDocument.uri, 'Code actions', [], (stored) =>
    codeActionsFor(
      codeActions(stored.document, stored.analysis, context.diagnostics, context.only, () => completionEnvironment().connections, shownProblems(stored, workspace)).concat(
        suppressionActions(stored.document, context.diagnostics, context.only),
      ),
      support,
    ),
  ),
);

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
  withDocument(textDocument.uri, 'Formatting', [], ({ document, parsed }) => formatDocument(document, parsed, options)),
);

connection.onDocumentRangeFormatting(({ textDocument, range, options }) =>
  withDocument(textDocument.uri, 'Formatting a range', [], ({ document, parsed }) => formatRange(document, parsed, range, options)),
);

connection.onDocumentSymbol(({ textDocument }) =>
  withDocument(textDocument.uri, 'Document symbols', [], ({ document, parsed }) => documentSymbolsFor(documentSymbols(document, parsed), document.uri, support)),
);

connection.onDefinition(({ textDocument, position }) =>
  withDocument(textDocument.uri, 'Go to definition', [], ({ document, parsed }) => definition(document, parsed, document.offsetAt(position), index)),
);

connection.onReferences(({ textDocument, position, context }) =>
  withDocument(textDocument.uri, 'Find references', [], ({ document, parsed }) =>
    references(document, parsed, document.offsetAt(position), index, context.includeDeclaration),
  ),
);

connection.onPrepareRename(({ textDocument, position }) =>
  withDocument(textDocument.uri, 'Prepare rename', null, ({ document, parsed }) => prepareRename(document, parsed, document.offsetAt(position))),
);

connection.onRenameRequest(({ textDocument, position, newName }) =>
  withDocument(textDocument.uri, 'Rename', null, ({ document, parsed }) => {
    try {
      const edit = rename(document, parsed, document.offsetAt(position), newName, index);
      // The edits in open documents name the version they were made for.
      return edit && workspaceEditFor(edit, support, (uri) => documents.get(uri)?.document.version ?? null);
    } catch (error) {
      // A name that cannot be used is the user's to fix: the editor shows the message.
      throw error instanceof RenameError ? new ResponseError(LSPErrorCodes.RequestFailed, error.message) : error;
    }
  }),
);

connection.onWorkspaceSymbol(({ query }) => guarded('Workspace symbols', [], () => workspaceSymbolsFor(workspaceSymbols(query, index), support)));

connection.onFoldingRanges(({ textDocument }) =>
  withDocument(textDocument.uri, 'Folding ranges', [], ({ document, parsed }) => foldingRanges(document, parsed)),
);

connection.onRequest(secretRangesRequest, async ({ textDocument }: SecretRangesParams): Promise<SecretRangesResult> => {
  const settings = await secretSettingsFor(textDocument.uri);
  return withDocument(textDocument.uri, 'Secret ranges', [], (stored) =>
    stored.secrets({ maskAccountIdentifiers: settings.maskUsernames }).map((span) => ({
      start: stored.document.positionAt(span.start),
      end: stored.document.positionAt(span.end),
    })),
  );
});

connection.onRequest(connectionSnippetsRequest, (): ConnectionSnippetsResult => guarded('Listing snippets', [], allSnippets));

documents.onDidChangeContent(({ document }) => documentChanged(document));

// Opening or saving a document is when files may have changed on disk behind the editor's back.
documents.onDidOpen(() => workspace.refresh());
documents.onDidSave(() => workspace.refresh());

// The closed document's state went with it (`TextDocuments` dropped its `StoredDocument`).
documents.onDidClose(({ document }) => {
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  void workspace.closed(document.uri);
});

// A promise that fails with nobody waiting (a client's refusal that escaped `clientAnswer`) is logged,
// not fatal: Node ends a process on an unhandled rejection, and an editor then loses every feature.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unexpected failure: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});

declare const SERVER_VERSION: string;

documents.listen(connection);
connection.listen();
