/**
 * CREATE TOOL's types and CREATE AGENT's options (Confluent's Streaming Agents, after FLIP-548).
 *
 * Sources (tags as in `shared/spec/using-connections.md` §0, §4, §5): the CREATE TOOL page [S-CT],
 * the CREATE/ALTER AGENT pages [S-CA], [S-AA], Confluent's quickstart [S-QSA] and tutorials [S-TUT].
 */
import { findOptionSet, setKey, type OptionSet, type Selector, type SetKey } from './optionSets';

export const createToolDocsUrl = 'https://docs.confluent.io/cloud/current/flink/reference/statements/create-tool.html';
export const createAgentDocsUrl = 'https://docs.confluent.io/cloud/current/flink/reference/statements/create-agent.html';

/** How a tool is reached: USING FUNCTION or USING CONNECTION. */
export type ToolSource = 'function' | 'connection';

export interface ToolType extends OptionSet {
  /** The clause the type goes with ([S-CT]: `'function'` with USING FUNCTION, `'mcp'`/`'a2a'` with USING CONNECTION). */
  readonly using: ToolSource;
}

const CT = '[S-CT]';

/** The keys of every tool. */
const toolKeys: readonly SetKey[] = [
  setKey('type', "What the tool is: 'function' (USING FUNCTION), 'mcp' or 'a2a' (USING CONNECTION).", CT, { required: true, placeholder: 'mcp' }),
  setKey('description', 'What the tool does, for the model that chooses it.', CT, { placeholder: 'Looks up the weather' }),
  setKey('request_timeout', 'Seconds to wait for the tool (default 30).', CT, { value: { kind: 'integer', min: 1 }, placeholder: '30' }),
];

export const toolTypes: readonly ToolType[] = [
  {
    name: 'function',
    displayName: 'Function tool',
    description: 'A user-defined function that models and agents may call.',
    using: 'function',
    keys: toolKeys,
    docsUrl: createToolDocsUrl,
    source: CT,
    confidence: 'documented',
  },
  {
    name: 'mcp',
    displayName: 'MCP tool',
    description: 'Tools of a Model Context Protocol server, reached through an MCP server connection.',
    using: 'connection',
    connectionType: 'mcp_server',
    keys: [
      ...toolKeys,
      setKey('allowed_tools', "The MCP server's tools the agent may call, comma-separated (e.g. 'http_get, send_email').", `${CT}; [S-QSA] LAB1`, {
        required: true,
        placeholder: 'tool1,tool2',
      }),
    ],
    docsUrl: createToolDocsUrl,
    source: `${CT}; [S-QSA]; [S-TUT]`,
    confidence: 'documented',
  },
  {
    name: 'a2a',
    displayName: 'A2A tool',
    description: 'A remote agent reached over the Agent2Agent protocol, through an A2A connection.',
    using: 'connection',
    connectionType: 'a2a',
    keys: toolKeys,
    docsUrl: createToolDocsUrl,
    source: CT,
    // A2A's own options are not documented: keys beyond the shared ones are left alone.
    confidence: 'not-found',
  },
];

/** A tool's `'type'` chooses its keys. */
export const toolSelector: Selector = { key: 'type', sets: toolTypes, noun: 'tool type' };

export const toolTypeNames: readonly string[] = toolTypes.map((t) => t.name);

export function findToolType(value: string): ToolType | undefined {
  return findOptionSet(toolTypes, value) as ToolType | undefined;
}

/** A standard agent's options ([S-CA], [S-AA]). A reflection agent's (USING AGENTS) are not documented. */
export const agentOptions: OptionSet = {
  name: 'agent',
  displayName: 'Agent',
  description: 'A streaming agent: a model, a prompt and tools, run by AI_RUN_AGENT.',
  keys: [
    setKey('max_iterations', 'How many model calls the agent may make for one request (default 10).', '[S-CA]; [S-AA]', {
      value: { kind: 'integer', min: 1 },
      placeholder: '10',
    }),
    setKey('max_consecutive_failures', 'How many failed tool calls in a row end the request (default 3).', '[S-CA]', {
      value: { kind: 'integer', min: 1 },
      placeholder: '3',
    }),
    setKey('description', 'What the agent does.', '[S-AA]', { placeholder: 'Answers questions about orders' }),
    setKey('tools', 'The tools the agent may call, as ALTER AGENT … SET sets them: the name of a tool (several separated by commas, as USING TOOLS lists them: inferred).', '[S-AA]', {
      alterOnly: true,
      value: { kind: 'tool-names' },
    }),
  ],
  docsUrl: createAgentDocsUrl,
  source: '[S-CA]; [S-AA]; [S-QSA]',
  confidence: 'documented',
};
