/**
 * The catalogue of each workspace folder's flinksql.json (its `catalogue` additions, read as the
 * server reads them), for the client's own secret detection: a secret key that a project adds is
 * masked from the first frame the client draws, as a built-in one is, not only once the server's
 * answer comes. A folder without the file, or with a broken `catalogue`, has the built-in catalogue
 * (the server reports the mistakes on the file). A mistake elsewhere in the file (a rule) does not
 * undo the additions here: more is masked, never less.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { readCatalogue } from '../../server/src/catalogue/additions';
import { builtInCatalogue, type Catalogue } from '../../server/src/catalogue/catalogue';

/** The configuration file's name (as server/src/config/configuration.ts has it). */
const CONFIGURATION_FILE = 'flinksql.json';

export class ProjectCatalogues implements vscode.Disposable {
  private readonly byFolder = new Map<string, Catalogue>();
  private readonly disposables: vscode.Disposable[] = [];

  /** `changed` is called when a folder's catalogue changed. */
  constructor(private readonly changed: () => void) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIGURATION_FILE}`);
    const reread = () => {
      if (this.readAll()) this.changed();
    };
    this.disposables.push(watcher, watcher.onDidChange(reread), watcher.onDidCreate(reread), watcher.onDidDelete(reread), vscode.workspace.onDidChangeWorkspaceFolders(reread));
    this.readAll();
  }

  /** The catalogue of a document's workspace folder; the built-in one outside any. */
  of(uri: vscode.Uri): Catalogue {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return (folder && this.byFolder.get(folder.uri.toString())) ?? builtInCatalogue;
  }

  /** Reads every folder's flinksql.json (a small file, at once: the first masks are drawn with it); true when a catalogue changed. */
  private readAll(): boolean {
    let changed = false;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      let catalogue = builtInCatalogue;
      try {
        const value: unknown = JSON.parse(fs.readFileSync(vscode.Uri.joinPath(folder.uri, CONFIGURATION_FILE).fsPath, 'utf8'));
        const section = typeof value === 'object' && value !== null ? (value as { catalogue?: unknown }).catalogue : undefined;
        if (section !== undefined) catalogue = readCatalogue(section, ['catalogue']).catalogue ?? builtInCatalogue;
      } catch {
        // No flinksql.json, or not JSON: the built-in catalogue.
      }
      const key = folder.uri.toString();
      if ((this.byFolder.get(key) ?? builtInCatalogue).signature === catalogue.signature) continue;
      this.byFolder.set(key, catalogue);
      changed = true;
    }
    return changed;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
