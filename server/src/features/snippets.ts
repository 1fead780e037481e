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

/** A snippet as it reads with every tab stop left at its default (first choice, placeholder text, nothing). */
export function snippetDefaults(body: string): string {
  return body
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_, text: string) => text.replace(/\\(.)/g, '$1'))
    .replace(/\$\d+/g, '');
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
