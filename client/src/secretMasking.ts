/**
 * Keeps secret values off the screen with editor decorations.
 *
 * What a secret is, is the server's detector (`server/src/analysis/secretRanges.ts`): the client runs
 * that same module on the document's text (with the secret keys its folder's flinksql.json adds),
 * synchronously, the moment a document shows or changes,
 * so the exact mask is on the editor before the server has even started, and an answer that comes
 * late never leaves a secret on screen. Nothing else is masked in the meantime (no keys, types or
 * comments), so nothing flickers. The server's `flinksql/secretRanges` answer is still asked for
 * and added: it is what other editors use, and it may know more than the client.
 *
 * A masked value stays masked while its key is edited (the mask is sticky), until the user reveals
 * the file's secrets. It never writes the user's settings.
 *
 * The first frames of an editor are drawn before any extension can decorate it. For them the TextMate
 * grammar scopes the values it recognises on their own line `meta.secret-value.flinksql`, which the
 * extension's default token colours (package.json `configurationDefaults`) draw transparent. A secret
 * the user chose to see (revealed, masking off, under the cursor) is therefore drawn with a decoration
 * that gives it the editor's text colour back.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { splitSecrets, splitSecretsAfter, type SplitSecrets } from '../../server/src/analysis/documentSecrets';
import type { TextChange, TextSource } from '../../server/src/parser/incrementalSplit';
import { mergeSecretSpans, type SecretCache } from '../../server/src/analysis/secretRanges';
import { secretRangesRequest, type SecretRangesResult } from '../../server/src/protocol';
import type { Catalogue } from '../../server/src/catalogue/catalogue';
import { ProjectCatalogues } from './projectCatalogues';

/** Offsets `[start, end)` in a document's text. */
interface Span {
  readonly start: number;
  readonly end: number;
}

interface DocumentMasks {
  /** The document version the spans belong to. */
  version: number;
  /** What is masked: the detector's secrets, and the spans kept masked while their keys are edited. */
  spans: Span[];
  /** The secrets of each statement by its text, for a reading of the whole text. */
  readonly cache: SecretCache;
  /** What the detector found in this version, with the text's split: an edit re-reads only the statements it reaches. */
  detected: SplitSecrets;
  /** Whether user names and the like count as secrets (`flinksql.secrets.maskUsernames`) for `spans`. */
  maskAccountIdentifiers: boolean;
  /** The catalogue `spans` were found with: the document's folder's flinksql.json's additions. */
  catalogue: Catalogue;
}

interface MaskSettings {
  mask: boolean;
  revealOnCursor: boolean;
  maskText: string;
}

function readSettings(): MaskSettings {
  const config = vscode.workspace.getConfiguration('flinksql.secrets');
  return {
    mask: config.get<boolean>('mask', true),
    revealOnCursor: config.get<boolean>('revealOnCursor', false),
    maskText: config.get<string>('maskText', '••••••••') || '••••••••',
  };
}

const maskAccountIdentifiersFor = (document: vscode.TextDocument) =>
  vscode.workspace.getConfiguration('flinksql.secrets', document.uri).get<boolean>('maskUsernames', false);

/**
 * Moves masked spans through one change, whose offsets are in the text before it. A span the change
 * replaces whole (a deleted or overwritten value) is gone; one it only touches grows to cover what
 * was typed into it or next to it, as the editor's own decoration does.
 */
function moveSpans(spans: readonly Span[], change: vscode.TextDocumentContentChangeEvent): Span[] {
  const from = change.rangeOffset;
  const to = change.rangeOffset + change.rangeLength;
  const delta = change.text.length - change.rangeLength;
  const result: Span[] = [];
  for (const span of spans) {
    if (span.end < from) result.push(span);
    else if (span.start > to) result.push({ start: span.start + delta, end: span.end + delta });
    else if (from <= span.start && span.end <= to && to > from) continue;
    else result.push({ start: Math.min(span.start, from), end: Math.max(span.end + delta, from + change.text.length) });
  }
  return result.filter((s) => s.end > s.start);
}

/**
 * The changes of one edit (offsets in the text before it, none overlapping) as one change: from the
 * first one's start to the last one's end, the text between them replaced by itself.
 */
function coveringChange(changes: readonly vscode.TextDocumentContentChangeEvent[]): TextChange | undefined {
  if (changes.length === 0) return undefined;
  let start = Infinity;
  let end = -Infinity;
  let delta = 0;
  for (const change of changes) {
    start = Math.min(start, change.rangeOffset);
    end = Math.max(end, change.rangeOffset + change.rangeLength);
    delta += change.text.length - change.rangeLength;
  }
  return { start, end, newLength: end - start + delta };
}

