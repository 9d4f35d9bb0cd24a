// What every command shares: the output (with the secrets it must hide), the base URLs, the key
// and the client built from them, and the URL a failure should name.
import { DIALECT_PLACEHOLDER, expandDialectTemplate } from '../src/base-url.ts';
import { createClient, type ClientOptions, type SeedanceClient } from '../src/client.ts';
import { DIALECT_IDS, type DialectId } from '../src/dialects/ids.ts';
import { apiKeyFor, type KeyFlags } from './api-key.ts';
import { createOutput, UsageError, type Output } from './output.ts';

export const DEFAULT_BASE = 'http://127.0.0.1:4010/{dialect}';

export interface ConnectFlags extends KeyFlags {
  'base-url'?: string | undefined;
}

export class Session {
  /** Everything that must never be printed; the output reads it on every write. */
  readonly secrets: string[];
  readonly output: Output;
  /** The URL the command talks to, named when nothing answers there. */
  target: string | undefined;

  constructor(json: boolean, secrets: string[] = []) {
    this.secrets = secrets;
    this.output = createOutput({ json, secrets: this.secrets });
  }

  /** A client for the configured gateway (flag, SEEDANCE_BASE_URL, or the local simulator). */
  connect(flags: ConnectFlags, extra: Pick<ClientOptions, 'trustHandleBaseUrls'> = {}): SeedanceClient {
    const template = flags['base-url'] ?? process.env.SEEDANCE_BASE_URL ?? DEFAULT_BASE;
    const baseUrl = baseUrls(template);
    const apiKey = apiKeyFor(flags, typeof baseUrl === 'string' ? [baseUrl] : Object.values(baseUrl));
    this.secrets.push(apiKey);
    this.target = template;
    return createClient({ baseUrl, apiKey, ...extra });
  }
}

/** One base URL, or a `{dialect}` template expanded for every dialect. */
function baseUrls(template: string): string | Record<DialectId, string> {
  if (!/^https?:\/\/[^/]/.test(template)) throw new UsageError(`--base-url must be an http(s) URL, not "${template}"`);
  if (!template.includes(DIALECT_PLACEHOLDER)) return template;
  return Object.fromEntries(DIALECT_IDS.map((id) => [id, expandDialectTemplate(template, id)])) as Record<DialectId, string>;
}
