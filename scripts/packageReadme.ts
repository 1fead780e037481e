/**
 * The README of the .vsix, made from README.md by `npm run package`:
 *   node --import tsx scripts/packageReadme.ts [out]      (default: dist/README.md)
 *
 * VS Code shows it in the Extensions view, where the repository's README does not read well: it opens
 * with the developer commands (which the repository's rules keep at its very top), and its relative
 * image links resolve inside the view's webview, where nothing is (every image is broken). So the
 * package gets a variant of README.md, never written by hand, that:
 *
 * - starts with what the extension does: the title, then what follows `<!-- package: start -->` (the
 *   commands and notes for developers between the two are left out);
 * - leaves out what is for developers of this repository: the sections "How it is built",
 *   "Performance" and "Tests", the section for other editors, and the parts of other sections
 *   between `<!-- package: leave out -->` and `<!-- package: end -->`;
 * - embeds each image as a `data:image/png;base64,…` URI of the file in docs/images. The Extensions
 *   view allows `img-src https: data:`; the package has no repository to link to, and embedded images
 *   show offline too. (`vsce --baseImagesUrl` would need a public URL of the repository.)
 * - turns links to files of the repository into their text: they lead nowhere from the view.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');

/** Sections (`## …`) of README.md that are for developers of this repository. */
export const LEFT_OUT_SECTIONS = ['Use the server from another editor', 'How it is built', 'Performance', 'Tests'];

/** The marker where the package's README begins, after the title: the top matter above it is for developers. */
export const START = '<!-- package: start -->';
/** The markers around the parts of a kept section that the package leaves out. */
export const LEAVE_OUT = '<!-- package: leave out -->';
export const END = '<!-- package: end -->';

/** The README of the package, from `readme` (README.md's text); `image` reads a file of the repository. */
export function packageReadme(readme: string, image: (relativePath: string) => Buffer): string {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.trim() === START);
  const title = lines.findIndex((line) => line.startsWith('# '));
  if (start < 0 || title < 0 || start < title) throw new Error(`README.md has no title followed by ${START}`);
  const out: string[] = [lines[title]!, ''];
  let skippingSection = false;
  let skippingPart = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) skippingSection = LEFT_OUT_SECTIONS.includes(line.slice(3).trim());
    if (skippingSection) continue;
    if (line.trim() === LEAVE_OUT || line.trim() === END) {
      skippingPart = line.trim() === LEAVE_OUT;
      continue;
    }
    if (!skippingPart) out.push(line);
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      // Images: embedded.
      .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, alt: string, link: string) => {
        if (/^[a-z]+:/i.test(link)) return whole;
        const bytes = image(link);
        return `![${alt}](data:image/png;base64,${bytes.toString('base64')})`;
      })
      // Links to the repository's files: their text.
      .replace(/(?<!!)\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, text: string, link: string) => (/^([a-z]+:|#)/i.test(link) ? whole : text))
  );
}

if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? path.join(repoRoot, 'dist', 'README.md'));
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, packageReadme(readme, (relative) => fs.readFileSync(path.join(repoRoot, relative))));
  console.log(`${path.relative(process.cwd(), out)}: the package's README (${(fs.statSync(out).size / 1024).toFixed(0)} KB)`);
}
