// Callback delivery (Ark's `callback_url`), built to survive a receiver that never answers: a
// bounded queue, a few deliveries at a time, a deadline on each, redirects never followed, and
// loopback checked on the address actually connected to (a name is only trusted once resolved).
import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

export interface CallbackAttempt {
  taskId: string;
  url: string;
  status: string;
  attempt: number;
  /**
   * `dropped`: the delivery queue was full; `skipped-remote`: the host is not loopback;
   * `skipped-not-allowed`: the URL is under none of `callbacks.allow`.
   */
  outcome: 'delivered' | 'failed' | 'skipped-remote' | 'skipped-not-allowed' | 'dropped';
  httpStatus?: number;
}

/** `dns.lookup`'s callback form, injectable so a test can make a name resolve anywhere without DNS. */
export type Lookup = (
  hostname: string,
  options: object,
  callback: (error: Error | null, address: string | Array<{ address: string; family: number }>, family?: number) => void,
) => void;

/**
 * Where callbacks may go: URLs (`http://127.0.0.1:9000/hooks` allows that origin and every path at
 * or below /hooks), or a function deciding for each URL.
 */
export type CallbackAllow = readonly string[] | ((url: URL) => boolean);

/** Whether `url` is one the caller opted into: same scheme, host and port as an entry, and its path at or below the entry's. */
export function callbackAllowed(allow: CallbackAllow, url: URL): boolean {
  if (typeof allow === 'function') return allow(url);
  return allow.some((entry) => {
    let base: URL;
    try {
      base = new URL(entry);
    } catch {
      return false;
    }
    const path = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
    return url.protocol === base.protocol && url.host === base.host && (url.pathname === base.pathname || url.pathname.startsWith(path));
  });
}

export interface CallbackOptions {
  /** Deadline for one delivery: connect, send, and the answer's status line. */
  timeoutMs: number;
  /** Further attempts for a final status (Ark retries 3 times). */
  retries: number;
  retryDelayMs: number;
  /** Deliveries in flight at once. */
  concurrency: number;
  /** Deliveries waiting; more are dropped (and recorded as such). */
  maxQueued: number;
  /** Where callbacks may go (default nowhere: a callback_url must be opted into). */
  allow: CallbackAllow;
  lookup: Lookup;
}

export const DEFAULT_CALLBACK_OPTIONS: CallbackOptions = {
  timeoutMs: 5_000,
  retries: 3,
  retryDelayMs: 1_000,
  concurrency: 8,
  maxQueued: 10_000,
  allow: [],
  lookup: dnsLookup as Lookup,
};

export interface Delivery {
  taskId: string;
  url: string;
  status: string;
  attempt: number;
  body: string;
  done(result: DeliveryResult): void;
}

/** How a delivery ended: an answer (any status), none in time, or a host that resolved outside loopback. */
export type DeliveryResult = { kind: 'answered'; httpStatus: number } | { kind: 'no-answer' } | { kind: 'not-loopback' };

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  return /^127\.\d+\.\d+\.\d+$/.test(bare) || bare === '::1' || /^::ffff:127\.\d+\.\d+\.\d+$/.test(bare) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(bare);
}

/**
 * Whether a host may even be looked up without `allowRemote`: loopback literals and `localhost`
 * names (RFC 6761). Any other name is refused unresolved, so the simulator sends no DNS query
 * for a foreign host; the resolved address is checked again when connecting.
 */
export function mayBeLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return isLoopbackAddress(bare);
  return /^(.+\.)?localhost\.?$/i.test(bare);
}

export class CallbackDispatcher {
  private readonly queue: Delivery[] = [];
  private readonly inFlight = new Set<ClientRequest>();
  private closed = false;

  constructor(
    private readonly options: CallbackOptions,
    private readonly allowRemote: boolean,
  ) {}

  /** Queues a delivery; false when the queue is full (the caller records it as dropped). */
  enqueue(delivery: Delivery): boolean {
    if (this.closed || this.queue.length >= this.options.maxQueued) return false;
    this.queue.push(delivery);
    this.pump();
    return true;
  }

  /** Stops: queued deliveries are dropped and those in flight aborted. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    for (const request of this.inFlight) request.destroy();
  }

  private pump(): void {
    while (!this.closed && this.inFlight.size < this.options.concurrency && this.queue.length > 0) this.send(this.queue.shift()!);
  }

  /**
   * The lookup the connection uses, refusing any resolved address outside loopback (unless
   * remote callbacks are allowed). Node asks for one address or, with autoSelectFamily, all of them.
   */
  private loopbackOnlyLookup(): Lookup {
    return (hostname, lookupOptions, callback) =>
      this.options.lookup(hostname, lookupOptions, (error, address, family) => {
        if (error || this.allowRemote) return callback(error, address, family);
        const addresses = Array.isArray(address) ? address : [{ address, family: family ?? 4 }];
        const loopback = addresses.filter((candidate) => isLoopbackAddress(candidate.address));
        if (loopback.length === 0) {
          const refusal = Object.assign(new Error(`${hostname} resolves to ${addresses.map((a) => a.address).join(', ')}, not loopback`), {
            code: 'ENOTLOOPBACK',
          });
          return callback(refusal, '', 0);
        }
        // Array form when Node asked for all addresses; the single form otherwise.
        if (Array.isArray(address)) return callback(null, loopback);
        callback(null, loopback[0]!.address, loopback[0]!.family);
      });
  }

  private send(delivery: Delivery): void {
    const url = new URL(delivery.url);
    const lookup = this.loopbackOnlyLookup();
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // No agent: each delivery has its own socket, closed when it ends. Node's client never follows redirects.
    const request = send(url, {
      method: 'POST',
      agent: false,
      lookup,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(delivery.body) },
    });
    let finished = false;
    const finish = (result: DeliveryResult) => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      this.inFlight.delete(request);
      request.destroy();
      delivery.done(result);
      this.pump();
    };
    const deadline = setTimeout(() => finish({ kind: 'no-answer' }), this.options.timeoutMs);
    deadline.unref();
    this.inFlight.add(request);
    request.on('response', (response) => {
      response.resume();
      finish({ kind: 'answered', httpStatus: response.statusCode ?? 0 });
    });
    request.on('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ENOTLOOPBACK' ? { kind: 'not-loopback' } : { kind: 'no-answer' }));
    request.end(delivery.body);
  }
}
