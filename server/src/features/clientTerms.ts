/**
 * Answers in the client's terms. The features answer as VS Code takes them (snippets, Markdown,
 * insert/replace edits, versioned workspace edits, code action literals, a symbol tree); these
 * functions turn an answer into what the client said it supports (`ClientSupport`), so no feature
 * needs to know which client asked.
 */
import {
  CodeActionKind,
  InsertReplaceEdit,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  TextDocumentEdit,
  type CodeAction,
  type Command,
  type CompletionItem,
  type DocumentSymbol,
  type Hover,
  type MarkupContent,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { ClientSupport } from '../clientSupport';
import { snippetAsPlainText } from './snippets';

/** The command a `Command` code action runs (for clients without code action literals): apply its edit. */
export const APPLY_EDIT_COMMAND = 'flinksql.applyEdit';

/**
 * Markdown as plain text: code fences and inline code without their backticks, emphasis without its
 * marks, links as `text (url)`, escapes resolved. Headings, lists and rules read well as they are.
 */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/^```[a-z]*\n([\s\S]*?)\n```$/gm, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s.,;:)])/gm, '$1$2')
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
}

/** Markdown as the client takes it. */
export function markupFor(markdown: string, format: MarkupKind): MarkupContent {
  return format === MarkupKind.Markdown ? { kind: MarkupKind.Markdown, value: markdown } : { kind: MarkupKind.PlainText, value: markdownToPlainText(markdown) };
}

export function hoverFor(hover: Hover | null, support: ClientSupport): Hover | null {
  if (!hover) return null;
  const contents = hover.contents;
  if (typeof contents === 'object' && 'kind' in contents && contents.kind === MarkupKind.Markdown) {
    return { ...hover, contents: markupFor(contents.value, support.hover) };
  }
  return hover;
}

/** One completion item as the client takes it. */
function completionItemFor(item: CompletionItem, support: ClientSupport): CompletionItem {
  const result: CompletionItem = { ...item };
  let edit = item.textEdit;
  if (edit && InsertReplaceEdit.is(edit) && !support.insertReplace) edit = { range: edit.replace, newText: edit.newText };
  if (item.insertTextFormat === InsertTextFormat.Snippet && !support.snippets) {
    result.insertTextFormat = InsertTextFormat.PlainText;
    if (edit) edit = { ...edit, newText: snippetAsPlainText(edit.newText) };
    if (item.insertText !== undefined) result.insertText = snippetAsPlainText(item.insertText);
  }
  if (edit) result.textEdit = edit;
  const documentation = item.documentation;
  if (typeof documentation === 'object' && documentation.kind === MarkupKind.Markdown && support.completionDocumentation !== MarkupKind.Markdown) {
    result.documentation = markdownToPlainText(documentation.value);
  }
  // The only item command is "suggest again" (completion.ts's SUGGEST_AGAIN), a command of the client.
  if (item.command) {
    if (support.suggestCommand && support.snippets) result.command = { ...item.command, command: support.suggestCommand };
    else delete result.command;
  }
  return result;
}

export function completionItemsFor(items: readonly CompletionItem[], support: ClientSupport): CompletionItem[] {
  return items.map((item) => completionItemFor(item, support));
}

/**
 * A workspace edit as the client takes it: `documentChanges` (each document's edits pinned to its
 * version, `null` for a document that is not open) or plain `changes` by URI. `versionOf` gives an
 * open document's version, for edits that come as `changes`.
 */
export function workspaceEditFor(edit: WorkspaceEdit, support: ClientSupport, versionOf: (uri: string) => number | null = () => null): WorkspaceEdit {
  const byUri = new Map<string, { version: number | null; edits: TextEdit[] }>();
  const add = (uri: string, version: number | null, edits: readonly TextEdit[]) => {
    const known = byUri.get(uri);
    if (known) known.edits.push(...edits);
    else byUri.set(uri, { version, edits: [...edits] });
  };
  for (const change of edit.documentChanges ?? []) {
    if (TextDocumentEdit.is(change)) add(change.textDocument.uri, change.textDocument.version, change.edits as TextEdit[]);
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) add(uri, versionOf(uri), edits);
  if (support.documentChanges) {
    return { documentChanges: [...byUri].map(([uri, { version, edits }]) => TextDocumentEdit.create({ uri, version }, edits)) };
  }
  return { changes: Object.fromEntries([...byUri].map(([uri, { edits }]) => [uri, edits])) };
}

/**
 * Code actions as the client takes them: literals (without `isPreferred` where the client does not
 * read it), or, for a client without literal support, commands that ask the server to apply the
 * edit (`APPLY_EDIT_COMMAND`), which it then sends back as `workspace/applyEdit` — none for a
 * client that cannot apply edits either.
 */
export function codeActionsFor(actions: readonly CodeAction[], support: ClientSupport): (CodeAction | Command)[] {
  // A client that takes neither literals nor the edits a command would send it can use no fix.
  if (!support.codeActionLiterals && !support.applyEdit) return [];
  return actions.flatMap((action): (CodeAction | Command)[] => {
    const edit = action.edit && workspaceEditFor(action.edit, support);
    if (support.codeActionLiterals) {
      const literal: CodeAction = { ...action, ...(edit ? { edit } : {}) };
      if (!support.preferredCodeActions) delete literal.isPreferred;
      return [literal];
    }
    // A source action (fix all) is asked for by kind, which a client without literals cannot do.
    if (!edit || (action.kind !== undefined && !action.kind.startsWith(CodeActionKind.QuickFix))) return [];
    return [{ title: action.title, command: APPLY_EDIT_COMMAND, arguments: [edit] }];
  });
}

/** A symbol kind the client knows: a newer kind falls back to one of the first version. */
export function symbolKindFor(kind: SymbolKind, support: ClientSupport): SymbolKind {
  if (support.symbolKinds.has(kind)) return kind;
  return kind === SymbolKind.Struct ? SymbolKind.Class : SymbolKind.Variable;
}

/** Document symbols as the client takes them: a tree, or a flat list located in `uri`. */
export function documentSymbolsFor(symbols: readonly DocumentSymbol[], uri: string, support: ClientSupport): DocumentSymbol[] | SymbolInformation[] {
  if (support.symbolTree) {
    const inTerms = (symbol: DocumentSymbol): DocumentSymbol => ({
      ...symbol,
      kind: symbolKindFor(symbol.kind, support),
      ...(symbol.children ? { children: symbol.children.map(inTerms) } : {}),
    });
    return symbols.map(inTerms);
  }
  const flat: SymbolInformation[] = [];
  const visit = (symbol: DocumentSymbol, container: string | undefined) => {
    flat.push({
      name: symbol.name,
      kind: symbolKindFor(symbol.kind, support),
      location: { uri, range: symbol.range },
      ...(container !== undefined ? { containerName: container } : {}),
    });
    for (const child of symbol.children ?? []) visit(child, symbol.name);
  };
  for (const symbol of symbols) visit(symbol, undefined);
  return flat;
}

export function workspaceSymbolsFor(symbols: readonly SymbolInformation[], support: ClientSupport): SymbolInformation[] {
  return symbols.map((symbol) => ({ ...symbol, kind: symbolKindFor(symbol.kind, support) }));
}
