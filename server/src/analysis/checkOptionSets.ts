/**
 * The rules for the option lists of the statements that use connections: CREATE/ALTER MODEL (chosen
 * by `'provider'`), external tables (chosen by `'connector'`), CREATE/ALTER TOOL (chosen by
 * `'type'`) and CREATE/ALTER AGENT, read from the catalogue's option sets.
 *
 * Severity follows the catalogue's confidence: a documented fact is checked as written, an inferred
 * one gives a warning at most, and a set whose keys nobody documents (`not-found`) gets no
 * unknown-key check. Keys are compared without regard to case, as Confluent does; the same key in
 * two cases is a duplicate, which Confluent rejects.
 *
 * Offsets in the problems are relative to the statement. Messages quote keys, the selector's value
 * and connection names, never any other value, so no secret can leak through a diagnostic.
 */
import type { AlterObject, CreateModel, CreateTable, CreateTool, OptionNode, QualifiedName, Span, Statement } from '../parser/ast';
import type { ConnectionReference } from './connectionReferences';
import { builtInCatalogue, type Catalogue } from '../catalogue/catalogue';
import { findOptionSet, findSetKey, type OptionSet, type Selector, type SetKey } from '../catalogue/optionSets';
import { agentOptions, findToolType, toolSelector, toolTypes, type ToolSource } from '../catalogue/toolsAndAgents';
import { isKeyInAnyCase } from '../catalogue/optionKeys';
import type { Severity } from '../diagnosticCodes';
import { nearest, normalizeWord } from './nearest';
import { listWords, quote, type Problem } from './problem';

export interface OptionSetCheck {
  readonly options: readonly OptionNode[];
  /** The selector, or the one set the statement always has (an agent's). */
  readonly choose: Selector | OptionSet;
  /** ALTER … SET: nothing is required, ALTER-only keys are allowed, and the set may come from the CREATE. */
  readonly alter?: { readonly set: OptionSet | undefined };
  /** Where a missing key is reported: the statement's name. */
  readonly anchor: Span;
  /** Keys not to report as missing (a model's connection key, when USING CONNECTION names the connection). */
  readonly given?: (key: string) => boolean;
}

/** An error, or a warning where the fact is only inferred. */
function severityOf(confidence: SetKey['confidence'] | OptionSet['confidence']): Severity | undefined {
  return confidence === 'documented' ? undefined : 'warning';
}

function isSelector(choose: Selector | OptionSet): choose is Selector {
  return 'sets' in choose;
}

/** First occurrence of each key (without regard to case), and the duplicates' problems. */
function firstOptions(options: readonly OptionNode[], problems: Problem[]): Map<string, OptionNode> {
  const first = new Map<string, OptionNode>();
  for (const option of options) {
    const lower = option.key.value.toLowerCase();
    const earlier = first.get(lower);
    if (!earlier) {
      first.set(lower, option);
      continue;
    }
    const key = option.key.value;
    const cases = earlier.key.value === key ? '' : ` (as ${quote(earlier.key.value)}: keys are compared without regard to case)`;
    problems.push({
      code: 'duplicate-option',
      span: option.key.span,
      message: `${quote(key)} is given more than once${cases}; Confluent rejects the statement.`,
      data: { key },
    });
  }
  return first;
}

const selectorNames = new WeakMap<Selector, { readonly names: readonly string[]; readonly aliases: ReadonlyMap<string, string> }>();

/** A selector's set names, and the same names with other separators (`'confluent_jdbc'` for `'confluent-jdbc'`), worked out once. */
function namesOf(selector: Selector): { readonly names: readonly string[]; readonly aliases: ReadonlyMap<string, string> } {
  let known = selectorNames.get(selector);
  if (!known) {
    const names = selector.sets.map((s) => s.name);
    selectorNames.set(selector, (known = { names, aliases: new Map(names.map((n) => [normalizeWord(n), n])) }));
  }
  return known;
}

