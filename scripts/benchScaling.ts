/**
 * How the time of parsing, analysis and every feature grows with the input, for the inputs that
 * break naive parsers: deeply nested parentheses, one long line, a long run of quotes, an unclosed
 * block comment, random SQL-ish soup, a long one-line option list, and a long valid document. Each
 * family is measured at sizes n, 4n and 16n; linear work takes 4× as long at 4× the size.
 *
 * Not a test: the robustness tests check that these inputs are survived, this prints how long they
 * take. `scripts/bench.ts` prints it with the other figures; `node --import tsx scripts/benchScaling.ts`
 * prints it alone.
 */
import { generateDocument } from './benchDocument';
import { EditingSession, requestFeatures, type FeatureRunner } from '../test/helpers/everyFeature';
import { fixedSqlSoup } from '../test/helpers/sqlSoup';

interface Family {
  readonly name: string;
  /** The input at size `n` (in the family's own unit: characters, statements, options, tokens). */
  readonly input: (n: number) => string;
  /** The smallest size; the others are 4× and 16× it. */
  readonly n: number;
}

const families: readonly Family[] = [
  {
    name: 'nested parentheses',
    input: (n) => `CREATE CONNECTION c WITH ${'('.repeat(n)}'type' = 'openai'${')'.repeat(n)};`,
    n: 8_000,
  },
  { name: 'one long line', input: (n) => `SELECT ${'x, '.repeat(n)}1;`, n: 20_000 },
  { name: 'a run of quotes', input: (n) => `CREATE CONNECTION c WITH ('api-key' = '${"'".repeat(2 * n)}');`, n: 25_000 },
  {
    name: 'an unclosed /*',
    input: (n) => `SELECT 1; /* ${"CREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = 'k');\n".repeat(n)}`,
    n: 2_000,
  },
  { name: 'SQL-ish soup', input: (n) => fixedSqlSoup(n), n: 16_000 },
  {
    name: 'a one-line option list',
    input: (n) => `CREATE CONNECTION c WITH ('type' = 'openai', ${"'api-key' = 'k', ".repeat(n)}'endpoint' = 'https://x');`,
    n: 25,
  },
  { name: 'a valid document', input: (n) => generateDocument(n), n: 250 },
];

/**
 * Growth at or above this per 4× size (an exponent of 1.5) is reported as super-linear when it holds
 * over both steps, n to 16n as a whole and 4n to 16n: a single step can be a garbage collection.
 */
const SUPER_LINEAR_RATIO = 8;
/** A size is not measured when the one before took longer than this: at quadratic growth or worse it could take minutes. */
const GIVE_UP_MS = 8_000;

export interface SizeFigure {
  /** The family's own size (characters, statements, options, tokens). */
  readonly size: number;
  readonly chars: number;
  /** The first run, when no statement shape of this text has been seen yet. */
  readonly firstRunMs: number;
  /** Parse, analysis and every feature, once, with the cursor in the middle: the median of the runs. */
  readonly totalMs: number;
  readonly microsPerChar: number;
  /** `totalMs` ÷ the previous size's; about 4 for linear work. */
  readonly growth: number | undefined;
  /** Milliseconds by feature, in the run whose total was the median. */
  readonly byFeature: Readonly<Record<string, number>>;
}

export interface FamilyFigures {
  readonly family: string;
  /** n, 4n and 16n, or fewer when a size took longer than the time limit. */
  readonly sizes: readonly SizeFigure[];
  /** Why a size was not measured, if one was not. */
  readonly gaveUp?: string;
  /** The features whose time grew super-linearly from the second-largest to the largest size measured. */
  readonly superLinear: readonly string[];
}

