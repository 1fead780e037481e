/**
 * Ohm semantic actions that turn a successful match of one statement into the tree of ast.ts.
 * Each operation returns one node type, so the compiler checks every action against the grammar.
 */
import type { IterationNode, Node } from 'ohm-js';
import grammar from './flinksql.ohm-bundle';
import type {
  Identifier,
  OptionList,
  OptionNode,
  QualifiedName,
  Span,
  Statement,
  StringLiteral,
} from './ast';

function spanOf(node: Node): Span {
  return { start: node.source.startIdx, end: node.source.endIdx };
}

function optional<T>(iteration: IterationNode, map: (node: Node) => T): T | undefined {
  return iteration.numChildren > 0 ? map(iteration.child(0)) : undefined;
}

export const semantics = grammar.createSemantics();

semantics.addOperation<StringLiteral>('string', {
  stringLiteral(open, chars, close) {
    return {
      value: chars.sourceString.replace(/''/g, "'"),
      span: spanOf(this),
      valueSpan: { start: open.source.endIdx, end: close.source.startIdx },
    };
  },
});

semantics.addOperation<Identifier>('identifier', {
  Identifier(identifier) {
    return identifier.identifier();
  },
  quotedIdentifier(_open, chars, _close) {
    return { value: chars.sourceString.replace(/``/g, '`'), quoted: true, span: spanOf(this) };
  },
  plainIdentifier(_start, _rest) {
    return { value: this.sourceString, quoted: false, span: spanOf(this) };
  },
});

semantics.addOperation<QualifiedName>('name', {
  QualifiedName(list) {
    return { parts: list.asIteration().children.map((part) => part.identifier()), span: spanOf(this) };
  },
});

semantics.addOperation<OptionNode>('option', {
  Option(key, _equals, value) {
    return { key: key.string(), value: value.string(), span: spanOf(this) };
  },
});

semantics.addOperation<OptionList>('options', {
  OptionList(_open, list, _close) {
    return { options: list.asIteration().children.map((option) => option.option()), span: spanOf(this) };
  },
  WithOptions(_with, list) {
    return list.options();
  },
});

semantics.addOperation<Statement>('statement', {
  Statement(statement) {
    return statement.statement();
  },
  CreateConnection(_create, orReplace, _connection, ifNotExists, name, comment, withKeyword, options) {
    return {
      kind: 'createConnection',
      orReplace: orReplace.numChildren > 0,
      ifNotExists: ifNotExists.numChildren > 0,
      name: name.name(),
      comment: optional(comment, (clause) => clause.child(1).string()),
      withKeyword: { span: spanOf(withKeyword) },
      options: options.options(),
    };
  },
  AlterConnection(_alter, _connection, ifExists, name, setKeyword, options) {
    return {
      kind: 'alterConnection',
      ifExists: ifExists.numChildren > 0,
      name: name.name(),
      setKeyword: { span: spanOf(setKeyword) },
      options: options.options(),
    };
  },
  DropConnection(_drop, _connection, ifExists, name) {
    return { kind: 'dropConnection', ifExists: ifExists.numChildren > 0, name: name.name() };
  },
  ShowConnections(_show, _connections, scope, like) {
    return {
      kind: 'showConnections',
      scope: optional(scope, (clause) => clause.child(1).name()),
      like: optional(like, (clause) => clause.child(2).string()),
    };
  },
  DescribeConnection(_describe, _connection, name) {
    return { kind: 'describeConnection', name: name.name() };
  },
  CreateTable(_create, _orReplace, _temporary, _table, _ifNotExists, name, _tokens, options) {
    return { kind: 'createTable', name: name.name(), options: optional(options, (node) => node.options()) };
  },
  CreateModel(_create, _orReplace, _temporary, _model, _ifNotExists, name, _tokens, options) {
    return { kind: 'createModel', name: name.name(), options: optional(options, (node) => node.options()) };
  },
  CreateTool(_create, _orReplace, _tool, _ifNotExists, name, source, comment, options) {
    const usingConnection = source.child(0).ctorName === 'ToolSource_connection';
    return {
      kind: 'createTool',
      name: name.name(),
      connection: usingConnection ? source.child(0).child(2).name() : undefined,
      comment: optional(comment, (clause) => clause.child(1).string()),
      options: optional(options, (node) => node.options()),
    };
  },
  CreateFunction(_create, _orReplace, _temporary, _system, _function, _ifNotExists, name, _tokens, usingConnections) {
    const connections = optional(usingConnections, (clause) =>
      clause.child(3).asIteration().children.map((literal) => literal.string()),
    );
    return { kind: 'createFunction', name: name.name(), connections: connections ?? [] };
  },
  SetStatement(_set, key, _equals, value) {
    return {
      kind: 'set',
      key: optional(key, (node) => node.string()),
      value: optional(value, (node) => node.string()),
    };
  },
  ResetStatement(_reset, key) {
    return { kind: 'reset', key: optional(key, (node) => node.string()) };
  },
  UseStatement_catalog(_use, _catalog, name) {
    return { kind: 'use', target: 'catalog', names: [name.name()] };
  },
  UseStatement_modules(_use, _modules, list) {
    const names = list.asIteration().children.map((identifier): QualifiedName => {
      const part: Identifier = identifier.identifier();
      return { parts: [part], span: part.span };
    });
    return { kind: 'use', target: 'modules', names };
  },
  UseStatement_database(_use, name) {
    return { kind: 'use', target: 'database', names: [name.name()] };
  },
  OtherStatement(_tokens) {
    return { kind: 'other' };
  },
});
