// Sending one replay case through the dialect's typed client, and the contract check of a live
// answer. Shared by the conformance suite (test/conformance/) and the simulator's conformance test.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dialects, type DialectId } from '../../src/dialects/index.ts';
import { binaryFields, type SourceDocument } from '../support/contracts.ts';
import { validateResponse, type Diagnostic, type IHttpOperation } from '../support/prism-validation.ts';
import type { ReplayCase } from './cases.ts';

const FIXTURES = resolve(import.meta.dirname, '../../mocks/fixtures');

type AnyRequest = (
  method: string,
  path: string,
  init: {
    params: { path: Record<string, string>; query: Record<string, string | string[]> };
    body?: unknown;
    headers?: Record<string, string>;
    parseAs: 'json' | 'text';
  },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** The dialect's typed client; examples are discovered at run time, so the call goes through `request`. */
function clientFor(dialect: DialectId, baseUrl: string, key: string | undefined): AnyRequest {
  const client = dialects[dialect].createRawClient({ baseUrl, ...(key === undefined ? {} : { apiKey: key }) });
  return client.request as unknown as AnyRequest;
}

/** Multipart file fields name a fixture; they are sent as real files, never as text. */
function requestBody(contract: SourceDocument, replay: ReplayCase): unknown {
  const { request, operation } = replay;
  if (!request.mediaType?.startsWith('multipart/') || typeof request.body !== 'object' || request.body === null) return request.body;
  const files = binaryFields(contract.document, operation, request.mediaType);
  return Object.fromEntries(
    Object.entries(request.body).map(([name, value]) => {
      const fixture = resolve(FIXTURES, String(value));
      return files.has(name) && existsSync(fixture) ? [name, new File([readFileSync(fixture)], String(value), { type: 'image/png' })] : [name, value];
    }),
  );
}

export async function send(contract: SourceDocument, replay: ReplayCase, baseUrl: string, options: { key?: string; prefer?: string } = {}) {
  const expectedMedia = replay.expected?.mediaType ?? 'application/json';
  const call = clientFor(contract.dialect as DialectId, baseUrl, options.key);
  return call(replay.operation.method, replay.operation.path, {
    params: { path: replay.request.path, query: replay.request.query },
    ...(replay.request.body === undefined ? {} : { body: requestBody(contract, replay) }),
    ...(options.prefer ? { headers: { Prefer: options.prefer } } : {}),
    parseAs: expectedMedia.includes('json') ? 'json' : 'text',
  });
}

/**
 * What the contract says of an answer it did not choose: the status must be one the operation
 * documents, and a JSON body must match that status's schema. Returns the problems (none = conforms).
 */
export function contractProblems(prismOperation: IHttpOperation, documented: string[], response: Response, body: unknown): Array<Diagnostic | string> {
  if (!documented.includes(String(response.status))) return [`status ${response.status} is not documented (documented: ${documented.join(', ')})`];
  const mediaType = response.headers.get('content-type')?.split(';')[0] ?? 'application/json';
  return mediaType.includes('json') ? validateResponse(prismOperation, String(response.status), mediaType, body) : [];
}
