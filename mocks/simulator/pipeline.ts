// The simulator's request handling: a web-standard Request in, a Reply out, through named steps,
// one concern each. Each step takes what earlier steps produced and returns what it found, or a
// Refusal that answers the request; nothing is shared or mutated between steps. Steps never throw
// for bad input: whatever a client sends is refused in the dialect's words.
import { checkRequestBody } from '../../src/contracts/index.ts';
import { DIALECT_IDS, type DialectId } from '../../generated/dialects.ts';
import type { ValidationIssue } from '../../src/errors.ts';
import { checkFileParts } from '../../src/contracts/index.ts';
import { contextFor } from './accept.ts';
import { type JudgedBody, judgeBody, multipartSummary, readBody, sizeOf } from './body.ts';
import { unknownPathError } from './dialects/openai-error.ts';
import { PROBLEM_STATUS, type Problem } from './dialects/types.ts';
import { mediaTypeOf, type Reply } from './http.ts';
import { SIMULATORS } from './dialects/index.ts';
import type { Instance } from './instance.ts';
import { JOURNAL_BODY_LIMIT, JOURNAL_PAGE_LIMIT, type JournalRecord } from './journal.ts';
import type { Replay } from './replay.ts';
import { findRoute, type BoundRoute } from './routes.ts';
import { isScenario, SCENARIOS, statusAt, type Scenario } from './tasks.ts';

/** A step's way of answering the request instead of letting it go on. */
class Refusal {
  constructor(
    readonly reply: Reply,
    /** Contract rules the refusal names, for the journal. */
    readonly rules?: string[],
  ) {}
}

/** A request as handled: the reply, and what the journal records (nothing for the admin paths). */
export interface Handled {
  reply: Reply;
  journal?: Omit<JournalRecord, 'at' | 'status'>;
}

