// The Node binaries the consumer test runs on: this one (Node 20 here) and Node 24, which the npm
// registry's `node` package brings (`npx -y -p node@24 node`). The Node 24 path is looked up once
// and remembered in the temp directory, so later runs do not ask npx again.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NodeBinary {
  label: string;
  path: string;
  version: string;
}

const NODE24_CACHE = join(tmpdir(), 'seedance-contracts-node24.path');

function versionOf(path: string): string {
  return execFileSync(path, ['-p', 'process.version'], { encoding: 'utf8', timeout: 30_000 }).trim();
}

function cachedNode24(): string | undefined {
  if (!existsSync(NODE24_CACHE)) return undefined;
  const path = readFileSync(NODE24_CACHE, 'utf8').trim();
  try {
    return existsSync(path) && versionOf(path).startsWith('v24.') ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Node 24's binary, or the reason it could not be had (no registry, no npx). Bounded: 3 minutes. */
export function findNode24(): NodeBinary | { error: string } {
  try {
    const path =
      cachedNode24() ??
      execFileSync('npx', ['-y', '-p', 'node@24', 'node', '-p', 'process.execPath'], {
        encoding: 'utf8',
        timeout: 180_000,
        env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    const version = versionOf(path);
    if (!version.startsWith('v24.')) return { error: `npx -p node@24 gave ${version} at ${path}` };
    writeFileSync(NODE24_CACHE, path);
    return { label: 'Node 24', path, version };
  } catch (error) {
    return { error: `npx -y -p node@24 node failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

export function currentNode(): NodeBinary {
  return { label: `Node ${process.versions.node.split('.')[0]}`, path: process.execPath, version: process.version };
}
