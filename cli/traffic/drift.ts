// `seedance drift` as a function: the proxy's checks (exchange-check.ts) over a recording instead of
// live traffic, ours or one exported from a browser or from Postman, with the same report.
//
// Which part of each URL the contract's paths describe: the base URL given (`target`), else the one
// our proxy wrote into each entry (`_baseUrl`), else, for a recording that names none, the shortest
// base after which the URL's path is one of the contract's. An entry outside a known base (a page's
// own assets, a CDN download) is not the gateway's API: it is skipped and counted, as is, without a
// known base, an entry that matches no operation.
import type { DialectId } from '../../generated/dialects.ts';
import { checkExchange, locateOperation, targetBase, type Violation } from './exchange-check.ts';
import { type Har, HarError, keysOf, type ReadExchange, readHar } from '../../mocks/simulator/har.ts';
import { redactText } from '../../src/redact.ts';
import type { TrafficReport } from './report.ts';

export { HarError };

export interface DriftOptions {
  dialect: DialectId;
  /** The gateway's base URL the recording's requests went to; by default the one each entry names, or found from the paths. */
  target?: string | undefined;
}

export interface DriftResult extends TrafficReport {
  /** Entries that are not requests to the gateway's API (outside the base URL, or matching no operation when the base is unknown). */
  skipped: number;
}

/** The path below `base` (an origin and path, no trailing slash), or undefined when the URL is not below it. */
function below(url: URL, base: string): string | undefined {
  const root = new URL(base);
  if (url.origin !== root.origin) return undefined;
  // targetBase leaves no trailing slash: the origin alone has the path "/", which every path is below.
  const prefix = root.pathname === '/' ? '' : root.pathname;
  if (url.pathname === prefix) return '/';
  return url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : undefined;
}

/** The base URL an entry names, if it is one the proxy could have had. */
function namedBase(entry: ReadExchange): string | undefined {
  try {
    return entry.baseUrl === undefined ? undefined : targetBase(entry.baseUrl);
  } catch {
    return undefined;
  }
}

function placed(entry: ReadExchange, dialect: DialectId, target: string | undefined): { base: string; path: string } | undefined {
  const base = target ?? namedBase(entry);
  if (base !== undefined) {
    const path = below(entry.url, base);
    return path === undefined ? undefined : { base, path };
  }
  const found = locateOperation(dialect, entry.method, entry.url.pathname);
  return found && { base: `${entry.url.origin}${found.base}`, path: found.path };
}

const header = (headers: Array<[string, string]>, name: string) => headers.find(([candidate]) => candidate.toLowerCase() === name)?.[1];

/** Checks every exchange of a HAR recording (its text, or the parsed object); a HarError names the entry that cannot be read. */
export async function checkHar(har: string | Har, options: DriftOptions): Promise<DriftResult> {
  const entries = readHar(har);
  const target = options.target === undefined ? undefined : targetBase(options.target);
  // A browser's recording still carries the key: nothing reported repeats it.
  const keys = [...new Set(entries.flatMap((entry) => keysOf(entry.requestHeaders)))].sort((a, b) => b.length - a.length);
  const violations: Violation[] = [];
  let exchanges = 0;
  let unchecked = 0;
  let skipped = 0;
  let reported: string | undefined = target;
  for (const entry of entries) {
    const place = placed(entry, options.dialect, target);
    if (!place) {
      skipped++;
      continue;
    }
    reported ??= place.base;
    const verdict = await checkExchange(options.dialect, {
      method: entry.method,
      path: place.path,
      query: entry.url.search.slice(1),
      request: { contentType: header(entry.requestHeaders, 'content-type'), body: entry.requestBody },
      response: { status: entry.status, contentType: header(entry.responseHeaders, 'content-type'), body: entry.responseBody },
    });
    exchanges++;
    unchecked += verdict.unchecked;
    for (const violation of verdict.violations)
      violations.push({
        ...violation,
        path: redactText(violation.path, keys),
        pointer: redactText(violation.pointer, keys),
        message: redactText(violation.message, keys),
      });
  }
  return { dialect: options.dialect, target: reported === undefined ? null : redactText(reported, keys), exchanges, unchecked, violations, skipped };
}
