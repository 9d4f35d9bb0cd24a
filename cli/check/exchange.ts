// Sends one documented example to a live server and reads the answer, with plain fetch: the check
// needs nothing but the generated bundles and node. Multipart file fields are sent as files (the
// package's fixture when the example names one, else a few bytes under that name).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { contracts } from '../../src/contracts/index.ts';
import type { DialectId } from '../../generated/dialects.ts';
import { packageRoot } from '../version.ts';
import type { ConformanceOperation, ExampleRequest } from './bundle.ts';

export interface GatewayAnswer {
  status: number;
  mediaType: string;
  /** Parsed JSON, or undefined for other bodies. */
  body: unknown;
  /** Set when the body claimed JSON but did not parse. */
  unparsable?: string;
}

function fileFields(dialect: DialectId, operationId: string): Set<string> {
  const schema = contracts[dialect].operations[operationId]?.requestSchema as
    | { properties?: Record<string, { format?: string; contentMediaType?: string }> }
    | undefined;
  return new Set(
    Object.entries(schema?.properties ?? {})
      .filter(([, property]) => property.format === 'binary' || property.contentMediaType !== undefined)
      .map(([name]) => name),
  );
}

/** A file field's example value names a shipped fixture (sent as a real file); any other value is sent as a text part,
 * as the documents' negative examples intend (a URL where a file belongs must reach the gateway as text). */
function fixtureFile(name: string): File | undefined {
  const fixture = resolve(packageRoot(), 'mocks/fixtures', name);
  if (!/^[\w.-]+$/.test(name) || !existsSync(fixture)) return undefined;
  return new File([readFileSync(fixture)], name, {
    type: name.endsWith('.png') ? 'image/png' : name.endsWith('.mp4') ? 'video/mp4' : 'application/octet-stream',
  });
}

function requestBody(dialect: DialectId, operationId: string, example: ExampleRequest): { body?: BodyInit; contentType?: string } {
  if (example.body === undefined) return {};
  if (!example.mediaType?.startsWith('multipart/')) return { body: JSON.stringify(example.body), contentType: example.mediaType ?? 'application/json' };
  const files = fileFields(dialect, operationId);
  const form = new FormData();
  for (const [name, value] of Object.entries(example.body as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const file = files.has(name) ? fixtureFile(String(item)) : undefined;
      if (file) form.append(name, file);
      else form.append(name, typeof item === 'string' ? item : JSON.stringify(item));
    }
  }
  return { body: form };
}

function exampleUrl(base: string, operation: ConformanceOperation, example: ExampleRequest): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(example.path[name] ?? 'conformance-check-unknown-id'));
  const url = new URL(`${base}${path}`);
  for (const [name, value] of Object.entries(example.query)) for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, item);
  return url.href;
}

export async function send(
  dialect: DialectId,
  base: string,
  operationId: string,
  operation: ConformanceOperation,
  example: ExampleRequest,
  key: string | undefined,
): Promise<GatewayAnswer> {
  const { body, contentType } = requestBody(dialect, operationId, example);
  const headers: Record<string, string> = {
    accept: 'application/json, */*',
    ...(contentType ? { 'content-type': contentType } : {}),
    ...(key ? { authorization: `Bearer ${key}` } : {}),
  };
  const response = await fetch(exampleUrl(base, operation, example), {
    method: operation.method.toUpperCase(),
    headers,
    ...(body === undefined ? {} : { body }),
    signal: AbortSignal.timeout(30_000),
  });
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  if (!mediaType.includes('json')) {
    await response.arrayBuffer();
    return { status: response.status, mediaType, body: undefined };
  }
  const text = await response.text();
  try {
    return { status: response.status, mediaType, body: JSON.parse(text) };
  } catch {
    return { status: response.status, mediaType, body: undefined, unparsable: text.slice(0, 120) };
  }
}
