/**
 * What the server holds of each open document, in one object: its text, what changed since its last
 * parse, that parse, its analysis and its secrets, each made from the one before so that an edit costs
 * what it touched. vscode-languageserver's `TextDocuments` keeps one `StoredDocument` per open document
 * (made and updated by `documentStore`): when the document closes, all of it goes at once.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { analyzeEdit, type DocumentAnalysis } from '../analysis/analyzeDocument';
import { parsedSecrets, type ParseSecrets } from '../analysis/documentSecrets';
import type { SecretCache, SecretOptions } from '../analysis/secretRanges';
import type { Span } from '../parser/ast';
import { builtInCatalogue, type Catalogue } from '../catalogue/catalogue';
import { composeChanges } from '../parser/incrementalSplit';
import { parseDocument, type ParsedDocument, type TextChange } from '../parser/parseDocument';
import { entriesIn, type ConnectionIndex } from './connectionIndex';
import { OpenDocument } from './openDocument';

export class StoredDocument {
  /** What changed since `lastParse`, in its offsets; `whole` when the client sent a whole text; undefined: nothing. */
  private change: TextChange | 'whole' | undefined = 'whole';
  private lastParse: ParsedDocument | undefined;
  private lastAnalysis: DocumentAnalysis | undefined;
  /** The secrets of each statement, reused when the same statement text comes back. */
  private readonly secretCache: SecretCache = new Map();
  /**
   * The secrets of the parse they were last asked for, which the next request updates from the edit
   * between the two parses. It keeps that parse, whose statements the current one mostly shares.
   */
  private lastSecrets: ParseSecrets | undefined;

  constructor(
    readonly document: OpenDocument,
    private readonly index: ConnectionIndex,
    private readonly catalogueOf: (uri: string) => Catalogue = () => builtInCatalogue,
  ) {}

  /** The catalogue the document is checked against: its folder's flinksql.json's, or the built-in one. */
  get catalogue(): Catalogue {
    return this.catalogueOf(this.uri);
  }

  get uri(): string {
    return this.document.uri;
  }

  /** Applies a client's changes one at a time: each change's range is in the text the changes before it produced. */
  edit(changes: readonly TextDocumentContentChangeEvent[], version: number): this {
    for (const change of changes) {
      const applied = this.document.apply(change);
      this.change = applied === undefined || this.change === 'whole' ? 'whole' : this.change ? composeChanges(this.change, applied) : applied;
    }
    this.document.version = version;
    return this;
  }

  /** The parse of the current text, made (when read) from the previous parse and the changes since. */
  get parsed(): ParsedDocument {
    if (this.lastParse && this.change === undefined) return this.lastParse;
    const parsed = parseDocument(this.document, this.lastParse, this.change === 'whole' ? undefined : this.change);
    // Only now: had the parse failed, the next one would still start from the change since the previous parse.
    this.change = undefined;
    return (this.lastParse = parsed);
  }

  /**
   * The analysis of the current text, made (when read) from the previous analysis (`analyzeEdit`). The
   * server reads it after every change, so an edit costs what it touched, also when several edits come
   * before diagnostics are published.
   */
  get analysis(): DocumentAnalysis {
    const options = { flinkOnly: this.document.languageId === 'flinksql', catalogue: this.catalogue };
    return (this.lastAnalysis = analyzeEdit(this.parsed, this.index.lookupFor(this.uri), options, this.lastAnalysis));
  }

  /** Puts the current parse's definitions and names in the index; true when the definitions changed, and with them other documents' problems. */
  indexed(): boolean {
    return this.index.set(this.uri, entriesIn(this.uri, this.document, this.parsed));
  }

  /** The secret spans of the current text (`parsedSecrets`: after an edit, only what it touched is read). */
  secrets(options: Omit<SecretOptions, 'catalogue'>): readonly Span[] {
    this.lastSecrets = parsedSecrets(this.document, this.parsed, { ...options, catalogue: this.catalogue }, this.secretCache, this.lastSecrets);
    return this.lastSecrets.spans;
  }
}

/** How `TextDocuments` makes and updates the stored documents, whose analyses read `index` and the catalogue `catalogueOf` gives. */
export const documentStore = (index: ConnectionIndex, catalogueOf?: (uri: string) => Catalogue) => ({
  create: (uri: string, languageId: string, version: number, text: string) => new StoredDocument(new OpenDocument(uri, languageId, version, text), index, catalogueOf),
  update: (stored: StoredDocument, changes: TextDocumentContentChangeEvent[], version: number) => stored.edit(changes, version),
});
