/**
 * A complete, valid CREATE CONNECTION for each connection type and auth method, generated from the
 * catalogue, with tab stops for the name, the parts of the endpoint and each credential.
 */
import { authMethodsOf } from '../catalogue/connectionKeys';
import { connectionTypes, type ConnectionType } from '../catalogue/connectionTypes';
import type { AuthMethod } from '../catalogue/authMethods';
import { optionKeys, type OptionKeyName } from '../catalogue/optionKeys';

export interface ConnectionSnippet {
  /** The connection type's `'type'` value. */
  readonly type: string;
  /** The auth method the snippet uses. */
  readonly method: string;
  /** For a quick pick or completion list: `OpenAI (API key)`. */
  readonly label: string;
  readonly description: string;
  /** The statement, in VS Code / LSP snippet syntax. */
  readonly body: string;
}

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

/** The snippet for `type` with `method` (the type's first method by default). */
export function connectionSnippet(type: ConnectionType, method: AuthMethod = authMethodsOf(type)[0]!, indent = '  '): ConnectionSnippet {
  const name = `\${1:my_${type.name}_connection}`;
  const endpoint = renumber(type.endpoint.template, 1);
  let stop = endpoint.highest;
  const credential = (key: OptionKeyName) => `${indent}'${key}' = '\${${++stop}:${escapeSnippetText(optionKeys[key].placeholder)}}'`;
  const lines = [`${indent}'type' = '${type.name}'`, `${indent}'endpoint' = '${endpoint.text}'`, ...method.keys.map(credential)];
  const methods = authMethodsOf(type);
  const label = methods.length > 1 ? `${type.displayName} (${method.label})` : type.displayName;
  return {
    type: type.name,
    method: method.id,
    label,
    description: type.description,
    body: `CREATE CONNECTION ${name}\nWITH (\n${lines.join(',\n')}\n);$0`,
  };
}

/** Every type with every auth method it accepts. */
export function allConnectionSnippets(): ConnectionSnippet[] {
  return connectionTypes.flatMap((type) => authMethodsOf(type).map((method) => connectionSnippet(type, method)));
}
