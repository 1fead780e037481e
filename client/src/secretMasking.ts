/**
 * Keeps secret values off the screen with editor decorations.
 *
 * The server decides what a secret is (`flinksql/secretRanges`); this module only draws. Until the
 * server has answered for a document's current version, it masks conservatively — every quoted
 * string of the document, or of the lines an edit touched — so a secret is never shown because an
 * answer is late. It never writes the user's settings.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { secretRangesRequest, type SecretRangesResult } from '../../server/src/protocol';

/** Offsets `[start, end)` in a document's text. */
interface Span {
  start: number;
  end: number;
}

interface DocumentSecrets {
  /** The document version the spans belong to. */
  version: number;
  spans: Span[];
  /** True when the spans are the server's answer for `version`; false while they are a conservative guess. */
  exact: boolean;
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

/** Every single-quoted string's contents in `text[from, to)`: the conservative mask. */
function quotedContents(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  // A string may span lines (a service-account key); one that is never closed runs to the end.
  const pattern = /'((?:[^']|'')*)('|$)/g;
  pattern.lastIndex = from;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) && match.index < to) {
    if (match[1]!.length > 0) spans.push({ start: match.index + 1, end: match.index + 1 + match[1]!.length });
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return spans;
}

/** Moves spans through one document change; a span the change touches grows to cover what was typed into it. */
function shift(spans: readonly Span[], change: vscode.TextDocumentContentChangeEvent): Span[] {
  const from = change.rangeOffset;
  const to = change.rangeOffset + change.rangeLength;
  const delta = change.text.length - change.rangeLength;
  const result: Span[] = [];
  for (const span of spans) {
    if (span.end < from) result.push(span);
    else if (span.start > to) result.push({ start: span.start + delta, end: span.end + delta });
    else result.push({ start: Math.min(span.start, from), end: Math.max(span.end + delta, from + change.text.length) });
  }
  return result.filter((s) => s.end > s.start);
}

const isSqlDocument = (document: vscode.TextDocument) =>
  (document.languageId === 'flinksql' || document.languageId === 'sql') && document.uri.scheme !== 'output';

/**
 * Documents the language server analyses. Others (the old side of a diff, a file from source control)
 * keep the conservative mask: every string stays hidden.
 */
const isAnalysedByServer = (document: vscode.TextDocument) => document.uri.scheme === 'file' || document.uri.scheme === 'untitled';

