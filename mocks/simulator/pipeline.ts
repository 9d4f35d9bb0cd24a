// The simulator's request handling as a list of named steps, one concern each. A step either
// lets the request go on (returns nothing) or answers it (returns an Answer); the first answer
// wins. Steps never throw for bad input: whatever a client sends is refused in the dialect's words.
import type { IncomingMessage } from 'node:http';
import { checkRequestBody } from '../../src/contract.ts';
import { checkFileParts } from '../../src/rules.ts';
import { DIALECT_IDS, type DialectId } from '../../src/dialects/ids.ts';
import type { ValidationIssue } from '../../src/errors.ts';
import { contextFor } from './accept.ts';
import { arrivedBody, multipartSummary, parseJson, parseMultipart, readBody } from './body.ts';
import { unknownPathError } from './dialects/openai-error.ts';
import { type Exchange, PROBLEM_STATUS, type Problem } from './dialects/types.ts';
import { mediaTypeOf } from './http.ts';
import { SIMULATORS, type Instance } from './instance.ts';
import { JOURNAL_BODY_LIMIT } from './journal.ts';
import { findRoute, type BoundRoute } from './routes.ts';
import { isScenario, SCENARIOS, statusAt, type Scenario } from './tasks.ts';

/** One request on its way through the steps; each step fills in what it found. */
export interface Call {
  request: IncomingMessage;
  method: string;
  /** The path without query; empty when the request-target could not be read. */
  path: string;
  query: URLSearchParams;
  dialect?: DialectId;
  route?: BoundRoute;
  rawParams: Record<string, string>;
  params: Record<string, string>;
  scenario?: Scenario;
  raw?: Buffer;
  body: Record<string, unknown>;
  /** The body as parsed, which is what is validated: a JSON array or scalar stays one (`body` wraps it for the handlers). */
  wireBody?: unknown;
  files: Record<string, File>;
  /** The body's text, where a `[mock:<scenario>]` marker is looked for. */
  bodyText: string;
  /** What storing this request's body costs, in bytes (an estimate for the store's byte cap). */
  storedBytes: number;
  /** What the journal keeps of the body. */
  journalBody?: unknown;
  /** Contract rules a refusal names. */
  rules?: string[];
}

/** An exchange to send; `close` ends the connection after it (the rest of the request is not read). */
export type Answer = Exchange & { close?: boolean };

export type Step = (call: Call, sim: Instance) => Answer | undefined | Promise<Answer | undefined>;

export function newCall(request: IncomingMessage): Call {
  return {
    request,
    method: request.method ?? 'GET',
    path: '',
    query: new URLSearchParams(),
    rawParams: {},
    params: {},
    body: {},
    files: {},
    bodyText: '',
    storedBytes: 0,
  };
}

/** A refusal in the dialect's envelope, or in a plain one when the request names no dialect. */
export function refuse(dialect: DialectId | undefined, problem: Problem, operationId?: string): Answer {
  if (dialect) return SIMULATORS[dialect].error(problem, operationId);
  const status = PROBLEM_STATUS[problem.kind];
  return { status, body: { error: { message: problem.message, type: problem.kind.replace(/-/g, '_') } } };
}

/** The dialect a path (or a raw request-target) is under: `/ark/...` is ark. */
export function dialectOfPath(path: string): DialectId | undefined {
  for (const { id, alone, below, queried } of DIALECT_PREFIXES) if (path === alone || path.startsWith(below) || path.startsWith(queried)) return id;
  return undefined;
}

// Built once: making the three strings per dialect on every request cost about 1.5 us (a micro-benchmark of the old find()).
const DIALECT_PREFIXES = DIALECT_IDS.map((id) => ({ id, alone: `/${id}`, below: `/${id}/`, queried: `/${id}?` }));

const refuseCall = (call: Call, problem: Problem) => refuse(call.dialect, problem, call.route?.operationId);

