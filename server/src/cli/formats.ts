/**
 * The checker's output formats. Messages come from the analysis, which never quotes a secret value.
 *
 * Every format counts lines from 1 and columns from 1 in UTF-16 code units (as editors do); a finding's
 * end (`endLine`, `endColumn`) is exclusive: the position just after its last character.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnectionDocsUrl } from '../catalogue/connectionTypes';
import { diagnosticCodes, type DiagnosticCode, type Severity } from '../diagnosticCodes';
import type { FileReport, Finding } from './checkFiles';

export interface Summary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly information: number;
  readonly hints: number;
}

export function summarize(reports: readonly FileReport[]): Summary {
  const count = (severity: Severity) => reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === severity).length, 0);
  return { files: reports.length, errors: count('error'), warnings: count('warning'), information: count('information'), hints: count('hint') };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `3 files checked: 2 errors, 1 warning, 0 information.` */
export function summaryLine(summary: Summary): string {
  return `${plural(summary.files, 'file')} checked: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.information} information.`;
}

/** `path:line:column severity message [code]`, one line per finding. */
export function formatText(reports: readonly FileReport[]): string[] {
  return reports.flatMap((report) => report.findings.map((f) => `${report.path}:${f.line}:${f.column} ${f.severity} ${f.message} [${f.code}]`));
}

/** One JSON document; its shape is described in the README ("--format json"). */
export function formatJson(reports: readonly FileReport[], failures: readonly string[], summary: Summary): string {
  return JSON.stringify({ files: reports, unreadable: failures, summary }, null, 2);
}

// ---- SARIF 2.1.0 (OASIS), as GitHub code scanning and other tools read it

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A file's location for SARIF: relative to the working folder (uriBaseId %SRCROOT%) when inside it, else a file URI. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  if (file === '<stdin>') return { uri: 'stdin' };
  const absolute = path.resolve(root, file);
  const relative = path.relative(root, absolute);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(absolute).toString() };
}

/** A SARIF 2.1.0 log with one run: every diagnostic code as a rule, every finding as a result. */
export function formatSarif(reports: readonly FileReport[], failures: readonly string[], version: string, root: string): string {
  const codes = Object.keys(diagnosticCodes) as DiagnosticCode[];
  const rules = codes.map((code) => {
    const info = diagnosticCodes[code];
    return {
      id: code,
      shortDescription: { text: info.description },
      fullDescription: { text: info.description },
      help: { text: `${info.description} See Confluent's reference for the statement: ${createConnectionDocsUrl}` },
      helpUri: createConnectionDocsUrl,
      defaultConfiguration: { level: SARIF_LEVEL[info.severity] },
      properties: { tags: ['flinksql'] },
    };
  });
  const result = (file: string, f: Finding) => ({
    ruleId: f.code,
    ruleIndex: codes.indexOf(f.code as DiagnosticCode),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(file, root),
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'flinksql', version, semanticVersion: version, informationUri: createConnectionDocsUrl, rules },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root.endsWith(path.sep) ? root : root + path.sep).toString() } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: failures.map((failure) => ({ level: 'error', message: { text: failure } })),
          },
        ],
        results: reports.flatMap((report) => report.findings.map((f) => result(report.path, f))),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

// ---- GitHub Actions workflow commands (`::error file=…,line=…::message`)

const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Escapes a workflow command's message (GitHub's toolkit: `%`, CR, LF). */
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Escapes a workflow command's property value (also `:` and `,`). */
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One workflow command per finding: GitHub shows each as an annotation on its line. */
export function formatGithub(reports: readonly FileReport[]): string[] {
  return reports.flatMap((report) =>
    report.findings.map((f) => {
      const properties = [
        `file=${escapeProperty(report.path)}`,
        `line=${f.line}`,
        `endLine=${f.endLine}`,
        `col=${f.column}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(`flinksql ${f.code}`)}`,
      ];
      return `::${GITHUB_COMMAND[f.severity]} ${properties.join(',')}::${escapeData(f.message)}`;
    }),
  );
}
