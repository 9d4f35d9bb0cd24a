// What the traffic tests share: a scripted gateway on loopback (it answers what the test tells it
// and keeps every request as it arrived), the documents' own request and response examples to
// build its answers and the requests from, and HAR validation with har-validator.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { har as validateHar } from 'har-validator';
import { conformance } from '../../cli/check/bundle.ts';
import { contracts } from '../../src/contracts/index.ts';
import type { DialectId } from '../../generated/dialects.ts';
import type { RequestCase } from '../../src/example-cases.ts';
import { loadContracts, loadOperations, type ResponseExample } from '../support/contracts.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** What the scripted gateway answers one request with. */
export interface Scripted {
  status: number;
  headers?: Record<string, string | string[]>;
  /** A JSON value (sent as application/json unless headers say otherwise), text, or bytes. */
  body?: unknown;
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ScriptedGateway {
  url: string;
  port: number;
  /** Every request, as it arrived. */
  received: Received[];
  /** The answers to give, in order; an empty script answers 599 (which no test expects). */
  script: Scripted[];
  /** Or a handler, for answers a script cannot give (streams, Range). */
  handler?: ((request: Received, response: ServerResponse) => void) | undefined;
  close(): Promise<void>;
}

function bytesOf(body: unknown): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  if (body instanceof Uint8Array) return Buffer.from(body);
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
}

export async function startScriptedGateway(): Promise<ScriptedGateway> {
  const gateway: Omit<ScriptedGateway, 'url' | 'port' | 'close'> = { received: [], script: [] };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) };
      gateway.received.push(received);
      if (gateway.handler) return gateway.handler(received, response);
      const answer = gateway.script.shift() ?? { status: 599, body: 'no scripted answer' };
      const body = bytesOf(answer.body);
      const json = answer.body !== undefined && !(answer.body instanceof Uint8Array) && typeof answer.body !== 'string';
      response.writeHead(answer.status, { ...(json ? { 'content-type': 'application/json' } : {}), 'content-length': body.length, ...answer.headers });
      response.end(body);
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(gateway, {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  });
}

const operations = new Map(loadContracts().map((contract) => [contract.dialect, loadOperations(contract)]));

/** The documents' named response examples of an operation (JSON ones, with their status). */
export function responseExamples(dialect: DialectId, operationId: string): ResponseExample[] {
  const operation = operations.get(dialect)?.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`openapi/${dialect}.yaml has no operation ${operationId}`);
  return operation.responses;
}

/** One named response example, deep-copied so a test may mutate it. */
export function responseExample(dialect: DialectId, operationId: string, status: string, name?: string): Record<string, unknown> {
  const found = responseExamples(dialect, operationId).find((example) => example.status === status && (name === undefined || example.name === name));
  if (!found) throw new Error(`${dialect} ${operationId} has no ${status} example ${name ?? ''}`);
  return structuredClone(found.value) as Record<string, unknown>;
}

/** The operation's documented request examples, and the negative ones (each names the rule it breaks). */
export function requestExamples(dialect: DialectId, operationId: string) {
  const operation = conformance[dialect].operations[operationId];
  if (!operation) throw new Error(`${dialect} has no operation ${operationId}`);
  return operation;
}

/** The request path of an example (its path parameters filled in) and its query string. */
export function exampleTarget(dialect: DialectId, operationId: string, example: RequestCase): string {
  const operation = requestExamples(dialect, operationId);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(example.path[name] ?? 'task-1'));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(example.query)) for (const item of Array.isArray(value) ? value : [value]) query.append(name, item);
  return `${path}${query.size > 0 ? `?${query}` : ''}`;
}

/** A request example's body as sent: JSON, or multipart with the shipped fixtures as file parts. */
export function exampleBody(dialect: DialectId, operationId: string, example: RequestCase): { body?: BodyInit; headers: Record<string, string> } {
  if (example.body === undefined) return { headers: {} };
  if (!example.mediaType?.startsWith('multipart/'))
    return { body: JSON.stringify(example.body), headers: { 'content-type': example.mediaType ?? 'application/json' } };
  const files = new Set(Object.keys(contracts[dialect].operations[operationId]?.requestEncoding ?? {}));
  const form = new FormData();
  for (const [name, value] of Object.entries(example.body as Record<string, unknown>)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const fixture = resolve(ROOT, 'mocks/fixtures', text);
    if (files.has(name) && /^[\w.-]+$/.test(text)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(fixture);
      } catch {
        form.append(name, text);
        continue;
      }
      form.append(name, new File([new Uint8Array(bytes)], text, { type: text.endsWith('.png') ? 'image/png' : 'application/octet-stream' }));
    } else form.append(name, text);
  }
  return { body: form, headers: {} };
}

/** Whether a HAR document is valid HAR 1.2 (har-validator): its error list, empty when valid. */
export async function harProblems(document: unknown): Promise<string> {
  try {
    await validateHar(document);
    return '';
  } catch (error) {
    const errors = (error as { errors?: Array<{ dataPath?: string; message?: string }> }).errors ?? [];
    return errors.map((entry) => `${entry.dataPath ?? ''} ${entry.message ?? ''}`).join('\n') || String(error);
  }
}