/** The set the selector's value names, with the problems of that value. */
function chooseSet(selector: Selector, first: ReadonlyMap<string, OptionNode>, check: OptionSetCheck, problems: Problem[]): OptionSet | undefined {
  const option = first.get(selector.key);
  if (!option) {
    if (!check.alter) {
      problems.push({
        code: 'missing-option',
        span: check.anchor,
        message: `Missing ${quote(selector.key)}: one of ${listWords(selector.sets.map((s) => quote(s.name)), 'or')}.`,
        data: { key: selector.key, values: selector.sets.map((s) => s.name) },
      });
    }
    return check.alter?.set;
  }
  const value = option.value.value.trim();
  const lower = value.toLowerCase();
  const set = selector.sets.find((s) => s.name === lower);
  if (set) return set;
  const { names, aliases } = namesOf(selector);
  const suggestion = nearest(value, names, aliases);
  problems.push({
    code: 'invalid-option-value',
    span: option.value.span,
    message:
      value === ''
        ? `The value of ${quote(option.key.value)} is empty.`
        : `Unknown ${selector.noun} ${quote(value)}.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ` Known: ${names.join(', ')}.`}`,
    data: { key: option.key.value, allowed: names, ...(suggestion ? { suggestion } : {}) },
  });
  // What the user meant ('opnai' for 'openai'): its keys are checked as that set's.
  return suggestion ? selector.sets.find((s) => s.name === suggestion) : undefined;
}

/** The key of a set that names its connection (`'openai.connection'`), if it has one. */
const referenceKeyOf = (set: OptionSet): string | undefined =>
  set.keys.find((k) => k.value.kind === 'connection-name' && k.value.connectionType === set.connectionType)?.name;

/** The set whose namespace a key is under (`'openai.connection'` → openai), other than `set`. */
function otherNamespace(key: string, sets: readonly OptionSet[], set: OptionSet): OptionSet | undefined {
  const lower = key.toLowerCase();
  return sets.find((s) => s !== set && lower.startsWith(`${s.name}.`));
}

function unknownKeyProblem(option: OptionNode, set: OptionSet, check: OptionSetCheck): Problem | undefined {
  const key = option.key.value;
  const span = option.key.span;
  const sets = isSelector(check.choose) ? check.choose.sets : [set];
  const other = otherNamespace(key, sets, set);
  const noun = isSelector(check.choose) ? check.choose.noun : 'agent';
  const label = set.name === 'agent' ? 'an agent' : `${noun} '${set.name}'`;
  if (other) {
    const own = key.slice(other.name.length);
    const meant = findSetKey(set, `${set.name}${own}`);
    return {
      code: 'unknown-option',
      span,
      message: `${quote(key)} belongs to ${noun} '${other.name}', not ${quote(set.name)}.${meant ? ` Did you mean ${quote(meant.name)}?` : ''}`,
      data: meant ? { key, suggestion: meant.name } : { key },
      ...(severityOf(set.confidence) ? { severity: severityOf(set.confidence) } : {}),
    };
  }
  if (set.confidence === 'not-found') return undefined;
  const candidates = set.keys.filter((k) => !k.deprecated && (check.alter || !k.alterOnly)).map((k) => k.name);
  const suggestion = nearest(key, candidates);
  const severity = severityOf(set.confidence);
  return {
    code: 'unknown-option',
    span,
    message: suggestion
      ? `Unknown option ${quote(key)}. Did you mean ${quote(suggestion)}?`
      : `Unknown option ${quote(key)}: it is not a key of ${label}.${set.freeKeys ? ` Keys passed to the service go under ${quote(set.freeKeys.prefix)}.` : ''}`,
    data: suggestion ? { key, suggestion } : { key },
    ...(severity ? { severity } : {}),
  };
}

/** The problems of a key's value, by the catalogue's value kind. */
function valueProblem(option: OptionNode, info: SetKey): Problem | undefined {
  const key = option.key.value;
  const value = option.value.value.trim();
  const span = option.value.span;
  const severity = severityOf(info.confidence);
  const withSeverity = severity ? { severity } : {};
  if (value === '') {
    // An empty system prompt or description is a choice ([S-MGCP] `'googleai.system_prompt' = ''`).
    if (info.value.kind === 'text') return undefined;
    return { code: 'invalid-option-value', span, message: `The value of ${quote(key)} is empty.`, data: { key }, ...withSeverity };
  }
  switch (info.value.kind) {
    case 'enum': {
      const { values, prefixes = [] } = info.value;
      const upper = value.toUpperCase();
      if (values.some((v) => v.toUpperCase() === upper) || prefixes.some((p) => upper.startsWith(p) && upper.length > p.length)) return undefined;
      const suggestion = nearest(value, values);
      // 'ANTHROPIC_MESSAGES' for 'ANTHROPIC-MESSAGES': whether Confluent reads it is not documented.
      const separatorsOnly = suggestion !== undefined && normalizeWord(suggestion) === normalizeWord(value);
      const enumSeverity = separatorsOnly ? 'warning' : severity;
      return {
        code: 'invalid-option-value',
        span,
        message: `${quote(key)} must be one of ${values.length > 8 ? `${values.length} values` : listWords(values.map(quote), 'or')}, not ${quote(value)}.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ''}`,
        data: { key, allowed: values, ...(suggestion ? { suggestion } : {}) },
        ...(enumSeverity ? { severity: enumSeverity } : {}),
      };
    }
    case 'integer':
      if (/^\d+$/.test(value) && Number(value) >= info.value.min) return undefined;
      return {
        code: 'invalid-option-value',
        span,
        message: `${quote(key)} must be a whole number${info.value.min > 0 ? ` of at least ${info.value.min}` : ''}, written as a string (e.g. ${quote(info.placeholder || '30')}).`,
        data: { key },
        ...withSeverity,
      };
    default:
      return undefined;
  }
}

