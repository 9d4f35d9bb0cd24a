// The server `seedance check` tests: one base URL for every dialect or a `{dialect}` template,
// limited to some dialects; whether submits (billed tasks) may be sent; whether it is our simulator.
import { DIALECT_PLACEHOLDER, dialectOfBaseUrl, expandDialectTemplate } from '../../src/base-url.ts';
import { DIALECT_IDS, isDialectId, type DialectId } from '../../generated/dialects.ts';
import { allLoopback } from '../api-key.ts';
import { UsageError } from '../output.ts';

/**
 * Not one request got an answer: the target is down or the URL is wrong (exit 4, like any connection
 * error). Here rather than in commands/check.ts, so cli/failure.ts can recognise it without loading
 * the conformance run (ajv, the bundles) into every command.
 */
export class TargetUnreachableError extends Error {
  override name = 'TargetUnreachableError';
}

export interface Target {
  /** The URL as given (named in the report). */
  template: string;
  urls: Partial<Record<DialectId, string>>;
  /** Submits create real, billed tasks: loopback targets only, unless --allow-submit. */
  allowSubmit: boolean;
  /** Said before the run: one URL for several dialects, which a gateway rarely is. */
  notice?: string;
}

/**
 * The dialects to check and the URL of each. A URL that names one dialect's gateway (a host, a
 * native SDK path or the simulator's prefix: src/base-url.ts) checks that dialect alone; one URL
 * that names none, for several dialects, is checked as asked, with a notice that a gateway speaks one.
 */
export function parseTarget(template: string, dialects: string | undefined, allowSubmit: boolean): Target {
  if (!/^https?:\/\/[^/]/.test(template)) throw new UsageError(`--target must be an http(s) URL or a {dialect} template, not "${template}"`);
  const listed = dialects
    ?.split(',')
    .map((dialect) => dialect.trim())
    .filter(Boolean);
  const unknown = (listed ?? []).filter((dialect) => !isDialectId(dialect));
  if (unknown.length > 0) throw new UsageError(`--dialects: unknown dialect ${unknown.join(', ')} (known: ${DIALECT_IDS.join(', ')})`);
  const templated = template.includes(DIALECT_PLACEHOLDER);
  const named = templated ? undefined : dialectOfBaseUrl(template);
  const chosen = listed ?? (named ? [named.dialect] : [...DIALECT_IDS]);
  const urlOf = (dialect: string) => (named?.dialect === dialect ? named.baseUrl : expandDialectTemplate(template, dialect).replace(/\/+$/, ''));
  const urls = Object.fromEntries(chosen.map((dialect) => [dialect, urlOf(dialect)]));
  const notice =
    !templated && !named && chosen.length > 1
      ? `${template} is one URL for ${chosen.length} dialects (${chosen.join(', ')}), and names none of them; a gateway speaks one: ` +
        'choose it with --dialects <dialect> (or give a {dialect} template for a server that serves each under its own prefix)'
      : undefined;
  return { template, urls, allowSubmit: allowSubmit || allLoopback(Object.values(urls)), ...(notice ? { notice } : {}) };
}

/** Whether the target answers our simulator's health path: then its verdicts can be held to the documents' rules. */
export async function isSimulator(target: Target): Promise<boolean> {
  const first = Object.values(target.urls)[0];
  if (!first) return false;
  try {
    const response = await fetch(new URL('/__simulator/health', first), { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json().catch(() => undefined)) as { status?: unknown } | undefined;
    return response.ok && body?.status === 'ok';
  } catch {
    return false;
  }
}
