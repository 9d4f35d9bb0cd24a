// The README stays an entrance: at most 300 lines, every guide reachable from it (the rest of what
// it once held lives there, tested where it now is), and its layout diagram names the folders the
// repository has, no more and no fewer.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

it('is at most 300 lines', () => {
  expect(README.trimEnd().split('\n').length).toBeLessThanOrEqual(300);
});

it('links every guide', () => {
  const guides = readdirSync(join(ROOT, 'docs/guides')).filter((file) => file.endsWith('.md'));
  expect(guides.length).toBeGreaterThan(0);
  for (const guide of guides) expect(README, guide).toContain(`](docs/guides/${guide})`);
});

it('the layout diagram names every top-level folder of the repository, and only folders that exist', () => {
  const block = /^## Layout\n[\s\S]*?```\n([\s\S]*?)```/m.exec(README)?.[1] ?? '';
  const named = [...block.matchAll(/^(\.?[\w-]+)\/ /gm)].map((match) => match[1]!);
  // The folders git tracks (build output, caches and dependencies are not the layout).
  const tracked = [
    ...new Set(
      execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
        .split('\n')
        .filter((path) => path.includes('/'))
        .map((path) => path.split('/')[0]!),
    ),
  ];
  expect(named.sort()).toEqual(tracked.sort());
  for (const folder of named) expect(existsSync(join(ROOT, folder)) && statSync(join(ROOT, folder)).isDirectory(), folder).toBe(true);
});
