/**
 * Ohm semantic actions that turn a successful match of a statement's shape into a tree template:
 * the tree of ast.ts with every span counted in tokens (`{ start: first token, end: past the last }`)
 * and no text in it. placeTemplate.ts puts a template on a statement's tokens, which fills in the
 * offsets and the names and values. Each operation returns one node type, so the compiler checks
 * every action against the grammar.
 */
import type { IterationNode, Node } from 'ohm-js';
import grammar from './flinksql.ohm-bundle';
import type {
  AlterChange,
  Identifier,
  LegacySetting,
  ManageObject,
  OptionList,
  OptionNode,
  QualifiedName,
  ShowObjects,
  Span,
  Statement,
  StringLiteral,
} from './ast';

/** A span in token indices. */
function tokensOf(node: Node): Span {
  return { start: node.source.startIdx, end: node.source.endIdx };
}

/** Whether an optional part (`x?`) is there. */
const present = (iteration: IterationNode): boolean => iteration.numChildren > 0;

function optional<T>(iteration: IterationNode, map: (node: Node) => T): T | undefined {
  return present(iteration) ? map(iteration.child(0)) : undefined;
}

/** The names of a `nameList` (`t1, db.t2`). */
const namesOf = (list: Node): QualifiedName[] => list.child(0).asIteration().children.map((name) => name.name());

/** `CONNECTION`, `MODEL`, `TOOL` or `AGENT` (and their plurals) after a statement's verb, as a word for its kind. */
const OBJECT_WORDS: Readonly<Record<string, 'Connection' | 'Model' | 'Tool' | 'Agent'>> = {
  kwConnection: 'Connection',
  kwConnections: 'Connection',
  kwModel: 'Model',
  kwModels: 'Model',
  kwTool: 'Tool',
  kwTools: 'Tool',
  kwAgent: 'Agent',
  kwAgents: 'Agent',
};

function objectWord(keyword: Node): 'Connection' | 'Model' | 'Tool' | 'Agent' {
  return OBJECT_WORDS[keyword.ctorName]!;
}

export const semantics = grammar.createSemantics();

semantics.addOperation<StringLiteral>('string', {
  stringLiteral(_token) {
    const span = tokensOf(this);
    return { value: '', span, valueSpan: span };
  },
});

semantics.addOperation<Identifier>('identifier', {
  identifier(identifier) {
    return identifier.identifier();
  },
  quotedIdentifier(_token) {
    return { value: '', quoted: true, span: tokensOf(this) };
  },
  plainIdentifier(_token) {
    return { value: '', quoted: false, span: tokensOf(this) };
  },
});

semantics.addOperation<QualifiedName>('name', {
  qualifiedName(list) {
    return { parts: list.asIteration().children.map((part) => part.identifier()), span: tokensOf(this) };
  },
});

semantics.addOperation<StringLiteral | QualifiedName>('connectionName', {
  connectionName(name) {
    return name.ctorName === 'stringLiteral' ? name.string() : name.name();
  },
});

semantics.addOperation<OptionNode>('option', {
  option(key, _equals, value) {
    return { key: key.string(), value: value.string(), span: tokensOf(this) };
  },
});

semantics.addOperation<StringLiteral[]>('keys', {
  keyList(_open, list, _close) {
    return list.asIteration().children.map((key) => key.string());
  },
});

semantics.addOperation<AlterChange>('change', {
  alterChange_set(setKeyword, options) {
    return { action: 'set', setKeyword: { span: tokensOf(setKeyword) }, options: options.options() };
  },
  alterChange_reset(_reset, keys) {
    return { action: 'reset', keys: keys.keys() };
  },
  alterChange_rename(_rename, _to, newName) {
    return { action: 'rename', newName: newName.name() };
  },
  agentChange_model(_set, _model, model) {
    return { action: 'setModel', model: model.name() };
  },
  agentChange_prompt(_set, _prompt, prompt) {
    return { action: 'setPrompt', prompt: prompt.string() };
  },
  agentChange_addTool(_add, _tool, tool) {
    return { action: 'addTool', tool: tool.name() };
  },
  agentChange_removeTool(_remove, _tool, tool) {
    return { action: 'removeTool', tool: tool.name() };
  },
});

