#!/usr/bin/env node
// Writes the package's CommonJS build beside the ESM one tsc wrote: for every module an `exports`
// entry can reach (src/, generated/, mocks/simulator/), `dist/<path>.cjs` (+ map) next to
// `dist/<path>.js`, and `dist/<path>.d.cts` next to `dist/<path>.d.ts`. Loaders that cannot
// require() an ES module (Jest's module registry without --experimental-vm-modules, Node 22.0-22.11,
// older bundlers) take these through the `require` condition; Node 20.19+ and 24 take the ESM build
// for require() too (`module-sync`), so the two builds never meet in one Node process.
//
// esbuild transpiles module by module: every import is left external and a relative `./x.ts`
// becomes `./x.cjs`, so the CommonJS modules keep the ESM build's one-module-per-file shape (one
// ValidationError class for every entry, not one per bundle) and the same directories, which is
// why `import.meta.dirname` can simply become `__dirname`. A warning (an `import.meta` property
// CommonJS has no equivalent for, say) or a top-level await fails the build: such a module has no
// CommonJS form, and the failure says which one.
// The declarations are tsc's, with their relative specifiers pointed at `.cjs`: TypeScript then
// types a `require()` by the same declarations, read as CommonJS.
//   node scripts/build-cjs.mjs     (after tsc --build tsconfig.build.json; part of `npm run build`)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, formatMessages } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
/** The directories whose modules the package's `exports` reach (the CLI is a bin: ESM only, but for the proxy entry). */
const SOURCE_DIRS = ['src', 'generated', 'mocks/simulator', 'cli/traffic'];
/** Single modules of the CLI the proxy entry (cli/traffic/) imports, and the Node entry (cli/node.ts). */
const SOURCE_FILES = ['cli/check/bundle.ts', 'cli/output.ts', 'cli/node.ts', 'cli/save-video.ts'];
/** The simulator's own process (`npm start`): a bin with top-level await, never required. */
const ESM_ONLY = new Set(['mocks/simulator/main.ts']);

/** Every TypeScript module of the CommonJS build, relative to root. */
export function commonJsSources(root = ROOT) {
  return [
    ...SOURCE_DIRS.filter((dir) => existsSync(join(root, dir))).flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .map((file) => join(dir, file))
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !ESM_ONLY.has(file)),
    ),
    ...SOURCE_FILES.filter((file) => existsSync(join(root, file))),
  ].sort();
}

/**
 * openapi-fetch's CommonJS declarations (index.d.cts) say `export = createClient` beside their named
 * exports, so `import("openapi-fetch").Client`, which tsc writes into the raw clients' declarations,
 * names nothing when read from CommonJS. Those type references read its ES declarations instead
 * (the same types; `resolution-mode` exists for this).
 *
 * A declaration file's relative module specifiers (`import`/`export ... from`, `import()`), which
 * tsc leaves as the sources wrote them (`./x.ts`), pointed at `./x.cjs`: TypeScript reads `x.d.cts`
 * for it, where `./x.ts` would read `x.d.ts` as an ES module.
 */
export function toCommonJsDeclaration(text) {
  return text
    .replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]*?)\.[jt]s\2/g, '$1$2$3.cjs$2')
    .replace(/\bimport\((['"])openapi-fetch\1\)/g, `import("openapi-fetch", { with: { "resolution-mode": "import" } })`);
}

/** Keeps every import a require() of the module it names, relative modules by their `.cjs` name. */
function externalImports(root, sources) {
  return {
    name: 'external-imports',
    setup(esbuild) {
      esbuild.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (!args.path.startsWith('.')) return { path: args.path, external: true };
        const target = relative(root, resolve(args.resolveDir, args.path));
        if (target.endsWith('.json')) return { path: args.path, external: true };
        if (target.endsWith('.ts') && sources.has(target)) return { path: args.path.replace(/\.ts$/, '.cjs'), external: true };
        return { errors: [{ text: `${args.path} (${target}) is not a module of the CommonJS build (${[...SOURCE_DIRS, ...SOURCE_FILES].join(', ')})` }] };
      });
    },
  };
}

/** Writes the .cjs modules, their maps and the .d.cts declarations; returns how many modules. */
export async function buildCommonJs(root = ROOT) {
  const sources = commonJsSources(root);
  const missing = sources.map((file) => join('dist', file.replace(/\.ts$/, '.d.ts'))).filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) throw new Error(`run tsc --build tsconfig.build.json first: no ${missing.join(', ')}`);

  const result = await build({
    absWorkingDir: root,
    entryPoints: sources,
    outbase: '.',
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    plugins: [externalImports(root, new Set(sources))],
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    tsconfig: 'tsconfig.build.json',
    define: { 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    sourcemap: true,
    sourcesContent: true,
    logLevel: 'silent',
  }).catch((error) => {
    if (!error.errors) throw error;
    return { errors: error.errors, warnings: error.warnings ?? [] };
  });
  const problems = [...result.errors, ...result.warnings];
  if (problems.length > 0) {
    const text = await formatMessages(problems, { kind: 'error' });
    throw new Error(`the CommonJS build failed:\n${text.join('\n')}`);
  }

  for (const file of sources) {
    const declaration = join(root, 'dist', file.replace(/\.ts$/, '.d.ts'));
    writeFileSync(declaration.replace(/\.d\.ts$/, '.d.cts'), toCommonJsDeclaration(readFileSync(declaration, 'utf8')));
  }
  return sources.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await buildCommonJs();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
