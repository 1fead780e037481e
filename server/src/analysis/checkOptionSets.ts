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
import type { OptionNode, Span } from '../parser/ast';
import { findOptionSet, findSetKey, type OptionSet, type SetKey } from '../catalogue/optionSets';
import { modelProviders } from '../catalogue/modelProviders';
import { tableConnectors } from '../catalogue/tableConnectors';
import { agentOptions, findToolType, toolTypes, type ToolSource } from '../catalogue/toolsAndAgents';
import type { Severity } from '../diagnosticCodes';
import { nearest, normalizeWord } from './nearest';
import type { Problem } from './problem';

/** What chooses the option set, and among which sets. */
export interface Selector {
  /** The key, in lower case (`provider`, `connector`, `type`). */
  readonly key: string;
  readonly sets: readonly OptionSet[];
  /** How messages name a set: "provider", "connector", "tool type". */
  readonly noun: string;
}

export interface OptionSetCheck {
  readonly options: readonly OptionNode[];
  /** The selector, or the one set the statement always has (an agent's). */
  readonly choose: Selector | OptionSet;
  /** ALTER … SET: nothing is required, ALTER-only keys are allowed, and the set may come from the CREATE. */
  readonly alter?: { readonly set: OptionSet | undefined };
  /** Where a missing key is reported: the statement's name. */
  readonly anchor: Span;
  /** The type of the connection a name refers to, where a CREATE CONNECTION for it is known. */
  readonly connectionType: (name: string) => string | undefined;
  /** Connection types whose mixing is NOT FOUND in the sources (one model provider's connection under another's key). */
  readonly looselyPaired?: (expected: string, actual: string) => boolean;
}

const quote = (text: string): string => `'${text.length > 40 ? `${text.slice(0, 37)}…` : text}'`;

function listWords(words: readonly string[], conjunction: string): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
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

/** The set the selector's value names, with the problems of that value. */
function chooseSet(selector: Selector, first: ReadonlyMap<string, OptionNode>, check: OptionSetCheck, problems: Problem[]): OptionSet | undefined {
  const option = first.get(selector.key);
  if (!option) {
    if (!check.alter) {
      problems.push({
        code: 'missing-option',
        span: check.anchor,
        message: `Missing ${quote(selector.key)}: one of ${listWords(selector.sets.map((s) => quote(s.name)), 'or')}.`,
        data: { key: selector.key },
      });
    }
    return check.alter?.set;
  }
  const value = option.value.value.trim();
  const lower = value.toLowerCase();
  const set = selector.sets.find((s) => s.name === lower);
  if (set) return set;
  const names = selector.sets.map((s) => s.name);
  const suggestion = nearest(value, names, new Map(names.map((n) => [normalizeWord(n), n])));
  problems.push({
    code: 'invalid-option-value',
    span: option.value.span,
    message:
      value === ''
        ? `The value of ${quote(option.key.value)} is empty.`
        : `Unknown ${selector.noun} ${quote(value)}.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ` Known: ${names.join(', ')}.`}`,
    data: { key: option.key.value, allowed: names, ...(suggestion ? { suggestion } : {}) },
  });
  return undefined;
}

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
function valueProblem(option: OptionNode, info: SetKey, check: OptionSetCheck): Problem | undefined {
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
    case 'connection-name': {
      const expected = info.value.connectionType;
      const actual = check.connectionType(value);
      if (!actual || actual === expected) return undefined;
      const loose = check.looselyPaired?.(expected, actual) ?? false;
      const mismatchSeverity = loose ? 'warning' : severity;
      return {
        code: 'connection-type-mismatch',
        span,
        message: `${quote(key)} needs a connection of type '${expected}', but ${quote(value)} is a '${actual}' connection.${loose ? ' Confluent documents no case of this pairing.' : ''}`,
        data: { key, name: value, expected, actual },
        ...(mismatchSeverity ? { severity: mismatchSeverity } : {}),
      };
    }
    default:
      return undefined;
  }
}

/** Checks a model's, an external table's, a tool's or an agent's option list. */
export function checkOptionSet(check: OptionSetCheck): Problem[] {
  const problems: Problem[] = [];
  const first = firstOptions(check.options, problems);
  const set = isSelector(check.choose) ? chooseSet(check.choose, first, check, problems) : check.choose;
  if (!set) return problems;
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
          data: { key: option.key.value, ...(set.connectionType ? { connectionType: set.connectionType } : {}) },
        });
      }
      const problem = valueProblem(option, info, check);
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
    for (const info of set.keys) {
      if (!info.required || first.has(info.name.toLowerCase())) continue;
      if (isSelector(check.choose) && info.name === check.choose.key) continue;
      // A misspelt key already reported with its suggestion is not missing a second time.
      if (problems.some((p) => p.code === 'unknown-option' && p.data.suggestion?.toLowerCase() === info.name.toLowerCase())) continue;
      const severity = severityOf(info.confidence);
      problems.push({
        code: 'missing-option',
        span: check.anchor,
        message: `Missing ${quote(info.name)}: ${info.description.charAt(0).toLowerCase()}${info.description.slice(1)}`,
        data: { key: info.name },
        ...(severity ? { severity } : {}),
      });
    }
  }
  return problems;
}

/** What the statement-level checks need besides the options. */
export interface UseContext {
  /** Where a missing key is reported: the statement's name. */
  readonly anchor: Span;
  /** The type of the connection a name refers to, where a CREATE CONNECTION for it is known. */
  readonly connectionType: (name: string) => string | undefined;
}

