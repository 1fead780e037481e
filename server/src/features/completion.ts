/**
 * Completion: statement snippets, option keys valid for the statement's type, type names, closed
 * value sets, endpoint templates and connection names — all from the catalogue.
 */
import {
  CompletionItemKind,
  InsertReplaceEdit,
  InsertTextFormat,
  MarkupKind,
  TextEdit,
  type Command,
  type CompletionItem,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { authMethods, type AuthMethodId } from '../catalogue/authMethods';
import { authMethodsOf, requiredKeysOf } from '../catalogue/connectionKeys';
import { baseRequiredKeys, connectionTypes, type ConnectionType } from '../catalogue/connectionTypes';
import { allOptionKeys, ENDPOINT_KEY, findOptionKey, TYPE_KEY, type OptionKey } from '../catalogue/optionKeys';
import { referenceKeys } from '../catalogue/keyIndex';
import { definitionOf } from '../analysis/connectionReferences';
import type { ParsedDocument } from '../parser/parseDocument';
import { connectionTypeOf, cursorContext, type CursorContext, type EditTarget, type StatementAtCursor } from './atPosition';
import { sqlString } from './optionListEdits';
import { quoteIdentifier } from './rename';
import { allConnectionSnippets, snippetDefaults } from './snippets';

/** What completion needs to know about connections: their names and types. */
export interface KnownConnection {
  readonly name: string;
  readonly type: string | undefined;
}

export interface CompletionEnvironment {
  /** Every connection defined in the open documents and the workspace. */
  readonly connections: readonly KnownConnection[];
}

const STATEMENT_KEYWORDS: readonly { label: string; body: string; detail: string }[] = [
  { label: 'CREATE CONNECTION', body: `CREATE CONNECTION \${1:name}\nWITH (\n  '${TYPE_KEY}' = '$2',\n  '${ENDPOINT_KEY}' = '$3'$0\n);`, detail: 'Create a connection to an external service' },
  { label: 'ALTER CONNECTION', body: "ALTER CONNECTION ${1:name} SET (\n  '${2:api-key}' = '$3'\n);", detail: "Change a connection's credentials" },
  { label: 'DROP CONNECTION', body: 'DROP CONNECTION ${1:name};', detail: 'Delete a connection and its credentials' },
  { label: 'SHOW CONNECTIONS', body: "SHOW CONNECTIONS${1: LIKE '${2:%}'};", detail: 'List the connections' },
  { label: 'DESCRIBE CONNECTION', body: 'DESCRIBE CONNECTION ${1:name};', detail: 'Show a connection (without its secrets)' },
];

/**
 * The command that opens the completion list again, after a key whose value is to be typed next. It
 * is a VS Code command: only a client that says it has it gets it (`ClientSupport.suggestCommand`).
 */
export const SUGGEST_AGAIN: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/**
 * An item's edit at `target`: `newText` in place of the text being typed, on the cursor's line. Where
 * inserting (up to the cursor) and replacing (up to `replaceEnd`) differ, both ranges, for the client
 * to choose (clients without insert/replace support get the replace range).
 */
function editAt(document: TextDocument, target: EditTarget, newText: string, replaceEnd = target.end): TextEdit | InsertReplaceEdit {
  const start = document.positionAt(target.start);
  const cursor = document.positionAt(target.cursor);
  if (replaceEnd === target.cursor) return TextEdit.replace({ start, end: cursor }, newText);
  return InsertReplaceEdit.create(newText, { start, end: cursor }, { start, end: document.positionAt(replaceEnd) });
}

/**
 * The edit that makes the string at `target` hold `inner` (its text between the quotes, `'` already
 * doubled): the quotes the string lacks are added, and `after` goes after its closing quote.
 */
function stringEdit(document: TextDocument, target: EditTarget, inner: string, after = ''): TextEdit | InsertReplaceEdit {
  if (!target.string) return editAt(document, target, `'${inner}'${after}`);
  if (!target.string.closed) return editAt(document, target, `${inner}'${after}`);
  if (after === '') return editAt(document, target, inner);
  // The text after the string comes after its closing quote, which the edit replaces too.
  return TextEdit.replace({ start: document.positionAt(target.start), end: document.positionAt(target.end + 1) }, `${inner}'${after}`);
}

/** `text` as it is written between the quotes of a SQL string. */
const inSqlString = (text: string): string => sqlString(text).slice(1, -1);

function statementStartItems(document: TextDocument, target: EditTarget): CompletionItem[] {
  const keywords = STATEMENT_KEYWORDS.map(
    (k, i): CompletionItem => ({
      label: k.label,
      kind: CompletionItemKind.Keyword,
      detail: k.detail,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: editAt(document, target, k.body),
      sortText: `0${i}`,
    }),
  );
  const snippets = allConnectionSnippets().map(
    (s, i): CompletionItem => ({
      label: `CREATE CONNECTION ${s.label}`,
      filterText: `CREATE CONNECTION ${s.type} ${s.label}`,
      kind: CompletionItemKind.Snippet,
      detail: s.selector,
      documentation: { kind: MarkupKind.Markdown, value: `${s.description}\n\n\`\`\`sql\n${snippetDefaults(s.body)}\n\`\`\`` },
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: editAt(document, target, s.body),
      sortText: `1${String(i).padStart(3, '0')}`,
    }),
  );
  return [...keywords, ...snippets];
}

/** The auth methods the present keys have committed to. */
function chosenMethods(type: ConnectionType, present: ReadonlySet<string>): AuthMethodId[] {
  return type.authMethods.filter((id) => {
    const method = authMethods[id];
    return [...method.keys, ...method.optionalKeys].some((k) => present.has(k));
  });
}

/**
 * Keys to offer at a key position, best first: required keys, then the keys of the auth methods
 * still open (only the chosen method's, once one is chosen), then optional keys.
 */
function keyCandidates(statement: StatementAtCursor, type: ConnectionType | undefined, present: ReadonlySet<string>): { key: OptionKey; group: number; why: string }[] {
  const alter = statement.kind === 'alterConnection';
  const result: { key: OptionKey; group: number; why: string }[] = [];
  const add = (name: string, group: number, why: string) => {
    const key = findOptionKey(name);
    if (key && !present.has(name) && !result.some((r) => r.key.name === name)) result.push({ key, group, why });
  };
  if (!type) {
    if (!alter) {
      for (const key of baseRequiredKeys) add(key, 0, 'required');
    }
    for (const key of allOptionKeys) if (!alter || key.alterable) add(key.name, 2, '');
    return result;
  }
  if (!alter) for (const key of requiredKeysOf(type)) add(key, 0, 'required');
  const chosen = chosenMethods(type, present);
  const open = chosen.length > 0 ? chosen : type.authMethods;
  for (const id of open) {
    const method = authMethods[id];
    const why = authMethodsOf(type).length > 1 ? `${method.label}` : 'required';
    for (const key of method.keys) add(key, 1, alter ? method.label : why);
    for (const key of method.optionalKeys) add(key, 2, `${method.label}, optional`);
  }
  if (!alter) for (const key of type.optionalKeys) add(key, 2, 'optional');
  return result;
}

/** The connection's type: from its own `'type'`, or for ALTER from the connection it names. */
function statementType(statement: StatementAtCursor, environment: CompletionEnvironment): ConnectionType | undefined {
  return connectionTypeOf(statement, (name) => environment.connections.find((c) => c.name === name && c.type)?.type);
}

type KeyContext = Extract<CursorContext, { kind: 'option-key' }>;

/** A key's item: the key, and ` = ''` with the cursor inside (and the list again) unless the `=` is there already. */
function keyItem(document: TextDocument, { target, followedBy }: KeyContext, key: string, more: Partial<CompletionItem>): CompletionItem {
  const after = followedBy === 'equals' ? '' : followedBy === 'option' ? ` = '$1', ` : ` = '$1'`;
  const textEdit = stringEdit(document, target, key, after);
  return { label: key, kind: CompletionItemKind.Property, insertTextFormat: InsertTextFormat.Snippet, textEdit, ...(after ? { command: SUGGEST_AGAIN } : {}), ...more };
}

function keyItems(document: TextDocument, context: KeyContext, environment: CompletionEnvironment): CompletionItem[] {
  const { statement } = context;
  if (statement.kind !== 'createConnection' && statement.kind !== 'alterConnection') return referenceKeyItems(document, context);
  // The key being retyped is not "present": it is offered again.
  const present = new Set(statement.options.map((o) => o.key).filter((k) => k !== context.replacing));
  return keyCandidates(statement, statementType(statement, environment), present).map(({ key, group, why }, i) =>
    keyItem(document, context, key.name, {
      detail: `${why || 'option'}${key.secret === 'always' ? ' · secret' : ''}`,
      documentation: key.description,
      sortText: `${group}${String(i).padStart(2, '0')}`,
    }),
  );
}

/** In CREATE TABLE / CREATE MODEL: the `'<connector>.connection'` keys. */
function referenceKeyItems(document: TextDocument, context: KeyContext): CompletionItem[] {
  if (context.statement.kind !== 'createTable' && context.statement.kind !== 'createModel') return [];
  const present = new Set(context.statement.options.map((o) => o.key));
  return [...referenceKeys.values()]
    .filter((r) => !present.has(r.key))
    .map((r) => keyItem(document, context, r.key, { detail: `names a '${r.connectionType}' connection` }));
}

function valueItems(document: TextDocument, statement: StatementAtCursor, key: string, target: EditTarget, environment: CompletionEnvironment): CompletionItem[] {
  if (statement.kind !== 'createConnection' && statement.kind !== 'alterConnection') return [];
  const info = findOptionKey(key);
  if (!info) return [];
  if (info.value.kind === 'connection-type') {
    return connectionTypes.map((type, i) => ({
      label: type.name,
      kind: CompletionItemKind.EnumMember,
      detail: type.displayName,
      documentation: type.description,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: stringEdit(document, target, type.name),
      sortText: String(i).padStart(2, '0'),
    }));
  }
  if (info.value.kind === 'enum') {
    const defaultValue = info.value.defaultValue;
    return info.value.values.map((value) => ({
      label: value,
      kind: CompletionItemKind.EnumMember,
      detail: value === defaultValue ? 'default' : undefined,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: stringEdit(document, target, inSqlString(value)),
    }));
  }
  if (key === ENDPOINT_KEY) {
    const type = statementType(statement, environment);
    const types = type ? [type] : connectionTypes;
    return types.map((t) => ({
      label: t.endpoint.example,
      kind: CompletionItemKind.Value,
      detail: `${t.displayName} endpoint`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: stringEdit(document, target, t.endpoint.template),
    }));
  }
  return [];
}

function connectionNameItems(
  document: TextDocument,
  target: EditTarget,
  inString: boolean,
  environment: CompletionEnvironment,
  wantedType: string | undefined,
): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const connection of environment.connections) {
    if (seen.has(connection.name)) continue;
    seen.add(connection.name);
    const identifier = quoteIdentifier(connection.name);
    const matches = wantedType === undefined || connection.type === wantedType;
    items.push({
      label: connection.name,
      kind: CompletionItemKind.Reference,
      detail: connection.type ? `${connection.type} connection` : 'connection',
      // A name that needs backticks is filtered with them, as it is typed.
      ...(!inString && identifier !== connection.name ? { filterText: identifier } : {}),
      textEdit: inString ? stringEdit(document, target, inSqlString(connection.name)) : editAt(document, target, identifier),
      insertTextFormat: InsertTextFormat.PlainText,
      sortText: `${matches ? 0 : 1}${connection.name}`,
    });
  }
  return items;
}

