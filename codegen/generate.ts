// Writes generated/<dialect>.contract.json: what the client needs at run time to validate a
// request before sending it, taken from the OpenAPI document and nothing else. Each operation
// keeps its method, path, request media type, request schema (references inlined; descriptions,
// examples and provenance stripped, `x-rule` markers kept) and its x-rules; and each status schema's
// canonical-status table. With --check, compares instead of writing and exits 1 on drift, like
// `openapi-typescript --check`. Beside each, generated/<dialect>.conformance.json holds what
// `seedance check` replays (see codegen/conformance-bundle.ts), generated/<dialect>.client.json
// the part of the contract a client ships, generated/<dialect>.errors.json the error words of
// the documented answers, which the simulator's refusals use, and generated/<dialect>.validate.ts
// the request validators ajv compiles from the bundle (codegen/validators.ts).
//   npx tsx codegen/generate.ts [--check]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deref, loadContracts, loadOperations, markedRules, type JsonObject } from './contract-loader.ts';
import { CLIENT_OPERATIONS } from '../src/contracts/types.ts';
import { conformanceBundle } from './conformance-bundle.ts';
import { adaptersBarrel, dialectsModule, registryModule, simulatorsBarrel } from './registry.ts';
import { validatorModule } from './validators.ts';

// `default` stays: the simulator answers with the contract's defaults for fields a request left out.
const DROPPED_KEYS = new Set(['description', 'summary', 'title', 'examples', 'example', 'externalDocs']);

/** Inlines local references and drops what validation does not read. */
function strip(document: JsonObject, node: unknown, depth = 0): unknown {
  if (depth > 64) throw new Error('schema nesting too deep (a reference cycle?)');
  if (Array.isArray(node)) return node.map((item) => strip(document, item, depth + 1));
  if (typeof node !== 'object' || node === null) return node;
  const source = '$ref' in node ? deref(document, node) : (node as JsonObject);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    // `x-rule` stays: it ties a subschema to the rule it encodes (src/contracts/index.ts reads it).
    if (DROPPED_KEYS.has(key) || (key.startsWith('x-') && key !== 'x-rule')) continue;
    // `properties` maps names to schemas: keep every name, even one called "description".
    result[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as JsonObject).map(([name, schema]) => [name, strip(document, schema, depth + 1)]))
        : strip(document, value, depth + 1);
  }
  return result;
}

/**
 * Each status schema's table (`x-canonical-status`: wire word -> canonical status, and
 * `x-render-status`: canonical status -> the word a gateway uses where it has none of its own),
 * by schema name. The client reads tasks with it and the simulator writes them with it (src/statuses.ts).
 */
function statusTables(document: JsonObject) {
  const schemas = ((document.components as JsonObject | undefined)?.schemas ?? {}) as Record<string, JsonObject>;
  return Object.fromEntries(
    Object.entries(schemas)
      .filter(([, schema]) => typeof schema['x-canonical-status'] === 'object')
      .map(([name, schema]) => [name, { canonical: schema['x-canonical-status'], render: schema['x-render-status'] ?? {} }]),
  );
}

/**
 * The error words each operation's documented answers use, by status: the `error.type` and
 * `error.code` of the first example of each 4xx/5xx answer whose body is an `{"error": {...}}`
 * envelope (Ark's and the OpenAI one). The simulator answers its refusals in these words
 * (mocks/simulator/dialects/error-words.ts), so they are stated once, in the document.
 */
function errorWords(operations: ReturnType<typeof loadOperations>) {
  const table: Record<string, Record<string, { type?: string; code?: string }>> = {};
  for (const operation of operations) {
    for (const { status, value } of operation.responses) {
      const error = (value as { error?: { type?: unknown; code?: unknown } } | undefined)?.error;
      if (Number(status) < 400 || typeof error !== 'object' || error === null) continue;
      table[operation.operationId] ??= {};
      const byStatus = table[operation.operationId]!;
      if (byStatus[status]) continue;
      byStatus[status] = {
        ...(typeof error.type === 'string' ? { type: error.type } : {}),
        ...(typeof error.code === 'string' ? { code: error.code } : {}),
      };
    }
  }
  return table;
}

