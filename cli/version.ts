// The package's root and version, read at run time from the package.json beside the code: two levels up
// when installed (dist/cli/), one level up in the source tree (cli/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The directory of this package's package.json, found by walking up from the running code. */
export function packageRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = resolve(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'seedance-contracts') return dir;
    if (dirname(dir) === dir) throw new Error('cannot find the seedance-contracts package.json');
  }
}

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(resolve(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error('package.json has no version');
  return manifest.version;
}
