// One exchange with a gateway (a request and the answer it got) held against a dialect's contract.
// The proxy checks live traffic with it and `drift` checks a recording with it, so the two verdicts
// cannot differ: both build an Exchange and call checkExchange.
//
// The request: its operation (method and path, as the contract's paths template them), its media
// type, and its body and query against the rules the client and the simulator check (the same
// validators, the same rule ids). The answer: a status the operation documents, a media type it
// documents for that status, a JSON body that parses, and that body against the status's schema.
//
// Fields the document does not name. An open object (no `additionalProperties: false`) lets a
// gateway add fields, and each one is drift worth knowing. Rather than walk the body beside the
// schema (which would have to re-implement how `properties`, `additionalProperties` and the
// combinators decide what a field is), ajv evaluates a "strict twin" of each response schema:
// `unevaluatedProperties: false` is added wherever an instance value lands (the root, each
// `properties`/`patternProperties` member, `items`, `prefixItems`, `additionalProperties`), and each
// `unevaluatedProperties` error of the twin is one undocumented field at `instancePath/<property>`.
// JSON Schema 2020-12 counts a property as evaluated when any passing subschema at the same place
// names it, so fields described by an `allOf` member or by the `oneOf` branch that matched are known.
// The keyword is never added inside `allOf/anyOf/oneOf/if/then/else/not` members: there it would see
// only its own member's fields (flagging the siblings'), and inside `anyOf`/`oneOf`/`if` it would
// change which branch matches. The price: below an object that only such a member describes, fields
// are checked one level deep (the member's direct properties, through the position holding the
// combinator). An object schema that names no field at all (`{type: object}`) is the document
// saying "any content": it gets no twin keyword. Where a combinator failed, no branch's names count,
// so its position's unevaluated errors are dropped (the schema error says what is wrong there).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { checkParameters, checkRequestBody, contracts } from '../../src/contracts/index.ts';
import { engineOptions, VOCABULARY } from '../../src/contracts/engine.ts';
import type { SchemaError } from '../../src/contracts/types.ts';
import type { DialectId } from '../../generated/dialects.ts';
import type { ValidationIssue } from '../../src/errors.ts';
import { escapePointerSegment } from '../../src/json-pointer.ts';
import { expectationOf } from '../../src/messages.ts';
import { checkWireBody } from '../../src/contracts/index.ts';
import { DEFAULT_BODY_LIMITS, judgeBody } from '../../mocks/simulator/body.ts';
import { mediaTypeOf } from '../../mocks/simulator/http.ts';
import { conformance, type ConformanceOperation } from '../check/bundle.ts';
import type { RecordedBody } from '../../mocks/simulator/har.ts';

/** What kind of drift a violation is. */
export type ViolationKind =
  /** No operation of the contract has this method and path. */
  | 'undocumented-operation'
  /** The request body or query breaks a rule of the contract (the rule id is in `rule`). */
  | 'request-rule'
  /** The request body's media type is not the one the operation takes. */
  | 'request-media-type'
  /** The request body is missing or cannot be read as its media type (not JSON, not multipart). */
  | 'request-body'
  /** The answer's HTTP status is not one the operation documents. */
  | 'undocumented-status'
  /** The answer's media type is not one the operation documents for that status. */
  | 'undocumented-media-type'
  /** The answer says JSON but its body does not parse. */
  | 'not-json'
  /** The answer's body breaks its status's schema (a wrong type, an unknown enum word, a missing required field). */
  | 'schema'
  /** The answer carries a field the document does not name (an open object allows it). */
  | 'undocumented-field';

export interface Violation {
  /** The operation the request was matched to; `(none)` when it matched none. */
  operationId: string;
  method: string;
  /** The request path below the gateway's base URL. */
  path: string;
  /** The answer's HTTP status. */
  status: number;
  direction: 'request' | 'response';
  /** A JSON pointer into the body (`/status`, `/content/0/role`), or `` for the whole message. */
  pointer: string;
  /** The contract rule a request breaks (the ids the client reports). */
  rule?: string;
  kind: ViolationKind;
  message: string;
}

