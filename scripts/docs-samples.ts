// The code samples on every operation of the reference pages (Redoc's `x-codeSamples`), generated at
// docs build time from each operation's documented request examples, so the documents stay the one
// source of truth. Per operation, one example (see chooseExample) is shown as:
// - curl, with the key from $SEEDANCE_API_KEY (multipart bodies as -F fields);
// - the project's client (`createClient`): the canonical request that the dialect's `toWire` turns
//   into the example, found by search and checked here (canonicalFor); where no canonical request
//   gives the example exactly, the closest one, with a comment naming the difference and pointing
//   at the raw client sample;
// - the dialect's raw typed client (`createRawClient` from seedance-contracts/dialects/<id>), which
//   sends the example as documented;
// - the public SDK that speaks the dialect, where there is one (SDK_SAMPLES), checked by running
//   the SDK against a fetch that records what it would send.
// Samples send to the document's first server: the pages say so, and how to aim them at the
// simulator instead (samplesNote).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createByteDance } from '@ai-sdk/bytedance';
import { experimental_generateVideo } from 'ai';
import { HTTPClient, OpenRouter } from '@openrouter/sdk';
import OpenAI from 'openai';
import * as z from 'zod/mini';
import { adapters, dialects, isDialectId, type DialectId } from '../src/dialects/index.ts';
import { parseVideoRequest, VideoRequest, type VideoRequestInput } from '../src/request.ts';
import { routeModel } from '../src/routing.ts';
import { type SourceDocument, deref, type JsonObject, loadOperations, type Operation } from '../codegen/contract-loader.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PACKAGE = 'seedance-contracts';
/** The environment variable every sample reads the key from: never a key in a sample. */
export const KEY_VARIABLE = 'SEEDANCE_API_KEY';
/** The example a createTask-like operation shows when the document has one by this name: the plainest request, named alike in every document. */
const PREFERRED_EXAMPLE = 'text-to-video';

/** The samples' order in the language menu: curl, the project's clients, then any SDK. */
const LABEL_ORDER = ['curl', 'createClient', 'createRawClient'];

export function sampleOrder(label: string): number {
  const index = LABEL_ORDER.indexOf(label);
  return index === -1 ? LABEL_ORDER.length : index;
}

export interface CodeSample {
  lang: 'Shell' | 'TypeScript';
  label: string;
  source: string;
}

/** The documented request example an operation's samples show. */
export interface ChosenExample {
  name: string;
  /** The status the documents give this example's answer (its same-named response example). */
  status: number;
  /** Path and query parameter values as the document types them (numbers stay numbers). */
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  mediaType: string | undefined;
  body: unknown;
  /** Multipart fields that carry files (`format: binary`): the example names the file. */
  fileFields: string[];
}

/** How close the client sample's canonical request comes to the example. */
export interface CanonicalMatch {
  request: VideoRequestInput;
  /** toWire(request).body is the example, exactly. */
  exact: boolean;
  /** JSON pointers where toWire's body differs from the example (empty when exact). */
  differences: string[];
}

export interface OperationSamples {
  operationId: string;
  method: string;
  path: string;
  example: ChosenExample;
  samples: CodeSample[];
  /** The canonical request the createClient sample submits (createTask-like operations only). */
  canonical?: CanonicalMatch;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// The example and the base URL

/** The document's first server, its variables at their defaults (`https://{gateway}` → `https://api.uniall.ai`). */
export function sampleBaseUrl(document: JsonObject): string {
  const [server] = Array.isArray(document.servers) ? document.servers.filter((entry): entry is JsonObject => isObject(entry)) : [];
  if (!server || typeof server.url !== 'string') throw new Error(`${String((document.info as JsonObject | undefined)?.title)}: no server to send samples to`);
  const variables = isObject(server.variables) ? server.variables : {};
  return server.url.replace(/\{([^}]+)\}/g, (placeholder, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : placeholder;
  });
}

/** Parameters of the operation (path item's and its own), dereferenced. */
function parametersOf(operation: Operation): JsonObject[] {
  const { document } = operation.contract;
  const pathItem = deref(document, (document.paths as JsonObject)[operation.path]);
  const declared = [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(operation.definition.parameters) ? operation.definition.parameters : []),
  ];
  return declared.map((parameter) => deref(document, parameter));
}

/** Parameter values of the example `name`, typed as the document writes them; the first example where a path parameter has none of that name. */
function parameterValues(operation: Operation, name: string, where: 'path' | 'query'): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const parameter of parametersOf(operation)) {
    if (parameter.in !== where || !isObject(parameter.examples)) continue;
    const examples = Object.entries(parameter.examples).filter((entry): entry is [string, JsonObject] => isObject(entry[1]) && 'value' in entry[1]);
    const chosen = examples.find(([example]) => example === name) ?? (where === 'path' ? examples[0] : undefined);
    if (chosen) values[String(parameter.name)] = chosen[1].value;
  }
  return values;
}

/** The properties of the request body's schema that carry files (`format: binary`). */
function fileFieldsOf(operation: Operation, mediaType: string | undefined): string[] {
  if (!mediaType?.startsWith('multipart/')) return [];
  const { document } = operation.contract;
  const body = deref(document, operation.definition.requestBody);
  const schema = deref(document, ((body.content as JsonObject)[mediaType] as JsonObject).schema);
  const properties = isObject(schema.properties) ? schema.properties : {};
  return Object.keys(properties).filter((name) => deref(document, properties[name]).format === 'binary');
}

