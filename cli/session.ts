// What every command shares: the run's I/O (streams, environment, working directory, process), the
// output (with the secrets it must hide), the base URLs, the key and the client built from them, and
// the URL a failure should name.
import { DIALECT_PLACEHOLDER, expandDialectTemplate } from '../src/base-url.ts';
import { createClient, type ClientOptions, type SeedanceClient, type ValidationMode, type ValidationWarning } from '../src/index.ts';
import { DIALECT_IDS, type DialectId } from '../generated/dialects.ts';
import { apiKeyFor, type KeyFlags } from './api-key.ts';
import type { CliIo, CliProcess } from './io.ts';
import { createOutput, UsageError, type Output } from './output.ts';

export const DEFAULT_BASE = 'http://127.0.0.1:4010/{dialect}';

export interface ConnectFlags extends KeyFlags {
  'base-url'?: string | undefined;
  /** --validation: strict (the default), warn or off. */
  validation?: string | undefined;
}

const VALIDATION_MODES = ['strict', 'warn', 'off'] as const satisfies readonly ValidationMode[];

function validationMode(value: string | undefined): ValidationMode | undefined {
  if (value === undefined) return undefined;
  const mode = VALIDATION_MODES.find((candidate) => candidate === value);
  if (!mode) throw new UsageError(`--validation must be one of ${VALIDATION_MODES.join(', ')}, not "${value}"`);
  return mode;
}

export class Session {
  /** Everything that must never be printed; the output reads it on every write. */
  readonly secrets: string[];
  readonly output: Output;
  readonly io: CliIo;
  /** The process this run may act on: the real one (the bin), or the embedded stand-in (cli/io.ts). */
  readonly process: CliProcess;
  /** The URL the command talks to, named when nothing answers there. */
  target: string | undefined;

  constructor(options: { json: boolean; secrets?: string[]; io: CliIo; process: CliProcess }) {
    this.secrets = options.secrets ?? [];
    this.io = options.io;
    this.process = options.process;
    this.output = createOutput({ json: options.json, secrets: this.secrets, stdout: this.io.stdout, stderr: this.io.stderr });
  }

  get env(): Readonly<Record<string, string | undefined>> {
    return this.io.env;
  }

  /** Whether this run is embedded in another program (runCli without a process): no process-wide effects. */
  get embedded(): boolean {
    return this.io.process === undefined;
  }

  /** A client for the configured gateway (flag, SEEDANCE_BASE_URL, or the local simulator). */
  async connect(flags: ConnectFlags, extra: Pick<ClientOptions, 'trustHandleBaseUrls'> = {}): Promise<SeedanceClient> {
    const validation = validationMode(flags.validation);
    const template = flags['base-url'] ?? this.env.SEEDANCE_BASE_URL ?? DEFAULT_BASE;
    const baseUrl = baseUrls(template);
    const apiKey = await apiKeyFor(flags, typeof baseUrl === 'string' ? [baseUrl] : Object.values(baseUrl), this.io);
    this.secrets.push(apiKey);
    this.target = template;
    return createClient({ baseUrl, apiKey, ...extra, ...(validation ? { validation, onWarning: (warning) => this.warn(warning) } : {}) });
  }

  /** A request sent despite its issues (--validation warn): each issue on stderr, and one event with --json. */
  private warn({ dialect, model, issues }: ValidationWarning): void {
    this.output.event({ event: 'warning', dialect, model, issues });
    for (const issue of issues) this.output.note(`sent to ${dialect} despite ${issue.path}: ${issue.message} [${issue.rule}]`, 'warning: ');
  }
}

/** One base URL, or a `{dialect}` template expanded for every dialect. */
function baseUrls(template: string): string | Record<DialectId, string> {
  if (!/^https?:\/\/[^/]/.test(template)) throw new UsageError(`--base-url must be an http(s) URL, not "${template}"`);
  if (!template.includes(DIALECT_PLACEHOLDER)) return template;
  return Object.fromEntries(DIALECT_IDS.map((id) => [id, expandDialectTemplate(template, id)])) as Record<DialectId, string>;
}
