/**
 * Puts a tree template (semantics.ts: spans in tokens, no text) on one statement: spans become
 * character offsets and names and string values are read from the statement's text. Every statement
 * of the same shape shares one template, so this is all the work a statement needs once its shape
 * has been matched before.
 */
import type { AlterChange, Identifier, Keyword, LegacySetting, ModelVersion, OptionList, QualifiedName, Span, Statement, StringLiteral } from './ast';
import type { StatementShape } from './statementShape';
import { quotedValue, stringContent } from './tokens';

class Placement {
  constructor(
    private readonly text: string,
    private readonly tokens: StatementShape,
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
    // Between the quotes; a Unicode string's (`U&'…'`) come after its `U&`.
    return { value: quotedValue(this.text, span.start, span.end, true), span, valueSpan: stringContent(this.text, span.start, span.end, true) };
  }

  identifier(template: Identifier): Identifier {
    const span = this.span(template.span);
    const value = template.quoted ? quotedValue(this.text, span.start, span.end, true) : this.text.slice(span.start, span.end);
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

  names(templates: readonly QualifiedName[]): QualifiedName[] {
    return templates.map((name) => this.name(name));
  }

  /**
   * A model's name in a statement that manages it, with Confluent's `$2` / `$all` version split off
   * its last part (see ModelVersion).
   */
  modelName(template: QualifiedName): { name: QualifiedName; version: ModelVersion | undefined } {
    const name = this.name(template);
    const last = name.parts[name.parts.length - 1]!;
    const suffix = /\$(\d+|all)$/i.exec(last.value);
    if (!suffix || suffix.index === 0) return { name, version: undefined };
    const versionEnd = last.quoted ? last.span.end - 1 : last.span.end;
    const dollar = versionEnd - suffix[0].length;
    const part: Identifier = { value: last.value.slice(0, suffix.index), quoted: last.quoted, span: { start: last.span.start, end: dollar } };
    return {
      name: { parts: [...name.parts.slice(0, -1), part], span: { start: name.span.start, end: dollar } },
      version: { value: suffix[1]!, span: { start: dollar, end: versionEnd } },
    };
  }

  change(template: AlterChange): AlterChange {
    switch (template.action) {
      case 'set':
        return { ...template, setKeyword: this.keyword(template.setKeyword), options: this.options(template.options) };
      case 'reset':
        return { ...template, keys: template.keys.map((key) => this.string(key)) };
      case 'rename':
        return { ...template, newName: this.name(template.newName) };
      case 'setModel':
        return { ...template, model: this.name(template.model) };
      case 'setPrompt':
        return { ...template, prompt: this.string(template.prompt) };
      case 'addTool':
      case 'removeTool':
        return { ...template, tool: this.name(template.tool) };
    }
  }

  legacy(template: LegacySetting | undefined): LegacySetting | undefined {
    return template && { key: this.span(template.key), value: template.value && this.span(template.value) };
  }
}

/** The tree of the statement `text` (whose tokens are `tokens`), from the template of its shape. */
export function placeTemplate(template: Statement, text: string, tokens: StatementShape): Statement {
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
    case 'showModels':
    case 'showTools':
    case 'showAgents':
      return { ...template, scope: at.optionalName(template.scope), like: at.optionalString(template.like) };
    case 'createTable':
      return { ...template, name: at.name(template.name), options: at.optionalOptions(template.options), connection: at.optionalName(template.connection) };
    case 'createModel':
      return {
        ...template,
        name: at.name(template.name),
        input: template.input && at.span(template.input),
        output: template.output && at.span(template.output),
        connection: at.optionalName(template.connection),
        comment: at.optionalString(template.comment),
        options: at.optionalOptions(template.options),
      };
    case 'createTool':
      return {
        ...template,
        name: at.name(template.name),
        connection: at.optionalName(template.connection),
        function: at.optionalName(template.function),
        comment: at.optionalString(template.comment),
        options: at.optionalOptions(template.options),
      };
    case 'createAgent':
      return {
        ...template,
        name: at.name(template.name),
        model: at.optionalName(template.model),
        prompt: at.optionalString(template.prompt),
        tools: at.names(template.tools),
        agents: at.names(template.agents),
        comment: at.optionalString(template.comment),
        options: at.optionalOptions(template.options),
      };
    case 'alterModel':
      return { ...template, ...at.modelName(template.name), change: at.change(template.change) };
    case 'alterTool':
    case 'alterAgent':
      return { ...template, name: at.name(template.name), change: at.change(template.change) };
    case 'dropModel':
    case 'describeModel':
    case 'showCreateModel':
      return { ...template, ...at.modelName(template.name) };
    case 'dropTool':
    case 'dropAgent':
    case 'describeTool':
    case 'showCreateTool':
    case 'showCreateAgent':
      return { ...template, name: at.name(template.name) };
    case 'createFunction':
      return {
        ...template,
        name: at.name(template.name),
        connections: template.connections.map((literal) => at.string(literal)),
        connectionIdentifiers: at.names(template.connectionIdentifiers),
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