/**
 * The example the samples show: `text-to-video` where the operation has it, else the first request
 * example the documents answer with a 2xx, else the first. Its status is that answer's.
 */
export function chooseExample(operation: Operation): ChosenExample {
  const statusOf = (name: string) => operation.responses.find((response) => response.name === name)?.status;
  const succeeds = (name: string) => /^2\d\d$/.test(statusOf(name) ?? '');
  const candidates = operation.requests;
  const chosen =
    candidates.find((request) => request.name === PREFERRED_EXAMPLE && succeeds(request.name)) ??
    candidates.find((request) => succeeds(request.name)) ??
    candidates[0];
  const firstSuccess = Object.keys(operation.definition.responses as JsonObject).find((status) => /^2\d\d$/.test(status));
  if (!chosen) {
    // An operation with no example at all still gets samples: no parameters, no body.
    return { name: '', status: Number(firstSuccess ?? 200), path: {}, query: {}, mediaType: undefined, body: undefined, fileFields: [] };
  }
  return {
    name: chosen.name,
    status: Number(statusOf(chosen.name) ?? firstSuccess ?? 200),
    path: { ...Object.fromEntries(Object.entries(chosen.path)), ...parameterValues(operation, chosen.name, 'path') },
    query: parameterValues(operation, chosen.name, 'query'),
    mediaType: chosen.mediaType,
    body: chosen.body,
    fileFields: fileFieldsOf(operation, chosen.mediaType),
  };
}

/** The example's URL: the base, the path with its parameters filled in, and the query (arrays as repeated keys, `style: form`). */
function exampleUrl(baseUrl: string, operation: Operation, example: ChosenExample): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (placeholder, name: string) =>
    name in example.path ? encodeURIComponent(String(example.path[name])) : placeholder,
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(example.query)) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
  }
  const search = query.toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

/** The first 2xx answer's media type, when it is not JSON (a download): what curl should save to a file. */
function downloadType(operation: Operation): string | undefined {
  const responses = operation.definition.responses as JsonObject;
  const success = Object.keys(responses).find((status) => /^2\d\d$/.test(status));
  const content = success ? deref(operation.contract.document, responses[success]).content : undefined;
  const [mediaType] = isObject(content) ? Object.keys(content) : [];
  return mediaType && !/json/.test(mediaType) ? mediaType : undefined;
}

/** `video/mp4` → `video.mp4`: the file a download sample writes. */
function outputFileOf(mediaType: string): string {
  const [type = 'output', subtype = 'bin'] = mediaType.split(';')[0]!.split('/');
  return `${type}.${subtype.replace(/[^a-z0-9]+/gi, '') || 'bin'}`;
}

// ---------------------------------------------------------------------------------------------
// Printing