export class SecretMasking implements vscode.Disposable {
  private settings = readSettings();
  private decoration: vscode.TextEditorDecorationType;
  private readonly secrets = new Map<string, DocumentSecrets>();
  /** Documents whose secrets the user revealed. */
  private readonly revealed = new Set<string>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** What each visible editor shows masked, for the test API. */
  private readonly masked = new Map<vscode.TextEditor, vscode.Range[]>();
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.decoration = this.createDecoration();
    this.status = vscode.window.createStatusBarItem('flinksql.secrets', vscode.StatusBarAlignment.Right, 100);
    this.status.name = 'Flink SQL secrets';
    this.status.command = 'flinksql.toggleSecrets';
    this.disposables.push(
      this.status,
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.show(e.document))),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri.toString())),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (this.settings.revealOnCursor) this.draw(event.textEditor);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('flinksql.secrets')) return;
        this.settings = readSettings();
        this.decoration.dispose();
        this.decoration = this.createDecoration();
        // What counts as a secret may have changed (user names): ask the server again.
        for (const key of this.secrets.keys()) this.secrets.delete(key);
        vscode.window.visibleTextEditors.forEach((e) => this.show(e.document));
      }),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.show(e.document));
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
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
  }

  /** Masks a document in every editor that shows it, asking the server when its answer is not current. */
  private show(document: vscode.TextDocument): void {
    if (!isSqlDocument(document)) return;
    const key = document.uri.toString();
    const known = this.secrets.get(key);
    if (!known || known.version !== document.version) {
      // Not known for this version: mask every string until the server answers.
      this.secrets.set(key, { version: document.version, spans: quotedContents(document.getText()), exact: false });
      this.request(document);
    }
    this.drawDocument(document);
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    if (!isSqlDocument(document) || event.contentChanges.length === 0) return;
    const key = document.uri.toString();
    const known = this.secrets.get(key);
    if (!known) return this.show(document);
    // Keep the known secrets where they move, and mask the strings of the touched lines until the server answers.
    let spans = known.spans;
    const changes = [...event.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset);
    for (const change of changes) spans = shift(spans, change);
    const text = document.getText();
    for (const change of changes) {
      const start = document.offsetAt(new vscode.Position(change.range.start.line, 0));
      const endLine = change.range.start.line + change.text.split('\n').length - 1;
      const end = document.offsetAt(document.lineAt(Math.min(endLine, document.lineCount - 1)).range.end);
      spans = spans.concat(quotedContents(text, start, end));
    }
    this.secrets.set(key, { version: document.version, spans, exact: false });
    this.drawDocument(document);
    this.request(document, 60);
  }

  /** Asks the server for the document's secrets, after `delayMs` (edits come in bursts). */
  private request(document: vscode.TextDocument, delayMs = 0): void {
    if (!isAnalysedByServer(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.fetch(document);
      }, delayMs),
    );
  }

  private async fetch(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    let ranges: SecretRangesResult;
    try {
      await this.client.start(); // resolves at once when running; waits while it starts
      ranges = await this.client.sendRequest<SecretRangesResult>(secretRangesRequest, { textDocument: { uri: document.uri.toString() } });
    } catch {
      return; // The conservative mask stays; the next change or editor switch asks again.
    }
    if (document.isClosed || document.version !== version) return;
    const spans = ranges.map((r) => ({
      start: document.offsetAt(new vscode.Position(r.start.line, r.start.character)),
      end: document.offsetAt(new vscode.Position(r.end.line, r.end.character)),
    }));
    this.secrets.set(document.uri.toString(), { version, spans, exact: true });
    this.drawDocument(document);
  }

  private drawDocument(document: vscode.TextDocument): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.draw(editor);
    this.updateStatus();
  }

  private draw(editor: vscode.TextEditor): void {
    const key = editor.document.uri.toString();
    const known = this.secrets.get(key);
    let ranges: vscode.Range[] = [];
    if (known && this.settings.mask && !this.revealed.has(key)) {
      ranges = known.spans.map((s) => new vscode.Range(editor.document.positionAt(s.start), editor.document.positionAt(s.end)));
      if (this.settings.revealOnCursor) {
        ranges = ranges.filter((r) => !editor.selections.some((selection) => r.contains(selection.active) || r.intersection(selection)));
      }
    }
    this.masked.set(editor, ranges);
    editor.setDecorations(this.decoration, ranges);
  }

  private updateStatus(): void {
    const editor = vscode.window.activeTextEditor;
    const known = editor && this.secrets.get(editor.document.uri.toString());
    if (!editor || !known || !isSqlDocument(editor.document) || (known.exact && known.spans.length === 0)) {
      this.status.hide();
      return;
    }
    const count = known.spans.length;
    const revealed = this.revealed.has(editor.document.uri.toString()) || !this.settings.mask;
    this.status.text = revealed ? `$(eye) ${count} secret${count === 1 ? '' : 's'} shown` : `$(eye-closed) ${count} secret${count === 1 ? '' : 's'} masked`;
    this.status.tooltip = revealed ? 'Flink SQL: hide the secrets of this file' : 'Flink SQL: reveal the secrets of this file';
    this.status.show();
  }

  private forget(key: string): void {
    this.secrets.delete(key);
    this.revealed.delete(key);
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    for (const editor of [...this.masked.keys()]) if (editor.document.uri.toString() === key) this.masked.delete(editor);
  }

  /** Reveals (or hides again) the secrets of the active editor's document. */
  setRevealed(revealed: boolean | 'toggle'): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const key = editor.document.uri.toString();
    const reveal = revealed === 'toggle' ? !this.revealed.has(key) : revealed;
    if (reveal) this.revealed.add(key);
    else this.revealed.delete(key);
    this.drawDocument(editor.document);
  }

  /** Copies the secret under the cursor to the clipboard without showing it. */
  async copySecretAtCursor(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const known = editor && this.secrets.get(editor.document.uri.toString());
    const offset = editor && editor.document.offsetAt(editor.selection.active);
    const span = known && offset !== undefined ? known.spans.find((s) => s.start <= offset && offset <= s.end) : undefined;
    if (!editor || !span) {
      void vscode.window.showInformationMessage('Put the cursor on a masked secret to copy it.');
      return;
    }
    await vscode.env.clipboard.writeText(editor.document.getText().slice(span.start, span.end));
    vscode.window.setStatusBarMessage('$(check) Secret copied to the clipboard', 3000);
  }

  /** For tests: the ranges masked now in the visible editors of `uri`. */
  maskedRanges(uri: vscode.Uri): vscode.Range[] {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    return editor ? [...(this.masked.get(editor) ?? [])] : [];
  }

  /** For tests: the server's answer for `uri`. */
  async serverSecretRanges(uri: vscode.Uri): Promise<vscode.Range[]> {
    const ranges = await this.client.sendRequest<SecretRangesResult>(secretRangesRequest, { textDocument: { uri: uri.toString() } });
    return ranges.map((r) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.decoration.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