function bundle(dialect: string, document: JsonObject, operations: ReturnType<typeof loadOperations>) {
  return {
    dialect,
    source: `openapi/${dialect}.yaml`,
    operations: Object.fromEntries(
      operations.map((operation) => {
        const body = operation.definition.requestBody ? deref(document, operation.definition.requestBody) : undefined;
        const mediaType = operation.requestMediaTypes[0];
        const media = body && mediaType ? deref(document, (body.content as JsonObject)[mediaType]) : undefined;
        const parameters = [...((operation.definition.parameters as unknown[]) ?? [])].map((raw) => {
          const parameter = deref(document, raw);
          return { name: parameter.name, in: parameter.in, required: parameter.required === true, schema: strip(document, parameter.schema) };
        });
        return [
          operation.operationId,
          {
            method: operation.method,
            path: operation.path,
            ...(mediaType ? { requestMediaType: mediaType, requestSchema: strip(document, media?.schema) } : {}),
            // File parts and the media types they take (multipart `encoding`), for src/contracts/index.ts.
            ...(media?.encoding
              ? {
                  requestEncoding: Object.fromEntries(
                    Object.entries(media.encoding as JsonObject).map(([field, value]) => [field, String((value as JsonObject).contentType ?? '')]),
                  ),
                }
              : {}),
            parameters,
            rules: operation.rules.map(({ id, field, enforced, description }) => ({ id, field, enforced, description })),
          },
        ];
      }),
    ),
  };
}

type Bundle = ReturnType<typeof bundle>;

/** A schema without its `default`s (the simulator's, never the client's); a property named `default` stays. */
function withoutDefaults(node: unknown, key = ''): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutDefaults(item));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([name]) => key === 'properties' || name !== 'default')
      .map(([name, value]) => [name, withoutDefaults(value, key === 'properties' ? '' : name)]),
  );
}

/**
 * What the client checks a submit against (src/contracts/<dialect>.ts, which each dialect adapter
 * carries): the method and path of each operation the client drives (CLIENT_OPERATIONS), and for a
 * request body its media type, encoding, schema (which the client interprets) and the rules its
 * check can name (those the schema states). Other operations
 * (assets, lists, aliases), query parameters, prose and module rules stay in <dialect>.contract.json,
 * for the simulator, the CLI and the package export.
 */
function clientBundle(full: Bundle) {
  return {
    dialect: full.dialect,
    operations: Object.fromEntries(
      Object.entries(full.operations)
        .filter(([operationId]) => CLIENT_OPERATIONS.includes(operationId))
        .map(([operationId, operation]) => {
          const { parameters: _parameters, rules, ...rest } = operation;
          const marked = markedRules(operation.requestSchema);
          const named = operation.requestSchema ? rules.filter((rule) => rule.enforced === 'schema' || marked.has(rule.id)) : [];
          // The client interprets the request schema itself (src/contracts/interpreted.ts); it fills in no defaults.
          const { requestSchema, ...described } = rest;
          return [operationId, { ...described, ...(requestSchema ? { requestSchema: withoutDefaults(requestSchema) } : {}), parameters: [], rules: named }];
        }),
    ),
  };
}

const ROOT = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
let drifted = 0;

/** Writes a generated file, or with --check compares and counts a drifted one. */
function emit(path: string, content: unknown, from: string): void {
  const file = resolve(ROOT, path);
  const text = typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`;
  if (!check) {
    writeFileSync(file, text);
    console.log(`wrote ${path}`);
  } else if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    console.error(`✘ ${path} is not up to date with ${from} (run npm run generate)`);
    drifted++;
  }
}

const contracts = loadContracts();
for (const contract of contracts) {
  const operations = loadOperations(contract);
  const full = bundle(contract.dialect, contract.document, operations);
  const outputs: Array<[string, unknown]> = [
    // Every request body's and query's validator, compiled by ajv (codegen/validators.ts).
    [`${contract.dialect}.validate.ts`, validatorModule(full.operations)],
    [`${contract.dialect}.contract.json`, full],
    // The part of it a client ships (a smaller browser bundle; see clientBundle).
    [`${contract.dialect}.client.json`, clientBundle(full)],
    // The status tables alone: a dialect module reads task statuses without pulling in the
    // validator and every contract (tree-shaking keeps one dialect small).
    [`${contract.dialect}.statuses.json`, statusTables(contract.document)],
    // The error words of the documented answers, for the simulator's refusals.
    [`${contract.dialect}.errors.json`, errorWords(operations)],
    // What `seedance check` replays and checks answers against (examples and response schemas).
    [`${contract.dialect}.conformance.json`, conformanceBundle(contract, operations, (node) => strip(contract.document, node))],
  ];
  for (const [name, content] of outputs) emit(`generated/${name}`, content, `openapi/${contract.dialect}.yaml`);
}
// The registry of dialects and the barrels that gather every dialect's modules (codegen/registry.ts).
emit('generated/dialects.ts', dialectsModule(contracts), "redocly.yaml's apis");
emit('generated/registry.ts', registryModule(contracts), "redocly.yaml's apis");
emit('src/dialects/index.ts', adaptersBarrel(contracts), "redocly.yaml's apis");
emit('mocks/simulator/dialects/index.ts', simulatorsBarrel(contracts), "redocly.yaml's apis");
if (check && drifted === 0) console.log('✓ generated/ (validators, bundles, the dialect registry) and the dialect barrels match openapi/ and redocly.yaml');
process.exit(drifted === 0 ? 0 : 1);