/** A piece of code inside a printed value (an expression, not a string). */
class Code {
  constructor(readonly text: string) {}
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function tsString(value: string): string {
  return `'${value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}'`;
}

/** A value as a TypeScript literal: on one line when it fits, else one member per line. */
function tsValue(value: unknown, indent = ''): string {
  if (value instanceof Code) return value.text;
  if (typeof value === 'string') return tsString(value);
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((item) => tsValue(item, inner))
    : Object.entries(value)
        .filter(([, member]) => member !== undefined)
        .map(([key, member]) => `${IDENTIFIER.test(key) ? key : tsString(key)}: ${tsValue(member, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{ ', ' }'];
  if (entries.length === 0) return Array.isArray(value) ? '[]' : '{}';
  const oneLine = `${open}${entries.join(', ')}${close}`;
  if (oneLine.length + indent.length <= 100 && !oneLine.includes('\n')) return oneLine;
  return `${open.trim()}\n${entries.map((entry) => `${inner}${entry},`).join('\n')}\n${indent}${close.trim()}`;
}

/** A word for the shell, single-quoted unless it needs no quoting. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------------
// curl

/**
 * The example as a curl command: the URL, the bearer key from the environment, and the body as
 * JSON (`-d`) or as form fields (`-F`, files as `@<file>`; `--form-string` where a value would
 * read as a curl directive). A download is written to a file.
 */
function curlSample(baseUrl: string, operation: Operation, example: ChosenExample): string {
  // curl infers GET, and POST from a body; any other method is named.
  const implied = operation.method === 'get' || (operation.method === 'post' && example.body !== undefined);
  const lines = [`curl${implied ? '' : ` -X ${operation.method.toUpperCase()}`} ${shellWord(exampleUrl(baseUrl, operation, example))}`];
  lines.push(`-H "Authorization: Bearer $${KEY_VARIABLE}"`);
  if (example.body !== undefined && example.mediaType?.startsWith('multipart/')) {
    for (const [name, value] of Object.entries(example.body as Record<string, unknown>)) {
      if (example.fileFields.includes(name)) lines.push(`-F ${shellWord(`${name}=@${String(value)}`)}`);
      else {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        // -F reads a leading @ or < as a file and ;type= as a part header; --form-string sends the text as it is.
        lines.push(/^[@<]|;/.test(text) ? `--form-string ${shellWord(`${name}=${text}`)}` : `-F ${shellWord(`${name}=${text}`)}`);
      }
    }
  } else if (example.body !== undefined) {
    lines.push(`-H 'Content-Type: ${example.mediaType ?? 'application/json'}'`);
    lines.push(`-d ${shellWord(JSON.stringify(example.body, null, 2))}`);
  }
  const download = downloadType(operation);
  if (download) lines.push(`-o ${outputFileOf(download)}`);
  return lines.join(' \\\n  ');
}

// ---------------------------------------------------------------------------------------------
// The canonical request behind a wire example (the createClient sample)

/** What a file part is compared as: the example names a file, the client sends one. */
const FILE = Symbol('file');
/** Empty arrays and objects are leaves of their own: `content: []` is not the same body as no content. */
const EMPTY_ARRAY = Symbol('[]');
const EMPTY_OBJECT = Symbol('{}');

/** Every scalar leaf of a JSON value, by JSON pointer. Files (Blobs) and empty arrays and objects are leaves too. */
function leaves(value: unknown, at = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (value instanceof Blob) into.set(at, FILE);
  else if (Array.isArray(value)) {
    if (value.length === 0) into.set(at, EMPTY_ARRAY);
    for (const [index, item] of value.entries()) leaves(item, `${at}/${index}`, into);
  } else if (isObject(value)) {
    if (Object.keys(value).length === 0) into.set(at, EMPTY_OBJECT);
    for (const [key, member] of Object.entries(value)) leaves(member, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, into);
  } else if (value !== undefined) into.set(at, value);
  return into;
}

/** How many leaves of `wire` the example has at the same place, and how many it has not. */
function score(wire: Map<string, unknown>, example: Map<string, unknown>): { matched: number; wrong: number } {
  let matched = 0;
  let wrong = 0;
  for (const [pointer, value] of wire) {
    if (example.has(pointer) && Object.is(example.get(pointer), value)) matched += 1;
    else wrong += 1;
  }
  return { matched, wrong };
}

interface FieldKind {
  name: string;
  kind: 'string' | 'integer' | 'boolean' | 'media';
  roles: string[];
}

/** The canonical request's fields, read from its own schema (zod's JSON Schema of VideoRequest). */
function canonicalFields(): FieldKind[] {
  const schema = z.toJSONSchema(VideoRequest, { unrepresentable: 'any', io: 'input' }) as { properties: Record<string, JsonObject> };
  const fields: FieldKind[] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    if (name === 'model' || name === 'dialect' || name === 'passthrough') continue;
    if (property.type === 'array') {
      const role = ((property.items as JsonObject).properties as Record<string, JsonObject>).role ?? {};
      const roles = Array.isArray(role.enum) ? role.enum.map(String) : typeof role.const === 'string' ? [role.const] : [];
      fields.push({ name, kind: 'media', roles });
    } else if (property.type === 'string' || property.type === 'integer' || property.type === 'boolean') {
      fields.push({ name, kind: property.type, roles: [] });
    }
  }
  return fields;
}

const CANONICAL_FIELDS = canonicalFields();

/** Bytes that stand for an uploaded file while searching (a PNG: the fixture the documents' examples name). */
const PNG = readFileSync(join(ROOT, 'mocks/fixtures/first-frame.png'));
/** The file each stand-in's bytes came from, by the name the example gives it: the sample reads that file. */
const FILE_NAMES = new WeakMap<Uint8Array, string>();

function fileBytes(name: string): Uint8Array {
  const bytes = new Uint8Array(PNG);
  FILE_NAMES.set(bytes, name);
  return bytes;
}

type Candidate = Record<string, unknown>;

/** The wire body toWire makes of a candidate, as leaves; undefined when the dialect refuses it. */
async function wireLeaves(dialect: DialectId, candidate: Candidate): Promise<Map<string, unknown> | undefined> {
  try {
    const request = parseVideoRequest(candidate);
    const { body, issues } = await dialects[dialect].toWire(request);
    return issues.length > 0 ? undefined : leaves(body);
  } catch {
    return undefined;
  }
}

function withField(candidate: Candidate, field: FieldKind, value: unknown, role?: string): Candidate {
  if (field.kind !== 'media') return { ...candidate, [field.name]: value };
  const list = (candidate[field.name] as unknown[] | undefined) ?? [];
  return { ...candidate, [field.name]: [...list, { source: value, role }] };
}

/**
 * The passthrough that adds what toWire left out: every example leaf whose place the client's body
 * has nothing at, as long as the way there crosses no array (passthrough merges objects, and
 * replaces arrays whole).
 */
function missingAsPassthrough(example: unknown, wire: Map<string, unknown>): Record<string, unknown> | undefined {
  const exampleLeaves = leaves(example);
  let passthrough: Record<string, unknown> | undefined;
  for (const [pointer, value] of exampleLeaves) {
    if (wire.has(pointer)) continue;
    const keys = pointer
      .split('/')
      .slice(1)
      .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
    // The way there must be objects in the example (no array index) and free in the client's body.
    let node: unknown = example;
    let objectsOnly = true;
    for (const key of keys.slice(0, -1)) {
      node = isObject(node) ? node[key] : undefined;
      if (!isObject(node)) objectsOnly = false;
    }
    if (!objectsOnly || typeof value === 'symbol') continue;
    passthrough ??= {};
    let target = passthrough;
    for (const key of keys.slice(0, -1)) {
      if (!isObject(target[key])) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys.at(-1)!] = value;
  }
  return passthrough;
}

/**
 * The canonical request whose toWire body is the example, searched field by field: each step adds
 * the field and value (from the example's own leaves) that put the most leaves where the example
 * has them and none where it has not, until nothing more fits; wire fields no canonical field makes
 * go into `passthrough`. Exact when toWire's body is then the example, leaf for leaf.
 */
export async function canonicalFor(dialect: DialectId, body: unknown, fileFields: string[] = []): Promise<CanonicalMatch> {
  const example = new Map([...leaves(body)].map(([pointer, value]) => [pointer, fileFields.includes(pointer.slice(1)) ? FILE : value]));
  const model = isObject(body) && typeof body.model === 'string' ? body.model : '';
  let candidate: Candidate = { model, dialect };
  let current = (await wireLeaves(dialect, candidate)) ?? new Map();
  let best = score(current, example);
  const values = [...example.entries()];
  for (let improved = true; improved; ) {
    improved = false;
    let next: { candidate: Candidate; wire: Map<string, unknown>; score: { matched: number; wrong: number } } | undefined;
    for (const field of CANONICAL_FIELDS) {
      if (field.kind !== 'media' && field.name in candidate) continue;
      for (const [pointer, value] of values) {
        // Only a value the current body does not already have where the example has it.
        if (current.has(pointer) && Object.is(current.get(pointer), value)) continue;
        const tries: Array<[unknown, string | undefined]> = [];
        if (field.kind === 'media') {
          const source = value === FILE ? fileBytes(String(isObject(body) ? body[pointer.slice(1)] : '')) : value;
          if (typeof source === 'string' || source instanceof Uint8Array) for (const role of field.roles) tries.push([source, role]);
        } else if (field.kind === 'integer' ? Number.isInteger(value) : typeof value === field.kind) tries.push([value, undefined]);
        for (const [fieldValue, role] of tries) {
          const tried = withField(candidate, field, fieldValue, role);
          const wire = await wireLeaves(dialect, tried);
          if (!wire) continue;
          const result = score(wire, example);
          const gain = result.matched - result.wrong - (best.matched - best.wrong);
          const bestGain = next ? next.score.matched - next.score.wrong - (best.matched - best.wrong) : 0;
          if (gain > bestGain) next = { candidate: tried, wire, score: result };
        }
      }
    }
    if (next) {
      ({ candidate, wire: current, score: best } = next);
      improved = true;
    }
  }
  const passthrough = missingAsPassthrough(body, current);
  if (passthrough) {
    const tried = { ...candidate, passthrough: { [dialect]: passthrough } };
    const wire = await wireLeaves(dialect, tried);
    if (wire) {
      candidate = tried;
      current = wire;
    }
  }
  const differences = [...new Set([...current.keys(), ...example.keys()])].filter(
    (pointer) => !(current.has(pointer) && example.has(pointer) && Object.is(current.get(pointer), example.get(pointer))),
  );
  // Routing picks the dialect from the model; say it only where routing would pick another.
  if (routesTo(model) === dialect) delete candidate.dialect;
  return { request: candidate as VideoRequestInput, exact: differences.length === 0, differences: differences.sort() };
}

function routesTo(model: string): DialectId | undefined {
  try {
    return routeModel(model);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Which operation each client call sends

type ClientCall = 'submit' | 'get' | 'deleteTask';

/**
 * The operation each of the adapter's calls sends, found by calling it against a client that only
 * records the method and path, so the samples follow the adapter (no table of paths here).
 */
export async function adapterCalls(dialect: DialectId): Promise<Map<string, ClientCall>> {
  const adapter = adapters[dialect];
  const calls = new Map<string, ClientCall>();
  for (const call of ['submit', 'get', 'deleteTask'] as const) {
    let seen: string | undefined;
    const record = (method: string) => (path: string) => {
      seen = `${method} ${path}`;
      return Promise.resolve({ response: new Response(null) });
    };
    const client = { POST: record('post'), GET: record('get'), DELETE: record('delete') };
    const options = { signal: new AbortController().signal, fetch: () => Promise.reject(new Error('not sent')) };
    if (call === 'submit') await adapter.submit(client, {}, options);
    else await adapter[call]?.(client, 'id', options);
    if (seen) calls.set(seen, call);
  }
  return calls;
}

// ---------------------------------------------------------------------------------------------
// TypeScript samples

const KEY_EXPRESSION = `process.env.${KEY_VARIABLE} ?? ''`;

/** The canonical request as code: file bytes become `await readFile(...)` of the file the example names. */
function asCode(node: unknown): unknown {
  if (node instanceof Uint8Array) return new Code(`await readFile(${tsString(FILE_NAMES.get(node) ?? 'image.png')})`);
  if (Array.isArray(node)) return node.map(asCode);
  if (isObject(node)) return Object.fromEntries(Object.entries(node).map(([key, member]) => [key, asCode(member)]));
  return node;
}

/** The comment over a client sample that cannot send the example byte for byte. */
function differenceComment(match: CanonicalMatch, body: unknown): string {
  const example = leaves(body);
  const extra = match.differences.filter((pointer) => !example.has(pointer));
  const other = match.differences.filter((pointer) => example.has(pointer));
  const parts = [
    extra.length > 0 ? `it also sends ${extra.join(', ')}` : '',
    other.length > 0 ? `it cannot send ${other.join(', ')} as documented` : '',
  ].filter(Boolean);
  return [
    `// No canonical request gives the documented example exactly (${parts.join('; ')}).`,
    '// The createRawClient sample sends the example as documented.',
  ].join('\n');
}

function clientHeader(baseUrl: string, extraImports: string[] = [], names = 'createClient'): string[] {
  return [
    ...extraImports,
    `import { ${names} } from '${PACKAGE}';`,
    '',
    `const client = createClient({ baseUrl: ${tsString(baseUrl)}, apiKey: ${KEY_EXPRESSION} });`,
  ];
}

/** A handle for a task the example names: what `client.submit` returned, stored as plain JSON. */
function handleValue(dialect: DialectId, model: string, taskId: string, baseUrl: string): string {
  return tsValue({ v: 1, dialect, model, taskId, baseUrl });
}

/** The createClient sample for an operation the client sends, or undefined for one it does not. */
function clientSample(
  call: ClientCall | undefined,
  dialect: DialectId,
  baseUrl: string,
  example: ChosenExample,
  model: string,
  canonical: CanonicalMatch | undefined,
): string | undefined {
  if (call === 'submit' && canonical) {
    const value = asCode(canonical.request);
    const readsFiles = tsValue(value).includes('await readFile(');
    return [
      ...clientHeader(baseUrl, readsFiles ? ["import { readFile } from 'node:fs/promises';"] : []),
      ...(canonical.exact ? [] : ['', differenceComment(canonical, example.body)]),
      `const handle = await client.submit(${tsValue(value)});`,
      '// The handle is plain JSON (never the key): store it to resume the wait anywhere.',
      'const task = await client.wait(handle, { onProgress: (progress) => console.log(progress.status, progress.progress) });',
      'console.log(task.status, task.videoUrl);',
    ].join('\n');
  }
  const taskId = String(Object.values(example.path)[0] ?? '');
  if (call === 'get') {
    return [
      ...clientHeader(baseUrl),
      '',
      `const task = await client.get(${handleValue(dialect, model, taskId, baseUrl)});`,
      'console.log(task.status, task.progress, task.videoUrl);',
    ].join('\n');
  }
  if (call === 'deleteTask') {
    return [
      ...clientHeader(baseUrl, [], 'createClient, type TaskHandle'),
      `const handle: TaskHandle = ${handleValue(dialect, model, taskId, baseUrl)};`,
      '',
      '// One DELETE, two acts: cancel a task still queued, or delete a finished one and its video.',
      'await client.cancel(handle);',
      '// await client.delete(handle);',
    ].join('\n');
  }
  return undefined;
}

/** The raw client sample: the example sent as documented, through the typed openapi-fetch client. */
function rawClientSample(dialect: DialectId, baseUrl: string, operation: Operation, example: ChosenExample): string {
  const params: Record<string, unknown> = {};
  if (Object.keys(example.path).length > 0) params.path = example.path;
  if (Object.keys(example.query).length > 0) params.query = example.query;
  const init: Record<string, unknown> = {};
  if (Object.keys(params).length > 0) init.params = params;
  const imports = [`import { createRawClient } from '${PACKAGE}/dialects/${dialect}';`];
  let readsFiles = false;
  if (example.body !== undefined) {
    const body = { ...(example.body as Record<string, unknown>) };
    for (const field of example.fileFields) {
      if (!(field in body)) continue;
      readsFiles = true;
      // The generated type spells a binary field as a string; the client sends a File as the file part it means.
      body[field] = new Code(`new File([await readFile(${tsString(String(body[field]))})], ${tsString(String(body[field]))}) as unknown as string`);
    }
    init.body = body;
  }
  if (readsFiles) imports.unshift("import { readFile } from 'node:fs/promises';");
  const download = downloadType(operation);
  if (download) init.parseAs = 'arrayBuffer';
  if (download) imports.unshift("import { writeFile } from 'node:fs/promises';");
  const method = operation.method.toUpperCase();
  const call =
    Object.keys(init).length > 0 ? `client.${method}(${tsString(operation.path)}, ${tsValue(init)})` : `client.${method}(${tsString(operation.path)})`;
  return [
    ...imports,
    '',
    `const client = createRawClient({ baseUrl: ${tsString(baseUrl)}, apiKey: ${KEY_EXPRESSION} });`,
    `const { data, error, response } = await ${call};`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample's own template literal, printed as code
    'if (error !== undefined) throw new Error(`HTTP ${response.status}: ${JSON.stringify(error)}`);',
    download ? `await writeFile(${tsString(outputFileOf(download))}, new Uint8Array(data));` : 'console.log(data);',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Public SDKs

/** What an SDK sample is made of, and whether the SDK sends the example exactly (checked by running it). */
interface SdkSample {
  label: string;
  source: string;
}

interface SdkContext {
  dialect: DialectId;
  baseUrl: string;
  operation: Operation;
  example: ChosenExample;
  /** The operation the adapter's client call sends (createTask-like: 'submit'). */
  call: ClientCall | undefined;
}

/** A fetch that records the body it is given and answers 400, so the SDK stops there. */
function recordingFetch(): { fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>; sent: () => unknown } {
  let body: unknown;
  return {
    fetch: async (input, init) => {
      // An SDK may hand over a whole Request (OpenRouter's does) instead of a URL and its init.
      body ??= init?.body ?? (input instanceof Request ? await input.text() : undefined);
      return new Response(JSON.stringify({ error: { message: 'recorded', code: 'Recorded' } }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    },
    // A JSON body as its value; a form (the SDK's own FormData) as its fields, every value a string.
    sent: () =>
      typeof body === 'string'
        ? JSON.parse(body)
        : body instanceof FormData || (isObject(body) && typeof body.entries === 'function')
          ? Object.fromEntries([...(body as FormData).entries()].map(([key, value]) => [key, String(value)]))
          : undefined,
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  const left = leaves(a);
  const right = leaves(b);
  return left.size === right.size && [...left].every(([pointer, value]) => right.has(pointer) && Object.is(right.get(pointer), value));
}

function notExactComment(sdk: string, what: string): string {
  return `// ${sdk} cannot send this example exactly (${what}); the createRawClient sample sends it as documented.`;
}

/** The base URL an SDK takes: the server plus the part of the operation's path before the SDK's own (`/api/v3` for `/contents/generations/tasks`). */
function sdkBaseUrl(baseUrl: string, operation: Operation, own: string): string | undefined {
  const path = operation.path.replace(/\{[^}]+\}/g, '{}');
  const ownPath = own.replace(/\{[^}]+\}/g, '{}');
  return path.endsWith(ownPath) ? `${baseUrl.replace(/\/+$/, '')}${path.slice(0, path.length - ownPath.length)}` : undefined;
}

const CAMEL_OPTIONS: Record<string, string> = {
  watermark: 'watermark',
  camera_fixed: 'cameraFixed',
  return_last_frame: 'returnLastFrame',
  service_tier: 'serviceTier',
  draft: 'draft',
};

/**
 * The AI SDK's ByteDance provider (`@ai-sdk/bytedance`, `experimental_generateVideo`): it submits
 * and polls Ark's task API itself, so it is shown on the submit. Options it has a name for are
 * used by that name; every other body field goes through `providerOptions.bytedance`, which the
 * provider copies into the body as it is.
 */
async function aiSdkSample({ baseUrl, operation, example, call }: SdkContext): Promise<SdkSample | undefined> {
  if (call !== 'submit' || !isJsonObject(example.body)) return undefined;
  const sdkBase = sdkBaseUrl(baseUrl, operation, '/contents/generations/tasks');
  if (!sdkBase) return undefined;
  const { model, content, ...rest } = example.body;
  const items = Array.isArray(content) ? content.filter((item): item is JsonObject => isObject(item)) : [];
  const text = items.find((item) => item.type === 'text');
  const prompt = typeof text?.text === 'string' ? text.text : '';
  const options: { aspectRatio?: AspectRatio; duration?: number; seed?: number; generateAudio?: boolean } = {};
  const providerOptions: JsonObject = {};
  // The provider makes the prompt the only content item; any other content is passed as it is.
  if (!(items.length === 1 && text) && content !== undefined) providerOptions.content = content;
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'ratio' && isAspectRatio(value)) options.aspectRatio = value;
    // The provider leaves out a duration or seed of 0; passed as they are, they are sent.
    else if (key === 'duration' && typeof value === 'number' && value !== 0) options.duration = value;
    else if (key === 'seed' && typeof value === 'number' && value !== 0) options.seed = value;
    else if (key === 'generate_audio' && typeof value === 'boolean') options.generateAudio = value;
    else providerOptions[CAMEL_OPTIONS[key] ?? key] = value;
  }
  // Checked: the provider's own request, recorded instead of sent, must be the example.
  const recorder = recordingFetch();
  const provider = createByteDance({ baseURL: sdkBase, apiKey: 'recorded', fetch: recorder.fetch });
  await experimental_generateVideo({
    model: provider.video(String(model)),
    prompt,
    ...options,
    providerOptions: { bytedance: providerOptions },
    maxRetries: 0,
  }).catch(() => undefined);
  const exact = sameJson(recorder.sent(), example.body);
  const shown = {
    model: new Code(`byteDance.video(${tsString(String(model))})`),
    prompt,
    ...options,
    ...(Object.keys(providerOptions).length > 0 ? { providerOptions: { bytedance: providerOptions } } : {}),
  };
  return {
    label: 'AI SDK',
    source: [
      "import { createByteDance } from '@ai-sdk/bytedance';",
      "import { experimental_generateVideo as generateVideo } from 'ai';",
      '',
      `const byteDance = createByteDance({ baseURL: ${tsString(sdkBase)}, apiKey: process.env.${KEY_VARIABLE} });`,
      ...(exact ? [] : [notExactComment('The AI SDK', 'the provider builds part of the body itself')]),
      '// Submits the task, polls it until it ends, and downloads the video.',
      `const { video } = await generateVideo(${tsValue(shown)});`,
      'console.log(video.mediaType, video.uint8Array.length);',
    ].join('\n'),
  };
}

type AspectRatio = `${number}:${number}` | 'adaptive';

function isAspectRatio(value: unknown): value is AspectRatio {
  return typeof value === 'string' && /^(\d+:\d+|adaptive)$/.test(value);
}

/** A parsed example body (YAML read as JSON): its members are JSON values. */
function isJsonObject(value: unknown): value is JsonObject {
  return isObject(value);
}

/** The OpenAI SDK's video calls (`openai.videos`), which the multipart dialect mirrors: create, retrieve, downloadContent. */
async function openAiSample({ baseUrl, operation, example }: SdkContext): Promise<SdkSample | undefined> {
  const methods: Array<[string, string, string]> = [
    ['post', '/videos', 'create'],
    ['get', '/videos/{id}', 'retrieve'],
    ['get', '/videos/{id}/content', 'downloadContent'],
  ];
  const found = methods.find(([method, path]) => method === operation.method && sdkBaseUrl(baseUrl, operation, path));
  if (!found) return undefined;
  const [, ownPath, method] = found;
  const sdkBase = sdkBaseUrl(baseUrl, operation, ownPath)!;
  const header = ["import OpenAI from 'openai';"];
  const client = `const openai = new OpenAI({ baseURL: ${tsString(sdkBase)}, apiKey: process.env.${KEY_VARIABLE} });`;
  const id = String(Object.values(example.path)[0] ?? '');
  if (method === 'retrieve') {
    return {
      label: 'OpenAI SDK',
      source: [...header, '', client, `const video = await openai.videos.retrieve(${tsString(id)});`, 'console.log(video.status, video.progress);'].join('\n'),
    };
  }
  if (method === 'downloadContent') {
    return {
      label: 'OpenAI SDK',
      source: [
        "import { writeFile } from 'node:fs/promises';",
        ...header,
        '',
        client,
        `const content = await openai.videos.downloadContent(${tsString(id)});`,
        "await writeFile('video.mp4', new Uint8Array(await content.arrayBuffer()));",
      ].join('\n'),
    };
  }
  if (!isObject(example.body)) return undefined;
  // The SDK has no field for the dialect's frame files (its own upload is input_reference).
  const { model, prompt, seconds, size, ...rest } = example.body;
  const typeImports = new Set<string>();
  const params: Record<string, unknown> = { model, prompt };
  if (seconds !== undefined) {
    // OpenAI's types list Sora's durations ('4', '8', '12'); the gateway takes others.
    const value = String(seconds);
    params.seconds = ['4', '8', '12'].includes(value) ? value : new Code(`${tsString(value)} as VideoSeconds`);
    if (params.seconds instanceof Code) typeImports.add('VideoSeconds');
  }
  if (size !== undefined) {
    // OpenAI's types list Sora's pixel sizes; the gateway takes a ratio there.
    params.size = new Code(`${tsString(String(size))} as VideoSize`);
    typeImports.add('VideoSize');
  }
  const recorder = recordingFetch();
  const openai = new OpenAI({ baseURL: sdkBase, apiKey: 'recorded', fetch: recorder.fetch, maxRetries: 0 });
  const plain = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, value instanceof Code ? String(key === 'size' ? size : seconds) : value]),
  );
  await openai.videos.create(plain as unknown as Parameters<typeof openai.videos.create>[0]).catch(() => undefined);
  const fields = recorder.sent();
  const expected = Object.fromEntries(Object.entries(example.body).map(([key, value]) => [key, String(value)]));
  const exact = Object.keys(rest).length === 0 && sameJson(fields, expected);
  return {
    label: 'OpenAI SDK',
    source: [
      ...header,
      ...(typeImports.size > 0 ? [`import type { ${[...typeImports].sort().join(', ')} } from 'openai/resources/videos';`] : []),
      '',
      client,
      ...(exact ? [] : [notExactComment('The OpenAI SDK', `it has no field for ${Object.keys(rest).join(', ')}`)]),
      `const video = await openai.videos.create(${tsValue(params)});`,
      'console.log(video.id, video.status);',
    ].join('\n'),
  };
}

