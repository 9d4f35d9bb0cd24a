// What `seedance proxy` and `seedance drift` report, in one format: a JSON file, rewritten whole
// after every exchange (to a temporary file, then renamed over the report, so a reader or a killed
// proxy never sees half a report), and one short line per violation for people.
import { renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DialectId } from '../../generated/dialects.ts';
import type { Violation } from './exchange-check.ts';
import { escapeControls } from '../output.ts';

export interface TrafficReport {
  dialect: DialectId;
  /** The gateway's base URL (the proxy's --target, or the one a recording names); null when unknown. */
  target: string | null;
  /** Exchanges checked. */
  exchanges: number;
  /** Bodies too large to keep (over the size cap), so not checked: not drift, but not checked either. */
  unchecked: number;
  violations: Violation[];
}

/** Writes the report atomically: a temporary file beside it, renamed over it. */
export function writeTrafficReport(file: string, report: TrafficReport): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(temporary, file);
}

/** One short line per violation: where (operation, method, path, status, pointer), what, and its kind. */
export function violationLine(violation: Violation): string {
  const at = violation.pointer === '' ? '' : ` ${violation.pointer}`;
  const kind = violation.rule ? `${violation.kind}: ${violation.rule}` : violation.kind;
  const exchange = `${violation.method} ${violation.path} -> ${violation.status} (${violation.operationId})`;
  return escapeControls(`✘ ${exchange} ${violation.direction}${at}: ${violation.message} [${kind}]`);
}

/** The closing lines: counts, and the violations by kind. */
export function summaryLines(report: TrafficReport): string[] {
  const byKind = new Map<string, number>();
  for (const violation of report.violations) byKind.set(violation.kind, (byKind.get(violation.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([kind, count]) => `${count} ${kind}`).join(', ');
  const unchecked = report.unchecked > 0 ? `; ${report.unchecked} bodies over the size cap not checked` : '';
  const verdict = report.violations.length === 0 ? 'clean' : `${report.violations.length} violations (${kinds})`;
  return [`${report.exchanges} exchanges with ${report.target ?? 'the gateway'} (${report.dialect}): ${verdict}${unchecked}`];
}