/**
 * A request-target the URL parser would return unchanged as its path: one leading slash (`//x`
 * would name a host), then only letters, digits, `-`, `_`, `~` and `/` (no dot segments, escapes,
 * query or fragment). Most requests look like this, and skipping the parser for them is a
 * visible share of a request's cost (node --cpu-prof under autocannon).
 */
const PLAIN_PATH = /^\/(?!\/)[\w~/-]*$/;

/** The request-target as a path and query; absolute-form targets (`http://host/path`) too. */
export const readTarget: Step = (call) => {
  const target = call.request.url ?? '/';
  if (PLAIN_PATH.test(target)) {
    call.path = target;
    return undefined;
  }
  try {
    const url = new URL(target, 'http://simulator.invalid');
    call.path = url.pathname;
    call.query = url.searchParams;
    return undefined;
  } catch {
    return refuse(dialectOfPath(target), { kind: 'invalid', message: 'The request-target is not a valid URL path.' });
  }
};

const findDialect: Step = (call) => {
  call.dialect = dialectOfPath(call.path);
  if (call.dialect) return undefined;
  return refuse(undefined, { kind: 'not-found', message: `No dialect at ${call.path}; the simulator serves ${DIALECT_IDS.map((id) => `/${id}`).join(', ')}` });
};

const matchRoute: Step = (call, sim) => {
  const dialect = call.dialect!;
  const path = call.path.slice(dialect.length + 1);
  const { route, rawParams } = findRoute(sim.routes[dialect], call.method, path);
  if (route) {
    call.route = route;
    call.rawParams = rawParams;
    return undefined;
  }
  const message = `Invalid URL (${call.method} ${path})`;
  // Ark's 404 for a path it does not serve; the OpenAI-style gateways answer theirs in the OpenAI envelope.
  return dialect === 'ark' ? refuse('ark', { kind: 'not-found', message }) : unknownPathError(message);
};

const authenticate: Step = (call, sim) => {
  const key = /^Bearer\s+(\S+)$/i.exec(call.request.headers.authorization ?? '')?.[1];
  if (key && (sim.settings.apiKey === undefined || key === sim.settings.apiKey)) return undefined;
  return refuseCall(call, { kind: 'unauthorized', message: 'The API key in the request is missing or invalid.' });
};

/** Overload scenarios refuse before the body is read; a prompt marker can only act once it is parsed. */
function overload(call: Call, scenario: string | undefined): Answer | undefined {
  if (scenario === 'rate-limit') return refuseCall(call, { kind: 'rate-limited', message: 'Too many requests; retry after 1 second. (simulated)' });
  if (scenario === 'server-error') return refuseCall(call, { kind: 'server-error', message: 'Internal error. (simulated)' });
  return undefined;
}

const readScenarioHeader: Step = (call) => {
  const requested = call.request.headers['x-mock-scenario'];
  if (requested === undefined) return undefined;
  if (!isScenario(requested)) {
    return refuseCall(call, {
      kind: 'invalid',
      field: '/X-Mock-Scenario',
      message: `Unknown X-Mock-Scenario "${String(requested)}"; known: ${SCENARIOS.join(', ')}.`,
    });
  }
  call.scenario = requested;
  return overload(call, requested);
};

/** Path parameters are decoded only now, after authentication: a bad encoding is an unknown id. */
const decodeParams: Step = (call) => {
  for (const [name, value] of Object.entries(call.rawParams)) {
    try {
      call.params[name] = decodeURIComponent(value);
    } catch {
      return refuseCall(call, { kind: 'not-found', field: `/${name}`, message: `No task with the id "${value}": it is not valid percent-encoding.` });
    }
  }
  return undefined;
};

// Steps that need not wait return their answer directly: runSteps awaits only promises.
const readRequestBody: Step = (call, sim) => (call.route?.requestMediaType ? readAndKeepBody(call, sim) : undefined);