/** snake_case keys as the OpenRouter SDK's camelCase ones, at any depth (`frame_images[].image_url` → `frameImages[].imageUrl`). */
function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()), camelKeys(item)]),
  );
}

/**
 * OpenRouter's own SDK (`@openrouter/sdk`, `client.videoGeneration`): generate, getGeneration,
 * getVideoContent and listVideosModels, on the server URL before the SDK's own `/videos` paths.
 */
async function openRouterSample({ baseUrl, operation, example }: SdkContext): Promise<SdkSample | undefined> {
  const methods: Array<[string, string, string]> = [
    ['post', '/videos', 'generate'],
    ['get', '/videos/models', 'listVideosModels'],
    ['get', '/videos/{id}', 'getGeneration'],
    ['get', '/videos/{id}/content', 'getVideoContent'],
  ];
  const found = methods.find(([method, path]) => method === operation.method && sdkBaseUrl(baseUrl, operation, path));
  if (!found) return undefined;
  const [, ownPath, method] = found;
  const serverURL = sdkBaseUrl(baseUrl, operation, ownPath)!;
  const header = [
    "import { OpenRouter } from '@openrouter/sdk';",
    '',
    `const openRouter = new OpenRouter({ serverURL: ${tsString(serverURL)}, apiKey: process.env.${KEY_VARIABLE} });`,
  ];
  const jobId = String(Object.values(example.path)[0] ?? '');
  const call = (line: string, after: string[]) => ({ label: 'OpenRouter SDK', source: [...header, line, ...after].join('\n') });
  if (method === 'listVideosModels')
    return call('const { data } = await openRouter.videoGeneration.listVideosModels();', ['console.log(data.map((model) => model.id));']);
  if (method === 'getGeneration')
    return call(`const job = await openRouter.videoGeneration.getGeneration({ jobId: ${tsString(jobId)} });`, ['console.log(job.status, job.unsignedUrls);']);
  if (method === 'getVideoContent') {
    const index = Number(example.query.index ?? 0);
    return {
      label: 'OpenRouter SDK',
      source: [
        "import { writeFile } from 'node:fs/promises';",
        ...header,
        `const video = await openRouter.videoGeneration.getVideoContent({ jobId: ${tsString(jobId)}, index: ${index} });`,
        "await writeFile('video.mp4', new Uint8Array(await new Response(video).arrayBuffer()));",
      ].join('\n'),
    };
  }
  if (!isObject(example.body)) return undefined;
  const request = camelKeys(example.body);
  // Checked: the SDK's own request, recorded instead of sent, must be the example.
  const recorder = recordingFetch();
  const sdk = new OpenRouter({ serverURL, apiKey: 'recorded', httpClient: new HTTPClient({ fetcher: recorder.fetch }) });
  await sdk.videoGeneration
    .generate({ videoGenerationRequest: request as Parameters<typeof sdk.videoGeneration.generate>[0]['videoGenerationRequest'] })
    .catch(() => undefined);
  const exact = sameJson(recorder.sent(), example.body);
  return call(
    [
      ...(exact ? [] : [notExactComment('The OpenRouter SDK', 'it renames or drops some fields')]),
      `const job = await openRouter.videoGeneration.generate({ videoGenerationRequest: ${tsValue(request)} });`,
    ].join('\n'),
    ['// Poll job.pollingUrl (getGeneration) until it is completed, then getVideoContent.', 'console.log(job.id, job.status, job.pollingUrl);'],
  );
}

