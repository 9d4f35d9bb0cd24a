// An application bundle as a web app or an edge function ships one: esbuild, browser platform, ESM,
// minified and tree-shaken, with the modules that made it into the output. The bundle bench
// (bench/bundle-size.ts) sizes it; test/facade/one-dialect-bundle.test.ts reads what it holds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');

export interface AppBundle {
  code: Uint8Array;
  /** The modules in the output: repository-relative paths, packages by name. */
  modules: string[];
}

/** Bundles `source`, the text of an app's entry module (importing by absolute path or package name). */
export async function bundleApp(source: string): Promise<AppBundle> {
  const work = mkdtempSync(join(tmpdir(), 'seedance-app-bundle-'));
  try {
    const entry = join(work, 'app.mjs');
    writeFileSync(entry, source);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      // The entry lives outside the repository: its package imports resolve from ours.
      nodePaths: [join(ROOT, 'node_modules')],
      logLevel: 'error',
    });
    const [output] = Object.values(result.metafile.outputs);
    const modules = Object.entries(output?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => {
        const absolute = resolve(process.cwd(), path);
        return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(absolute)?.[1] ?? relative(ROOT, absolute);
      });
    return { code: result.outputFiles[0]!.contents, modules };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
