/**
 * Ohm semantic actions that turn a successful match of a statement's shape into a tree template:
 * the tree of ast.ts with every span counted in tokens (`{ start: first token, end: past the last }`)
 * and no text in it. placeTemplate.ts puts a template on a statement's tokens, which fills in the
 * offsets and the names and values. Each operation returns one node type, so the compiler checks
 * every action against the grammar.
 */
import type { IterationNode, Node } from 'ohm-js';
import grammar from './flinksql.ohm-bundle';
import type { Identifier, LegacySetting, OptionList, OptionNode, QualifiedName, Span, Statement, StringLiteral } from './ast';

/** A span in token indices. */
function tokensOf(node: Node): Span {
  return { start: node.source.startIdx, end: node.source.endIdx };
}

function optional<T>(iteration: IterationNode, map: (node: Node) => T): T | undefined {
  return iteration.numChildren > 0 ? map(iteration.child(0)) : undefined;
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
      orReplace: orReplace.numChildren > 0,
      temporary: temporary.numChildren > 0,
      ifNotExists: ifNotExists.numChildren > 0,
      name: name.name(),
      comment: optional(comment, (clause) => clause.child(1).string()),
      withKeyword: { span: tokensOf(withKeyword) },
      options: options.options(),
    };
  },
  alterConnection_set(_alter, _connection, ifExists, name, setKeyword, options) {
    return {
      kind: 'alterConnection',
      ifExists: ifExists.numChildren > 0,
      name: name.name(),
      setKeyword: { span: tokensOf(setKeyword) },
      options: options.options(),
    };
  },
  alterConnection_reset(_alter, _connection, ifExists, name, _reset, _keys) {
    return { kind: 'resetConnection', ifExists: ifExists.numChildren > 0, name: name.name() };
  },
  alterConnection_rename(_alter, _connection, ifExists, name, _rename, _to, _newName) {
    return { kind: 'renameConnection', ifExists: ifExists.numChildren > 0, name: name.name() };
  },
  dropConnection(_drop, temporary, _connection, ifExists, name) {
    return { kind: 'dropConnection', ifExists: ifExists.numChildren > 0, temporary: temporary.numChildren > 0, name: name.name() };
  },
  showConnections(_show, _connections, scope, like) {
    return {
      kind: 'showConnections',
      scope: optional(scope, (clause) => clause.child(1).name()),
      like: optional(like, (clause) => clause.child(2).string()),
    };
  },
  showCreateConnection(_show, _create, _connection, name) {
    return { kind: 'showCreateConnection', name: name.name() };
  },
  describeConnection(_describe, _connection, _extended, _identifier, name) {
    return { kind: 'describeConnection', name: name.name() };
  },
  createTable(head, _columns, clauses, options, _source, _end) {
    const usingConnection = clauses.children.find((clause) => clause.child(0).ctorName === 'tableClause_usingConnection');
    return {
      kind: 'createTable',
      name: head.child(5).name(),
      options: optional(options, (node) => node.options()),
      connection: usingConnection && usingConnection.child(0).child(2).name(),
    };
  },
  createModel(prefix, options, _as, _query, _end) {
    return { kind: 'createModel', name: prefix.child(5).name(), options: optional(options, (node) => node.options()), connection: undefined };
  },
  createTool(_create, _orReplace, _tool, _ifNotExists, name, source, comment, options) {
    const usingConnection = source.child(0).ctorName === 'toolSource_connection';
    return {
      kind: 'createTool',
      name: name.name(),
      connection: usingConnection ? source.child(0).child(2).name() : undefined,
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
