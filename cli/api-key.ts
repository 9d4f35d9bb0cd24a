// Where the CLI's API key comes from, strongest first: SEEDANCE_API_KEY (visible only to the same
// user, through /proc/<pid>/environ), --api-key-file <path> (file permissions apply),
// --api-key-stdin or --api-key-file - (piped from a secret manager), and last --api-key KEY, which
// every user of the machine can read in the process list and which lands in shell history. The CLI
// overwrites its own command line while it runs and warns when the flag is used.
import { isLoopbackUrl } from '../src/base-url.ts';
import { type CliIo, type CliProcess, InputTooLargeError, MAX_SMALL_INPUT_BYTES, readFileCapped, readStdin } from './io.ts';
import { UsageError } from './output.ts';

/** What reading a key needs from the run: the environment, the working directory, stdin. */
type KeyIo = Pick<CliIo, 'env' | 'cwd' | 'stdin'>;

export interface KeyFlags {
  'api-key'?: string | undefined;
  'api-key-file'?: string | undefined;
  'api-key-stdin'?: boolean | undefined;
}

/** Whether every URL is on this machine, where only our simulator is expected to listen. */
export function allLoopback(urls: readonly string[]): boolean {
  return urls.every((url) => isLoopbackUrl(url));
}

async function readKeyFile(path: string, io: KeyIo): Promise<string> {
  let text: string;
  try {
    const source = path === '-' ? 'stdin' : path;
    text = path === '-' ? await readStdin(io, MAX_SMALL_INPUT_BYTES) : new TextDecoder().decode(await readFileCapped(io, path, MAX_SMALL_INPUT_BYTES, source));
  } catch (error) {
    if (error instanceof InputTooLargeError) throw new UsageError(`the API key source ${error.message}; a key is one short line`);
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the API key from ${path === '-' ? 'stdin' : path}${code ? ` (${code})` : ''}`);
  }
  const key = text.trim();
  if (!key) throw new UsageError(`the API key source ${path === '-' ? 'stdin' : path} is empty`);
  if (/\s/.test(key)) throw new UsageError(`the API key in ${path === '-' ? 'stdin' : path} must be one line without spaces`);
  return key;
}

/** The key the user gave, from exactly one source, or undefined if none was given. */
async function givenApiKey(flags: KeyFlags, io: KeyIo): Promise<string | undefined> {
  const file = flags['api-key-stdin'] ? '-' : flags['api-key-file'];
  if (flags['api-key-stdin'] && flags['api-key-file'] !== undefined) throw new UsageError('give --api-key-stdin or --api-key-file, not both');
  if (flags['api-key'] !== undefined && file !== undefined) throw new UsageError('give --api-key or --api-key-file/--api-key-stdin, not both');
  if (file !== undefined) return readKeyFile(file, io);
  if (flags['api-key'] !== undefined) {
    if (!flags['api-key']) throw new UsageError('--api-key is empty');
    return flags['api-key'];
  }
  return io.env.SEEDANCE_API_KEY || undefined;
}

/** The key to send: the given one, or, when every URL is loopback, a placeholder the simulator accepts. */
export async function apiKeyFor(flags: KeyFlags, urls: readonly string[], io: KeyIo): Promise<string> {
  const key = await givenApiKey(flags, io);
  if (key) return key;
  if (allLoopback(urls)) return 'local-simulator-key';
  throw new UsageError('no API key: set SEEDANCE_API_KEY, or pass --api-key-file <path> or --api-key-stdin');
}

/**
 * When the key came in on the command line: overwrite this process's command line (on Linux,
 * `process.title` reuses the argv memory that /proc/<pid>/cmdline and `ps` read) and say once on
 * stderr why the flag is the weakest source. The key was visible until this point, and stays in
 * shell history. An embedded run (cli/io.ts) leaves its embedder's title alone: the key was never on
 * that process's command line.
 */
export function concealKeyFlag(argv: readonly string[], command: string, owner: Pick<CliProcess, 'setTitle'>, warn: (line: string) => void): void {
  if (!argv.some((arg) => arg === '--api-key' || arg.startsWith('--api-key='))) return;
  owner.setTitle(`seedance ${command}`);
  warn('warning: --api-key is visible to other users in the process list and stays in shell history; prefer SEEDANCE_API_KEY or --api-key-file <path>');
}

/** Every key a command line may carry, for redaction before anything is printed. */
export function keysInArgv(argv: readonly string[]): string[] {
  return argv.flatMap((arg, index) => (argv[index - 1] === '--api-key' ? [arg] : arg.startsWith('--api-key=') ? [arg.slice('--api-key='.length)] : []));
}
