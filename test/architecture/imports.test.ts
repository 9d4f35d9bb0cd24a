// The folder-level import rules of the layout (docs/guides/contracts.md, "Layout"): the library core sits below the
// simulator, the CLI sits above both, and nothing shipped reaches into the tooling or the tests.
// Every .ts/.mts/.cts/.js/.mjs/.cjs file in the repository is scanned with the TypeScript
// pre-processor, which sees static imports, `export ... from`, `import type`, `import('...')`
// (dynamic and type-level) and `require()`. A specifier built at run time cannot be checked: the
// rules therefore also forbid a non-literal `import(` in shipped code. A second test keeps the
// contract loader the only reader of the OpenAPI documents.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'docs', 'reports', '.git', 'coverage']);
const SOURCE_FILE = /\.(?:[cm]?ts|[cm]?js)$/;

/** A folder of the layout: `mocks/simulator` is its own area; otherwise the top-level folder (or `.` for root files). */
type Area = string;

interface Rule {
  from: Area;
  forbidden: Area[];
  why: string;
}

const SHIPPED_MUST_NOT_REACH = ['test', 'scripts', 'bench', 'codegen'];

const RULES: Rule[] = [
  { from: 'src', forbidden: ['mocks', 'mocks/simulator', 'cli', ...SHIPPED_MUST_NOT_REACH], why: 'the library core depends on nothing above it' },
  { from: 'mocks/simulator', forbidden: ['cli', 'mocks', ...SHIPPED_MUST_NOT_REACH], why: 'the simulator builds on src/ only; the CLI sits above it' },
  { from: 'cli', forbidden: SHIPPED_MUST_NOT_REACH, why: 'the CLI is shipped: it may use src/ and mocks/simulator/, never tooling or tests' },
  {
    from: 'codegen',
    forbidden: ['mocks', 'mocks/simulator', 'cli', 'scripts', 'test', 'bench'],
    why: 'the generator reads the documents and the core, nothing above',
  },
  { from: 'scripts', forbidden: ['test'], why: 'the docs build and the tooling must not depend on test code' },
  { from: 'generated', forbidden: ['src', 'mocks', 'mocks/simulator', 'cli', 'scripts', 'test', 'bench', 'codegen'], why: 'generated files are leaves' },
];

function areaOf(path: string): Area {
  const parts = path.split('/');
  if (parts[0] === 'mocks' && parts[1] === 'simulator' && parts.length > 2) return 'mocks/simulator';
  return parts.length > 1 ? parts[0]! : '.';
}

interface Violation {
  file: string;
  line: number;
  specifier: string;
  message: string;
}

/** The relative import specifiers of one file, with their line numbers. */
function importsOf(text: string): { specifier: string; line: number }[] {
  const lineOf = (pos: number) => text.slice(0, pos).split('\n').length;
  return ts.preProcessFile(text, true, true).importedFiles.map((entry) => ({ specifier: entry.fileName, line: lineOf(entry.pos) }));
}

/** Rule violations in one file, given its path relative to the repository root and its text. */
function checkFile(file: string, text: string): Violation[] {
  const from = areaOf(file);
  const rule = RULES.find((candidate) => candidate.from === from);
  const violations: Violation[] = [];
  for (const { specifier, line } of importsOf(text)) {
    if (!specifier.startsWith('.')) continue; // a package (node:*, zod, ...): dependencies are package.json's business
    const target = relative(ROOT, resolve(ROOT, dirname(file), specifier))
      .split(sep)
      .join('/');
    if (target.startsWith('..')) {
      violations.push({ file, line, specifier, message: 'imports from outside the repository' });
      continue;
    }
    const to = areaOf(target);
    if (rule && to !== from && rule.forbidden.includes(to)) {
      violations.push({ file, line, specifier, message: `${from}/ must not import from ${to}/ (${rule.why})` });
    }
  }
  if (rule && rule.from !== 'scripts' && rule.from !== 'codegen' && /\bimport\s*\(\s*[^'"`\s)]/.test(text)) {
    const line = text.slice(0, text.search(/\bimport\s*\(\s*[^'"`\s)]/)).split('\n').length;
    violations.push({ file, line, specifier: 'import(<expression>)', message: `${from}/ uses a computed import() the rules cannot check` });
  }
  return violations;
}

/** One contract loader: only it reads the OpenAPI documents (YAML parsers and the Redocly resolver are its alone). */
const CONTRACT_LOADER = 'codegen/contract-loader.ts';
const DOCUMENT_READERS = new Set(['yaml', 'js-yaml', '@redocly/openapi-core']);

function documentReaders(file: string, text: string): Violation[] {
  if (file === CONTRACT_LOADER) return [];
  return importsOf(text)
    .filter(({ specifier }) => DOCUMENT_READERS.has(specifier))
    .map(({ specifier, line }) => ({ file, line, specifier, message: `reads documents itself; use ${CONTRACT_LOADER}` }));
}

function sourceFiles(directory = ROOT): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : sourceFiles(path);
    return SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative(ROOT, path).split(sep).join('/')] : [];
  });
}

const format = (violations: Violation[]) => violations.map((v) => `${v.file}:${v.line}: '${v.specifier}': ${v.message}`).join('\n');

describe('folder import rules', () => {
  const files = sourceFiles();

  it('scans every area the rules speak about', () => {
    const areas = new Set(files.map(areaOf));
    for (const rule of RULES) expect(areas, `no files found in ${rule.from}/`).toContain(rule.from);
  });

  it('no file imports across a forbidden folder boundary', () => {
    const violations = files.flatMap((file) => checkFile(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(format(violations), 'import rule violations').toBe('');
  });

  it('only the contract loader parses the OpenAPI documents', () => {
    const violations = files.flatMap((file) => documentReaders(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(format(violations), 'second contract loaders').toBe('');
    expect(documentReaders('test/planted.test.ts', "import { parse } from 'yaml';")).toHaveLength(1);
  });

  it('the checker sees static, re-exported, type-only, dynamic and computed imports', () => {
    const planted = [
      "import { x } from '../test/support/contracts.ts';",
      "export * from '../cli/main.ts';",
      "import type { T } from '../mocks/simulator/server.ts';",
      "const m = await import('../scripts/build-docs.ts');",
      'const n = await import(name);',
    ].join('\n');
    expect(checkFile('src/planted.ts', planted).map((v) => v.line)).toEqual([1, 2, 3, 4, 5]);
    expect(checkFile('mocks/simulator/planted.ts', "import '../../cli/output.ts';")).toHaveLength(1);
    expect(checkFile('cli/planted.ts', "import '../scripts/lint.mjs';")).toHaveLength(1);
    expect(checkFile('scripts/planted.ts', "import '../test/support/mp4.ts';")).toHaveLength(1);
    expect(checkFile('codegen/planted.ts', "import '../mocks/simulator/server.ts';")).toHaveLength(1);
    expect(checkFile('src/planted.ts', "import '../codegen/validators.ts';")).toHaveLength(1);
    expect(checkFile('test/planted.ts', "import '../scripts/build-docs.ts'; import '../src/index.ts';")).toEqual([]);
    expect(checkFile('cli/planted.ts', "import '../src/index.ts'; import '../mocks/simulator/server.ts';")).toEqual([]);
  });
});
