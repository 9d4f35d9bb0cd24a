// Writes the conformance matrix (dialect x operation x example -> result) to reports/ and prints a
// one-line summary per dialect. It reads the `conformance` meta the replay tests attach.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

interface Row {
  dialect: string;
  operation: string;
  example: string;
  kind: string;
  result: string;
}

const REPORTS = resolve(import.meta.dirname, '../../reports');

export default class ConformanceMatrixReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const rows: Row[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const meta = test.meta().conformance;
        const state = test.result().state;
        if (meta) rows.push({ ...meta, result: state });
        else if (state === 'skipped' && test.fullName.includes('conformance')) {
          rows.push({ dialect: test.fullName.split(' ')[0] ?? '', operation: test.name.split(' ')[0] ?? '', example: test.name, kind: '', result: 'skipped' });
        }
      }
    }
    if (rows.length === 0) return;

    mkdirSync(REPORTS, { recursive: true });
    writeFileSync(resolve(REPORTS, 'conformance.json'), `${JSON.stringify(rows, null, 2)}\n`);
    const table = rows.map((r) => `| ${r.dialect} | ${r.operation} | ${r.example} | ${r.kind} | ${r.result} |`);
    writeFileSync(
      resolve(REPORTS, 'conformance.md'),
      ['# Conformance matrix', '', '| dialect | operation | example | kind | result |', '|---|---|---|---|---|', ...table, ''].join('\n'),
    );

    const dialects = [...new Set(rows.map((r) => r.dialect))];
    console.log('\nConformance (reports/conformance.md):');
    for (const dialect of dialects) {
      const own = rows.filter((r) => r.dialect === dialect);
      const count = (result: string) => own.filter((r) => r.result === result).length;
      console.log(`  ${dialect.padEnd(17)} ${own.length} cases: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
    }
  }
}
