/**
 * What the client can take, read once from `initialize`: every answer is put in these terms
 * (features/clientTerms.ts). A capability the client does not state is one it does not have, so a
 * client that sends no capabilities at all gets the plainest answers the protocol has.
 */
import { MarkupKind, SymbolKind } from 'vscode-languageserver-types';
import type { ClientCapabilities, Message } from 'vscode-languageserver-protocol';

export interface ClientSupport {
  /** Completion items in snippet syntax (`$1`, `${1:name}`); otherwise plain text. */
  readonly snippets: boolean;
  /** Completion edits with an insert and a replace range; otherwise one range. */
  readonly insertReplace: boolean;
  /** The format of completion items' documentation. */
  readonly completionDocumentation: MarkupKind;
  /** The format of hovers. */
  readonly hover: MarkupKind;
  /** Workspace edits as versioned `documentChanges`; otherwise `changes` by URI. */
  readonly documentChanges: boolean;
  /** Code actions as `CodeAction` literals; otherwise `Command`s that the server carries out. */
  readonly codeActionLiterals: boolean;
  /** `textDocument/prepareRename` requests. */
  readonly prepareRename: boolean;
  /** The `isPreferred` flag of code actions. */
  readonly preferredCodeActions: boolean;
  /** Document symbols as a tree (`DocumentSymbol`); otherwise flat `SymbolInformation`. */
  readonly symbolTree: boolean;
  /** The symbol kinds the client knows. */
  readonly symbolKinds: ReadonlySet<SymbolKind>;
  /** `workspace/applyEdit` requests. */
  readonly applyEdit: boolean;
  /** `workspace/configuration` requests. */
  readonly configuration: boolean;
  /** Registration of file watchers (`workspace/didChangeWatchedFiles`) with `client/registerCapability`. */
  readonly watchFiles: boolean;
  /** Progress the server starts (`window/workDoneProgress/create`). */
  readonly workDoneProgress: boolean;
  /**
   * The client-side command that opens the completion list again, when the client names one in its
   * `initializationOptions` (`{ "suggestCommand": "editor.action.triggerSuggest" }`, as the VS Code
   * extension does). The protocol has no capability for it, and other clients would send it back to
   * the server as `workspace/executeCommand`.
   */
  readonly suggestCommand: string | undefined;
}

/** The symbol kinds of the protocol's first version, which a client that lists none supports. */
const FIRST_SYMBOL_KINDS = new Set<SymbolKind>(Array.from({ length: SymbolKind.Array }, (_, i) => (i + 1) as SymbolKind));

/** The first of `formats` (the client's preference order) that this server writes; plain text when none. */
function preferredFormat(formats: readonly string[] | undefined): MarkupKind {
  return formats?.find((f): f is MarkupKind => f === MarkupKind.Markdown || f === MarkupKind.PlainText) ?? MarkupKind.PlainText;
}

/** What a client with `capabilities` (possibly missing, or malformed) and `initializationOptions` supports. */
export function clientSupport(capabilities: ClientCapabilities | null | undefined, initializationOptions?: unknown): ClientSupport {
  // A client can send anything: every step checks the shape it reads.
  const object = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
  const flag = (value: unknown): boolean => value === true;
  const list = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : undefined);
  const strings = (value: unknown): string[] | undefined => list(value)?.filter((v): v is string => typeof v === 'string');

  const textDocument = object(object(capabilities).textDocument);
  const workspace = object(object(capabilities).workspace);
  const completionItem = object(object(textDocument.completion).completionItem);
  const codeAction = object(textDocument.codeAction);
  const documentSymbol = object(textDocument.documentSymbol);
  const kinds = list(object(documentSymbol.symbolKind).valueSet)?.filter((k): k is SymbolKind => typeof k === 'number');
  const suggestCommand = object(initializationOptions).suggestCommand;
  return {
    snippets: flag(completionItem.snippetSupport),
    insertReplace: flag(completionItem.insertReplaceSupport),
    completionDocumentation: preferredFormat(strings(completionItem.documentationFormat)),
    hover: preferredFormat(strings(object(textDocument.hover).contentFormat)),
    documentChanges: flag(object(workspace.workspaceEdit).documentChanges),
    codeActionLiterals: codeAction.codeActionLiteralSupport !== undefined && codeAction.codeActionLiteralSupport !== null,
    preferredCodeActions: flag(codeAction.isPreferredSupport),
    prepareRename: flag(object(textDocument.rename).prepareSupport),
    symbolTree: flag(documentSymbol.hierarchicalDocumentSymbolSupport),
    symbolKinds: kinds ? new Set([...FIRST_SYMBOL_KINDS, ...kinds]) : FIRST_SYMBOL_KINDS,
    applyEdit: flag(workspace.applyEdit),
    configuration: flag(workspace.configuration),
    watchFiles: flag(object(workspace.didChangeWatchedFiles).dynamicRegistration),
    workDoneProgress: flag(object(object(capabilities).window).workDoneProgress),
    suggestCommand: typeof suggestCommand === 'string' && suggestCommand !== '' ? suggestCommand : undefined,
  };
}

/**
 * `message` with an `initialize` request's `params` and `params.capabilities` made objects when they
 * are missing or not objects: the protocol library reads them before the server's own handler does,
 * and would answer an internal error. Any other message is returned as it is.
 */
export function withInitializeDefaults(message: Message): Message {
  const request = message as Message & { method?: unknown; params?: unknown };
  if (request.method !== 'initialize') return message;
  const params = typeof request.params === 'object' && request.params !== null && !Array.isArray(request.params) ? (request.params as Record<string, unknown>) : {};
  const capabilities = typeof params.capabilities === 'object' && params.capabilities !== null ? params.capabilities : {};
  return { ...request, params: { ...params, capabilities } } as Message;
}
