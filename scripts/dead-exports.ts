// Lists exports that no other module imports: dead code, or an `export` keyword with no reader.
// Package entry points count as read (they are the public API); so do vitest's default exports.
// Values only; with --types, exported types too (a type named in an exported signature must stay
// exported for the declaration build, so those are reported for a human to judge, not removed blindly).
//   npx tsx scripts/dead-exports.ts [--types]
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRY_POINTS = new Set([
  'src/index.ts',
  'src/dialects/ark.ts',
  'src/dialects/content-metadata.ts',
  'src/dialects/multipart-videos.ts',
  'src/dialects/unified-jobs.ts',
  'mocks/simulator/index.ts',
  'cli/traffic/index.ts',
]);
const withTypes = process.argv.includes('--types');

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && !file.startsWith('generated/'));
const program = ts.createProgram(
  files.map((file) => resolve(ROOT, file)),
  {
    allowImportingTsExtensions: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    resolveJsonModule: true,
  },
);
const checker = program.getTypeChecker();

/** Every symbol another module reaches: imported, re-exported, or read as a member of a namespace or dynamic import. */
function readSymbols(): Set<ts.Symbol> {
  const read = new Set<ts.Symbol>();
  const add = (node: ts.Node | undefined) => {
    const symbol = node && checker.getSymbolAtLocation(node);
    if (!symbol) return;
    read.add(symbol);
    if (symbol.flags & ts.SymbolFlags.Alias) read.add(checker.getAliasedSymbol(symbol));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) add(node.propertyName ?? node.name);
    else if (ts.isPropertyAccessExpression(node)) add(node.name);
    else if (ts.isQualifiedName(node)) add(node.right);
    else if (ts.isImportTypeNode(node)) add(node.qualifier);
    else if (ts.isBindingElement(node)) add(node.propertyName ?? node.name);
    ts.forEachChild(node, visit);
  };
  for (const source of program.getSourceFiles()) if (!source.fileName.includes('node_modules')) visit(source);
  return read;
}

const read = readSymbols();
let found = 0;
for (const file of files) {
  if (ENTRY_POINTS.has(file) || file.endsWith('.test.ts')) continue;
  const source = program.getSourceFile(resolve(ROOT, file));
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) continue;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (exported.name === 'default' || read.has(exported) || read.has(target)) continue;
    const isValue = (target.flags & ts.SymbolFlags.Value) !== 0;
    if (!isValue && !withTypes) continue;
    console.log(`${file}: ${exported.name}${isValue ? '' : ' (type)'}`);
    found++;
  }
}
console.log(`${found} export(s) no other module reads`);
// Non-zero when a value export has no reader, so CI can run it as a check.
if (found > 0 && !withTypes) process.exitCode = 1;
