// The other runtimes the consumer test runs the packed package in: Deno and Bun, from the npm
// packages the repository's devDependencies install (`deno`, `bun`), and Debian's Chromium. The
// runtimes are taken from the repository's node_modules, not installed again into the consumer
// project: which copy of a runtime runs does not matter, the package it loads comes from the
// consumer project, and copying two ~100 MB binaries into a temp project on every run would cost
// more than the checks themselves.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './consumer-project.ts';

export interface Runtime {
  label: string;
  path: string;
  version: string;
}

/** A file big enough to be the runtime itself, not the placeholder a package ships before its postinstall. */
function executable(path: string): boolean {
  return existsSync(path) && statSync(path).size > 1024 * 1024;
}

/**
 * The first candidate that is a runtime binary: where the package's postinstall puts it, then the
 * platform package npm installs beside it (the binary's home when install scripts did not run).
 */
function find(label: string, candidates: string[], versionArgs: string[]): Runtime | { error: string } {
  const path = candidates.map((file) => join(ROOT, 'node_modules', file)).find(executable);
  if (!path) return { error: `${label} is not installed (npm ci installs it as a devDependency; looked in ${candidates.join(', ')})` };
  try {
    const version = execFileSync(path, versionArgs, { encoding: 'utf8', timeout: 30_000 }).trim().split('\n')[0]!;
    return { label, path, version };
  } catch (error) {
    return { error: `${path} ${versionArgs.join(' ')} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

const platform = `${process.platform}-${process.arch}`;

export function findDeno(): Runtime | { error: string } {
  const packages: Record<string, string> = {
    'linux-x64': '@deno/linux-x64-glibc/deno',
    'linux-arm64': '@deno/linux-arm64-glibc/deno',
    'darwin-x64': '@deno/darwin-x64/deno',
    'darwin-arm64': '@deno/darwin-arm64/deno',
  };
  return find('Deno', ['deno/deno', ...(packages[platform] ? [packages[platform]] : [])], ['--version']);
}

export function findBun(): Runtime | { error: string } {
  const packages: Record<string, string> = {
    'linux-x64': '@oven/bun-linux-x64/bin/bun',
    'linux-arm64': '@oven/bun-linux-aarch64/bin/bun',
    'darwin-x64': '@oven/bun-darwin-x64/bin/bun',
    'darwin-arm64': '@oven/bun-darwin-aarch64/bin/bun',
  };
  return find('Bun', ['bun/bin/bun.exe', ...(packages[platform] ? [packages[platform]] : [])], ['--version']);
}

/** Debian's Chromium by default; CHROMIUM_PATH points elsewhere (as test/docs/ does). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
