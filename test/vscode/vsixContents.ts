/**
 * What the .vsix may and must contain, checked by `npm run test:vscode:vsix` (runVsixTests.ts); also a
 * command of its own:
 *   node --import tsx test/vscode/vsixContents.ts [flinksql-connections.vsix]
 * which lists the package and exits non-zero if it breaks a rule.
 *
 * A .vsix is a zip. The files of the extension are under extension/; vsce adds its manifest
 * (extension.vsixmanifest, [Content_Types].xml) and renames README.md to readme.md and LICENSE to
 * LICENSE.txt. The package may hold only the bundles, the grammar, the language configuration, the
 * manifest, the README, the licence and the icons: no node_modules, sources, tests, source maps or
 * anything else. Its README is the one scripts/packageReadme.ts makes, and must read well in VS Code's
 * Extensions view (`readmeProblems`): what the extension does first, and every image an absolute link
 * that resolves there — an embedded PNG with the bytes of a file in docs/images, or an https URL. A
 * relative link resolves inside the view's webview, where nothing is: the image shows broken.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** Uncompressed size. */
  size: number;
  method: number;
  compressedSize: number;
  /** Offset of the entry's local header. */
  localHeader: number;
}

/** The entries of a zip, from its central directory (no zip64: a .vsix of this size never needs it). */
export function listZip(data: Buffer, what = 'the file'): ZipEntry[] {
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535 bytes, at the end.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${what} is not a zip file (no end of central directory)`);
  const count = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${what}: bad central directory entry ${i}`);
    const nameLength = data.readUInt16LE(offset + 28);
    entries.push({
      name: data.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: data.readUInt16LE(offset + 10),
      compressedSize: data.readUInt32LE(offset + 20),
      size: data.readUInt32LE(offset + 24),
      localHeader: data.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return entries;
}

/** The contents of a stored or deflated entry. */
export function readZipEntry(data: Buffer, entry: ZipEntry): Buffer {
  const start = entry.localHeader + 30 + data.readUInt16LE(entry.localHeader + 26) + data.readUInt16LE(entry.localHeader + 28);
  const raw = data.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return raw;
  if (entry.method === 8) return zlib.inflateRawSync(raw);
  throw new Error(`${entry.name}: compression method ${entry.method} is not supported`);
}

/** Files the package must contain (paths inside the zip). */
export const REQUIRED = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/readme.md',
  'extension/LICENSE.txt',
  'extension/client/dist/extension.js',
  'extension/server/dist/server.js',
  'extension/server/dist/cli.js',
  'extension/syntaxes/flinksql.tmLanguage.json',
  'extension/syntaxes/flinksql-secrets.injection.tmLanguage.json',
  'extension/schemas/flinksql.schema.json',
  'extension/language-configuration.json',
  'extension/docs/images/icon.png',
  'extension/docs/images/file-icon.svg',
];

export interface VsixCheck {
  entries: ZipEntry[];
  problems: string[];
}

export function checkVsix(file: string): VsixCheck {
  const data = fs.readFileSync(file);
  const entries = listZip(data, file);
  const names = new Set(entries.map((e) => e.name));
  const problems: string[] = [];
  for (const required of REQUIRED) {
    if (!names.has(required)) problems.push(`missing: ${required}`);
  }
  for (const { name } of entries) {
    if (name.endsWith('/')) continue; // a directory entry
    if (REQUIRED.includes(name)) continue;
    const why = /(^|\/)node_modules\//.test(name)
      ? 'node_modules'
      : name.endsWith('.map')
        ? 'a source map'
        : /(^|\/)(src|test)\//.test(name) || /\.tsx?$/.test(name)
          ? 'a source or test file'
          : 'not on the list of packaged files';
    problems.push(`unexpected: ${name} (${why})`);
  }
  const readmeEntry = entries.find((e) => e.name === 'extension/readme.md');
  const readme = readmeEntry ? readZipEntry(data, readmeEntry).toString('utf8') : '';
  problems.push(...readmeProblems(readme, repoRoot).map((p) => `readme.md: ${p}`));
  return { entries, problems };
}

const repoRoot = path.resolve(__dirname, '..', '..');

/** The images of a Markdown text: alt text and link. */
export function markdownImages(markdown: string): { alt: string; link: string }[] {
  return [...markdown.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({ alt: m[1]!, link: m[2]! }));
}

/**
 * What keeps `readme` (a package's README) from reading well in the Extensions view, checked against
 * the repository at `root`: it must begin with the title and what the extension does (no code block
 * first), show the images of the repository's README, each as an https URL or as an embedded PNG
 * whose bytes are those of the file README.md links, and link to no file of the repository.
 */
export function readmeProblems(readme: string, root: string): string[] {
  const problems: string[] = [];
  const [title, ...rest] = readme.split('\n\n');
  if (!/^# \S/.test(title ?? '')) problems.push('it does not begin with the title');
  if (!/^[A-Z]/.test(rest[0] ?? '')) problems.push(`after the title comes ${JSON.stringify((rest[0] ?? '').slice(0, 40))}, not what the extension does`);
  const repositoryImages = markdownImages(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
  const images = markdownImages(readme);
  for (const { alt, link } of images) {
    const what = `the image "${alt.slice(0, 40)}…"`;
    if (/^https:\/\//.test(link)) continue;
    const embedded = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(link);
    if (!embedded) {
      problems.push(`${what} is not an absolute link (${link.slice(0, 60)}): it shows broken in the Extensions view`);
      continue;
    }
    const source = repositoryImages.find((i) => i.alt === alt)?.link;
    const file = source && path.join(root, source);
    if (!file || !fs.existsSync(file)) problems.push(`${what} is no image of README.md`);
    else if (!Buffer.from(embedded[1]!, 'base64').equals(fs.readFileSync(file))) problems.push(`${what} is not the bytes of ${source}`);
  }
  const shown = new Set(images.map((i) => i.alt));
  for (const { alt } of repositoryImages) if (!shown.has(alt)) problems.push(`the image "${alt.slice(0, 40)}…" of README.md is missing`);
  for (const [, text, link] of readme.matchAll(/(?<!!)\[([^\]]+)\]\(([^)\s]+)\)/g)) {
    if (!/^([a-z]+:|#)/i.test(link!)) problems.push(`the link "${text}" leads to a file of the repository (${link})`);
  }
  return problems;
}

if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'flinksql-connections.vsix'));
  const { entries, problems } = checkVsix(file);
  for (const e of entries) console.log(`${String(e.size).padStart(10)}  ${e.name}`);
  console.log(`${entries.length} entries, ${(fs.statSync(file).size / 1024).toFixed(0)} KB: ${path.relative(process.cwd(), file)}`);
  for (const p of problems) console.log(`PROBLEM: ${p}`);
  process.exit(problems.length > 0 ? 1 : 0);
}