/** One run of every feature on `text`: total milliseconds and milliseconds by feature. */
function timeEveryFeature(text: string): { total: number; byFeature: Record<string, number> } {
  const byFeature: Record<string, number> = {};
  const run: FeatureRunner = (feature, work) => {
    const start = performance.now();
    try {
      return work();
    } finally {
      byFeature[feature] = (byFeature[feature] ?? 0) + performance.now() - start;
    }
  };
  const start = performance.now();
  requestFeatures(new EditingSession().keystroke(text, Math.floor(text.length / 2), run), run);
  return { total: performance.now() - start, byFeature };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The median of three runs of every feature on `text` (the total and each feature's own), after one
 * run that warms up the code paths the text takes; a single run when one takes seconds, which noise
 * does not distort. Parses of statement shapes are remembered across runs (as the server remembers
 * them across keystrokes), except for long shapes: the figures are those of a warm server.
 */
function measure(text: string): { first: number; total: number; byFeature: Record<string, number> } {
  const first = timeEveryFeature(text);
  if (first.total > 2_000) return { first: first.total, ...first };
  const runs = [timeEveryFeature(text), timeEveryFeature(text), timeEveryFeature(text)];
  const byFeature = Object.fromEntries(Object.keys(first.byFeature).map((f) => [f, median(runs.map((r) => r.byFeature[f] ?? 0))]));
  return { first: first.total, total: median(runs.map((r) => r.total)), byFeature };
}

/** Features that took at least this long at the largest size are considered for the super-linear list: below it, noise. */
const NOTICEABLE_MS = 20;

function measureFamily(family: Family): FamilyFigures {
  const sizes: SizeFigure[] = [];
  let gaveUp: string | undefined;
  for (const size of [family.n, 4 * family.n, 16 * family.n]) {
    const previous = sizes[sizes.length - 1];
    if (previous && previous.totalMs > GIVE_UP_MS) {
      gaveUp = `size ${size} not measured: size ${previous.size} took ${(previous.totalMs / 1000).toFixed(1)} s`;
      break;
    }
    const text = family.input(size);
    const { first, total, byFeature } = measure(text);
    sizes.push({
      size,
      chars: text.length,
      firstRunMs: first,
      totalMs: total,
      microsPerChar: (1000 * total) / text.length,
      growth: previous ? total / previous.totalMs : undefined,
      byFeature,
    });
  }
  const superLinear = Object.keys(sizes[sizes.length - 1]!.byFeature).filter((feature) => grewSuperLinearly(sizes, feature));
  return { family: family.name, sizes, ...(gaveUp ? { gaveUp } : {}), superLinear };
}

/** Whether `feature` grew by the super-linear ratio per 4× size both overall and over the last step (per character). */
function grewSuperLinearly(sizes: readonly SizeFigure[], feature: string): boolean {
  const last = sizes[sizes.length - 1]!;
  if (sizes.length < 2 || last.byFeature[feature]! < NOTICEABLE_MS) return false;
  const grew = (from: SizeFigure) => {
    const steps = Math.log(last.chars / from.chars) / Math.log(4);
    return last.byFeature[feature]! / Math.max(from.byFeature[feature] ?? 0, 0.01) >= SUPER_LINEAR_RATIO ** steps;
  };
  return grew(sizes[0]!) && grew(sizes[sizes.length - 2]!);
}

/** Measures every family at n, 4n and 16n. Takes a minute or two. */
export function scalingFigures(): FamilyFigures[] {
  return families.map(measureFamily);
}

/** The figures as a Markdown table, with a line for each super-linear family. */
export function scalingTable(figures: readonly FamilyFigures[]): string {
  const lines = [
    '| input | size | chars | first run ms | ms | µs per char | growth per 4× size | slowest feature |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const { family, sizes, gaveUp } of figures) {
    for (const s of sizes) {
      const [slowest, slowestMs] = Object.entries(s.byFeature).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
      const growth = s.growth === undefined ? '' : `${s.growth.toFixed(1)}×`;
      lines.push(
        `| ${family} | ${s.size} | ${s.chars} | ${s.firstRunMs.toFixed(1)} | ${s.totalMs.toFixed(1)} | ${s.microsPerChar.toFixed(2)} | ${growth} | ${slowest} ${slowestMs.toFixed(1)} ms |`,
      );
    }
    if (gaveUp) lines.push(`| ${family} | | | | ${gaveUp} | | | |`);
  }
  const superLinear = figures.filter((f) => f.superLinear.length > 0);
  lines.push('');
  lines.push(
    superLinear.length === 0
      ? 'Every feature grew about linearly (under 8× per 4× size) on every input.'
      : superLinear.map((f) => `Super-linear on ${f.family}: ${f.superLinear.join(', ')}.`).join('\n'),
  );
  return lines.join('\n');
}

if (require.main === module) {
  console.log(scalingTable(scalingFigures()));
}
