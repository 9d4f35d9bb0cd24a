// How a conformance run is reported: a summary with counts and the first failures (for people),
// JUnit XML and JSON files (for CI systems), and GitHub annotations when GITHUB_ACTIONS is set.
import { writeFileSync } from 'node:fs';
import { redactText } from '../../src/redact.ts';
import type { Output } from '../output.ts';
import type { CaseResult } from './run.ts';
import type { Target } from './target.ts';

export interface Totals {
  cases: number;
  passed: number;
  failed: number;
  skipped: number;
}

function totalsOf(results: readonly CaseResult[]): Totals {
  const count = (outcome: CaseResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
  return { cases: results.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

function caseName(result: CaseResult): string {
  return `${result.dialect} ${result.operation} ${result.kind} "${result.example}"`;
}

export function printSummary(results: readonly CaseResult[], target: Target, simulator: boolean, output: Output): void {
  const totals = totalsOf(results);
  output.note(`seedance check against ${target.template}${simulator ? ' (the seedance simulator: examples held to their documented verdicts)' : ''}`);
  for (const dialect of new Set(results.map((result) => result.dialect))) {
    const mine = totalsOf(results.filter((result) => result.dialect === dialect));
    output.note(`  ${dialect.padEnd(17)} ${mine.passed} passed, ${mine.failed} failed, ${mine.skipped} skipped`);
  }
  const failures = results.filter((result) => result.outcome === 'failed');
  if (failures.length > 0) output.note(`first failures (${Math.min(10, failures.length)} of ${failures.length}):`);
  for (const failure of failures.slice(0, 10)) output.note(`  ✘ ${caseName(failure)}: ${failure.problems.join('; ')}`);
  const skippedSubmits = results.filter((result) => result.outcome === 'skipped').length;
  if (skippedSubmits > 0)
    output.note(`  ${skippedSubmits} documented submits skipped: the target is not loopback; --allow-submit sends them (they create billed tasks)`);
  output.note(`${totals.failed === 0 ? 'ok' : 'FAILED'}: ${totals.cases} cases, ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`).replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/g, '');
}

function junitXml(results: readonly CaseResult[], target: Target): string {
  const suites = [...new Set(results.map((result) => result.dialect))].map((dialect) => {
    const mine = results.filter((result) => result.dialect === dialect);
    const totals = totalsOf(mine);
    const seconds = mine.reduce((sum, result) => sum + result.ms, 0) / 1000;
    const cases = mine.map((result) => {
      const open =
        `    <testcase classname="${xml(`${result.dialect}.${result.operation}`)}" name="${xml(`${result.kind} "${result.example}"`)}"` +
        ` time="${(result.ms / 1000).toFixed(3)}"`;
      if (result.outcome === 'passed') return `${open}/>`;
      const detail = xml(result.problems.join('\n'));
      const inner =
        result.outcome === 'skipped'
          ? `<skipped message="${detail}"/>`
          : `<failure message="${xml(result.problems[0] ?? 'failed')}" type="ContractViolation">${detail}</failure>`;
      return `${open}>\n      ${inner}\n    </testcase>`;
    });
    const name = xml(`seedance check ${dialect} (${target.urls[dialect] ?? ''})`);
    const counts = `tests="${totals.cases}" failures="${totals.failed}" errors="0" skipped="${totals.skipped}" time="${seconds.toFixed(3)}"`;
    return `  <testsuite name="${name}" ${counts}>\n${cases.join('\n')}\n  </testsuite>`;
  });
  const all = totalsOf(results);
  const counts = `tests="${all.cases}" failures="${all.failed}" errors="0" skipped="${all.skipped}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="seedance check" ${counts}>\n${suites.join('\n')}\n</testsuites>\n`;
}

function jsonReport(results: readonly CaseResult[], target: Target, simulator: boolean): string {
  return `${JSON.stringify({ target: target.template, urls: target.urls, simulator, totals: totalsOf(results), results }, null, 2)}\n`;
}

/** GitHub's workflow-command escaping: data escapes % CR LF; property values also : and ,. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubAnnotations(results: readonly CaseResult[]): string[] {
  return results
    .filter((result) => result.outcome === 'failed')
    .map(
      (result) =>
        `::error title=${escapeProperty(`seedance check: ${result.dialect} ${result.operation}`)}::` +
        escapeData(`${caseName(result)}: ${result.problems.join('; ')}`),
    );
}

export type ReportFormat = 'junit' | 'json';

/** A copy of a value with every string redacted, so a file holds no key whatever a target echoed. */
function redacted<T>(value: T, secrets: readonly string[]): T {
  return JSON.parse(JSON.stringify(value, (_, field: unknown) => (typeof field === 'string' ? redactText(field, secrets) : field))) as T;
}

/**
 * Writes a report file. Its results and target are redacted first, as stdout is: these files are
 * uploaded as CI artifacts, and a target may echo the key into ids, messages, codes or URLs.
 */
export function writeReport(
  format: ReportFormat,
  file: string,
  results: readonly CaseResult[],
  target: Target,
  simulator: boolean,
  secrets: readonly string[],
): void {
  const [clean, where] = [redacted(results, secrets), redacted(target, secrets)];
  writeFileSync(file, format === 'junit' ? junitXml(clean, where) : jsonReport(clean, where, simulator));
}
