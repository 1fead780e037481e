/**
 * The editors the server is meant for, as the protocol tests play them: what each sends in
 * `initialize` and how it answers the requests the server sends it. The capabilities are copied from
 * the clients' own sources (the parts this server reads), so a test with a profile is a test with
 * that client's terms:
 *
 * - `vscode`: vscode-languageclient 11 in VS Code, with this project's extension (which names its
 *   suggest command in `initializationOptions`).
 * - `neovim07`: Neovim 0.7.2's `vim.lsp.protocol.make_client_capabilities()` (Debian 12's neovim): no
 *   snippets, no insert/replace, no `documentChanges`, no `isPreferred`, no configuration requests,
 *   no file watching.
 * - `eglot`: eglot 1.9's `eglot-client-capabilities` (Debian 12's elpa-eglot) without yasnippet and
 *   markdown-mode: no snippets, hovers in plain text. It refuses `client/registerCapability` when it
 *   finds no project (eglot's `project-files` fails), which is how it answers here.
 * - `bare`: an `initialize` without `capabilities`.
 */
import type { ClientCapabilities, CompletionItemKind, SymbolKind } from 'vscode-languageserver-protocol/node';

/** How a client answers one request from the server. */
export type Answer = 'answer' | 'error' | 'never';

export interface ClientProfile {
  readonly name: string;
  /** `undefined`: `initialize` is sent without a `capabilities` property. */
  readonly capabilities: ClientCapabilities | undefined;
  readonly initializationOptions?: unknown;
  /** How the client answers each request the server sends (by method); `answer` when not said. */
  readonly answers?: Readonly<Record<string, Answer>>;
}

const ALL_SYMBOL_KINDS = Array.from({ length: 26 }, (_, i) => (i + 1) as SymbolKind);
const CODE_ACTION_KINDS = ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'];

export const vscode: ClientProfile = {
  name: 'VS Code',
  capabilities: {
    workspace: {
      applyEdit: true,
      workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      symbol: { dynamicRegistration: true, symbolKind: { valueSet: ALL_SYMBOL_KINDS } },
      executeCommand: { dynamicRegistration: true },
      configuration: true,
      workspaceFolders: true,
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
      completion: {
        dynamicRegistration: true,
        contextSupport: true,
        completionItem: {
          snippetSupport: true,
          commitCharactersSupport: true,
          documentationFormat: ['markdown', 'plaintext'],
          deprecatedSupport: true,
          preselectSupport: true,
          insertReplaceSupport: true,
          resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
          insertTextModeSupport: { valueSet: [1, 2] },
          labelDetailsSupport: true,
        },
      },
      hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
      codeAction: {
        dynamicRegistration: true,
        isPreferredSupport: true,
        disabledSupport: true,
        dataSupport: true,
        resolveSupport: { properties: ['edit'] },
        codeActionLiteralSupport: { codeActionKind: { valueSet: CODE_ACTION_KINDS } },
        honorsChangeAnnotations: true,
      },
      documentSymbol: {
        dynamicRegistration: true,
        symbolKind: { valueSet: ALL_SYMBOL_KINDS },
        hierarchicalDocumentSymbolSupport: true,
        labelSupport: true,
      },
      rename: { dynamicRegistration: true, prepareSupport: true, honorsChangeAnnotations: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true },
    },
    window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } } },
    general: { positionEncodings: ['utf-16'] },
  },
  initializationOptions: { suggestCommand: 'editor.action.triggerSuggest' },
};

export const neovim07: ClientProfile = {
  name: 'Neovim 0.7',
  capabilities: {
    textDocument: {
      synchronization: { dynamicRegistration: false, willSave: false, willSaveWaitUntil: false, didSave: true },
      codeAction: {
        dynamicRegistration: false,
        codeActionLiteralSupport: { codeActionKind: { valueSet: CODE_ACTION_KINDS } },
        dataSupport: true,
        resolveSupport: { properties: ['edit'] },
      },
      completion: {
        dynamicRegistration: false,
        completionItem: {
          snippetSupport: false,
          commitCharactersSupport: false,
          preselectSupport: false,
          deprecatedSupport: false,
          documentationFormat: ['markdown', 'plaintext'],
        },
        completionItemKind: { valueSet: Array.from({ length: 25 }, (_, i) => (i + 1) as CompletionItemKind) },
        contextSupport: false,
      },
      hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
      documentSymbol: { dynamicRegistration: false, symbolKind: { valueSet: ALL_SYMBOL_KINDS }, hierarchicalDocumentSymbolSupport: true },
      rename: { dynamicRegistration: false, prepareSupport: true },
      publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
    },
    workspace: {
      symbol: { dynamicRegistration: false, symbolKind: { valueSet: ALL_SYMBOL_KINDS } },
      workspaceFolders: true,
      applyEdit: true,
      workspaceEdit: { resourceOperations: ['rename', 'create', 'delete'] },
    },
    window: { workDoneProgress: true },
  },
};

export const eglot: ClientProfile = {
  name: 'eglot 1.9',
  capabilities: {
    workspace: {
      applyEdit: true,
      executeCommand: { dynamicRegistration: false },
      workspaceEdit: { documentChanges: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      symbol: { dynamicRegistration: false },
      configuration: true,
      workspaceFolders: true,
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, willSave: true, willSaveWaitUntil: true, didSave: true },
      completion: { dynamicRegistration: false, completionItem: { snippetSupport: false, deprecatedSupport: true, tagSupport: { valueSet: [1] } }, contextSupport: true },
      hover: { dynamicRegistration: false, contentFormat: ['plaintext'] },
      documentSymbol: { dynamicRegistration: false, hierarchicalDocumentSymbolSupport: true, symbolKind: { valueSet: ALL_SYMBOL_KINDS } },
      codeAction: {
        dynamicRegistration: false,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'] } },
        isPreferredSupport: true,
      },
      rename: { dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: false, codeDescriptionSupport: false, tagSupport: { valueSet: [1, 2] } },
    },
  },
  answers: { 'client/registerCapability': 'error' },
};

export const bare: ClientProfile = { name: 'a client without capabilities', capabilities: undefined };

export const profiles: readonly ClientProfile[] = [vscode, neovim07, eglot, bare];