/** Checks a model's, an external table's, a tool's or an agent's option list. */
export function checkOptionSet(check: OptionSetCheck): Problem[] {
  const problems: Problem[] = [];
  const first = firstOptions(check.options, problems);
  const set = isSelector(check.choose) ? chooseSet(check.choose, first, check, problems) : check.choose;
  if (!set) {
    // Without a set, the values of the keys every set shares ('task') are still checked.
    const sets = isSelector(check.choose) ? check.choose.sets : [];
    for (const [lower, option] of first) {
      const info = sets.every((s) => findSetKey(s, lower)) ? findSetKey(sets[0]!, lower) : undefined;
      const problem = info && valueProblem(option, info);
      if (problem) problems.push(problem);
    }
    return problems;
  }
  let freeCount = 0;
  for (const [lower, option] of first) {
    const info = findSetKey(set, lower);
    if (info) {
      if (info.alterOnly && !check.alter) {
        problems.push({
          code: 'unknown-option',
          span: option.key.span,
          message: `${quote(option.key.value)} can only be set by ALTER … SET, once the ${set.name === 'agent' ? 'agent' : 'model'} exists.`,
          data: { key: option.key.value },
        });
        continue;
      }
      if (info.deprecated) {
        problems.push({
          code: 'deprecated-option',
          span: option.key.span,
          message: `${quote(option.key.value)} is deprecated. ${info.deprecated}`,
          data: {
            key: option.key.value,
            ...(set.connectionType ? { connectionType: set.connectionType } : {}),
            ...(info.movesTo ? { movesTo: info.movesTo } : {}),
            ...(referenceKeyOf(set) ? { referenceKey: referenceKeyOf(set) } : {}),
          },
        });
      }
      const problem = valueProblem(option, info);
      if (problem) problems.push(problem);
      continue;
    }
    if (set.freeKeys && lower.startsWith(set.freeKeys.prefix) && lower.length > set.freeKeys.prefix.length) {
      freeCount++;
      if (set.freeKeys.limit !== undefined && freeCount === set.freeKeys.limit + 1) {
        problems.push({
          code: 'invalid-option-value',
          span: option.key.span,
          message: `More than ${set.freeKeys.limit} ${quote(`${set.freeKeys.prefix}*`)} keys: Confluent accepts at most ${set.freeKeys.limit}.`,
          data: { key: option.key.value },
        });
      }
      continue;
    }
    const problem = unknownKeyProblem(option, set, check);
    if (problem) problems.push(problem);
  }
  if (!check.alter) {
    // A model or table still in the legacy form (inline credentials) is not also told to name a connection.
    const legacy = [...first.keys()].some((lower) => findSetKey(set, lower)?.deprecated);
    for (const info of set.keys) {
      if (legacy && info.value.kind === 'connection-name') continue;
      if (!info.required || first.has(info.name.toLowerCase()) || check.given?.(info.name)) continue;
      if (isSelector(check.choose) && info.name === check.choose.key) continue;
      // A misspelt key already reported with its suggestion is not missing a second time.
      if (problems.some((p) => p.code === 'unknown-option' && p.data.suggestion?.toLowerCase() === info.name.toLowerCase())) continue;
      const severity = severityOf(info.confidence);
      problems.push({
        code: 'missing-option',
        span: check.anchor,
        message: `Missing ${quote(info.name)}: ${info.description.charAt(0).toLowerCase()}${info.description.slice(1)}`,
        data: {
          key: info.name,
          placeholder: info.placeholder,
          ...(info.value.kind === 'enum' ? { values: info.value.values } : {}),
          ...(info.value.kind === 'connection-name' ? { connectionType: info.value.connectionType } : {}),
        },
        ...(severity ? { severity } : {}),
      });
    }
  }
  return problems;
}


