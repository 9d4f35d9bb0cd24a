// The package's version, read at run time from the package.json beside the code: two levels up
// when installed (dist/cli/), one level up in the source tree (cli/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function packageVersion(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = resolve(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'seedance-contracts' && typeof manifest.version === 'string') return manifest.version;
    }
    if (dirname(dir) === dir) throw new Error('cannot find the seedance-contracts package.json');
  }
}
