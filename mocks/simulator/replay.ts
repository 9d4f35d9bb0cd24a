// Replaying a recording: the simulator answers a request that matches a recorded one with what the
// gateway answered then, byte for byte, in the order it answered (a recorded poll sequence queued →
// running → succeeded replays as such; the last answer repeats after that). A request matches on
// its dialect, method and path (below the dialect's prefix here, below the gateway's base URL in
// the recording) and, where both sides are JSON, its parsed body; never on a header, so never on
// the key. A recorded body that is not JSON (multipart) or was not kept matches any body.
import { DIALECT_IDS, type DialectId } from '../../generated/dialects.ts';
import { type Har, HarError, type ReadExchange, readHar } from './har.ts';
import type { Reply } from './http.ts';
import { type BoundRoute, findRoute } from './routes.ts';

export interface ReplayOptions {
  /** A HAR 1.2 recording, its text or the parsed object: `seedance proxy --record`, or a browser's or Postman's export. */
  har: string | Har;
  /** The dialect the recording speaks; by default each entry's is found from its path. */
  dialect?: DialectId;
  /** Refuse what no recorded exchange matches (404 naming the closest recorded request) instead of simulating it. */
  strict?: boolean;
}

/** A recorded exchange placed under a dialect's operation. */
interface Placed {
  entry: number;
  dialect: DialectId;
  operationId: string;
  method: string;
  path: string;
  /** The request body as canonical JSON, or undefined when it matches any body. */
  body: string | undefined;
  reply: Reply;
}

/** Headers a replay does not repeat: they describe the recorded connection or encoding, not the answer. */
const NOT_REPLAYED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length', 'upgrade', 'proxy-connection', 'trailer']);

/** JSON text with object keys sorted, so two bodies that differ only in key order match. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The parsed JSON of some bytes, or undefined when they are not JSON text. */
function jsonOf(bytes: Uint8Array | undefined): { value: unknown } | undefined {
  if (!bytes || bytes.byteLength === 0) return undefined;
  try {
    return { value: JSON.parse(decoder.decode(bytes)) };
  } catch {
    return undefined;
  }
}

/** The first JSON pointer at which two values differ ('' for the whole value). */
function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (canonical(a) === canonical(b)) return undefined;
  const objects = typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b);
  if (!objects) return at || '/';
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
    );
    if (found !== undefined) return found;
  }
  return at || '/';
}

/** The recorded answer as the simulator serves it: status, headers and bytes as recorded. */
function replyOf(exchange: ReadExchange): Reply {
  const headers: Record<string, string> = {};
  for (const [name, value] of exchange.responseHeaders) {
    const lower = name.toLowerCase();
    if (NOT_REPLAYED.has(lower)) continue;
    headers[lower] = headers[lower] === undefined ? value : `${headers[lower]}, ${value}`;
  }
  const recorded = exchange.responseBody;
  const kept = recorded?.bytes !== undefined || (recorded?.size ?? 0) === 0;
  headers['x-seedance-replay'] = `entry ${exchange.index + 1}${kept ? '' : '; body not recorded'}`;
  const bytes = new Uint8Array(recorded?.bytes ?? new Uint8Array(0));
  return { status: exchange.status, headers, recorded: bytes };
}

interface Candidate {
  dialect: DialectId;
  operationId: string;
  method: string;
  path: string;
}