async function readAndKeepBody(call: Call, sim: Instance): Promise<Answer | undefined> {
  const { bodyLimit, bodyMs } = sim.settings;
  // One microtask lets Node's parser push a body that came with its headers; only one still on its way is waited for.
  await Promise.resolve();
  const read = arrivedBody(call.request, bodyLimit) ?? (await readBody(call.request, bodyLimit, bodyMs));
  if (read.kind === 'read') {
    call.raw = read.raw;
    sim.bytesRead += read.raw.length;
    return undefined;
  }
  if (read.kind === 'too-large') {
    const limit = sim.settings.bodyLimit;
    const size = limit >= 1_048_576 ? `${+(limit / 1_048_576).toFixed(2)} MiB` : `${+(limit / 1_024).toFixed(2)} KiB`;
    const answer = refuseCall(call, { kind: 'too-large', message: `The request body exceeds the limit of ${limit} bytes (${size}).` });
    return { ...answer, close: true };
  }
  const message = read.kind === 'too-slow' ? `The request body did not arrive within ${sim.settings.bodyMs} ms.` : 'The request body was cut off.';
  return { ...refuseCall(call, { kind: 'invalid', field: '/', message }), close: true };
}

const checkMediaType: Step = (call) => {
  const expected = call.route?.requestMediaType;
  if (!expected) return undefined;
  const mediaType = mediaTypeOf(call.request);
  if (mediaType === expected) return undefined;
  return refuseCall(call, { kind: 'unsupported-media', field: '/', message: `Content-Type must be ${expected}, not ${mediaType || 'missing'}.` });
};

const parseRequestBody: Step = (call, sim) => {
  const raw = call.raw;
  if (!raw) return undefined;
  if (call.route?.requestMediaType === 'application/json') {
    const keep = raw.length <= JOURNAL_BODY_LIMIT;
    const parsed = parseJson(raw, sim.settings.maxJsonDepth);
    if (!parsed.ok) return refuseCall(call, { kind: 'invalid', field: '/', message: parsed.problem });
    const value = parsed.value;
    call.wireBody = value;
    call.body = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { '': value };
    call.bodyText = parsed.text;
    call.storedBytes = raw.length;
    call.journalBody = keep ? value : `(${raw.length} bytes of JSON, not kept)`;
    return undefined;
  }
  return parseMultipartBody(call, raw);
};

async function parseMultipartBody(call: Call, raw: Buffer): Promise<Answer | undefined> {
  const keep = raw.length <= JOURNAL_BODY_LIMIT;
  const parsed = await parseMultipart(raw, String(call.request.headers['content-type']));
  if (!parsed.ok) return refuseCall(call, { kind: 'invalid', field: parsed.field ?? '/', message: parsed.problem });
  call.body = parsed.fields;
  call.wireBody = parsed.fields;
  call.files = parsed.files;
  call.bodyText = parsed.text;
  call.storedBytes = Buffer.byteLength(parsed.text);
  call.journalBody = keep ? multipartSummary(parsed.fields, parsed.files) : `(${raw.length} bytes of multipart, not kept)`;
  return undefined;
}

const MARKER = /\[mock:([a-z-]+)\]/;

/** A `[mock:<scenario>]` in the body chooses the scenario when the header did not. */
const applyPromptScenario: Step = (call, sim) => {
  const marked = MARKER.exec(call.bodyText)?.[1];
  call.scenario ??= isScenario(marked) ? marked : (sim.settings.scenario ?? 'succeed');
  return overload(call, call.scenario);
};

const validateBody: Step = (call) => {
  if (!call.raw) return undefined;
  const route = call.route!;
  const issues = checkRequestBody(call.dialect!, route.operationId, call.wireBody);
  // Only file parts are checked asynchronously (by their bytes); a body without any is judged here and now.
  return route.hasFileParts ? checkFilesThenJudge(call, issues) : judge(call, issues);
};

/** File parts are checked by their bytes in the rules module the client uses too (src/rules.ts). */
async function checkFilesThenJudge(call: Call, issues: ValidationIssue[]): Promise<Answer | undefined> {
  const parts = { ...call.body, ...call.files };
  return judge(call, [...issues, ...(await checkFileParts(call.dialect!, call.route!.operationId, parts))]);
}

