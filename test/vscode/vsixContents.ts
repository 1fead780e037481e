/**
 * What the .vsix may and must contain, checked by `npm run test:vscode:vsix` (runVsixTests.ts); also a
 * command of its own:
 *   node --import tsx test/vscode/vsixContents.ts [flinksql-connections.vsix]
 * which lists the package and exits non-zero if it breaks a rule.
 *
 * A .vsix is a zip. The files of the extension are under extension/; vsce adds its manifest
 * (extension.vsixmanifest, [Content_Types].xml) and renames README.md to readme.md and LICENSE to
 * LICENSE.txt. The package may hold only the bundles, the grammar, the language configuration, the
 * manifest, the README, the licence and the README's images: no node_modules, sources, tests, source
 * maps or anything else. And every image the README shows must be inside, or the extension's page in
 * VS Code shows a broken image (the README's links are packaged as relative links).
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
];

/** Everything else that may be in it: the README's images. */
const ALLOWED_EXTRA = [/^extension\/docs\/images\/[^/]+\.png$/];

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
    if (REQUIRED.includes(name) || ALLOWED_EXTRA.some((re) => re.test(name))) continue;
    const why = /(^|\/)node_modules\//.test(name)
      ? 'node_modules'
      : name.endsWith('.map')
        ? 'a source map'
        : /(^|\/)(src|test)\//.test(name) || /\.tsx?$/.test(name)
          ? 'a source or test file'
          : 'not on the list of packaged files';
    problems.push(`unexpected: ${name} (${why})`);
  }
  // Every image the README shows (relative links: docs/images/x.png) must be packaged.
  const readmeEntry = entries.find((e) => e.name === 'extension/readme.md');
  const readme = readmeEntry ? readZipEntry(data, readmeEntry).toString('utf8') : '';
  for (const [, image] of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(image!)) continue; // an absolute URL
    const inZip = `extension/${path.posix.normalize(image!.replace(/^\.\//, ''))}`;
    if (!names.has(inZip)) problems.push(`missing: ${inZip} (the README shows it; add it to .vscodeignore's list)`);
  }
  return { entries, problems };
}

if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'flinksql-connections.vsix'));
  const { entries, problems } = checkVsix(file);
  for (const e of entries) console.log(`${String(e.size).padStart(10)}  ${e.name}`);
  console.log(`${entries.length} entries, ${(fs.statSync(file).size / 1024).toFixed(0)} KB: ${path.relative(process.cwd(), file)}`);
  for (const p of problems) console.log(`PROBLEM: ${p}`);
  process.exit(problems.length > 0 ? 1 : 0);
}
