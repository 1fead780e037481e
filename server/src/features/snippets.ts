/**
 * Complete, valid statements generated from the catalogue, with tab stops for the parts a user
 * fills in: a CREATE CONNECTION for each connection type and auth method, a CREATE MODEL for each
 * model provider, an external table for each connector, an MCP tool, a function tool and an agent.
 */
import { authMethodsOf } from '../catalogue/connectionKeys';
import type { ConnectionType } from '../catalogue/connectionTypes';
import { builtInCatalogue, type Catalogue } from '../catalogue/catalogue';
import type { AuthMethod } from '../catalogue/authMethods';
import { ENDPOINT_KEY, TYPE_KEY } from '../catalogue/optionKeys';
import { modelProviders } from '../catalogue/modelProviders';
import type { OptionSet } from '../catalogue/optionSets';
import { tableConnectors } from '../catalogue/tableConnectors';
import { findToolType } from '../catalogue/toolsAndAgents';
import type { ConnectionSnippet } from '../protocol';

/** Escapes text for a snippet body, where `$`, `}` and `\` are special. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/**
 * A snippet as it reads with every tab stop left at its default: a placeholder's text (nested tab stops
 * included), a choice's first option, nothing for a bare `$1`; escapes resolved.
 */
export function snippetDefaults(body: string): string {
  let i = 0;
  /** Reads text up to (not including) one of `stops`, or to the end. */
  const read = (stops: string): string => {
    let out = '';
    while (i < body.length && !stops.includes(body[i]!)) {
      const c = body[i]!;
      if (c === '\\' && i + 1 < body.length) {
        out += body[i + 1];
        i += 2;
      } else if (c === '$' && /[0-9{]/.test(body[i + 1] ?? '')) {
        out += tabStop();
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  /** Reads `$n`, `${n}`, `${n:placeholder}` or `${n|first,second|}` at `i`; returns its default. */
  const tabStop = (): string => {
    i++; // $
    if (body[i] !== '{') {
      while (/[0-9]/.test(body[i] ?? '')) i++;
      return '';
    }
    i++; // {
    while (/[0-9]/.test(body[i] ?? '')) i++;
    let text = '';
    if (body[i] === ':') {
      i++;
      text = read('}');
    } else if (body[i] === '|') {
      i++;
      text = read(',|');
      while (i < body.length && !(body[i] === '|' && body[i + 1] === '}')) i++;
      i++; // |
    }
    i++; // }
    return text;
  };
  return read('');
}

/**
 * A statement snippet as plain text, for a client that cannot take snippets: its defaults, on one line
 * (`WITH ('type' = 'openai', …);`). A completion inserts it as it is, and some clients (Vim's
 * completion, which Neovim 0.7 uses) cannot insert a line break; formatting lays it out again.
 */
export function snippetAsPlainText(body: string): string {
  const lines = snippetDefaults(body).split(/\r?\n/);
  let text = lines[0]!;
  for (const line of lines.slice(1).map((l) => l.trim())) {
    if (line === '') continue;
    text += text.endsWith('(') || line.startsWith(')') ? line : ` ${line}`;
  }
  return text;
}

/** Shifts the tab-stop numbers of a snippet fragment by `by`, and returns the highest number used. */
function renumber(fragment: string, by: number): { text: string; highest: number } {
  let highest = 0;
  const text = fragment.replace(/\$\{(\d+)([:|])/g, (_, n: string, sep: string) => {
    const shifted = Number(n) + by;
    highest = Math.max(highest, shifted);
    return `\${${shifted}${sep}`;
  });
  return { text, highest: Math.max(highest, by) };
}

/**
 * The snippet for `type` with `method` (the type's first method by default; none for a type that
 * flinksql.json adds without one), and the other keys the type needs (`catalogue` knows those a
 * configuration adds).
 */
export function connectionSnippet(
  type: ConnectionType,
  method: AuthMethod | undefined = authMethodsOf(type)[0],
  indent = '  ',
  catalogue: Catalogue = builtInCatalogue,
): ConnectionSnippet {
  const name = `\${1:my_${type.name}_connection}`;
  const endpoint = renumber(type.endpoint.template, 1);
  let stop = endpoint.highest;
  const line = (key: string) => `${indent}'${key}' = '\${${++stop}:${escapeSnippetText(catalogue.findOptionKey(key)?.placeholder ?? '')}}'`;
  const lines = [`${indent}'${TYPE_KEY}' = '${type.name}'`, `${indent}'${ENDPOINT_KEY}' = '${endpoint.text}'`, ...(method?.keys ?? []).map(line), ...(type.requiredKeys ?? []).map(line)];
  const methods = authMethodsOf(type);
  const label = methods.length > 1 && method ? `${type.displayName} (${method.label})` : type.displayName;
  return {
    statement: 'connection',
    type: type.name,
    method: method?.id ?? '',
    selector: `'${TYPE_KEY}' = '${type.name}'`,
    label,
    description: type.description,
    body: `CREATE CONNECTION ${name}\nWITH (\n${lines.join(',\n')}\n);$0`,
  };
}

/** Every type with every auth method it accepts (a type with none, once); `catalogue`'s types, the built-in ones by default. */
export function allConnectionSnippets(catalogue: Catalogue = builtInCatalogue): ConnectionSnippet[] {
  return catalogue.connectionTypes.flatMap((type) => {
    const methods = authMethodsOf(type);
    return methods.length === 0 ? [connectionSnippet(type, undefined, '  ', catalogue)] : methods.map((method) => connectionSnippet(type, method, '  ', catalogue));
  });
}

/** An option line of a snippet, its value a tab stop with the catalogue's placeholder. */
function optionLine(key: string, value: string, stop: number): string {
  return `  '${key}' = '\${${stop}:${escapeSnippetText(value)}}'`;
}

/** The placeholder connection name for a connection type, as its CREATE CONNECTION snippet names it. */
const connectionNameOf = (type: string): string => `my_${type}_connection`;

function withOptions(fixed: readonly string[], keys: readonly [string, string][], firstStop: number): string {
  const lines = [...fixed, ...keys.map(([key, value], i) => optionLine(key, value, firstStop + i))];
  return `WITH (\n${lines.join(',\n')}\n);$0`;
}

/** CREATE MODEL for a provider: a text-generation model with its connection. */
function modelSnippet(provider: OptionSet): ConnectionSnippet {
  const connection = provider.keys.find((k) => k.name === `${provider.name}.connection`)!;
  const body =
    `CREATE MODEL \${1:my_${provider.name}_model}\nINPUT (\${2:prompt} STRING)\nOUTPUT (\${3:response} STRING)\n` +
    withOptions(
      [`  'provider' = '${provider.name}'`, `  'task' = '\${4|text_generation,classification,embedding,clustering,regression|}'`],
      [[connection.name, connectionNameOf(provider.connectionType!)]],
      5,
    );
  return { statement: 'model', type: provider.name, method: '', selector: `'provider' = '${provider.name}'`, label: `Model: ${provider.displayName}`, description: provider.description, body };
}

/** An external table for a connector, with its required keys. */
function tableSnippet(connector: OptionSet): ConnectionSnippet {
  const required = connector.keys.filter((k) => k.required && k.name !== 'connector');
  const keys = required.map((k): [string, string] => [k.name, k.value.kind === 'connection-name' ? connectionNameOf(k.value.connectionType) : k.name.slice(connector.name.length + 1)]);
  const body = `CREATE TABLE \${1:my_${connector.name.replace(/-/g, '_')}_table} (\n  \${2:id} STRING,\n  \${3:content} STRING\n) ` + withOptions([`  'connector' = '${connector.name}'`], keys, 4);
  return { statement: 'table', type: connector.name, method: '', selector: `'connector' = '${connector.name}'`, label: `External table: ${connector.displayName}`, description: connector.description, body };
}

function toolSnippets(): ConnectionSnippet[] {
  const mcp = findToolType('mcp')!;
  const fn = findToolType('function')!;
  return [
    {
      statement: 'tool',
      type: mcp.name,
      method: '',
      selector: "'type' = 'mcp'",
      label: 'Tool: MCP server',
      description: mcp.description,
      body: `CREATE TOOL \${1:my_mcp_tool}\nUSING CONNECTION \${2:${connectionNameOf('mcp_server')}}\n` + withOptions(["  'type' = 'mcp'"], [['allowed_tools', 'tool1,tool2'], ['request_timeout', '30']], 3),
    },
    {
      statement: 'tool',
      type: fn.name,
      method: '',
      selector: "'type' = 'function'",
      label: 'Tool: function',
      description: fn.description,
      body: `CREATE TOOL \${1:my_function_tool}\nUSING FUNCTION \${2:my_function}\n` + withOptions(["  'type' = 'function'"], [['description', 'What the function does']], 3),
    },
  ];
}

function agentSnippet(): ConnectionSnippet {
  const body =
    "CREATE AGENT ${1:my_agent}\nUSING MODEL ${2:my_openai_model}\nUSING PROMPT '${3:You are a helpful assistant.}'\nUSING TOOLS ${4:my_mcp_tool}\n" +
    withOptions([], [['max_iterations', '10']], 5);
  return { statement: 'agent', type: 'agent', method: '', selector: 'USING MODEL … USING TOOLS …', label: 'Agent', description: 'A streaming agent: a model, a prompt and tools, run by AI_RUN_AGENT.', body };
}

/** Every statement snippet: connections first, then models, external tables, tools and the agent. */
export function allSnippets(): ConnectionSnippet[] {
  return [
    ...allConnectionSnippets(),
    ...modelProviders.filter((p) => p.connectionType).map(modelSnippet),
    ...tableConnectors.map(tableSnippet),
    ...toolSnippets(),
    agentSnippet(),
  ];
}
