// Everything one simulator owns: its clock, tasks, asset library, journal, callback queue and
// settings. Nothing lives at module level, so two simulators in one process never share state.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DialectId } from '../../generated/dialects.ts';
import { AssetLibrary } from './assets.ts';
import { DEFAULT_BODY_LIMITS } from './body.ts';
import { CallbackDispatcher, DEFAULT_CALLBACK_OPTIONS, type CallbackAttempt, type CallbackOptions } from './callbacks.ts';
import { systemClock, type SimClock } from './clock.ts';
import { SIMULATORS } from './dialects/index.ts';
import { type AllowedHosts, isLoopbackHost } from './hosts.ts';
import { RequestJournal } from './journal.ts';
import { Replay, type ReplayOptions } from './replay.ts';
import { bindRoutes, type BoundRoute } from './routes.ts';
import { TaskStore, type Lifecycle, type Scenario, type StoreLimits } from './tasks.ts';

// Checked once at load: a handler for an undocumented operation, or a documented one without a handler, stops here.
const ROUTES = bindRoutes(SIMULATORS);

// mocks/fixtures, found from mocks/simulator/ in the source tree or dist/mocks/simulator/ when built.
const FIXTURES =
  [resolve(import.meta.dirname, '../fixtures'), resolve(import.meta.dirname, '../../../mocks/fixtures')].find((dir) =>
    existsSync(resolve(dir, 'sample.mp4')),
  ) ?? resolve(import.meta.dirname, '../fixtures');

export interface SimulatorOptions {
  /** startSimulator: the address to bind (default 127.0.0.1). */
  host?: string;
  /** startSimulator: the port (default 4010; 0 picks a free one). */
  port?: number;
  /**
   * createSimulator: the URL requests are addressed to (default http://sim.test); the dialects are
   * served below it (`<baseUrl>/ark`, ...), and the links it hands out point under it.
   */
  baseUrl?: string;
  /**
   * The origin the simulator's own links (video_url, last_frame_url) point at, e.g. when it sits
   * behind a proxy. Default: the address it is bound to. Never taken from the request's Host header.
   */
  publicUrl?: string;
  /** Default: queued 1.5 s, running 3.5 s: a demo feels real. `{ queuedMs: 0, runningMs: 0 }` is instant. */
  lifecycle?: Partial<Lifecycle>;
  /** Default: real time. Pass `manualClock()` to step time by hand. */
  clock?: SimClock;
  /** The scenario for requests that do not choose one (`X-Mock-Scenario` or `[mock:<scenario>]` in the prompt). */
  scenario?: Scenario;
  /** Default: 50,000 tasks, 256 MiB of stored bodies, 7 days. */
  limits?: Partial<StoreLimits>;
  /** Larger request bodies are refused with 413 before they are read. Default 64 MiB (Ark's limit). */
  bodyLimitBytes?: number;
  /** Deeper JSON is refused with 400 before it is parsed. Default 64 levels. */
  maxJsonDepth?: number;
  /** Slow clients are cut off: headers must arrive within `headersMs` (default 10 s), a body within `bodyMs` (default 30 s). */
  timeouts?: { headersMs?: number; bodyMs?: number };
  /**
   * Answer CORS preflights and expose the headers clients read (Retry-After, request ids,
   * Content-Range...), so a page on another origin can call it. Off by default: no CORS headers at all.
   */
  cors?: boolean;
  /**
   * Require this exact bearer key, on the gateway paths and on the admin paths (/__simulator/*).
   * Default: any non-empty key is accepted, and the admin paths are open.
   */
  apiKey?: string;
  /**
   * Host headers to accept besides the simulator's own host (its bound address, or createSimulator's
   * base), loopback names and publicUrl's host: names, `.example.test` for a name and its
   * subdomains, or `true` for any. Any other Host is refused with 403 (DNS rebinding).
   */
  allowedHosts?: AllowedHosts;
  /** Deliver callbacks to hosts other than loopback (still only to URLs `callbacks.allow` names). Off by default: the simulator stays offline. */
  allowRemoteCallbacks?: boolean;
  callbacks?: Partial<CallbackOptions>;
  /** Most journal entries kept (default 1,000); the oldest go first. */
  journalLimit?: number;
  /** Most bytes the journal keeps (bodies as JSON text, default 8 MiB); the oldest entries go first. */
  journalMaxBytes?: number;
  /** One line per request (method, path without query, status); never headers, queries or bodies. */
  log?: (line: string) => void;
  /**
   * Serve a recording: a request matching a recorded one (dialect, method, path, JSON body) gets the
   * recorded answers in order, byte for byte; others are simulated, or refused with `strict`.
   */
  replay?: ReplayOptions;
}

export interface Instance {
  clock: SimClock;
  lifecycle: Lifecycle;
  store: TaskStore;
  assets: AssetLibrary;
  journal: RequestJournal;
  dispatcher: CallbackDispatcher;
  callbackOptions: CallbackOptions;
  callbacks: CallbackAttempt[];
  routes: Record<DialectId, BoundRoute[]>;
  video: Uint8Array<ArrayBuffer>;
  lastFrame: Uint8Array<ArrayBuffer>;
  settings: { bodyLimit: number; maxJsonDepth: number; headersMs: number; bodyMs: number; apiKey?: string; scenario?: Scenario; allowRemoteCallbacks: boolean };
  /** Whether a request's hostname is one the simulator answers (set with its base). */
  hostAllowed: (hostname: string) => boolean;
  /** Where the links the simulator hands out point: `publicUrl`, the base given to createSimulator, or the bound address. */
  origin: string;
  /** The path the simulator is served below (`/mock` for a base of `http://host/mock`); empty at the root. */
  basePath: string;
  bytesRead: number;
  log?: (line: string) => void;
  replay?: Replay;
}

export function createInstance(options: SimulatorOptions): Instance {
  const callbackOptions = { ...DEFAULT_CALLBACK_OPTIONS, ...options.callbacks };
  return {
    clock: options.clock ?? systemClock(),
    lifecycle: { queuedMs: 1_500, runningMs: 3_500, ...options.lifecycle },
    store: new TaskStore({ maxTasks: 50_000, maxBytes: 256 * 1024 * 1024, maxAgeMs: 7 * 24 * 3_600_000, ...options.limits }),
    assets: new AssetLibrary(),
    journal: new RequestJournal({ entries: options.journalLimit ?? 1_000, bytes: options.journalMaxBytes ?? 8 * 1024 * 1024 }),
    dispatcher: new CallbackDispatcher(callbackOptions, options.allowRemoteCallbacks === true),
    callbackOptions,
    callbacks: [],
    routes: ROUTES,
    video: new Uint8Array(readFileSync(resolve(FIXTURES, 'sample.mp4'))),
    lastFrame: new Uint8Array(readFileSync(resolve(FIXTURES, 'last-frame.png'))),
    settings: {
      bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMITS.limitBytes,
      maxJsonDepth: options.maxJsonDepth ?? DEFAULT_BODY_LIMITS.maxJsonDepth,
      headersMs: options.timeouts?.headersMs ?? 10_000,
      bodyMs: options.timeouts?.bodyMs ?? 30_000,
      ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
      allowRemoteCallbacks: options.allowRemoteCallbacks === true,
    },
    hostAllowed: isLoopbackHost,
    origin: '',
    basePath: '',
    bytesRead: 0,
    ...(options.log ? { log: options.log } : {}),
    ...(options.replay ? { replay: new Replay(options.replay, ROUTES) } : {}),
  };
}
