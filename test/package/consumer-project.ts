// An integrator's project, made the way one would make it: `npm pack` the repository, then install
// the tarball into a fresh project outside the repository. Offline: npm cannot resolve a version
// range without the registry's metadata, which the local cache does not hold after `npm ci`, so
// the project gets a package-lock.json naming the exact versions (and integrity hashes) this
// repository's own lockfile pins. `npm ci --offline` then takes every tarball from the local cache,
// exactly as an integrator's CI installs from a lockfile.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The npm that came with this Node (its usual place next to the binary), else the one on PATH. */
const NPM_CLI = join(process.execPath, '../../lib/node_modules/npm/bin/npm-cli.js');
const NPM: [string, string[]] = existsSync(NPM_CLI) ? [process.execPath, [NPM_CLI]] : ['npm', []];

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  dev?: boolean;
  optional?: boolean;
  peer?: boolean;
  [key: string]: unknown;
}

interface Lockfile {
  name: string;
  lockfileVersion: number;
  requires: boolean;
  packages: Record<string, LockEntry>;
}

const run = promisify(execFile);

/**
 * npm with the repository's npm_* settings (set by `npm test`) removed, so they cannot leak into the project.
 * Asynchronous, so the test file's other work (the tarball check, other Node runs) goes on meanwhile.
 */
async function npm(args: string[], cwd: string): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') || key === 'npm_config_cache'));
  const { stdout } = await run(NPM[0], [...NPM[1], ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...env, REDOCLY_TELEMETRY: 'off', DO_NOT_TRACK: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
  return stdout;
}

/**
 * `npm pack` of the repository; returns the tarball's path. dist/ is what vitest's global setup
 * built (test/support/build.ts), so `prepare` is not run again: a second build writing dist/ while
 * other test files run the built CLI would race with them.
 */
export async function packRepository(destination: string): Promise<string> {
  const output = await npm(['pack', '--ignore-scripts', '--pack-destination', destination, '--json'], ROOT);
  const [packed] = JSON.parse(output.slice(output.indexOf('['))) as { filename: string }[];
  if (!packed) throw new Error(`npm pack printed no tarball:\n${output}`);
  return join(destination, packed.filename);
}

/**
 * Where `name` required from the package at `from` resolves in a lockfile's tree: the nearest
 * node_modules going up, as Node and npm resolve it.
 */
function locate(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let base = from; ; base = base.replace(/\/?node_modules\/(?:@[^/]+\/)?[^/]+$/, '')) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
  }
}

/** The entries of the repository's lockfile that `names` need, with everything they depend on. */
function closure(packages: Record<string, LockEntry>, names: string[]): Record<string, LockEntry> {
  const picked: Record<string, LockEntry> = {};
  const queue = names.map((name) => ({ from: '', name }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const path = locate(packages, next.from, next.name);
    if (!path) {
      if (next.from === '') throw new Error(`${next.name} is not in the repository's package-lock.json`);
      continue; // an optional or peer dependency this tree does not install
    }
    if (picked[path]) continue;
    const { dev: _dev, optional: _optional, peer: _peer, devOptional: _devOptional, ...entry } = packages[path]!;
    picked[path] = entry;
    for (const dependency of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) queue.push({ from: path, name: dependency });
  }
  return picked;
}

function integrityOf(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

export interface ConsumerProject {
  dir: string;
  /** The package's own package.json, as installed. */
  manifest: { name: string; version: string; dependencies?: Record<string, string>; exports: Record<string, unknown>; bin?: Record<string, string> };
}

/**
 * A fresh `{"type":"module"}` project in the system's temp directory with the tarball installed
 * (and `devDependencies`, taken at the repository's versions), by `npm ci --offline`.
 */
export async function createConsumerProject(tarball: string, devDependencies: string[]): Promise<ConsumerProject> {
  const dir = mkdtempSync(join(tmpdir(), 'seedance-consumer-'));
  const repoLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
  const manifest = JSON.parse((await run('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })).stdout) as ConsumerProject['manifest'];
  const runtime = Object.keys(manifest.dependencies ?? {});
  const versions = (names: string[]) => Object.fromEntries(names.map((name) => [name, repoLock.packages[`node_modules/${name}`]?.version ?? '*']));

  const dependencies = { [manifest.name]: `file:${tarball}` };
  const dev = versions(devDependencies);
  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', version: '1.0.0', dependencies, devDependencies: dev },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: `file:${tarball}`,
      integrity: integrityOf(tarball),
      dependencies: manifest.dependencies ?? {},
      // As npm itself records it: `npm ci` links node_modules/.bin from the lockfile's entry.
      ...(manifest.bin ? { bin: manifest.bin } : {}),
    },
  };
  const runtimeTree = closure(repoLock.packages, runtime);
  const devTree = closure(repoLock.packages, devDependencies);
  for (const [path, entry] of Object.entries(devTree)) if (!runtimeTree[path]) packages[path] = { ...entry, dev: true };
  Object.assign(packages, runtimeTree);

  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module', dependencies, devDependencies: dev }, null, 2),
  );
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
  await npm(['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
  return { dir, manifest };
}