const modelSelector: Selector = { key: 'provider', sets: modelProviders, noun: 'provider' };
const toolSelector: Selector = { key: 'type', sets: toolTypes, noun: 'tool type' };
const providerConnectionTypes = new Set(modelProviders.flatMap((p) => (p.connectionType ? [p.connectionType] : [])));

/** One model provider's connection under another's key: whether Confluent allows it is NOT FOUND ([spec] §1.1). */
const looselyPaired = (expected: string, actual: string): boolean => providerConnectionTypes.has(expected) && providerConnectionTypes.has(actual);

/** Apache Flink's own model options (its built-in OpenAI provider): a model with these and no namespaced key is Flink's. */
const FLINK_MODEL_KEYS = /^(?:endpoint|api-key|model|system-prompt|dimension|max-context-size|context-overflow-action)$/i;

/**
 * CREATE MODEL … WITH (…) and ALTER MODEL … SET (…) (`alter` holds the provider of the model's
 * CREATE, where known). A TEMPORARY model, or one written with Apache Flink's own keys
 * (`'endpoint'`, `'api-key'`, `'model'`, none under a provider's prefix), is Apache Flink's and not
 * held to Confluent's rules.
 */
export function checkModelOptions(options: readonly OptionNode[], context: UseContext, alter?: { readonly provider: string | undefined }): Problem[] {
  const flinks = options.some((o) => FLINK_MODEL_KEYS.test(o.key.value)) && !options.some((o) => o.key.value.includes('.'));
  if (flinks) return [];
  const set = alter?.provider ? findOptionSet(modelProviders, alter.provider) : undefined;
  return checkOptionSet({ options, choose: modelSelector, ...context, looselyPaired, ...(alter ? { alter: { set } } : {}) });
}

/**
 * An external table's WITH (…): checked only when its `'connector'` is one of Confluent's external
 * connectors (or a near miss of one, `'confluent_jdbc'`) and some key is under that connector's
 * prefix. Tables of every other connector (kafka, filesystem, Confluent's own), and Apache Flink's
 * MongoDB connector (`'uri'`, `'database'`, no `mongodb.` key), are left alone.
 */
export function checkTableOptions(options: readonly OptionNode[], context: UseContext): Problem[] {
  const connector = options.find((o) => o.key.value.toLowerCase() === 'connector')?.value.value.trim();
  if (!connector) return [];
  const names = tableConnectors.map((c) => c.name);
  const candidate = findOptionSet(tableConnectors, connector)?.name ?? nearest(connector, names, new Map(names.map((n) => [normalizeWord(n), n])));
  if (!candidate || !options.some((o) => o.key.value.toLowerCase().startsWith(`${candidate}.`))) return [];
  return checkOptionSet({ options, choose: { key: 'connector', sets: tableConnectors, noun: 'connector' }, ...context });
}

/**
 * CREATE TOOL's WITH (…), with the clause that says how the tool is reached: `'function'` goes with
 * USING FUNCTION, `'mcp'` and `'a2a'` with USING CONNECTION, whose connection must be of the tool
 * type's connection type.
 */
export function checkToolOptions(
  options: readonly OptionNode[],
  context: UseContext,
  using: { readonly kind: ToolSource; readonly name?: string; readonly span: Span } | undefined,
  alter?: { readonly type: string | undefined },
): Problem[] {
  const set = alter?.type ? findToolType(alter.type) : undefined;
  const problems = checkOptionSet({ options, choose: toolSelector, ...context, ...(alter ? { alter: { set } } : {}) });
  if (!using) return problems;
  const typeOption = options.find((o) => o.key.value.toLowerCase() === 'type');
  const type = typeOption && findToolType(typeOption.value.value);
  if (!type || !typeOption) return problems;
  if (type.using !== using.kind) {
    const clause = type.using === 'function' ? 'USING FUNCTION' : 'USING CONNECTION';
    problems.push({
      code: 'invalid-option-value',
      span: typeOption.value.span,
      message: `A '${type.name}' tool is created with ${clause}, not ${using.kind === 'function' ? 'USING FUNCTION' : 'USING CONNECTION'}.`,
      data: { key: typeOption.key.value, allowed: toolTypes.filter((t) => t.using === using.kind).map((t) => t.name) },
    });
    return problems;
  }
  const actual = using.kind === 'connection' && using.name ? context.connectionType(using.name) : undefined;
  if (type.connectionType && actual && actual !== type.connectionType) {
    const severity = type.name === 'a2a' ? { severity: 'warning' as const } : {};
    problems.push({
      code: 'connection-type-mismatch',
      span: using.span,
      message: `A '${type.name}' tool needs a connection of type '${type.connectionType}', but '${using.name}' is a '${actual}' connection.`,
      data: { key: 'USING CONNECTION', name: using.name!, expected: type.connectionType, actual },
      ...severity,
    });
  }
  return problems;
}

/** CREATE AGENT's WITH (…) and ALTER AGENT … SET (…). A reflection agent's (USING AGENTS) options are not documented: only duplicates and values are checked. */
export function checkAgentOptions(options: readonly OptionNode[], context: UseContext, form: { readonly reflection: boolean; readonly alter: boolean }): Problem[] {
  const set = form.reflection ? { ...agentOptions, confidence: 'not-found' as const } : agentOptions;
  return checkOptionSet({ options, choose: set, ...context, ...(form.alter ? { alter: { set } } : {}) });
}
