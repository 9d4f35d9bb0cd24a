// Writes openapi/RULES.md: every request rule of every dialect, from the documents' x-rules, with
// where it comes from, how it is enforced (schema, the rules module, or deliberately not and why)
// and which validators honour it. With --check, compares instead of writing and exits 1 on drift.
//   npx tsx codegen/rule-table.ts [--check]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadContracts, loadOperations, OPENAPI_DIR, VALIDATORS, type Rule } from './contract-loader.ts';

const FILE = resolve(OPENAPI_DIR, 'RULES.md');

const HOW: Record<Rule['enforced'], string> = {
  schema: 'schema',
  module: 'module (`src/contracts/index.ts`)',
  prose: 'not enforced',
};

/** Markdown table cells: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

function row(operationId: string, rule: Rule): string {
  const marks = VALIDATORS.map((validator) => (rule.enforcedBy.includes(validator) ? 'yes' : 'no'));
  const why = rule.enforced === 'prose' ? ` (why: ${cell(rule.description)})` : `: ${cell(rule.description)}`;
  return `| ${operationId} | \`${rule.id}\` | \`${rule.field}\` | ${cell(rule.source)} | ${HOW[rule.enforced]}${why} | ${marks.join(' | ')} |`;
}

function ruleTable(): string {
  const sections = loadContracts().map((contract) => {
    const rows = loadOperations(contract).flatMap((operation) => operation.rules.map((rule) => row(operation.operationId, rule)));
    return [
      `## \`${contract.dialect}\` (openapi/${contract.dialect}.yaml)`,
      '',
      '| operation | rule | field | source | enforced by | Prism | client | simulator |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
  });
  return [
    '# Request rules, per dialect',
    '',
    'Generated from the `x-rules` of each document by `npm run generate` (codegen/rule-table.ts); do not edit.',
    '`npm run generate:check` fails when this file and the documents disagree.',
    '',
    'Prism validates schemas with draft-07 semantics, so it does not see rules stated in 2020-12 keywords',
    '(`maxContains`) nor rules outside the schema; the examples suite holds each column to what Prism, the',
    'client and the simulator really do with the negative example of every rule.',
    '',
    ...sections,
  ].join('\n');
}

const check = process.argv.includes('--check');
const text = ruleTable();
if (!check) {
  writeFileSync(FILE, text);
  console.log('wrote openapi/RULES.md');
} else if (!existsSync(FILE) || readFileSync(FILE, 'utf8') !== text) {
  console.error('✘ openapi/RULES.md is not up to date with the x-rules of openapi/*.yaml (run npm run generate)');
  process.exit(1);
} else {
  console.log('✓ openapi/RULES.md matches openapi/');
}
