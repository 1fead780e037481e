/**
 * Every feature of the server as plain function calls on one text, the way the server calls them:
 * the robustness tests check what comes back, the scaling benchmark (scripts/benchScaling.ts) times it.
 *
 * `EditingSession.keystroke` is the work the server does for every edit (parse, reusing the previous
 * parse; diagnostics; secret ranges, reusing the previous ones; completion and hover at the cursor).
 * `requestFeatures` is everything else a client may ask for at some point: code actions and fix-all,
 * formatting, outline, folding, navigation and rename, workspace symbols.
 */
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Range,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeEdit, type DocumentAnalysis } from '../../server/src/analysis/analyzeDocument';
import type { Problem } from '../../server/src/analysis/problem';
import type { SecretCache } from '../../server/src/analysis/secretRanges';
import { documentSecrets } from '../../server/src/analysis/documentSecrets';
import type { Span } from '../../server/src/parser/ast';
import { codeActions, FIX_ALL_KIND } from '../../server/src/features/codeActions';
import { completion, type CompletionEnvironment } from '../../server/src/features/completion';
import { definition } from '../../server/src/features/definition';
import { toDiagnostics } from '../../server/src/features/diagnostics';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { formatDocument, formatRange } from '../../server/src/features/formatting';
import { hover } from '../../server/src/features/hover';
import { references } from '../../server/src/features/references';
import { prepareRename, rename } from '../../server/src/features/rename';
import { workspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { parseDocument, type ParsedDocument } from '../../server/src/parser/parseDocument';
import { ConnectionIndex, entriesIn } from '../../server/src/workspace/connectionIndex';

/**
 * Runs one feature and returns its answer. The benchmark passes a runner that times each feature by
 * its name; the tests run them as they are.
 */
export type FeatureRunner = <T>(feature: string, work: () => T) => T;

const justRun: FeatureRunner = (_feature, work) => work();

/** A connection defined in some other file of the workspace, so completion has one to offer. */
const workspace: CompletionEnvironment = { connections: [{ name: 'elsewhere', type: 'openai' }] };
const formatting = { tabSize: 2, insertSpaces: true };

/** What the server computes for one version of a document as it is typed. */
export interface Keystroke {
  readonly document: TextDocument;
  readonly parsed: ParsedDocument;
  /** The cursor: where completion and hover were asked. */
  readonly offset: number;
  readonly analysis: DocumentAnalysis;
  readonly problems: readonly Problem[];
  readonly diagnostics: readonly Diagnostic[];
  readonly secrets: readonly Span[];
  readonly completions: readonly CompletionItem[];
  readonly hover: Hover | null;
}

/** What the other requests answer for one version of a document. */
export interface RequestAnswers {
  readonly quickFixes: readonly CodeAction[];
  readonly fixAll: readonly CodeAction[];
  readonly formatting: readonly TextEdit[];
  readonly rangeFormatting: readonly TextEdit[];
  readonly symbols: readonly DocumentSymbol[];
  readonly folding: readonly FoldingRange[];
  readonly definitions: readonly Location[];
  readonly references: readonly Location[];
  readonly prepareRename: { range: Range; placeholder: string } | null;
  readonly rename: WorkspaceEdit | null;
  readonly workspaceSymbols: readonly SymbolInformation[];
}

/** One document edited version after version, with the caches the server keeps per document. */
export class EditingSession {
  private parsed: ParsedDocument | undefined;
  private readonly secretCache: SecretCache = new Map();
  private version = 0;

  constructor(readonly uri = 'untitled:session.flink.sql') {}

  /** The document's next version is `text`, with the cursor at `offset` (clamped to the text). */
  keystroke(text: string, offset = text.length, run: FeatureRunner = justRun): Keystroke {
    const document = TextDocument.create(this.uri, 'flinksql', ++this.version, text);
    const parsed = run('parse', () => parseDocument(text, this.parsed));
    this.parsed = parsed;
    const cursor = Math.max(0, Math.min(offset, text.length));
    const analysis = run('analysis', () => analyzeEdit(parsed));
    const { problems } = analysis;
    return {
      document,
      parsed,
      offset: cursor,
      analysis,
      problems,
      diagnostics: run('diagnostics', () => toDiagnostics(document, problems)),
      secrets: run('secret ranges', () => documentSecrets(text, parsed.statements, { maskAccountIdentifiers: true }, this.secretCache)),
      completions: run('completion', () => completion(document, parsed, cursor, workspace)),
      hover: run('hover', () => hover(document, parsed, cursor, { find: () => [] })),
    };
  }
}

/** Every other request, at the keystroke's cursor where a request takes a position. */
export function requestFeatures({ document, parsed, offset, analysis, diagnostics }: Keystroke, run: FeatureRunner = justRun): RequestAnswers {
  const index = new ConnectionIndex();
  run('connection index', () => index.set(document.uri, entriesIn(document.uri, document, parsed)));
  const cursor = document.positionAt(offset);
  return {
    quickFixes: run('quick fixes', () => codeActions(document, analysis, diagnostics)),
    fixAll: run('fix all', () => codeActions(document, analysis, diagnostics, [FIX_ALL_KIND])),
    formatting: run('formatting', () => formatDocument(document, parsed, formatting)),
    rangeFormatting: run('range formatting', () => formatRange(document, parsed, { start: cursor, end: cursor }, formatting)),
    symbols: run('document symbols', () => documentSymbols(document, parsed)),
    folding: run('folding', () => foldingRanges(document, parsed)),
    definitions: run('definition', () => definition(document, parsed, offset, index)),
    references: run('references', () => references(document, parsed, offset, index, true)),
    prepareRename: run('prepare rename', () => prepareRename(document, parsed, offset)),
    rename: run('rename', () => rename(document, parsed, offset, 'renamed_connection', index)),
    workspaceSymbols: run('workspace symbols', () => workspaceSymbols('c', index)),
  };
}