/** The request-target as read: the method, the path below the simulator's base, the query. */
export interface RequestTarget {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The host the request names (its Host header, or an absolute request-target's). */
  hostname: string;
}

/** A refusal in the dialect's envelope, or in a plain one when the request names no dialect. */
export function refuse(dialect: DialectId | undefined, problem: Problem, operationId?: string): Reply {
  if (dialect) return SIMULATORS[dialect].error(problem, operationId);
  const status = PROBLEM_STATUS[problem.kind];
  return { status, body: { error: { message: problem.message, type: problem.kind.replace(/-/g, '_') } } };
}

/** The dialect a path (or a raw request-target) is under: `/ark/...` is ark. */
export function dialectOfPath(path: string): DialectId | undefined {
  return DIALECT_IDS.find((id) => path === `/${id}` || path.startsWith(`/${id}/`) || path.startsWith(`/${id}?`));
}

/** The path below the simulator's base path (a base such as `http://host/mock` serves `/mock/ark/...`). */
function readTarget(request: Request, basePath: string): RequestTarget | Refusal {
  const url = new URL(request.url);
  const path = url.pathname;
  // A request-target with credentials in it (`http://user:key@host/...`) is no request a client sends.
  if (url.username || url.password)
    return new Refusal(refuse(dialectOfPath(path.slice(basePath.length)), { kind: 'invalid', message: 'The request-target must not carry credentials.' }));
  if (basePath && path !== basePath && !path.startsWith(`${basePath}/`))
    return new Refusal(refuse(undefined, { kind: 'not-found', message: `Nothing here; the simulator serves below ${basePath}/.` }));
  return { method: request.method, path: path.slice(basePath.length) || '/', query: url.searchParams, hostname: url.hostname };
}

/** The refusal of a Host the simulator does not answer to: in the plain envelope, since nothing about the request is trusted. */
function forbiddenHost(): Reply {
  const message = 'This Host is not one the simulator answers to; add it with allowedHosts (seedance start --allowed-host) if you meant it.';
  return { status: 403, body: { error: { message, type: 'forbidden_host' } } };
}

/** `/files/<task>.mp4` and `/files/<task>-last-frame.png`: a finished task's outputs. */
function serveFile(sim: Instance, target: RequestTarget): Reply | undefined {
  const match = /^\/files\/([\w.-]+?)(-last-frame\.png|\.mp4)$/.exec(target.path);
  if (!match) return undefined;
  if (target.method !== 'GET' && target.method !== 'HEAD') return refuse(undefined, { kind: 'not-found', message: `No ${target.method} on ${target.path}` });
  const now = sim.clock.now();
  const task = sim.store.get(match[1] ?? '', now);
  const wantsFrame = match[2] === '-last-frame.png';
  if (!task || statusAt(task, now) !== 'succeeded' || (wantsFrame && !task.returnLastFrame))
    return refuse(undefined, { kind: 'not-found', message: 'No such file' });
  return { status: 200, bytes: { data: wantsFrame ? sim.lastFrame : sim.video, type: wantsFrame ? 'image/png' : 'video/mp4' } };
}

/**
 * The admin paths, under a prefix no gateway uses: the journal (GET reads, DELETE clears) and a
 * health check. They need the key whenever the simulator requires one: the journal holds prompts
 * and callback URLs.
 */
function serveAdmin(sim: Instance, request: Request, target: RequestTarget): Reply {
  const { method, path } = target;
  if (sim.settings.apiKey !== undefined && !authenticated(sim, request))
    return refuse(undefined, { kind: 'unauthorized', message: 'The admin paths need the API key the simulator requires, as Authorization: Bearer <key>.' });
  if (path === '/__simulator/health' && method === 'GET') return { status: 200, body: { status: 'ok' } };
  if (path === '/__simulator/journal' && method === 'GET') {
    const limit = Number(target.query.get('limit') ?? 100);
    const after = target.query.get('after');
    if (!Number.isInteger(limit) || limit < 1 || limit > JOURNAL_PAGE_LIMIT || (after !== null && !/^\d+$/.test(after)))
      return refuse(undefined, {
        kind: 'invalid',
        message: `limit takes a whole number from 1 to ${JOURNAL_PAGE_LIMIT}, and after a cursor from an earlier page.`,
      });
    return { status: 200, stream: sim.journal.page(limit, after === null ? undefined : Number(after)) };
  }
  if (path === '/__simulator/journal' && method === 'DELETE') {
    sim.journal.clear();
    return { status: 200, body: { entries: [] } };
  }
  return refuse(undefined, {
    kind: 'not-found',
    message: `No admin endpoint ${method} ${path}; there are GET /__simulator/health, GET and DELETE /__simulator/journal.`,
  });
}

function findOperation(sim: Instance, dialect: DialectId, target: RequestTarget): { route: BoundRoute; rawParams: Record<string, string> } | Refusal {
  const path = target.path.slice(dialect.length + 1);
  const { route, rawParams } = findRoute(sim.routes[dialect], target.method, path);
  if (route) return { route, rawParams };
  const message = `Invalid URL (${target.method} ${path})`;
  // The gateway's own 404 for a path it does not serve; the OpenAI-style gateways answer theirs in the OpenAI envelope.
  return new Refusal(SIMULATORS[dialect].unknownPath?.(message) ?? unknownPathError(message));
}

/** The bearer key, when it is one the simulator takes. */
function authenticated(sim: Instance, request: Request): boolean {
  const key = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  return key !== undefined && (sim.settings.apiKey === undefined || key === sim.settings.apiKey);
}

/** Overload scenarios refuse before the body is read; a prompt marker can only act once it is parsed. */
function overload(refusal: (problem: Problem) => Reply, scenario: Scenario | undefined): Refusal | undefined {
  if (scenario === 'rate-limit') return new Refusal(refusal({ kind: 'rate-limited', message: 'Too many requests; retry after 1 second. (simulated)' }));
  if (scenario === 'server-error') return new Refusal(refusal({ kind: 'server-error', message: 'Internal error. (simulated)' }));
  return undefined;
}

/** The scenario an `X-Mock-Scenario` header chooses (undefined without one). */
function scenarioHeader(request: Request, refusal: (problem: Problem) => Reply): Scenario | undefined | Refusal {
  const requested = request.headers.get('x-mock-scenario');
  if (requested === null) return undefined;
  if (isScenario(requested)) return requested;
  return new Refusal(
    refusal({ kind: 'invalid', field: '/X-Mock-Scenario', message: `Unknown X-Mock-Scenario "${requested}"; known: ${SCENARIOS.join(', ')}.` }),
  );
}

/** Path parameters are decoded only after authentication: a bad encoding is an unknown id. */
function decodeParams(rawParams: Record<string, string>, refusal: (problem: Problem) => Reply): Record<string, string> | Refusal {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawParams)) {
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      return new Refusal(refusal({ kind: 'not-found', field: `/${name}`, message: `No task with the id "${value}": it is not valid percent-encoding.` }));
    }
  }
  return params;
}