/**
 * Completion items at `offset` of `document`, in VS Code's terms (snippets, Markdown, insert/replace
 * edits): `clientTerms.ts` turns them into what another client takes. Every edit stays on the
 * cursor's line.
 */
export function completion(
  document: TextDocument,
  parsed: ParsedDocument,
  offset: number,
  workspace: CompletionEnvironment,
): CompletionItem[] {
  // The document's own connections come first: they are the freshest. They are gathered only when an
  // item needs them (connection names, ALTER's type), which most keystrokes' completions do not.
  let connections: readonly KnownConnection[] | undefined;
  const environment: CompletionEnvironment = {
    get connections() {
      const own = () =>
        parsed.statements.flatMap(({ statement }) => {
          const definition = statement && definitionOf(statement);
          return definition ? [{ name: definition.name, type: definition.type }] : [];
        });
      return (connections ??= [...own(), ...workspace.connections]);
    },
  };
  const context = cursorContext(document.getText(), parsed, offset);
  switch (context.kind) {
    case 'statement-start':
      return statementStartItems(document, context.target);
    case 'option-key':
      return keyItems(document, context, environment);
    case 'option-value':
      return valueItems(document, context.statement, context.key, context.target, environment);
    case 'name': {
      // In a `'<x>.connection'` value, the names of connections of the type the key names come first.
      const key = context.role.key?.toLowerCase();
      const wanted = key === undefined ? undefined : referenceKeys.get(key)?.connectionType;
      return connectionNameItems(document, context.target, context.role.inString, environment, wanted);
    }
    default:
      return [];
  }
}