/** A document's text read in parts, as the incremental split reads it, without joining the whole text. */
function textSourceOf(document: vscode.TextDocument): TextSource {
  const last = document.lineAt(document.lineCount - 1).range.end;
  return {
    length: document.offsetAt(last),
    slice: (start, end) => document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end))),
  };
}

/** Whether a change touches (overlaps or borders) any of the sorted `spans`. */
function touchesAny(spans: readonly Span[], change: vscode.TextDocumentContentChangeEvent): boolean {
  const from = change.rangeOffset;
  const to = change.rangeOffset + change.rangeLength;
  return spans.some((s) => s.start <= to && from <= s.end);
}

/**
 * The detector's `found` secrets, and each of the spans masked before an edit (`kept`, moved through
 * it) where the detector no longer finds one: a value whose key is being retyped. Where the detector
 * finds a secret over a kept span, its span wins (a value whose closing quote was just typed shrinks
 * back to the value). Both sorted; the result is sorted and merged.
 */
function withKept(found: readonly Span[], kept: readonly Span[]): Span[] {
  if (kept.length === 0) return [...found];
  const result = [...found];
  let i = 0;
  for (const span of kept) {
    while (i < found.length && found[i]!.end < span.start) i++;
    const overlapped = i < found.length && found[i]!.start <= span.end;
    if (!overlapped) result.push(span);
  }
  return mergeSecretSpans(result);
}

/** What an editor shows masked when nothing is: one array, so that "drawn already" is an identity test. */
const NOTHING: readonly Span[] = [];

const sameSpans = (a: readonly Span[], b: readonly Span[]) =>
  a.length === b.length && a.every((span, i) => span.start === b[i]!.start && span.end === b[i]!.end);

const isSqlDocument = (document: vscode.TextDocument) =>
  (document.languageId === 'flinksql' || document.languageId === 'sql') && document.uri.scheme !== 'output';

/** Documents the language server analyses (others — the old side of a diff, a file from source control — are masked by the client alone). */
const isAnalysedByServer = (document: vscode.TextDocument) => document.uri.scheme === 'file' || document.uri.scheme === 'untitled';