/** One request and its answer, as checkExchange reads them (from the proxy or from a recording). */
export interface Exchange {
  method: string;
  /** The path below the gateway's base URL: the part the contract's paths describe. */
  path: string;
  /** The query string, without `?`. */
  query: string;
  /** `body` is absent when the message had none. */
  request: { contentType?: string | undefined; body?: RecordedBody | undefined };
  response: { status: number; contentType?: string | undefined; body?: RecordedBody | undefined };
}

export interface ExchangeVerdict {
  operationId: string;
  violations: Violation[];
  /** Bodies that could have been checked but were not kept (over the size cap): not drift, but not checked either. */
  unchecked: number;
}

/** The simulator's own judge of a body's bytes (UTF-8, BOM, depth, multipart), so the two refuse the same bodies; size is the cap's business here. */
const BODY_LIMITS = { ...DEFAULT_BODY_LIMITS, limitBytes: Number.POSITIVE_INFINITY };
const NO_OPERATION = '(none)';

// --- matching an operation ----------------------------------------------------------------

interface Route {
  operationId: string;
  method: string;
  match: RegExp;
  /** The same path at the end of a longer one, the part before it captured (a base path not known in advance). */
  suffix: RegExp;
  /** Fewer parameters first: a literal segment (`/videos/generations`) wins over a parameter (`/videos/{id}`). */
  parameters: number;
}

/**
 * OpenAPI path templating: a `{parameter}` is one whole segment, anything else is literal, and the
 * match is exact (no trailing-slash tolerance), as the simulator matches its routes.
 */
