/**
 * Suppression comments, as ESLint has them:
 *
 *   -- flinksql-disable-next-line [code, …] [-- reason]
 *   … -- flinksql-disable-line [code, …] [-- reason]
 *   /* flinksql-disable [code, …] *\/ … /* flinksql-enable [code, …] *\/
 *
 * Any of them may be written as a line comment (`--`, `//`) or a block comment. Without codes a
 * directive silences every code. A directive that silences nothing (or names a code that does not
 * exist) is itself reported, as `unused-suppression`, so that stale ones do not pile up.
 */
import type { Span } from '../parser/ast';
import { lineStartBefore, nextLineStart } from '../parser/characters';
import { TokenScanner } from '../parser/tokens';
import { diagnosticCodes, type DiagnosticCode } from '../diagnosticCodes';
import type { Problem } from './problem';

type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

interface Directive {
  readonly kind: DirectiveKind;
  /** The codes named, or undefined for every code. */
  readonly codes: readonly string[] | undefined;
  /** The comment that holds it. */
  readonly span: Span;
}

const DIRECTIVE = /^(?:--|\/\/|\/\*)\s*flinksql-(disable-next-line|disable-line|disable|enable)(?=\s|\*\/|$)([^]*?)(?:\*\/)?\s*$/;

/** Every directive holds this: a text without it has none (a caller may test for it without reading the whole text). */
export const DIRECTIVE_MARK = 'flinksql-';

/** The directives in the comments of `text`, in order. Costs one `indexOf` for a text without any. */
function directivesIn(text: string): Directive[] {
  if (!text.includes(DIRECTIVE_MARK)) return [];
  const directives: Directive[] = [];
  const scanner = new TokenScanner(text);
  while (scanner.next()) {
    // Flink reads a hint's inside as tokens, so a comment there is a comment.
    if (scanner.kind === 'hint') scanner.enterHint();
    if (scanner.kind !== 'comment') continue;
    const match = DIRECTIVE.exec(text.slice(scanner.start, scanner.end));
    if (!match) continue;
    // After the codes, ` -- ` starts a reason, which is for the reader.
    const list = match[2]!.split(/\s--\s|\s--$/)[0]!.trim();
    const codes = list ? list.split(/[\s,]+/).filter(Boolean) : undefined;
    directives.push({ kind: match[1] as DirectiveKind, codes, span: { start: scanner.start, end: scanner.end } });
  }
  return directives;
}

/** Where a directive silences: the problems starting in `[from, to)`, of its codes (all when undefined). */
interface Region {
  readonly from: number;
  readonly to: number;
  readonly codes: readonly string[] | undefined;
  readonly directive: Directive;
}

function regionsOf(text: string, directives: readonly Directive[]): Region[] {
  // The line that `offset` stands on, from its start to the next line's start.
  const lineOf = (offset: number) => ({ from: lineStartBefore(text, offset), to: nextLineStart(text, offset) });
  const regions: Region[] = [];
  // Open `disable` regions, until an `enable` closes them (all of them, or the codes it names).
  let open: { from: number; codes: readonly string[] | undefined; directive: Directive }[] = [];
  for (const directive of directives) {
    const line = lineOf(directive.span.start);
    if (directive.kind === 'disable-line') regions.push({ ...line, codes: directive.codes, directive });
    else if (directive.kind === 'disable-next-line') regions.push({ from: line.to, to: nextLineStart(text, line.to), codes: directive.codes, directive });
    else if (directive.kind === 'disable') open.push({ from: directive.span.end, codes: directive.codes, directive });
    else {
      const still: typeof open = [];
      for (const region of open) {
        regions.push({ from: region.from, to: directive.span.start, codes: region.codes, directive: region.directive });
        // `enable x` after `disable x, y` (or after `disable`) keeps y (or every other code) silenced.
        if (directive.codes && region.codes) {
          const left = region.codes.filter((c) => !directive.codes!.includes(c));
          if (left.length > 0) still.push({ from: directive.span.end, codes: left, directive: region.directive });
        } else if (directive.codes && !region.codes) {
          // Every code but the ones enabled: not expressible as a list, so the region stays whole for the others.
          still.push({ from: directive.span.end, codes: Object.keys(diagnosticCodes).filter((c) => !directive.codes!.includes(c)), directive: region.directive });
        }
      }
      open = still;
    }
  }
  for (const region of open) regions.push({ from: region.from, to: text.length, codes: region.codes, directive: region.directive });
  return regions;
}

/** A name from a directive, fit to quote in a message: a plain code-like word (a comment may hold anything, a secret too). */
const quotable = (code: string) => /^[a-z][a-z0-9-]{0,39}$/i.test(code);

/** What an unused directive is told. Quotes only its kind and the code-like names it gives. */
function unusedMessage(directive: Directive, unused: readonly string[] | undefined): string {
  const names = (codes: readonly string[]) => codes.map((c) => (quotable(c) ? `'${c}'` : 'a name')).join(', ');
  const head = `'flinksql-${directive.kind}${directive.codes ? ` ${directive.codes.filter(quotable).join(', ')}` : ''}'`.replace(/ '$/, "'");
  if (unused === undefined) return `${head} silences nothing: nothing is reported where it applies. Remove it.`;
  const unknown = unused.filter((c) => !(c in diagnosticCodes));
  const known = unused.filter((c) => c in diagnosticCodes);
  const parts: string[] = [];
  if (known.length > 0) parts.push(`${names(known)} ${known.length === 1 ? 'is' : 'are'} not reported where it applies`);
  if (unknown.length > 0) parts.push(`${names(unknown)} ${unknown.length === 1 ? 'is not a flinksql code' : 'are not flinksql codes'}`);
  return `${head} silences nothing for ${names(unused)}: ${parts.join('; ')}. Remove ${unused.length === 1 ? 'it' : 'them'}, or correct ${unused.length === 1 ? 'it' : 'them'}.`;
}

/**
 * The problems of `text` that no directive silences, followed by an `unused-suppression` problem for
 * each directive (or each code of one) that silenced nothing. `problems` are document offsets.
 */
export function applySuppressions(text: string, problems: readonly Problem[]): Problem[] {
  const directives = directivesIn(text);
  if (directives.length === 0) return [...problems];
  const regions = regionsOf(text, directives);
  const used = new Map<Directive, Set<string>>();
  const kept = problems.filter((problem) => {
    const region = regions.find((r) => r.from <= problem.span.start && problem.span.start < r.to && (!r.codes || r.codes.includes(problem.code)));
    if (!region) return true;
    let codes = used.get(region.directive);
    if (!codes) used.set(region.directive, (codes = new Set()));
    codes.add(problem.code);
    return false;
  });
  for (const directive of directives) {
    if (directive.kind === 'enable') continue;
    const silenced = used.get(directive);
    const unused = directive.codes ? directive.codes.filter((c) => !silenced?.has(c)) : silenced ? [] : undefined;
    if (unused !== undefined && unused.length === 0) continue;
    kept.push({ code: 'unused-suppression', span: directive.span, message: unusedMessage(directive, unused), data: { directive: directive.kind, unused: unused ?? [] } });
  }
  return kept;
}

/** Whether a code can be named in a directive. */
export const isSuppressibleCode = (code: string): code is DiagnosticCode => code in diagnosticCodes && code !== 'unused-suppression';
