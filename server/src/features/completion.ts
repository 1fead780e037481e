/**
 * Completion: statement snippets, option keys valid for the statement's type, type names, closed
 * value sets, endpoint templates and connection names — all from the catalogue. In the lists of
 * models, external tables, tools and agents: the keys of the provider, connector, tool type or agent
 * chosen (never another's), the selector's and closed sets' values, and only the connection names
 * whose type the place needs.
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
import { baseRequiredKeys, type ConnectionType } from '../catalogue/connectionTypes';
import { ENDPOINT_KEY, TYPE_KEY, type OptionKey } from '../catalogue/optionKeys';
import { builtInCatalogue, type Catalogue } from '../catalogue/catalogue';
import { findSetKey, sharedKeys, type OptionSet, type SetKey } from '../catalogue/optionSets';
import { definitionOf, type ResourceKind } from '../analysis/connectionReferences';
import type { ParsedDocument } from '../parser/parseDocument';
import {
  connectionTypeOf,
  cursorContext,
  optionListSets,
  selectedInDocument,
  toolConnectionTypes,
  type CursorContext,
  type EditTarget,
  type NameRole,
  type OptionListSets,
  type SelectedOf,
  type StatementAtCursor,
} from './atPosition';
import { optionSetHover, setKeyHover } from './hover';
import { resourceDetail } from './documentSymbols';
import { sqlString } from './optionListEdits';
import { quoteIdentifier } from './rename';
import { allConnectionSnippets, snippetDefaults } from './snippets';
import { textSourceOf } from '../workspace/openDocument';

/** What completion needs to know about connections: their names and types. */
export interface KnownConnection {
  readonly name: string;
  readonly type: string | undefined;
}

/** What completion needs to know about a model, tool or agent: its kind, name and provider or tool type. */
export interface KnownResource extends KnownConnection {
  readonly kind: ResourceKind;
}