/** Apache Flink's own model options (its built-in OpenAI provider): a model with these and no namespaced key is Flink's. */
const FLINK_MODEL_KEYS = /^(?:endpoint|api-key|model|system-prompt|dimension|max-context-size|context-overflow-action)$/i;

/** Whether a model is Apache Flink's (see `checkModel`): neither it nor its ALTERs are held to Confluent's rules. */
export function isApacheFlinkModel(statement: CreateModel): boolean {
  const options = statement.options?.options ?? [];
  if (statement.temporary || statement.trained) return true;
  return options.some((o) => FLINK_MODEL_KEYS.test(o.key.value)) && !options.some((o) => o.key.value.includes('.'));
}

/**
 * A model's options. A TEMPORARY model, one trained from a query (`AS SELECT`), or one written with Apache Flink's own keys (`'endpoint'`,
 * `'api-key'`, `'model'`, none under a provider's prefix), is Apache Flink's and not held to
 * Confluent's rules. A model whose USING CONNECTION names its connection needs no `'<provider>.connection'`.
 */
function checkModel(statement: CreateModel, { modelSelector }: Catalogue): Problem[] {
  const options = statement.options?.options;
  if (!options || isApacheFlinkModel(statement)) return [];
  const given = statement.connection ? (key: string) => key.endsWith('.connection') : undefined;
  return checkOptionSet({ options, choose: modelSelector, anchor: nameSpan(statement.name), ...(given ? { given } : {}) });
}

/**
 * An external table's options: checked only when its `'connector'` is one of Confluent's external
 * connectors (or a near miss of one, `'confluent_jdbc'`) and some key is under that connector's
 * prefix. Tables of every other connector (kafka, filesystem, Confluent's own), and Apache Flink's
 * MongoDB connector (`'uri'`, `'database'`, no `mongodb.` key), are left alone.
 */
function checkTable(statement: CreateTable, { connectorSelector }: Catalogue): Problem[] {
  const options = statement.options?.options ?? [];
  const connector = options.find((o) => isKeyInAnyCase(o.key.value, connectorSelector.key))?.value.value.trim();
  if (!connector) return [];
  const { names, aliases } = namesOf(connectorSelector);
  const candidate = findOptionSet(connectorSelector.sets, connector)?.name ?? nearest(connector, names, aliases);
  if (!candidate || !options.some((o) => o.key.value.toLowerCase().startsWith(`${candidate}.`))) return [];
  return checkOptionSet({ options, choose: connectorSelector, anchor: nameSpan(statement.name) });
}

/** A tool's options, and its `'type'` against its USING clause: `'function'` goes with USING FUNCTION, `'mcp'` and `'a2a'` with USING CONNECTION. */
function checkTool(statement: CreateTool): Problem[] {
  const options = statement.options?.options ?? [];
  const problems = checkOptionSet({ options, choose: toolSelector, anchor: nameSpan(statement.name) });
  const using: ToolSource | undefined = statement.function ? 'function' : statement.connection ? 'connection' : undefined;
  const typeOption = options.find((o) => isKeyInAnyCase(o.key.value, toolSelector.key));
  const type = typeOption && findToolType(typeOption.value.value);
  if (using && type && typeOption && type.using !== using) {
    const clause = (source: ToolSource) => (source === 'function' ? 'USING FUNCTION' : 'USING CONNECTION');
    problems.push({
      code: 'invalid-option-value',
      span: typeOption.value.span,
      message: `A '${type.name}' tool is created with ${clause(type.using)}, not ${clause(using)}.`,
      data: { key: typeOption.key.value, allowed: toolTypes.filter((t) => t.using === using).map((t) => t.name) },
    });
  }
  return problems;
}

/** An agent's options. A reflection agent's (USING AGENTS) keys are not documented: only duplicates and values are checked. */
function agentSet(reflection: boolean): OptionSet {
  return reflection ? { ...agentOptions, confidence: 'not-found' } : agentOptions;
}