/** A received body: what the contract check judges, and what the journal keeps of it. */
interface Received extends JudgedBody {
  /** The journal's copy: the JSON text, or the multipart summary as JSON text (a large body as a note of its size). */
  journalText: string;
}

/** Reads, type-checks and parses the body of an operation that takes one. */
async function receiveBody(sim: Instance, request: Request, expected: string, refusal: (problem: Problem) => Reply): Promise<Received | Refusal> {
  const { bodyLimit, bodyMs, maxJsonDepth } = sim.settings;
  const read = await readBody(request, bodyLimit, bodyMs, (count) => {
    sim.bytesRead += count;
  });
  if (read.kind === 'too-large')
    return new Refusal({
      ...refusal({ kind: 'too-large', message: `The request body exceeds the limit of ${bodyLimit} bytes (${sizeOf(bodyLimit)}).` }),
      close: true,
    });
  if (read.kind !== 'read') {
    const message = read.kind === 'too-slow' ? `The request body did not arrive within ${bodyMs} ms.` : 'The request body was cut off.';
    return new Refusal({ ...refusal({ kind: 'invalid', field: '/', message }), close: true });
  }
  const contentType = request.headers.get('content-type');
  const mediaType = mediaTypeOf(contentType);
  if (mediaType !== expected)
    return new Refusal(refusal({ kind: 'unsupported-media', field: '/', message: `Content-Type must be ${expected}, not ${mediaType || 'missing'}.` }));
  const verdict = await judgeBody(read.bytes, expected, contentType ?? '', { limitBytes: bodyLimit, maxJsonDepth });
  if (!verdict.ok) return new Refusal(refusal({ kind: verdict.kind, field: verdict.field ?? '/', message: verdict.problem }));
  const size = read.bytes.byteLength;
  const kind = expected === 'application/json' ? 'JSON' : 'multipart';
  const journalText =
    size > JOURNAL_BODY_LIMIT
      ? JSON.stringify(`(${size} bytes of ${kind}, not kept)`)
      : kind === 'JSON'
        ? verdict.body.text
        : JSON.stringify(multipartSummary(verdict.body.value as Record<string, unknown>, verdict.body.files));
  return { ...verdict.body, journalText };
}

const MARKER = /\[mock:([a-z-]+)\]/;

/** The scenario a `[mock:<scenario>]` marker in the body chooses, if any. */
function markedScenario(text: string): Scenario | undefined {
  const marked = MARKER.exec(text)?.[1];
  return isScenario(marked) ? marked : undefined;
}

/** The contract's verdict on the body: the schema's issues, then (by their bytes) the file parts'. */
async function contractIssues(dialect: DialectId, route: BoundRoute, body: JudgedBody): Promise<ValidationIssue[]> {
  const issues = checkRequestBody(dialect, route.operationId, body.value);
  if (!route.hasFileParts) return issues;
  const fields = body.value as Record<string, unknown>;
  return [...issues, ...(await checkFileParts(dialect, route.operationId, { ...fields, ...body.files }))];
}

/** A request to a dialect's documented operation, from routing to the handler's reply. */
async function gateway(sim: Instance, request: Request, target: RequestTarget, dialect: DialectId): Promise<Handled> {
  const noted = (reply: Reply, known: { operationId?: string; bodyText?: string; rules?: string[] } = {}): Handled => ({
    reply,
    journal: { dialect, method: target.method, path: target.path, operationId: known.operationId, bodyText: known.bodyText, rules: known.rules },
  });
  const found = findOperation(sim, dialect, target);
  if (found instanceof Refusal) return noted(found.reply);
  const { route } = found;
  const operationId = route.operationId;
  const refusal = (problem: Problem) => refuse(dialect, problem, operationId);
  if (!authenticated(sim, request))
    return noted(refusal({ kind: 'unauthorized', message: 'The API key in the request is missing or invalid.' }), { operationId });
  const chosen = scenarioHeader(request, refusal);
  if (chosen instanceof Refusal) return noted(chosen.reply, { operationId });
  const overloaded = overload(refusal, chosen);
  if (overloaded) return noted(overloaded.reply, { operationId });
  const params = decodeParams(found.rawParams, refusal);
  if (params instanceof Refusal) return noted(params.reply, { operationId });

  let body: Received | undefined;
  if (route.requestMediaType) {
    const received = await receiveBody(sim, request, route.requestMediaType, refusal);
    if (received instanceof Refusal) return noted(received.reply, { operationId });
    body = received;
  }
  const bodyText = body?.journalText;
  const scenario = chosen ?? markedScenario(body?.text ?? '') ?? sim.settings.scenario ?? 'succeed';
  const marked = overload(refusal, scenario);
  if (marked) return noted(marked.reply, { operationId, bodyText });
  if (body) {
    const issues = await contractIssues(dialect, route, body);
    if (issues[0]) {
      const rules = issues.map((issue) => issue.rule);
      const message = issues.map((issue) => `${issue.path}: ${issue.message} [${issue.rule}]`).join('; ');
      return noted(refusal({ kind: 'invalid', field: issues[0].path, rule: issues[0].rule, message }), { operationId, bodyText, rules });
    }
  }
  // A JSON array or scalar body is handed to the handler wrapped (it was refused above unless the contract takes it).
  const value = body?.value;
  const fields = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : body ? { '': value } : {};
  const full = () => refusal({ kind: 'rate-limited', message: 'The simulator is full of queued and running tasks; retry once some have finished.' });
  const reply = await route.handle(contextFor(sim, scenario, full), { params, query: target.query, body: fields, files: body?.files ?? {} });
  return noted(reply, { operationId, bodyText });
}