/**
 * The public SDKs that speak a dialect, by dialect id. A dialect's SDK sample is one entry here;
 * the tests hold every key to a dialect the documents define.
 */
export const SDK_SAMPLES: Partial<Record<string, (context: SdkContext) => Promise<SdkSample | undefined>>> = {
  ark: aiSdkSample,
  'multipart-videos': openAiSample,
  openrouter: openRouterSample,
};

// ---------------------------------------------------------------------------------------------

/** What the page says about its samples: where they send, and how to aim them at the simulator. */
export function samplesNote(contract: SourceDocument): string {
  const base = sampleBaseUrl(contract.document);
  const shownAs = [
    'curl',
    "the project's client (`createClient`)",
    `this dialect's raw typed client (\`createRawClient\` from \`${PACKAGE}/dialects/${contract.dialect}\`)`,
  ];
  if (SDK_SAMPLES[contract.dialect]) shownAs.push('the public SDK that speaks it');
  return [
    '## Code samples',
    '',
    'Every operation shows one of its documented examples (`text-to-video` where there is one, else the first the documents answer with success)',
    `as ${shownAs.slice(0, -1).join(', ')} and ${shownAs.at(-1)}, in the request panel's menu.`,
    `They send to \`${base}\`, this document's first server, with the key from \`$${KEY_VARIABLE}\`.`,
    `To try them offline, start the simulator (\`npx seedance start\`) and use \`http://127.0.0.1:4010/${contract.dialect}\` instead.`,
  ].join('\n');
}

