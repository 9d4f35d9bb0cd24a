// Validates requests and responses with Prism's own validator (the code the mock server runs), so
// "valid" here means exactly what it means to Prism: OpenAPI 3.1 schemas checked with draft-07
// semantics, multipart bodies parsed and coerced, query strings coerced.
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { validateInput, validateOutput } from '@stoplight/prism-http/dist/validator/index.js';
import type { SourceDocument, RequestCase } from './contracts.ts';

export interface Diagnostic {
  /** Where Prism found the problem, e.g. ['body', 'content', '1', 'role'] or ['query', 'page_size']. */
  path: string[];
  code: string;
  message: string;
}

type PrismResult = { _tag: 'Left'; left: ReadonlyArray<{ path?: string[]; code?: string | number; message: string }> } | { _tag: 'Right' };

export type IHttpOperation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];

const MULTIPART_BOUNDARY = 'seedance-contract-boundary';

export async function prismOperations(contract: SourceDocument): Promise<Map<string, IHttpOperation>> {
  const operations = await getHttpOperationsFromSpec(contract.file);
  return new Map(operations.map((operation) => [`${operation.method} ${operation.path}`, operation]));
}

function diagnostics(result: PrismResult): Diagnostic[] {
  if (result._tag === 'Right') return [];
  return result.left.map((d) => ({ path: d.path ?? [], code: String(d.code ?? ''), message: d.message }));
}

/** Serialises a multipart/form-data body as Prism's server receives it (as text). */
function multipartBody(fields: Record<string, unknown>, fileFields: Set<string>): string {
  const parts = Object.entries(fields).map(([name, value]) => {
    const disposition = fileFields.has(name)
      ? `Content-Disposition: form-data; name="${name}"; filename="${String(value)}"\r\nContent-Type: image/png`
      : `Content-Disposition: form-data; name="${name}"`;
    return `--${MULTIPART_BOUNDARY}\r\n${disposition}\r\n\r\n${String(value)}\r\n`;
  });
  return `${parts.join('')}--${MULTIPART_BOUNDARY}--\r\n`;
}

function renderPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? `missing-${name}`));
}

export function validateRequest(operation: IHttpOperation, request: RequestCase, fileFields: Set<string> = new Set()): Diagnostic[] {
  const headers: Record<string, string> = {};
  let body: unknown;
  if (request.mediaType !== undefined && request.body !== undefined) {
    if (request.mediaType.startsWith('multipart/form-data')) {
      body = multipartBody(request.body as Record<string, unknown>, fileFields);
      headers['content-type'] = `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`;
      headers['content-length'] = String(Buffer.byteLength(body as string));
    } else {
      body = request.body;
      headers['content-type'] = request.mediaType;
      headers['content-length'] = String(Buffer.byteLength(JSON.stringify(request.body)));
    }
  }
  const result = validateInput({
    resource: operation,
    element: {
      method: operation.method as 'get',
      url: { path: renderPath(operation.path, request.path), query: request.query },
      headers,
      body,
    },
  }) as unknown as PrismResult;
  return diagnostics(result);
}

export function validateResponse(operation: IHttpOperation, status: string, mediaType: string, body: unknown): Diagnostic[] {
  const result = validateOutput({
    resource: operation,
    element: { statusCode: Number(status), headers: { 'content-type': mediaType }, body },
  }) as unknown as PrismResult;
  return diagnostics(result);
}