/** Every request: the target, then the admin paths, the files, and the gateways. */
export async function handleRequest(sim: Instance, request: Request): Promise<Handled> {
  const target = readTarget(request, sim.basePath);
  if (target instanceof Refusal) return { reply: target.reply };
  if (!sim.hostAllowed(target.hostname)) return { reply: forbiddenHost() };
  if (target.path.startsWith('/__simulator/')) return { reply: serveAdmin(sim, request, target) };
  const file = serveFile(sim, target);
  if (file)
    return {
      reply: file,
      journal: { dialect: undefined, operationId: undefined, method: target.method, path: target.path, bodyText: undefined, rules: undefined },
    };
  const dialect = dialectOfPath(target.path);
  if (!dialect) {
    const reply = refuse(undefined, {
      kind: 'not-found',
      message: `No dialect at ${target.path}; the simulator serves ${DIALECT_IDS.map((id) => `/${id}`).join(', ')}`,
    });
    return { reply, journal: { dialect: undefined, operationId: undefined, method: target.method, path: target.path, bodyText: undefined, rules: undefined } };
  }
  if (sim.replay) {
    const replayed = await replay(sim, sim.replay, request, target, dialect);
    if ('handled' in replayed) return replayed.handled;
    return gateway(sim, replayed.request, target, dialect);
  }
  return gateway(sim, request, target, dialect);
}

/**
 * A request the recording answers, or the request to simulate (a copy when its body was read to
 * match it). Under `strict`, what the recording does not answer is refused, naming the closest
 * recorded request; the key is still required where the simulator requires one.
 */
async function replay(
  sim: Instance,
  recording: Replay,
  request: Request,
  target: RequestTarget,
  dialect: DialectId,
): Promise<{ handled: Handled } | { request: Request }> {
  const path = target.path.slice(dialect.length + 1) || '/';
  const noted = (reply: Reply, operationId?: string): { handled: Handled } => ({
    handled: { reply, journal: { dialect, method: target.method, path: target.path, operationId, bodyText: undefined, rules: undefined } },
  });
  if (!recording.strict && !recording.covers(dialect, target.method, path)) return { request };
  if (sim.settings.apiKey !== undefined && !authenticated(sim, request))
    return noted(refuse(dialect, { kind: 'unauthorized', message: 'The API key in the request is missing or invalid.' }));
  let body: Uint8Array | undefined;
  let rest = request;
  if (request.body) {
    rest = request.clone();
    const read = await readBody(request, sim.settings.bodyLimit, sim.settings.bodyMs);
    // A body too large or too slow to match is left to the simulator, which refuses it in the dialect's words.
    if (read.kind !== 'read') return { request: rest };
    body = read.bytes;
  }
  const matched = recording.answer(dialect, target.method, path, body);
  if (matched) return noted(matched.reply, matched.operationId);
  if (!recording.strict) return { request: rest };
  const closest = recording.closest(dialect, target.method, path, body);
  return noted(
    refuse(dialect, {
      kind: 'not-found',
      message: `No recorded exchange matches ${target.method} ${path} (strict replay); the closest recorded request is ${closest}.`,
    }),
  );
}