/** The samples of every operation of a document. */
export async function samplesFor(contract: SourceDocument): Promise<OperationSamples[]> {
  const dialect = contract.dialect;
  const baseUrl = sampleBaseUrl(contract.document);
  const operations = loadOperations(contract);
  const known = isDialectId(dialect) && dialect in dialects;
  const calls = known ? await adapterCalls(dialect) : new Map<string, ClientCall>();
  const submit = operations.find((operation) => calls.get(`${operation.method} ${operation.path}`) === 'submit');
  const submitExample = submit ? chooseExample(submit) : undefined;
  const model = isObject(submitExample?.body) && typeof submitExample.body.model === 'string' ? submitExample.body.model : '';
  const result: OperationSamples[] = [];
  for (const operation of operations) {
    const example = chooseExample(operation);
    const call = calls.get(`${operation.method} ${operation.path}`);
    const samples: CodeSample[] = [{ lang: 'Shell', label: 'curl', source: curlSample(baseUrl, operation, example) }];
    let canonical: CanonicalMatch | undefined;
    if (known) {
      if (call === 'submit') canonical = await canonicalFor(dialect, example.body, example.fileFields);
      const client = clientSample(call, dialect, baseUrl, example, model, canonical);
      if (client) samples.push({ lang: 'TypeScript', label: 'createClient', source: client });
      samples.push({ lang: 'TypeScript', label: 'createRawClient', source: rawClientSample(dialect, baseUrl, operation, example) });
      const sdk = await SDK_SAMPLES[dialect]?.({ dialect, baseUrl, operation, example, call });
      if (sdk) samples.push({ lang: 'TypeScript', ...sdk });
    }
    result.push({ operationId: operation.operationId, method: operation.method, path: operation.path, example, samples, ...(canonical ? { canonical } : {}) });
  }
  return result;
}
