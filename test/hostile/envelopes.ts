// What a refusal may look like on the wire, read from the documents: for each dialect, every schema
// its documents give an error status (4xx/5xx), and the plain envelope the simulator uses for
// paths under no dialect. A refusal must validate against one of them.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { DialectId } from '../../generated/dialects.ts';
import { loadContracts, type JsonObject } from '../support/contracts.ts';

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });

/** The simulator's own envelope, for requests that name no dialect. */
const PLAIN = ajv.compile({
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['message', 'type'], properties: { message: { type: 'string' }, type: { type: 'string' } } } },
});

function errorSchemaRefs(document: JsonObject, id: string): Array<Record<string, unknown>> {
  const refs: Array<Record<string, unknown>> = [];
  const responses = (document.components as JsonObject | undefined)?.responses as JsonObject | undefined;
  for (const item of Object.values((document.paths ?? {}) as JsonObject)) {
    for (const operation of Object.values(item as JsonObject)) {
      for (const [status, declared] of Object.entries(((operation as JsonObject).responses ?? {}) as JsonObject)) {
        if (Number(status) < 400) continue;
        const ref = (declared as JsonObject).$ref;
        const response = (typeof ref === 'string' ? responses?.[ref.split('/').pop() ?? ''] : declared) as JsonObject | undefined;
        const content = (response?.content ?? {}) as JsonObject;
        for (const [mediaType, media] of Object.entries(content)) {
          const schema = (media as JsonObject).schema as JsonObject | undefined;
          if (!mediaType.includes('json') || !schema) continue;
          // Refs in the document are relative to it; rebase them on the document's $id.
          refs.push(JSON.parse(JSON.stringify(schema).replaceAll('"#/', `"${id}#/`)) as Record<string, unknown>);
        }
      }
    }
  }
  return refs;
}

const validators = new Map<string, (body: unknown) => boolean>();
for (const contract of loadContracts()) {
  const id = `urn:seedance:${contract.dialect}`;
  ajv.addSchema({ ...contract.document, $id: id } as Record<string, unknown>, id);
  const checks = errorSchemaRefs(contract.document, id).map((schema) => ajv.compile(schema));
  validators.set(contract.dialect, (body) => checks.some((check) => check(body)));
}

/** Whether `body` is a documented refusal of `dialect` (or the plain envelope, without a dialect). */
export function isDocumentedRefusal(dialect: DialectId | undefined, body: unknown): boolean {
  if (!dialect) return PLAIN(body);
  return validators.get(dialect)?.(body) ?? false;
}