semantics.addOperation<OptionList>('options', {
  optionList(_open, list, _close) {
    return { options: list.asIteration().children.map((option) => option.option()), span: tokensOf(this) };
  },
  withOptions(_with, list) {
    return list.options();
  },
});

semantics.addOperation<Statement>('statement', {
  statement(statement) {
    return statement.statement();
  },
  createConnection(_create, orReplace, temporary, _connection, ifNotExists, name, comment, withKeyword, options) {
    return {
      kind: 'createConnection',
      orReplace: present(orReplace),
      temporary: present(temporary),
      ifNotExists: present(ifNotExists),
      name: name.name(),
      comment: optional(comment, (clause) => clause.child(1).string()),
      withKeyword: { span: tokensOf(withKeyword) },
      options: options.options(),
    };
  },
  alterObject(_alter, object, ifExists, name, change, _end) {
    const word = objectWord(object);
    const alteredChange: AlterChange = change.change();
    if (word !== 'Connection') {
      return { kind: `alter${word as 'Model' | 'Tool'}`, ifExists: present(ifExists), name: name.name(), version: undefined, change: alteredChange };
    }
    if (alteredChange.action === 'set') {
      return { kind: 'alterConnection', ifExists: present(ifExists), name: name.name(), setKeyword: alteredChange.setKeyword, options: alteredChange.options };
    }
    return { kind: alteredChange.action === 'reset' ? 'resetConnection' : 'renameConnection', ifExists: present(ifExists), name: name.name() };
  },
  alterAgent(_alter, _agent, ifExists, name, change, _end) {
    return { kind: 'alterAgent', ifExists: present(ifExists), name: name.name(), version: undefined, change: change.change() };
  },
  dropObject(_drop, temporary, object, ifExists, name, _end) {
    const word = objectWord(object);
    if (word === 'Connection') return { kind: 'dropConnection', ifExists: present(ifExists), temporary: present(temporary), name: name.name() };
    return { kind: `drop${word}`, ifExists: present(ifExists), temporary: present(temporary), name: name.name(), version: undefined };
  },
  showObjects(_show, objects, scope, like, _end) {
    return {
      kind: `show${objectWord(objects)}s` as ShowObjects['kind'],
      scope: optional(scope, (clause) => clause.child(1).name()),
      like: optional(like, (clause) => clause.child(2).string()),
    };
  },
  showCreate(_show, _create, object, name, _end) {
    const word = objectWord(object);
    if (word === 'Connection') return { kind: 'showCreateConnection', name: name.name() };
    return { kind: `showCreate${word}`, ifExists: false, temporary: false, name: name.name(), version: undefined };
  },
  describeObject(_describe, object, _extended, _identifier, name, _end) {
    const word = objectWord(object);
    if (word === 'Connection') return { kind: 'describeConnection', name: name.name() };
    const kind: ManageObject['kind'] = `describe${word as 'Model' | 'Tool'}`;
    return { kind, ifExists: false, temporary: false, name: name.name(), version: undefined };
  },
  createTable(head, _columns, clauses, options, _source, _end) {
    const usingConnection = clauses.children.find((clause) => clause.child(0).ctorName === 'tableClause_usingConnection');
    return {
      kind: 'createTable',
      name: head.child(5).name(),
      options: optional(options, (node) => node.options()),
      connection: usingConnection && usingConnection.child(0).child(0).child(2).name(),
    };
  },
  createModel(prefix, options, as, _query, _end) {
    const [, orReplace, temporary, , ifNotExists, name, input, output, connection, comment] = prefix.children as [
      Node,
      IterationNode,
      IterationNode,
      Node,
      IterationNode,
      Node,
      IterationNode,
      IterationNode,
      IterationNode,
      IterationNode,
    ];
    return {
      kind: 'createModel',
      orReplace: present(orReplace),
      temporary: present(temporary),
      ifNotExists: present(ifNotExists),
      name: name.name(),
      input: optional(input, (clause) => tokensOf(clause.child(1))),
      output: optional(output, (clause) => tokensOf(clause.child(1))),
      connection: optional(connection, (clause) => clause.child(2).name()),
      comment: optional(comment, (clause) => clause.child(1).string()),
      options: optional(options, (node) => node.options()),
      trained: present(as),
    };
  },
  createTool(prefix, options, _end) {
    const [head, source, comment] = prefix.children as [Node, IterationNode, IterationNode];
    const [, orReplace, , ifNotExists, name] = head.children as [Node, IterationNode, Node, IterationNode, Node];
    const using = optional(source, (node) => node.child(0));
    return {
      kind: 'createTool',
      orReplace: present(orReplace),
      ifNotExists: present(ifNotExists),
      name: name.name(),
      connection: using?.ctorName === 'usingConnection' ? using.child(2).name() : undefined,
      function: using?.ctorName === 'toolSource_function' ? using.child(2).name() : undefined,
      comment: optional(comment, (clause) => clause.child(1).string()),
      options: optional(options, (node) => node.options()),
    };
  },
  createAgent(prefix, options, _end) {
    const [, orReplace, , ifNotExists, name, source, comment] = prefix.children as [Node, IterationNode, Node, IterationNode, Node, Node, IterationNode];
    const using = source.child(0);
    const standard = using.ctorName === 'agentSource_model';
    return {
      kind: 'createAgent',
      orReplace: present(orReplace),
      ifNotExists: present(ifNotExists),
      name: name.name(),
      model: standard ? using.child(2).name() : undefined,
      prompt: standard ? using.child(5).string() : undefined,
      tools: standard ? (optional(using.child(6), (clause) => namesOf(clause.child(2))) ?? []) : [],
      agents: standard ? [] : namesOf(using.child(2)),
      comment: optional(comment, (clause) => clause.child(1).string()),
      options: optional(options, (node) => node.options()),
    };
  },
  createFunction(_create, _orReplace, _temporary, _function, _ifNotExists, name, _tokens, usingConnections) {
    const names = optional(usingConnections, (clause) => clause.child(3).asIteration().children.map((name) => name.connectionName())) ?? [];
    return {
      kind: 'createFunction',
      name: name.name(),
      connections: names.filter((name): name is StringLiteral => 'valueSpan' in name),
      connectionIdentifiers: names.filter((name): name is QualifiedName => 'parts' in name),
    };
  },
  setStatement_quoted(_set, key, _equals, value) {
    return { kind: 'set', key: key.string(), value: value.string(), legacy: undefined };
  },
  setStatement_legacy(_set, key, _equals, value) {
    const legacy: LegacySetting = { key: tokensOf(key), value: tokensOf(value) };
    return { kind: 'set', key: undefined, value: undefined, legacy };
  },
  setStatement_list(_set) {
    return { kind: 'set', key: undefined, value: undefined, legacy: undefined };
  },
  resetStatement_quoted(_reset, key) {
    return { kind: 'reset', key: key.string(), legacy: undefined };
  },
  resetStatement_legacy(_reset, key) {
    return { kind: 'reset', key: undefined, legacy: { key: tokensOf(key), value: undefined } };
  },
  resetStatement_all(_reset) {
    return { kind: 'reset', key: undefined, legacy: undefined };
  },
  useStatement_catalog(_use, _catalog, name) {
    return { kind: 'use', target: 'catalog', names: [name.name()] };
  },
  useStatement_modules(_use, _modules, list) {
    const names = list.asIteration().children.map((identifier): QualifiedName => {
      const part: Identifier = identifier.identifier();
      return { parts: [part], span: part.span };
    });
    return { kind: 'use', target: 'modules', names };
  },
  useStatement_database(_use, name) {
    return { kind: 'use', target: 'database', names: [name.name()] };
  },
  otherStatement(_tokens) {
    return { kind: 'other' };
  },
});