/** ALTER MODEL/TOOL/AGENT … SET (…), against the provider or tool type of its CREATE where one is known (`selected`). */
export function checkAlterOptions(statement: AlterObject, selected: string | undefined, { modelSelector }: Catalogue = builtInCatalogue): Problem[] {
  if (statement.change.action !== 'set') return [];
  const options = statement.change.options.options;
  const anchor = nameSpan(statement.name);
  switch (statement.kind) {
    case 'alterModel':
      return checkOptionSet({ options, choose: modelSelector, anchor, alter: { set: selected ? findOptionSet(modelSelector.sets, selected) : undefined } });
    case 'alterTool':
      return checkOptionSet({ options, choose: toolSelector, anchor, alter: { set: selected ? findToolType(selected) : undefined } });
    case 'alterAgent':
      return checkOptionSet({ options, choose: agentOptions, anchor, alter: { set: agentOptions } });
  }
}

/** The option-list problems of a statement that uses connections, which depend on its text alone; undefined for other statements. */
export function checkUsingStatement(statement: Statement, catalogue: Catalogue = builtInCatalogue): Problem[] | undefined {
  switch (statement.kind) {
    case 'createModel':
      return checkModel(statement, catalogue);
    case 'createTable':
      return checkTable(statement, catalogue);
    case 'createTool':
      return checkTool(statement);
    case 'createAgent': {
      const set = agentSet(statement.agents.length > 0);
      return statement.options ? checkOptionSet({ options: statement.options.options, choose: set, anchor: nameSpan(statement.name) }) : [];
    }
    default:
      return undefined;
  }
}

const nameSpan = (name: QualifiedName): Span => name.parts[name.parts.length - 1]!.span;

const providerTypes = new WeakMap<Catalogue, ReadonlySet<string>>();

/** Connection types of model providers: whether one may stand in for another is NOT FOUND in the sources. */
function providerConnectionTypes(catalogue: Catalogue): ReadonlySet<string> {
  let types = providerTypes.get(catalogue);
  if (!types) providerTypes.set(catalogue, (types = new Set(catalogue.modelSelector.sets.flatMap((p) => (p.connectionType ? [p.connectionType] : [])))));
  return types;
}

/** The connection type a reference must name, and how sure that is; undefined where nothing is known. */
function expectedType(statement: Statement, reference: ConnectionReference, catalogue: Catalogue): { type: string; confidence: SetKey['confidence'] } | undefined {
  if (reference.kind === 'option' && reference.optionKey) {
    const info = catalogue.referenceKeys.get(reference.optionKey.toLowerCase());
    return info && { type: info.connectionType, confidence: info.pairing };
  }
  if (reference.kind === 'using-connection' && statement.kind === 'createTool') {
    const type = findToolType(statement.options?.options.find((o) => isKeyInAnyCase(o.key.value, toolSelector.key))?.value.value ?? '');
    return type?.connectionType ? { type: type.connectionType, confidence: type.name === 'a2a' ? 'inferred' : 'documented' } : undefined;
  }
  return undefined;
}

/**
 * A reference to a connection whose CREATE CONNECTION has another type than the reference needs
 * (`actual`, where a definition with a type is known). One model provider's connection under
 * another's key is a warning: whether Confluent allows it is NOT FOUND in the sources.
 */
export function connectionTypeMismatch(
  statement: Statement,
  reference: ConnectionReference,
  actual: string | undefined,
  catalogue: Catalogue = builtInCatalogue,
): Problem | undefined {
  if (!actual) return undefined;
  const expected = expectedType(statement, reference, catalogue);
  if (!expected || expected.type === actual) return undefined;
  const providers = providerConnectionTypes(catalogue);
  const loose = providers.has(expected.type) && providers.has(actual);
  const severity = loose || expected.confidence !== 'documented' ? 'warning' : undefined;
  const where = reference.optionKey ? quote(reference.optionKey) : 'USING CONNECTION';
  return {
    code: 'connection-type-mismatch',
    span: reference.span,
    message: `${where} needs a connection of type '${expected.type}', but '${reference.name}' is of type '${actual}'.${loose ? ' Confluent documents no case of this pairing.' : ''}`,
    data: { key: reference.optionKey ?? 'USING CONNECTION', name: reference.name, expected: expected.type, actual },
    ...(severity ? { severity } : {}),
  };
}