export class SecretMasking implements vscode.Disposable {
  private settings = readSettings();
  private decoration: vscode.TextEditorDecorationType;
  /** Gives a secret that is shown its colour back (the grammar's default colours draw it transparent). */
  private readonly shownDecoration = vscode.window.createTextEditorDecorationType({
    color: new vscode.ThemeColor('editor.foreground'),
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly masks = new Map<string, DocumentMasks>();
  /** Documents whose secrets the user revealed. */
  private readonly revealed = new Set<string>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** What each visible editor shows masked (its document's version and spans), to skip drawing what is drawn. */
  private readonly drawn = new WeakMap<vscode.TextEditor, { version: number; spans: readonly Span[]; revealedAt?: readonly vscode.Selection[] }>();
  /** Editors where the shown decoration is set. */
  private readonly shownIn = new WeakSet<vscode.TextEditor>();
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  /** Each workspace folder's catalogue: the secret keys its flinksql.json adds are masked too. */
  private readonly catalogues = new ProjectCatalogues(() => {
    // A changed flinksql.json: every editor's masks are found again.
    vscode.window.visibleTextEditors.forEach((e) => this.drawEditor(e, true));
    this.updateStatus();
  });

  constructor(private readonly client: LanguageClient) {
    this.decoration = this.createDecoration();
    this.status = vscode.window.createStatusBarItem('flinksql.secrets', vscode.StatusBarAlignment.Right, 100);
    this.status.name = 'Flink SQL secrets';
    this.status.command = 'flinksql.toggleSecrets';
    this.disposables.push(
      this.status,
      this.catalogues,
      // Each event draws what it can at once: whichever comes first puts the mask on a new editor.
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.drawEditor(editor);
        this.updateStatus();
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.drawEditor(e))),
      vscode.workspace.onDidOpenTextDocument((document) => this.masksOf(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri.toString())),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (this.settings.revealOnCursor) this.drawEditor(event.textEditor);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('flinksql.secrets')) return;
        this.settings = readSettings();
        this.decoration.dispose();
        this.decoration = this.createDecoration();
        // Decorations of the old type are gone with it: draw every editor again.
        vscode.window.visibleTextEditors.forEach((e) => this.drawEditor(e, true));
        this.updateStatus();
      }),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.drawEditor(e));
    this.updateStatus();
  }

  /** The text is hidden (not dimmed) and a fixed-width mask stands in its place, so its length is not shown either. */
  private createDecoration(): vscode.TextEditorDecorationType {
    return vscode.window.createTextEditorDecorationType({
      // `display: none` removes the characters from the rendered line; the mask is drawn before them.
      textDecoration: 'none; display: none;',
      before: {
        contentText: this.settings.maskText,
        color: new vscode.ThemeColor('editorCodeLens.foreground'),
      },
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.infoForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      // Typing at either edge of a value grows its mask: nothing typed into a secret shows.
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
  }

  /** The masks of a document's current version, computed now if they are not known. */
  private masksOf(document: vscode.TextDocument): DocumentMasks | undefined {
    if (!isSqlDocument(document)) return undefined;
    const key = document.uri.toString();
    const maskAccountIdentifiers = maskAccountIdentifiersFor(document);
    const catalogue = this.catalogues.of(document.uri);
    let known = this.masks.get(key);
    if (known && known.version === document.version && known.maskAccountIdentifiers === maskAccountIdentifiers && known.catalogue === catalogue) return known;
    const cache: SecretCache = known?.cache ?? new Map();
    const detected = splitSecrets(document.getText(), { maskAccountIdentifiers, catalogue }, cache);
    // A version this object has not followed edit by edit (a first open, a changed setting or
    // flinksql.json): what the detector finds, and nothing kept.
    known = { version: document.version, spans: [...detected.spans], cache, detected, maskAccountIdentifiers, catalogue };
    this.masks.set(key, known);
    this.request(document);
    return known;
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    if (!isSqlDocument(document) || event.contentChanges.length === 0) return;
    const key = document.uri.toString();
    const known = this.masks.get(key);
    if (!known) return void this.drawDocument(document);
    // VS Code reports the changes of one edit against the text before it, last first when sorted so.
    const changes = [...event.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset);
    let moved: Span[] = known.spans;
    let touched = false;
    for (const change of changes) {
      touched ||= touchesAny(moved, change);
      moved = moveSpans(moved, change);
    }
    const maskAccountIdentifiers = maskAccountIdentifiersFor(document);
    const catalogue = this.catalogues.of(document.uri);
    const options = { maskAccountIdentifiers, catalogue };
    // The edit's changes as one, when `known` holds the version just before it; else the whole text is read.
    const change = known.version === document.version - 1 ? coveringChange(event.contentChanges) : undefined;
    const detected = change ? splitSecretsAfter(textSourceOf(document), known.detected, change, options, known.cache) : splitSecrets(document.getText(), options, known.cache);
    const found = detected.spans;
    // Until the user reveals them, what was masked stays masked (sticky).
    const spans = this.revealed.has(key) ? [...found] : withKept(found, moved);
    const previous = known.spans;
    Object.assign(known, { version: document.version, spans, detected, maskAccountIdentifiers, catalogue });
    // The editors moved their decorations with the edit; draw again only if what is masked changed.
    const unchanged = !touched && sameSpans(spans, moved);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== document) continue;
      const drawn = this.drawn.get(editor);
      if (unchanged && drawn && drawn.spans === previous && !this.settings.revealOnCursor) this.drawn.set(editor, { version: document.version, spans });
      else this.drawEditor(editor, true);
    }
    this.updateStatus();
    this.request(document, 300);
  }

  /** Asks the server for the document's secrets, after `delayMs` (edits come in bursts), to add any the client did not find. */
  private request(document: vscode.TextDocument, delayMs = 0): void {
    if (!isAnalysedByServer(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.addServerSecrets(document);
      }, delayMs),
    );
  }

  private async addServerSecrets(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    let ranges: SecretRangesResult;
    try {
      await this.client.start(); // resolves at once when running; waits while it starts
      ranges = await this.client.sendRequest<SecretRangesResult>(secretRangesRequest, { textDocument: { uri: document.uri.toString() } });
    } catch {
      return; // The client's own masks stay; the next change asks again.
    }
    const known = this.masks.get(document.uri.toString());
    if (document.isClosed || document.version !== version || !known || known.version !== version) return;
    const server = ranges.map((r) => ({
      start: document.offsetAt(new vscode.Position(r.start.line, r.start.character)),
      end: document.offsetAt(new vscode.Position(r.end.line, r.end.character)),
    }));
    const spans = mergeSecretSpans([...known.spans, ...server]);
    if (sameSpans(spans, known.spans)) return;
    known.spans = spans;
    this.drawDocument(document);
  }

  private drawDocument(document: vscode.TextDocument): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.drawEditor(editor, true);
    this.updateStatus();
  }

  /** Puts the document's masks on an editor, unless they are there already (`force` draws anyway). */
  private drawEditor(editor: vscode.TextEditor, force = false): void {
    const document = editor.document;
    const known = this.masksOf(document);
    if (!known) return;
    const hidden = this.settings.mask && !this.revealed.has(document.uri.toString());
    const spans = hidden ? known.spans : NOTHING;
    const drawn = this.drawn.get(editor);
    if (!force && !this.settings.revealOnCursor && drawn && drawn.version === known.version && drawn.spans === spans) return;
    const ranges = known.spans.map((s) => new vscode.Range(document.positionAt(s.start), document.positionAt(s.end)));
    const underCursor = (r: vscode.Range) => editor.selections.some((selection) => r.contains(selection.active) || r.intersection(selection) !== undefined);
    const masked = !hidden ? [] : this.settings.revealOnCursor ? ranges.filter((r) => !underCursor(r)) : ranges;
    const shown = !hidden ? ranges : this.settings.revealOnCursor ? ranges.filter(underCursor) : [];
    this.drawn.set(editor, { version: known.version, spans, revealedAt: this.settings.revealOnCursor ? editor.selections : undefined });
    editor.setDecorations(this.decoration, masked);
    // Set only when something is or was shown: a large file's secrets are not sent twice.
    if (shown.length > 0 || this.shownIn.has(editor)) {
      editor.setDecorations(this.shownDecoration, shown);
      if (shown.length > 0) this.shownIn.add(editor);
      else this.shownIn.delete(editor);
    }
  }

  private updateStatus(): void {
    const editor = vscode.window.activeTextEditor;
    const known = editor && this.masksOf(editor.document);
    if (!editor || !known || known.spans.length === 0) {
      this.status.hide();
      return;
    }
    const count = known.spans.length;
    const revealed = this.revealed.has(editor.document.uri.toString()) || !this.settings.mask;
    const text = revealed ? `$(eye) ${count} secret${count === 1 ? '' : 's'} shown` : `$(eye-closed) ${count} secret${count === 1 ? '' : 's'} masked`;
    if (this.status.text !== text) this.status.text = text;
    this.status.tooltip = revealed ? 'Flink SQL: hide the secrets of this file' : 'Flink SQL: reveal the secrets of this file';
    this.status.show();
  }

  private forget(key: string): void {
    this.masks.delete(key);
    this.revealed.delete(key);
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  /** Reveals (or hides again) the secrets of the active editor's document. Revealing drops the masks kept while keys were edited. */
  setRevealed(revealed: boolean | 'toggle'): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const key = editor.document.uri.toString();
    const reveal = revealed === 'toggle' ? !this.revealed.has(key) : revealed;
    if (reveal) {
      this.revealed.add(key);
      this.masks.delete(key); // what was kept masked is forgotten; the detector's secrets are found again
    } else {
      this.revealed.delete(key);
    }
    this.drawDocument(editor.document);
  }

  /** Copies the secret under the cursor to the clipboard without showing it. */
  async copySecretAtCursor(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const known = editor && this.masksOf(editor.document);
    const offset = editor && editor.document.offsetAt(editor.selection.active);
    const span = known && offset !== undefined ? known.spans.find((s) => s.start <= offset && offset <= s.end) : undefined;
    if (!editor || !span) {
      void vscode.window.showInformationMessage('Put the cursor on a masked secret to copy it.');
      return;
    }
    await vscode.env.clipboard.writeText(editor.document.getText().slice(span.start, span.end));
    vscode.window.setStatusBarMessage('$(check) Secret copied to the clipboard', 3000);
  }

  /** For tests: the ranges masked now in the first visible editor of `uri`. */
  maskedRanges(uri: vscode.Uri): vscode.Range[] {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const drawn = editor && this.drawn.get(editor);
    if (!editor || !drawn) return [];
    const ranges = drawn.spans.map((s) => new vscode.Range(editor.document.positionAt(s.start), editor.document.positionAt(s.end)));
    return drawn.revealedAt ? ranges.filter((r) => !drawn.revealedAt!.some((selection) => r.contains(selection.active) || r.intersection(selection))) : ranges;
  }

  /** For tests: the status bar's text. */
  statusText(): string | undefined {
    return this.status.text || undefined;
  }

  /** For tests: the server's answer for `uri`. */
  async serverSecretRanges(uri: vscode.Uri): Promise<vscode.Range[]> {
    const ranges = await this.client.sendRequest<SecretRangesResult>(secretRangesRequest, { textDocument: { uri: uri.toString() } });
    return ranges.map((r) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.decoration.dispose();
    this.shownDecoration.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
