/**
 * Puts a tree template (semantics.ts: spans in tokens, no text) on one statement: spans become
 * character offsets and names and string values are read from the statement's text. Every statement
 * of the same shape shares one template, so this is all the work a statement needs once its shape
 * has been matched before.
 */
import type { Identifier, Keyword, LegacySetting, OptionList, QualifiedName, Span, Statement, StringLiteral } from './ast';
import type { StatementTokens } from './statementTokens';

class Placement {
  constructor(
    private readonly text: string,
    private readonly tokens: StatementTokens,
  ) {}

  /** Tokens `[start, end)` as characters, from the first token's start to the last token's end. */
  span({ start, end }: Span): Span {
    const { starts, ends } = this.tokens;
    if (end > start) return { start: starts[start]!, end: ends[end - 1]! };
    const at = start < starts.length ? starts[start]! : this.text.length;
    return { start: at, end: at };
  }

  string(template: StringLiteral): StringLiteral {
    const span = this.span(template.span);
    const valueSpan = { start: span.start + 1, end: span.end - 1 };
    return { value: this.text.slice(valueSpan.start, valueSpan.end).replace(/''/g, "'"), span, valueSpan };
  }

  identifier(template: Identifier): Identifier {
    const span = this.span(template.span);
    const value = template.quoted ? this.text.slice(span.start + 1, span.end - 1).replace(/``/g, '`') : this.text.slice(span.start, span.end);
    return { value, quoted: template.quoted, span };
  }

  name(template: QualifiedName): QualifiedName {
    return { parts: template.parts.map((part) => this.identifier(part)), span: this.span(template.span) };
  }

  options(template: OptionList): OptionList {
    return {
      options: template.options.map((option) => ({ key: this.string(option.key), value: this.string(option.value), span: this.span(option.span) })),
      span: this.span(template.span),
    };
  }

  keyword(template: Keyword): Keyword {
    return { span: this.span(template.span) };
  }

  optionalString(template: StringLiteral | undefined): StringLiteral | undefined {
    return template && this.string(template);
  }

  optionalOptions(template: OptionList | undefined): OptionList | undefined {
    return template && this.options(template);
  }

  optionalName(template: QualifiedName | undefined): QualifiedName | undefined {
    return template && this.name(template);
  }

  legacy(template: LegacySetting | undefined): LegacySetting | undefined {
    return template && { key: this.span(template.key), value: template.value && this.span(template.value) };
  }
}

/** The tree of the statement `text` (whose tokens are `tokens`), from the template of its shape. */
export function placeTemplate(template: Statement, text: string, tokens: StatementTokens): Statement {
  const at = new Placement(text, tokens);
  switch (template.kind) {
    case 'createConnection':
      return {
        ...template,
        name: at.name(template.name),
        comment: at.optionalString(template.comment),
        withKeyword: at.keyword(template.withKeyword),
        options: at.options(template.options),
      };
    case 'alterConnection':
      return { ...template, name: at.name(template.name), setKeyword: at.keyword(template.setKeyword), options: at.options(template.options) };
    case 'resetConnection':
    case 'renameConnection':
    case 'dropConnection':
    case 'describeConnection':
    case 'showCreateConnection':
      return { ...template, name: at.name(template.name) };
    case 'showConnections':
      return { ...template, scope: template.scope && at.name(template.scope), like: at.optionalString(template.like) };
    case 'createTable':
    case 'createModel':
      return { ...template, name: at.name(template.name), options: at.optionalOptions(template.options), connection: at.optionalName(template.connection) };
    case 'createTool':
      return {
        ...template,
        name: at.name(template.name),
        connection: at.optionalName(template.connection),
        comment: at.optionalString(template.comment),
        options: at.optionalOptions(template.options),
      };
    case 'createFunction':
      return {
        ...template,
        name: at.name(template.name),
        connections: template.connections.map((literal) => at.string(literal)),
        connectionIdentifiers: template.connectionIdentifiers.map((name) => at.name(name)),
      };
    case 'set':
      return { ...template, key: at.optionalString(template.key), value: at.optionalString(template.value), legacy: at.legacy(template.legacy) };
    case 'reset':
      return { ...template, key: at.optionalString(template.key), legacy: at.legacy(template.legacy) };
    case 'use':
      return { ...template, names: template.names.map((name) => at.name(name)) };
    case 'other':
      return template;
  }
}
