// The stateful simulator as a web-standard handler: `createSimulator()` gives every dialect under
// its own prefix (/ark, /content-metadata, /multipart-videos, /unified-jobs) behind one
// `fetch(request) => Promise<Response>`, with no socket. Hand it to a client as its `fetch`, or put
// it behind MSW; `startSimulator` (server.ts) serves the same handler on a port.
import { DIALECT_FACTS, DIALECT_IDS, type DialectId } from '../../generated/dialects.ts';
import type { CallbackAttempt } from './callbacks.ts';
import type { SimClock } from './clock.ts';
import { withCors } from './cors.ts';
import { hostJudge } from './hosts.ts';
import { type Reply, toResponse } from './http.ts';
import { createInstance, type Instance, type SimulatorOptions } from './instance.ts';
import type { Journal } from './journal.ts';
import { dialectOfPath, type Handled, handleRequest, refuse } from './pipeline.ts';
import type { TaskStore } from './tasks.ts';

export interface Simulator {
  /** The simulator's base URL: `http://host:port` once started, or the `baseUrl` given to createSimulator. */
  url: string;
  /** Where each dialect is served: the base URL for this toolkit's clients and contract checks (documented paths go after it). */
  urls: Record<DialectId, string>;
  /** The base URL a dialect's own SDKs expect (Ark SDKs add /contents/..., OpenAI-style ones /videos). */
  nativeUrls: Record<DialectId, string>;
  /** Answers one request, in process: the same answers the simulator gives over HTTP. */
  fetch(request: Request): Promise<Response>;
  store: TaskStore;
  clock: SimClock;
  callbacks: CallbackAttempt[];
  /** Every request received, with its dialect, operation, body and verdict (also at GET /__simulator/journal). */
  journal: Journal;
  /** Bytes read from request bodies, in total (to show oversized bodies are not read). */
  bytesRead(): number;
  /** With `replay`: how many recorded exchanges it serves, and how many entries were no dialect's operation. */
  replay?: { exchanges: number; skipped: number };
  /** Stops callback deliveries (and, once started, the server). */
  close(): Promise<void>;
}

/** The default base of a simulator with no socket: a reserved name (RFC 2606) that reaches nothing else. */
export const DEFAULT_BASE_URL = 'http://sim.test';

/** A path fit for a log line: no control characters, not too long. */
function loggable(path: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced before logging.
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}...` : clean;
}

/** Every request answered, journaled and logged (method, path without query, status). */
export function answerer(sim: Instance): (request: Request) => Promise<Reply> {
  return async (request) => {
    const started = Date.now();
    let handled: Handled;
    try {
      handled = await handleRequest(sim, request);
    } catch (error) {
      // A defect in the simulator itself: answered in the dialect's words, never a crash, never the request in the log.
      sim.log?.(`internal error: ${(error as Error).name}`);
      handled = { reply: refuse(dialectOfPath(new URL(request.url).pathname), { kind: 'server-error', message: 'The simulator failed internally.' }) };
    }
    const { reply, journal } = handled;
    if (journal) sim.journal.record({ ...journal, at: started, status: reply.status });
    sim.log?.(`${request.method} ${loggable(new URL(request.url).pathname)} -> ${reply.status} (${Date.now() - started} ms)`);
    return reply;
  };
}

/** The web-standard handler: a Request in, a Response out; with CORS when asked. */
export function handlerFor(sim: Instance, options: Pick<SimulatorOptions, 'cors'>): (request: Request) => Promise<Response> {
  const answer = answerer(sim);
  const handle = async (request: Request) => toResponse(request, await answer(request));
  return options.cors ? withCors(handle) : handle;
}

/** `base` (no trailing slash) with each dialect's prefix, and the prefixes its native SDKs expect. */
function urlsBelow(base: string): Pick<Simulator, 'urls' | 'nativeUrls'> {
  const urls = Object.fromEntries(DIALECT_IDS.map((id) => [id, `${base}/${id}`])) as Record<DialectId, string>;
  const nativeUrls = Object.fromEntries(DIALECT_IDS.map((id) => [id, `${urls[id]}${DIALECT_FACTS[id].sdkBasePath}`])) as Record<DialectId, string>;
  return { urls, nativeUrls };
}

/**
 * Points an instance at `base`: links under `publicUrl` when given, else under the base; requests
 * served below the base's path, to the base's host, publicUrl's, loopback, `alsoOwn` (the addresses
 * of a wildcard binding) and the allowed hosts.
 */
export function placeAt(sim: Instance, base: string, options: Pick<SimulatorOptions, 'publicUrl' | 'allowedHosts'>, alsoOwn: string[] = []): string {
  const url = new URL(base);
  const trimmed = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  sim.basePath = url.pathname.replace(/\/+$/, '');
  sim.origin = options.publicUrl?.replace(/\/+$/, '') ?? trimmed;
  const own = [url.hostname, ...alsoOwn, ...(options.publicUrl ? [new URL(options.publicUrl).hostname] : [])];
  sim.hostAllowed = hostJudge(own, options.allowedHosts);
  return trimmed;
}

/** The simulator with no socket: `sim.fetch` answers requests addressed to `baseUrl` (default http://sim.test). */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const sim = createInstance(options);
  const base = placeAt(sim, options.baseUrl ?? DEFAULT_BASE_URL, options);
  return simulatorOf(sim, base, options, async () => sim.dispatcher.close());
}

/** What a caller holds of a placed instance, with or without a socket (`close` stops what it runs). */
export function simulatorOf(sim: Instance, base: string, options: SimulatorOptions, close: () => Promise<void>): Simulator {
  return {
    url: base,
    ...urlsBelow(base),
    fetch: handlerFor(sim, options),
    store: sim.store,
    clock: sim.clock,
    callbacks: sim.callbacks,
    journal: sim.journal,
    bytesRead: () => sim.bytesRead,
    ...(sim.replay ? { replay: { exchanges: sim.replay.placed.length, skipped: sim.replay.skipped } } : {}),
    close,
  };
}