function judge(call: Call, issues: ValidationIssue[]): Answer | undefined {
  if (!issues[0]) return undefined;
  call.rules = issues.map((issue) => issue.rule);
  const message = issues.map((issue) => `${issue.path}: ${issue.message} [${issue.rule}]`).join('; ');
  return refuseCall(call, { kind: 'invalid', field: issues[0].path, rule: issues[0].rule, message });
}

/** Operations that store a new task, and so need room in the store first. */
const CREATES = new Set(['createTask']);

/** Makes room and runs the handler in one synchronous stretch, so concurrent creates cannot overfill the store. */
const runOperation: Step = (call, sim) => {
  const route = call.route!;
  const size = call.storedBytes + 1_024;
  if (CREATES.has(route.operationId) && !sim.store.makeRoom(size, sim.clock.now())) {
    return refuseCall(call, { kind: 'rate-limited', message: 'The simulator is full of queued and running tasks; retry once some have finished.' });
  }
  const context = contextFor(sim, call.scenario ?? 'succeed', size);
  return route.handle(context, { request: call.request, params: call.params, query: call.query, body: call.body, files: call.files });
};

/** The gateway steps, in order. */
const GATEWAY_STEPS: Step[] = [
  findDialect,
  matchRoute,
  authenticate,
  readScenarioHeader,
  decodeParams,
  readRequestBody,
  checkMediaType,
  parseRequestBody,
  applyPromptScenario,
  validateBody,
  runOperation,
];

/** `/files/<task>.mp4` and `/files/<task>-last-frame.png`: a finished task's outputs. */
const serveFiles: Step = (call, sim) => {
  const match = /^\/files\/([\w.-]+?)(-last-frame\.png|\.mp4)$/.exec(call.path);
  if (!match) return undefined;
  if (!['GET', 'HEAD'].includes(call.method)) return refuse(undefined, { kind: 'not-found', message: `No ${call.method} on ${call.path}` });
  const task = sim.store.get(match[1] ?? '', sim.clock.now());
  const wantsFrame = match[2] === '-last-frame.png';
  if (!task || statusAt(task, sim.clock.now()) !== 'succeeded' || (wantsFrame && !task.returnLastFrame))
    return refuse(undefined, { kind: 'not-found', message: 'No such file' });
  return { status: 200, bytes: { data: wantsFrame ? sim.lastFrame : sim.video, type: wantsFrame ? 'image/png' : 'video/mp4' } };
};

/** The admin paths, under a prefix no gateway uses: the journal (GET reads, DELETE clears) and a health check. */
const serveAdmin: Step = (call, sim) => {
  if (!call.path.startsWith('/__simulator/')) return undefined;
  if (call.path === '/__simulator/health' && call.method === 'GET') return { status: 200, body: { status: 'ok' } };
  if (call.path === '/__simulator/journal' && call.method === 'GET') return { status: 200, body: { entries: sim.journal.entries() } };
  if (call.path === '/__simulator/journal' && call.method === 'DELETE') {
    sim.journal.clear();
    return { status: 200, body: { entries: [] } };
  }
  return refuse(undefined, {
    kind: 'not-found',
    message: `No admin endpoint ${call.method} ${call.path}; there are GET /__simulator/health, GET and DELETE /__simulator/journal.`,
  });
};

/** Every step a request may go through, in order. */
const STEPS: Step[] = [readTarget, serveAdmin, serveFiles, ...GATEWAY_STEPS];

export async function runSteps(call: Call, sim: Instance): Promise<Answer> {
  for (const step of STEPS) {
    const result = step(call, sim);
    // Awaiting a plain value still costs a trip through the microtask queue, on every step of every request.
    const answer = result instanceof Promise ? await result : result;
    if (answer) return answer;
  }
  throw new Error('the last step always answers');
}