/** The dialects' operations a recorded URL's path could be: below the gateway's base URL, the first tail that is a documented path. */
function candidates(exchange: ReadExchange, dialects: readonly DialectId[], routes: Record<DialectId, BoundRoute[]>): Candidate[] {
  const method = exchange.method.toUpperCase();
  const pathname = exchange.url.pathname;
  const base = exchange.baseUrl ? new URL(exchange.baseUrl).pathname.replace(/\/+$/, '') : undefined;
  // Without a base named, the longest tail of the path that is a documented path (a gateway serves below a prefix of its own).
  const segments = pathname.split('/');
  const tails =
    base === undefined
      ? segments.map((_, index) => `/${segments.slice(index + 1).join('/')}`).filter((tail, index) => index === 0 || tail !== '/')
      : pathname === base || pathname.startsWith(`${base}/`)
        ? [pathname.slice(base.length) || '/']
        : [];
  for (const tail of tails) {
    const found = dialects.flatMap((dialect) => {
      const { route } = findRoute(routes[dialect], method, tail);
      return route ? [{ dialect, operationId: route.operationId, method, path: tail }] : [];
    });
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * Each entry placed under one dialect. A path several dialects document (`GET /v1/videos/{id}`) goes
 * to the dialect the recording's unambiguous entries speak most; the caller's `dialect` settles it outright.
 */
function placeAll(exchanges: ReadExchange[], dialects: readonly DialectId[], routes: Record<DialectId, BoundRoute[]>): Array<Candidate | undefined> {
  const found = exchanges.map((exchange) => candidates(exchange, dialects, routes));
  const votes = new Map<DialectId, number>();
  for (const options of found) if (options.length === 1) votes.set(options[0]!.dialect, (votes.get(options[0]!.dialect) ?? 0) + 1);
  return found.map((options) => [...options].sort((a, b) => (votes.get(b.dialect) ?? 0) - (votes.get(a.dialect) ?? 0))[0]);
}

export interface ReplayMatch {
  reply: Reply;
  operationId: string;
}

/** A recording ready to serve; construct it once per simulator (it keeps where each sequence stands). */
export class Replay {
  readonly strict: boolean;
  /** Recorded exchanges served, in recorded order. */
  readonly placed: readonly Placed[];
  /** Entries that are not requests to a dialect's documented operation (a page's assets, a CDN download). */
  readonly skipped: number;
  private readonly served = new Map<string, number>();

  /** Throws HarError naming the entry when the recording cannot be read. */
  constructor(options: ReplayOptions, routes: Record<DialectId, BoundRoute[]>) {
    this.strict = options.strict === true;
    const dialects = options.dialect ? [options.dialect] : DIALECT_IDS;
    const placed: Placed[] = [];
    let skipped = 0;
    const exchanges = readHar(options.har);
    const places = placeAll(exchanges, dialects, routes);
    for (const [index, exchange] of exchanges.entries()) {
      const where = places[index];
      if (!where) {
        skipped++;
        continue;
      }
      const json = jsonOf(exchange.requestBody?.bytes);
      placed.push({ entry: exchange.index, ...where, body: json ? canonical(json.value) : undefined, reply: replyOf(exchange) });
    }
    if (placed.length === 0)
      throw new HarError(`no entry of the recording is a request to ${options.dialect ?? 'any dialect'}'s documented operations (${skipped} skipped)`);
    this.placed = placed;
    this.skipped = skipped;
  }

  /** Whether any recorded exchange has this method and path: only then is the body worth reading. */
  covers(dialect: DialectId, method: string, path: string): boolean {
    return this.placed.some((item) => item.dialect === dialect && item.method === method && item.path === path);
  }

  /** The next recorded answer for this request, or undefined when none matches. */
  answer(dialect: DialectId, method: string, path: string, body: Uint8Array | undefined): ReplayMatch | undefined {
    const json = jsonOf(body);
    const key = json ? canonical(json.value) : undefined;
    const same = this.placed.filter((item) => item.dialect === dialect && item.method === method && item.path === path);
    const exact = same.filter((item) => key !== undefined && item.body === key);
    const sequence = exact.length > 0 ? exact : same.filter((item) => item.body === undefined);
    if (sequence.length === 0) return undefined;
    const name = `${dialect} ${method} ${path} ${exact.length > 0 ? key : '*'}`;
    const index = this.served.get(name) ?? 0;
    this.served.set(name, index + 1);
    const chosen = sequence[Math.min(index, sequence.length - 1)]!;
    return { reply: chosen.reply, operationId: chosen.operationId };
  }

  /** The recorded request closest to this one, in words, for the refusal of an unmatched request. */
  closest(dialect: DialectId, method: string, path: string, body: Uint8Array | undefined): string {
    const score = (item: Placed) => (item.dialect === dialect ? 4 : 0) + (item.path === path ? 2 : 0) + (item.method === method ? 1 : 0);
    const best = [...this.placed].sort((a, b) => score(b) - score(a) || a.entry - b.entry)[0]!;
    const where = `entry ${best.entry + 1}: ${best.method} ${best.path}${best.dialect === dialect ? '' : ` (${best.dialect})`}`;
    if (best.dialect !== dialect || best.method !== method || best.path !== path || best.body === undefined) return where;
    const json = jsonOf(body);
    if (!json) return `${where}, whose body is JSON and this one's is not`;
    const pointer = firstDifference(JSON.parse(best.body), json.value);
    return `${where}, whose JSON body differs at ${pointer}`;
  }
}
