// Provenance a reader of a clone can follow: the files the package ships or a user reads cite the
// public page or upstream file a fact comes from, never a document that lives beside the project
// (a seed file number, a section or source tag of the private research note, a ../shared path).
// Old references merged from an older branch are fixed by `npx tsx scripts/provenance/rewrite.ts`
// followed by `npm run generate`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSources, loadContracts } from '../support/contracts.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** What is shipped (package.json "files") or read by users: documents, generated files, code, docs. */
const SCANNED_DIRS = ['openapi', 'workflows', 'generated', 'src', 'mocks', 'cli', 'scripts', 'bench', 'test', 'docs/guides'];
const SCANNED_FILES = ['README.md', 'package.json'];
const TEXT = /\.(ya?ml|md|json|ts|mts|mjs|js|html|sh)$/;
/** The migration script names the old forms in order to rewrite them. */
const EXEMPT = new Set(['scripts/provenance/rewrite.ts', 'test/contracts/provenance.test.ts']);

/** Each private reference form, with what a reader cannot follow about it. */
const PRIVATE_REFERENCES: Array<{ name: string; pattern: RegExp }> = [
  { name: 'seed file number', pattern: /\bseeds?\s+(?:0\d\d|§)/gi },
  { name: 'research note name', pattern: /upstream-apis/gi },
  { name: 'path beside the project', pattern: /\.\.\/shared\b|(?<![\w-])shared\/(?:seeds|research)\b/g },
  { name: 'research source tag', pattern: /\bS[1-9]\b|\[(?:V|V-3p|I)(?:[ \]])/g },
  // `§` is fine after a public specification's name (RFC 6901 §6, OpenAPI 3.1 §4.8.9).
  { name: 'research section number', pattern: /(?<!(?:RFC \d+|OpenAPI \d(?:\.\d)*|JSON Schema [\w.-]+) )§/g },
];

function scannedFiles(): string[] {
  const files = SCANNED_FILES.filter((file) => readdirSync(ROOT).includes(file));
  for (const dir of SCANNED_DIRS) {
    for (const file of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      const path = join(dir, file);
      if (TEXT.test(file) && !path.includes('node_modules') && !EXEMPT.has(path)) files.push(path);
    }
  }
  return files.sort();
}

/** `file:line: text` for every private reference of one form (a reference may wrap onto the next line). */
function findReferences(pattern: RegExp): string[] {
  const found: string[] = [];
  for (const file of scannedFiles()) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const lines = text.split('\n');
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split('\n').length;
      found.push(`${file}:${line}: ${(lines[line - 1] ?? '').trim().slice(0, 160)}`);
    }
  }
  return found;
}

describe('shipped and user-read files cite public sources only', () => {
  it.each(PRIVATE_REFERENCES.map((reference) => [reference.name, reference] as const))(
    'no %s (run `npx tsx scripts/provenance/rewrite.ts && npm run generate` to rewrite old ones)',
    (_, reference) => {
      expect(findReferences(reference.pattern)).toEqual([]);
    },
  );
});

/** The names openapi/CONVENTIONS.md defines in its table of sources ("Where a fact comes from"). */
function legendNames(): string[] {
  const conventions = readFileSync(join(ROOT, 'openapi', 'CONVENTIONS.md'), 'utf8');
  const section = conventions.split(/^## /m).find((part) => part.startsWith('Where a fact comes from')) ?? '';
  return [...section.matchAll(/^\| \*\*([^*|]+)\*\* \|/gm)].map((match) => (match[1] ?? '').trim());
}

describe('every x-source names a source the legend defines', () => {
  const names = legendNames();

  it('the legend in openapi/CONVENTIONS.md defines the source names, each with a public address or a stated gap', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    const conventions = readFileSync(join(ROOT, 'openapi', 'CONVENTIONS.md'), 'utf8');
    for (const name of names) {
      const row = conventions.split('\n').find((line) => line.startsWith(`| **${name}** |`)) ?? '';
      // A source read without noting its address says so in its row, so the gap stays visible.
      if (row.includes('no public address recorded')) continue;
      expect(row, name).toMatch(/\b[\w-]+\/[\w.-]+|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(ai|io|com|cloud|net|org)\b/i);
    }
  });

  for (const contract of loadContracts()) {
    it(`${relative(ROOT, contract.file)}: each x-source names a legend source or says it is inferred`, () => {
      const unnamed = collectSources(contract.document)
        .map(({ at, value }) => ({ at, value: String(value) }))
        .filter(({ value }) => !value.startsWith('inferred: ') && !names.some((name) => value.includes(name)));
      expect(unnamed).toEqual([]);
    });
  }
});