export interface CompletionEnvironment {
  /** Every connection defined in the open documents and the workspace. */
  readonly connections: readonly KnownConnection[];
  /** The catalogue of the document's folder (flinksql.json's additions); the built-in one when not given. */
  readonly catalogue?: Catalogue;
  /** The provider or tool type of a model's or tool's CREATE, for ALTER … SET; the document's own CREATEs are read besides. */
  readonly selectedOf?: SelectedOf;
  /** Every model, tool and agent defined in the open documents and the workspace (none when not given). */
  readonly resources?: readonly KnownResource[];
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

function statementStartItems(document: TextDocument, target: EditTarget, catalogue: Catalogue): CompletionItem[] {
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
  const snippets = allConnectionSnippets(catalogue).map(
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
function keyCandidates(
  statement: StatementAtCursor,
  type: ConnectionType | undefined,
  present: ReadonlySet<string>,
  catalogue: Catalogue,
): { key: OptionKey; group: number; why: string }[] {
  const alter = statement.kind === 'alterConnection';
  const result: { key: OptionKey; group: number; why: string }[] = [];
  const add = (name: string, group: number, why: string) => {
    const key = catalogue.findOptionKey(name);
    if (key && !present.has(name) && !result.some((r) => r.key.name === name)) result.push({ key, group, why });
  };
  if (!type) {
    if (!alter) {
      for (const key of baseRequiredKeys) add(key, 0, 'required');
    }
    for (const key of catalogue.connectionKeys) if (!alter || key.alterable) add(key.name, 2, '');
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
  return connectionTypeOf(statement, (name) => environment.connections.find((c) => c.name === name && c.type)?.type, environment.catalogue);
}

type KeyContext = Extract<CursorContext, { kind: 'option-key' }>;

/**
 * A key's item: the key, and ` = ''` with the cursor inside (and the list again) unless the `=` is
 * there already; in a RESET list, the key alone (and a `,` before the next one). `key` may hold tab
 * stops below `stop`, the value's.
 */
function keyItem(document: TextDocument, { statement, target, followedBy }: KeyContext, key: string, more: Partial<CompletionItem>, stop = 1): CompletionItem {
  const reset = statement.list?.reset === true;
  const value = !reset && followedBy !== 'equals';
  const separator = followedBy === 'option' ? ', ' : '';
  const after = reset ? separator : value ? ` = '$${stop}'${separator}` : '';
  const textEdit = stringEdit(document, target, key, after);
  return { label: key, kind: CompletionItemKind.Property, insertTextFormat: InsertTextFormat.Snippet, textEdit, ...(value ? { command: SUGGEST_AGAIN } : {}), ...more };
}

function keyItems(document: TextDocument, context: KeyContext, environment: CompletionEnvironment): CompletionItem[] {
  const { statement } = context;
  if (statement.kind !== 'createConnection' && statement.kind !== 'alterConnection') {
    const sets = optionListSets(statement, environment.selectedOf ?? (() => undefined), undefined, environment.catalogue);
    return sets ? setKeyItems(document, context, sets) : [];
  }
  // The key being retyped is not "present": it is offered again.
  const present = new Set(statement.options.map((o) => o.key).filter((k) => k !== context.replacing));
  return keyCandidates(statement, statementType(statement, environment), present, environment.catalogue ?? builtInCatalogue).map(({ key, group, why }, i) =>
    keyItem(document, context, key.name, {
      detail: `${why || 'option'}${key.secret === 'always' ? ' · secret' : ''}`,
      documentation: key.description,
      sortText: `${group}${String(i).padStart(2, '0')}`,
    }),
  );
}

/** Whether completion offers a key: never a legacy or deprecated one, an ALTER-only key only in ALTER … SET. */
const offered = (key: SetKey, alter: boolean): boolean => !key.deprecated && !key.legacy && (alter || !key.alterOnly);

/**
 * In a model's, an external table's, a tool's or an agent's list: the keys of the set chosen (its
 * provider's, connector's, type's; never another's), or before one is chosen, the keys all share,
 * the selector first. Required keys first (not in ALTER … SET, where nothing is required, nor is the
 * selector offered), then the others, then the `<provider>.params.` prefix.
 */
function setKeyItems(document: TextDocument, context: KeyContext, sets: OptionListSets): CompletionItem[] {
  const replacing = context.replacing?.toLowerCase();
  const present = new Set(context.statement.options.map((o) => o.key.toLowerCase()).filter((k) => k !== replacing));
  const selector = 'sets' in sets.choose ? sets.choose.key : undefined;
  const keys = (sets.set?.keys ?? sharedKeys(sets.choose)).filter(
    (k) => offered(k, sets.alter) && !present.has(k.name.toLowerCase()) && !(sets.alter && k.name === selector),
  );
  const group = (k: SetKey) => (k.name === selector && !sets.alter ? 0 : k.required && !sets.alter ? 1 : 2);
  const items = keys.map((key, i) => {
    const inferred = key.confidence === 'documented' ? '' : ` (${key.confidence})`;
    const role = key.value.kind === 'connection-name' ? ` · names a '${key.value.connectionType}' connection` : '';
    return keyItem(document, context, key.name, {
      detail: `${group(key) < 2 ? 'required' : 'optional'}${inferred}${role}${key.secret === 'always' ? ' · secret' : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: setKeyHover(key, sets, sets.set) },
      sortText: `${group(key)}${String(i).padStart(2, '0')}`,
    });
  });
  const free = sets.set?.freeKeys;
  if (free) {
    const limit = free.limit === undefined ? '' : ` (at most ${free.limit})`;
    items.push(
      keyItem(document, context, `${free.prefix}\${1:temperature}`, {
        label: free.prefix,
        detail: `passed to the service${limit}`,
        documentation: { kind: MarkupKind.Markdown, value: `Keys under ${'`'}'${free.prefix}'${'`'}: ${free.description}` },
        sortText: '3',
      }, 2),
    );
  }
  return items;
}

/** Items for the values of a selector (`'provider'`, `'connector'`, a tool's `'type'`): its sets, a tool's only those of its USING clause. */
function selectorValueItems(document: TextDocument, target: EditTarget, sets: OptionListSets, choices: readonly OptionSet[]): CompletionItem[] {
  const fits = (set: OptionSet) => !sets.using || !('using' in set) || set.using === sets.using;
  return choices.filter(fits).map((set, i) => ({
    label: set.name,
    kind: CompletionItemKind.EnumMember,
    detail: set.displayName,
    documentation: { kind: MarkupKind.Markdown, value: optionSetHover(set, sets) },
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: stringEdit(document, target, inSqlString(set.name)),
    sortText: String(i).padStart(2, '0'),
  }));
}

/**
 * The names of the tools the documents define, for an agent's `'tools'`: the name being typed is the
 * one between the commas around the cursor; the tools already listed are not offered again.
 */
function toolNamesItems(document: TextDocument, target: EditTarget, resources: readonly KnownResource[]): CompletionItem[] {
  const text = textSourceOf(document);
  const start = target.start + text.slice(target.start, target.cursor).lastIndexOf(',') + 1;
  const nextComma = text.slice(target.cursor, target.end).indexOf(',');
  const end = nextComma < 0 ? target.end : target.cursor + nextComma;
  const typed = text.slice(start, target.cursor);
  const listed = new Set(
    (text.slice(target.start, start) + text.slice(end, target.end))
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  );
  // A name before the list's end is inside a closed string: its edit adds no quote (`stringEdit`).
  const segment: EditTarget = { ...target, start: start + typed.length - typed.trimStart().length, end: Math.max(target.cursor, end) };
  const role: NameRole = { kind: 'name', resource: 'tool', defines: false, inString: true };
  return resourceNameItems(document, segment, role, resources.filter((r) => !listed.has(r.name)));
}

/** Values in a model's, table's, tool's or agent's list: the selector's sets, a key's closed set of values, or an agent's tools. */
function setValueItems(document: TextDocument, target: EditTarget, sets: OptionListSets, key: string, environment: CompletionEnvironment): CompletionItem[] {
  const lower = key.toLowerCase();
  if ('sets' in sets.choose && lower === sets.choose.key) return selectorValueItems(document, target, sets, sets.choose.sets);
  const info = findSetKey(sets.set ?? { keys: sharedKeys(sets.choose) }, lower);
  if (info?.value.kind === 'tool-names') return toolNamesItems(document, target, environment.resources ?? []);
  if (info?.value.kind !== 'enum' || info.legacy || info.secret === 'always') return [];
  return info.value.values.map((value, i) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    detail: `${info.name} value`,
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: stringEdit(document, target, inSqlString(value)),
    sortText: String(i).padStart(2, '0'),
  }));
}

function valueItems(document: TextDocument, statement: StatementAtCursor, key: string, target: EditTarget, environment: CompletionEnvironment): CompletionItem[] {
  if (statement.kind !== 'createConnection' && statement.kind !== 'alterConnection') {
    const sets = optionListSets(statement, environment.selectedOf ?? (() => undefined), key, environment.catalogue);
    return sets ? setValueItems(document, target, sets, key, environment) : [];
  }
  const catalogue = environment.catalogue ?? builtInCatalogue;
  const info = catalogue.findOptionKey(key);
  if (!info) return [];
  if (info.value.kind === 'connection-type') {
    return catalogue.connectionTypes.map((type, i) => ({
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
    const types = type ? [type] : catalogue.connectionTypes;
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
  wantedTypes: readonly string[] | undefined,
): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const connection of environment.connections) {
    if (seen.has(connection.name)) continue;
    seen.add(connection.name);
    const identifier = quoteIdentifier(connection.name);
    // A connection of another type is left out; one whose type is unknown is offered after the others.
    const matches = wantedTypes === undefined || (connection.type !== undefined && wantedTypes.includes(connection.type));
    if (!matches && connection.type !== undefined) continue;
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
 * The connection types a name may have where the cursor names a connection: the type a
 * `'<x>.connection'` key names, a tool's (MCP server or A2A), a model's provider's or an external
 * table's connector's for its USING CONNECTION; undefined (any) elsewhere and for keys the catalogue
 * does not know.
 */
function wantedTypes(context: Extract<CursorContext, { kind: 'name' }>, environment: CompletionEnvironment): readonly string[] | undefined {
  const key = context.role.key?.toLowerCase();
  if (key !== undefined) {
    const type = (environment.catalogue ?? builtInCatalogue).referenceKeys.get(key)?.connectionType;
    return type === undefined ? undefined : [type];
  }
  const { statement } = context;
  if (statement.kind === 'createTool') return toolConnectionTypes(statement);
  if (statement.kind === 'createModel' || statement.kind === 'createTable') {
    const type = optionListSets(statement, environment.selectedOf ?? (() => undefined), undefined, environment.catalogue)?.set?.connectionType;
    return type === undefined ? undefined : [type];
  }
  return undefined;
}

/**
 * The names of the models, tools or agents (as `role` wants) the documents define, where one is named:
 * USING MODEL / TOOLS / AGENTS, SET MODEL, ADD / REMOVE TOOL, ALTER … and the first argument of
 * ML_PREDICT, AI_RUN_AGENT, …; each name once, with its provider or tool type.
 */
function resourceNameItems(document: TextDocument, target: EditTarget, role: NameRole, resources: readonly KnownResource[]): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const resource of resources) {
    if (resource.kind !== role.resource || seen.has(resource.name)) continue;
    seen.add(resource.name);
    const identifier = quoteIdentifier(resource.name);
    items.push({
      label: resource.name,
      kind: CompletionItemKind.Reference,
      detail: resourceDetail(resource),
      ...(!role.inString && identifier !== resource.name ? { filterText: identifier } : {}),
      textEdit: role.inString ? stringEdit(document, target, inSqlString(resource.name)) : editAt(document, target, identifier),
      insertTextFormat: InsertTextFormat.PlainText,
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
  let resources: readonly KnownResource[] | undefined;
  const own = selectedInDocument(parsed);
  const environment: CompletionEnvironment = {
    catalogue: workspace.catalogue ?? builtInCatalogue,
    selectedOf: (kind, name) => own(kind, name) ?? workspace.selectedOf?.(kind, name),
    get resources() {
      const ownResources = () =>
        parsed.statements.flatMap(({ statement }) => {
          const definition = statement && definitionOf(statement);
          return definition && definition.kind !== 'connection' ? [{ kind: definition.kind, name: definition.name, type: definition.type }] : [];
        });
      return (resources ??= [...ownResources(), ...(workspace.resources ?? [])]);
    },
    get connections() {
      const ownConnections = () =>
        parsed.statements.flatMap(({ statement }) => {
          const definition = statement && definitionOf(statement);
          return definition?.kind === 'connection' ? [{ name: definition.name, type: definition.type }] : [];
        });
      return (connections ??= [...ownConnections(), ...workspace.connections]);
    },
  };
  const context = cursorContext(textSourceOf(document), parsed, offset);
  switch (context.kind) {
    case 'statement-start':
      return statementStartItems(document, context.target, environment.catalogue ?? builtInCatalogue);
    case 'option-key':
      return keyItems(document, context, environment);
    case 'option-value':
      return valueItems(document, context.statement, context.key, context.target, environment);
    case 'name':
      if (context.role.resource !== 'connection') return resourceNameItems(document, context.target, context.role, environment.resources ?? []);
      return connectionNameItems(document, context.target, context.role.inString, environment, wantedTypes(context, environment));
    default:
      return [];
  }
}