function compile(path: string): string {
  return path
    .split('/')
    .map((segment) => (/^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')))
    .join('/');
}

const routeTables = new Map<DialectId, Route[]>();

function routesOf(dialect: DialectId): Route[] {
  let routes = routeTables.get(dialect);
  if (!routes) {
    routes = Object.entries(conformance[dialect].operations)
      .map(([operationId, operation]) => ({
        operationId,
        method: operation.method.toUpperCase(),
        match: new RegExp(`^${compile(operation.path)}$`),
        suffix: new RegExp(`^(.*?)${compile(operation.path)}$`),
        parameters: operation.pathParameters.length,
      }))
      .sort((a, b) => a.parameters - b.parameters);
    routeTables.set(dialect, routes);
  }
  return routes;
}

/** The operation a method and path (below the base URL) name, if any. */
function operationFor(dialect: DialectId, method: string, path: string): string | undefined {
  const upper = method.toUpperCase();
  return routesOf(dialect).find((route) => route.method === upper && route.match.test(path))?.operationId;
}

/**
 * For a URL path whose base is not known (a browser's recording): the operation whose path it ends
 * with, after the shortest base path; a literal segment wins over a parameter on a tie.
 */
export function locateOperation(dialect: DialectId, method: string, urlPath: string): { base: string; path: string } | undefined {
  const upper = method.toUpperCase();
  let best: { base: string; path: string } | undefined;
  for (const route of routesOf(dialect)) {
    if (route.method !== upper) continue;
    const base = route.suffix.exec(urlPath)?.[1];
    if (base !== undefined && (!best || base.length < best.base.length)) best = { base, path: urlPath.slice(base.length) };
  }
  return best;
}

/** A target URL as the base the contract's paths go after: http(s), no credentials, query or fragment, no trailing slash. */
export function targetBase(target: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new TypeError(`the target must be an http(s) URL, not "${target}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`the target must be an http(s) URL, not "${target}"`);
  if (url.username || url.password) throw new TypeError('the target URL must not carry credentials: the caller sends its own key');
  if (url.search || url.hash) throw new TypeError(`the target URL must not have a query or fragment: "${target}"`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

// --- the request ----------------------------------------------------------------------------

/** A violation before it is placed (operation, method, path, status). */
export type Found = Omit<Violation, 'operationId' | 'method' | 'path' | 'status'>;

const ruleViolation = (issue: ValidationIssue): Found => ({
  direction: 'request',
  pointer: issue.path === '/' ? '' : issue.path,
  rule: issue.rule,
  kind: 'request-rule',
  message: issue.message,
});

async function requestBodyFindings(dialect: DialectId, operationId: string, exchange: Exchange, unchecked: () => void): Promise<Found[]> {
  const expected = contracts[dialect].operations[operationId]?.requestMediaType;
  if (!expected) return [];
  const body = exchange.request.body;
  const mediaType = mediaTypeOf(exchange.request.contentType);
  if (!body || (body.size === 0 && !body.cut))
    return [{ direction: 'request', pointer: '', kind: 'request-body', message: `the request has no body; ${operationId} takes ${expected}` }];
  if (mediaType !== expected)
    return [
      { direction: 'request', pointer: '', kind: 'request-media-type', message: `the body is ${mediaType || 'untyped'}; ${operationId} takes ${expected}` },
    ];
  if (!body.bytes) {
    unchecked();
    return [];
  }
  const judged = await judgeBody(new Uint8Array(body.bytes), expected, exchange.request.contentType ?? '', BODY_LIMITS);
  if (!judged.ok) return [{ direction: 'request', pointer: judged.field ?? '', kind: 'request-body', message: judged.problem }];
  if (expected === 'application/json') return checkRequestBody(dialect, operationId, judged.body.value).map(ruleViolation);
  // Files in their fields, as the client's and the simulator's wire checks take them.
  const fields = judged.body.value as Record<string, unknown>;
  return (await checkWireBody(dialect, operationId, { ...fields, ...judged.body.files })).map(ruleViolation);
}

function queryFindings(dialect: DialectId, operationId: string, query: string): Found[] {
  return checkParameters(dialect, operationId, new URLSearchParams(query)).map(ruleViolation);
}

// --- the answer -----------------------------------------------------------------------------

// ajv as the generator configures it for request bodies: every error, the same formats. verbose:
// each error carries the schema node holding its keyword, which its wording reads.
const ajv = new Ajv2020({ ...engineOptions(false), verbose: true });
ajv.addVocabulary(VOCABULARY);

const COMBINATORS = ['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'not'];

function isSchemaObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a schema describes any field: named properties, patterns, a schema for the rest, or a combinator that may. */
function describesFields(schema: Record<string, unknown>): boolean {
  return ['properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties', ...COMBINATORS].some((keyword) => keyword in schema);
}

export interface StrictTwin {
  schema: Record<string, unknown>;
  /** Schema paths (`#/properties/usage/unevaluatedProperties`) of the keywords the twin added. */
  added: Set<string>;
}

/** The schema with `unevaluatedProperties: false` at every position an instance value lands; see the module comment. */
export function strictTwin(schema: Record<string, unknown>): StrictTwin {
  const added = new Set<string>();
  const visit = (node: unknown, path: string): unknown => {
    if (!isSchemaObject(node)) return node;
    const twin: Record<string, unknown> = { ...node };
    if (!('unevaluatedProperties' in node) && describesFields(node)) {
      twin.unevaluatedProperties = false;
      added.add(`${path}/unevaluatedProperties`);
    }
    for (const keyword of ['properties', 'patternProperties'] as const) {
      const members = node[keyword];
      if (isSchemaObject(members))
        twin[keyword] = Object.fromEntries(
          Object.entries(members).map(([name, member]) => [name, visit(member, `${path}/${keyword}/${escapeSchemaPathSegment(name)}`)]),
        );
    }
    for (const keyword of ['items', 'additionalProperties'] as const)
      if (isSchemaObject(node[keyword])) twin[keyword] = visit(node[keyword], `${path}/${keyword}`);
    if (Array.isArray(node.prefixItems)) twin.prefixItems = node.prefixItems.map((member, index) => visit(member, `${path}/prefixItems/${index}`));
    return twin;
  };
  return { schema: visit(schema, '#') as Record<string, unknown>, added };
}

/** ajv writes schema paths as URI fragments: a pointer segment, percent-encoded. */
function escapeSchemaPathSegment(name: string): string {
  return encodeURIComponent(escapePointerSegment(name));
}

interface TwinValidator {
  validate: ValidateFunction;
  added: Set<string>;
}

const twins = new WeakMap<object, TwinValidator | Error>();

function twinValidator(schema: object): TwinValidator | Error {
  let found = twins.get(schema);
  if (!found) {
    try {
      const twin = strictTwin(schema as Record<string, unknown>);
      found = { validate: ajv.compile(twin.schema), added: twin.added };
    } catch (error) {
      found = error instanceof Error ? error : new Error(String(error));
    }
    twins.set(schema, found);
  }
  return found;
}

const isBranching = (error: SchemaError) => error.keyword === 'oneOf' || error.keyword === 'anyOf';

/** The index of the combinator member an error lies in, given the combinator's schema path. */
function memberIndex(error: SchemaError, combinatorPath: string): number | undefined {
  if (!error.schemaPath.startsWith(`${combinatorPath}/`)) return undefined;
  return Number(error.schemaPath.slice(combinatorPath.length + 1).split('/')[0]);
}

const TYPE_WORDS: Record<string, string> = { object: 'an object', array: 'an array', string: 'a string', integer: 'an integer', number: 'a number' };
const typeWords = (types: string[]) => [...new Set(types)].map((type) => TYPE_WORDS[type] ?? type).join(' or ');

/**
 * A failed `oneOf`/`anyOf` reports every branch's errors and its own. The branch whose type fits the
 * value is the shape the gateway meant: its errors say what is wrong, the others are noise. When no
 * branch's type fits, one error says which types would; when several fit, the combinator's own.
 */
function withoutBranchNoise(errors: SchemaError[]): { errors: SchemaError[]; messages: Map<SchemaError, string> } {
  const dropped = new Set<SchemaError>();
  const messages = new Map<SchemaError, string>();
  const combinators = errors.filter(isBranching).sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const combinator of combinators) {
    if (dropped.has(combinator)) continue;
    const members = errors.filter((error) => memberIndex(error, combinator.schemaPath) !== undefined);
    const mistyped = new Map<number, string[]>();
    for (const error of members) {
      const index = memberIndex(error, combinator.schemaPath)!;
      if (error.keyword === 'type' && error.instancePath === combinator.instancePath && error.schemaPath === `${combinator.schemaPath}/${index}/type`) {
        const type = error.params.type;
        mistyped.set(index, Array.isArray(type) ? type.map(String) : [String(type)]);
      }
    }
    const fitting = [...new Set(members.map((error) => memberIndex(error, combinator.schemaPath)!))].filter((index) => !mistyped.has(index));
    const matchedSeveral = combinator.keyword === 'oneOf' && Array.isArray(combinator.params.passingSchemas);
    if (!matchedSeveral && fitting.length === 1) {
      dropped.add(combinator);
      for (const error of members) if (memberIndex(error, combinator.schemaPath) !== fitting[0]) dropped.add(error);
      continue;
    }
    for (const error of members) dropped.add(error);
    messages.set(
      combinator,
      matchedSeveral
        ? 'matches more than one of the documented shapes'
        : fitting.length === 0
          ? `must be ${typeWords([...mistyped.values()].flat())}`
          : 'does not match any of the documented shapes',
    );
  }
  return { errors: errors.filter((error) => !dropped.has(error)), messages };
}

/** A response body against its status's schema: the schema's violations, then the fields it does not name. */
export function responseSchemaFindings(schema: object, body: unknown, status: number): Found[] {
  const twin = twinValidator(schema);
  if (twin instanceof Error)
    return [{ direction: 'response', pointer: '', kind: 'schema', message: `the ${status} schema cannot be checked: ${twin.message}` }];
  if (twin.validate(body)) return [];
  const all = (twin.validate.errors ?? []) as SchemaError[];
  const failedBranches = new Set(all.filter(isBranching).map((error) => error.instancePath));
  const undocumented = all.filter((error) => error.keyword === 'unevaluatedProperties' && twin.added.has(error.schemaPath));
  // Where a oneOf/anyOf failed no branch's field names count: those "unevaluated" fields are not news.
  const fields: Found[] = undocumented
    .filter((error) => !failedBranches.has(error.instancePath))
    .map((error) => {
      const pointer = `${error.instancePath}/${escapePointerSegment(String(error.params.unevaluatedProperty))}`;
      return { direction: 'response', pointer, kind: 'undocumented-field', message: `${pointer} is not a field the document names for ${status}` };
    });
  const { errors, messages } = withoutBranchNoise(all.filter((error) => !undocumented.includes(error)));
  // A value of the wrong type makes the other constraints on it meaningless: keep only its type error.
  const mistyped = new Set(errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  const schemaFound = errors
    .filter((error) => error.keyword === 'type' || messages.has(error) || !mistyped.has(error.instancePath))
    .map((error): Found => {
      const missing = error.keyword === 'required' ? String(error.params.missingProperty) : undefined;
      const pointer = missing === undefined ? error.instancePath : `${error.instancePath}/${escapePointerSegment(missing)}`;
      const expectation = missing === undefined ? (messages.get(error) ?? expectationOf(error)) : 'is required but missing';
      return { direction: 'response', pointer, kind: 'schema', message: `${pointer || 'the body'} ${expectation}` };
    });
  return [...schemaFound, ...fields];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The first characters of a body that is not what it says, for the message. */
function snippet(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 200));
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}

function documentedResponses(operation: ConformanceOperation, status: number): Record<string, unknown> | undefined {
  const code = String(status);
  return operation.responses[code] ?? operation.responses[`${code[0]}XX`] ?? operation.responses.default;
}

function responseFindings(operation: ConformanceOperation, operationId: string, exchange: Exchange, unchecked: () => void): Found[] {
  const { status, body } = exchange.response;
  const documented = documentedResponses(operation, status);
  if (!documented) {
    const message = `HTTP ${status} is not documented for ${operationId} (documented: ${Object.keys(operation.responses).join(', ')})`;
    return [{ direction: 'response', pointer: '', kind: 'undocumented-status', message }];
  }
  const mediaTypes = Object.keys(documented);
  if (mediaTypes.length === 0) return [];
  const mediaType = mediaTypeOf(exchange.response.contentType);
  if (!mediaTypes.includes(mediaType)) {
    const message = `a ${status} answer of type ${mediaType || 'none'} is not documented (documented: ${mediaTypes.join(', ')})`;
    return [{ direction: 'response', pointer: '', kind: 'undocumented-media-type', message }];
  }
  if (!mediaType.includes('json')) return [];
  if (body && (body.size > 0 || body.cut) && !body.bytes) {
    unchecked();
    return [];
  }
  const bytes = body?.bytes ?? new Uint8Array();
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    return [{ direction: 'response', pointer: '', kind: 'not-json', message: `the ${status} body is not JSON: ${JSON.stringify(snippet(bytes))}` }];
  }
  const schema = documented[mediaType];
  return isSchemaObject(schema) ? responseSchemaFindings(schema, value, status) : [];
}

/** One report per place and kind: a value wrong in several ways is one drift, its messages joined. */
function once(found: Found[]): Found[] {
  const byPlace = new Map<string, Found>();
  for (const finding of found) {
    const key = `${finding.direction} ${finding.kind} ${finding.pointer} ${finding.rule ?? ''}`;
    const seen = byPlace.get(key);
    if (!seen) byPlace.set(key, finding);
    else if (!seen.message.includes(finding.message)) byPlace.set(key, { ...seen, message: `${seen.message}; ${finding.message}` });
  }
  return [...byPlace.values()];
}

/** Every way an exchange departs from the dialect's contract, request first; none when it conforms. */
export async function checkExchange(dialect: DialectId, exchange: Exchange): Promise<ExchangeVerdict> {
  const method = exchange.method.toUpperCase();
  const where = { method, path: exchange.path, status: exchange.response.status };
  const operationId = operationFor(dialect, method, exchange.path);
  if (!operationId) {
    const message = `${method} ${exchange.path} is not an operation of the ${dialect} contract`;
    return {
      operationId: NO_OPERATION,
      violations: [{ operationId: NO_OPERATION, ...where, direction: 'request', pointer: '', kind: 'undocumented-operation', message }],
      unchecked: 0,
    };
  }
  let unchecked = 0;
  const skip = () => {
    unchecked++;
  };
  const operation = conformance[dialect].operations[operationId]!;
  const found = [
    ...(await requestBodyFindings(dialect, operationId, exchange, skip)),
    ...queryFindings(dialect, operationId, exchange.query),
    ...responseFindings(operation, operationId, exchange, skip),
  ];
  return { operationId, violations: once(found).map((finding) => ({ operationId, ...where, ...finding })), unchecked };
}
