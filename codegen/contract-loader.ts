// The one reader of the OpenAPI documents, for the tooling around the package: the generator
// (codegen/generate.ts and what it calls), the docs build (scripts/build-docs.ts) and the
// tests (through test/support/contracts.ts). The documents are the APIs listed in redocly.yaml,
// bundled by @redocly/openapi-core, the resolver behind `redocly lint` and openapi-typescript, so
// every consumer sees them as the linter and the type generator do (a reference to another file is
// pulled in; local references stay). It exposes each document and its operations: method, path,
// parameters, named examples (valid and invalid), response examples and x-rules. Nothing here is
// typed by hand: adding an example or a rule to a document adds a test case. The shipped code never
// reads openapi/ at run time; it reads what the generator wrote to generated/.
import type { InvalidCase, RequestCase } from '../src/example-cases.ts';
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { bundle, loadConfig } from '@redocly/openapi-core';
import { pointerSegments } from '../src/json-pointer.ts';
import { OPERATION_METHODS } from '../src/openapi.ts';

const ROOT = resolve(import.meta.dirname, '..');
export const OPENAPI_DIR = join(ROOT, 'openapi');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SourceDocument {
  dialect: string;
  /** The API's name in redocly.yaml (`ark@v1`). */
  alias: string;
  file: string;
  document: JsonObject;
}

export const VALIDATORS = ['prism', 'client', 'simulator'] as const;
export type Validator = (typeof VALIDATORS)[number];

export interface Rule {
  id: string;
  description: string;
  field: string;
  /**
   * schema: stated in the request schema; module: src/contracts/index.ts (no schema can state it);
   * prose: deliberately not enforced (the description says why).
   */
  enforced: 'schema' | 'module' | 'prose';
  /** Which validators honour the rule (`x-enforced-by`): Prism reads schemas as draft-07, so 2020-12-only rules are not among its. */
  enforcedBy: Validator[];
  /** Valid request examples that sit just inside the rule (`x-near-miss`). */
  nearMiss: string[];
  source: string;
}

export type { InvalidCase, RequestCase };

export interface ResponseExample {
  status: string;
  mediaType: string;
  name: string;
  value: unknown;
}

export interface Operation {
  contract: SourceDocument;
  operationId: string;
  method: string;
  path: string;
  definition: JsonObject;
  rules: Rule[];
  requests: RequestCase[];
  invalid: InvalidCase[];
  responses: ResponseExample[];
  /** Media types the request body accepts (empty when the operation takes no body). */
  requestMediaTypes: string[];
  pathParameters: string[];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new Error(`${where}: expected an object`);
  return value;
}

/** Resolves a local `#/components/...` reference; the documents are self-contained. */
export function deref(document: { [key: string]: unknown }, value: unknown): JsonObject {
  let current = value;
  for (let depth = 0; isObject(current) && typeof current.$ref === 'string'; depth++) {
    if (depth > 16) throw new Error(`reference cycle at ${current.$ref}`);
    const pointer = current.$ref;
    if (!pointer.startsWith('#/')) throw new Error(`only local references are supported: ${pointer}`);
    current = pointerSegments(pointer).reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document);
  }
  return asObject(current, 'dereferenced value');
}

/** Every API of redocly.yaml, bundled; a document in openapi/ that redocly.yaml does not list is an error (it would go unlinted). */
async function bundleContracts(): Promise<SourceDocument[]> {
  const config = await loadConfig({ configPath: join(ROOT, 'redocly.yaml') });
  // The OpenAPI documents are the apis rooted in openapi/ (redocly.yaml may list other descriptions, such as Arazzo workflows).
  const apis = Object.entries(config.apis)
    .map(([alias, api]) => ({ alias, file: resolve(ROOT, api.root) }))
    .filter(({ file }) => file.startsWith(`${OPENAPI_DIR}/`));
  const unlisted = readdirSync(OPENAPI_DIR).filter((name) => name.endsWith('.yaml') && !apis.some((api) => basename(api.file) === name));
  if (unlisted.length > 0) throw new Error(`openapi/${unlisted.join(', openapi/')}: not listed under apis in redocly.yaml`);
  const contracts = await Promise.all(
    apis.map(async ({ alias, file }) => {
      const { bundle: bundled, problems } = await bundle({ ref: file, config });
      const errors = problems.filter((problem) => problem.severity === 'error');
      if (errors.length > 0) throw new Error(`${file}: ${errors.map((problem) => problem.message).join('; ')}`);
      const document = asObject(bundled.parsed, file);
      const dialect = String(asObject(document.info, `${file} info`)['x-dialect']);
      return { dialect, alias, file, document };
    }),
  );
  return contracts.sort((a, b) => a.file.localeCompare(b.file));
}

const CONTRACTS = await bundleContracts();

/** The bundled documents; each call returns fresh copies, so a consumer may annotate its own. */
export function loadContracts(): SourceDocument[] {
  return CONTRACTS.map((contract) => ({ ...contract, document: structuredClone(contract.document) }));
}

function namedExamples(holder: JsonObject): Map<string, unknown> {
  const examples = new Map<string, unknown>();
  const raw = holder.examples;
  if (!isObject(raw)) return examples;
  for (const [name, example] of Object.entries(raw)) {
    if (isObject(example) && 'value' in example) examples.set(name, example.value);
  }
  return examples;
}

function readRules(operation: JsonObject): Rule[] {
  const raw = operation['x-rules'];
  if (!Array.isArray(raw)) return [];
  return raw.map((entry, index) => {
    const rule = asObject(entry, `x-rules[${index}]`);
    return {
      id: String(rule.id),
      description: String(rule.description ?? ''),
      field: String(rule.field ?? ''),
      enforced: rule.enforced === 'prose' || rule.enforced === 'module' ? rule.enforced : 'schema',
      enforcedBy: (Array.isArray(rule['x-enforced-by']) ? rule['x-enforced-by'] : []).map(String) as Validator[],
      nearMiss: (Array.isArray(rule['x-near-miss']) ? rule['x-near-miss'] : []).map(String),
      source: String(rule['x-source'] ?? ''),
    };
  });
}

interface Parameter {
  name: string;
  in: string;
  examples: Map<string, unknown>;
  invalid: Map<string, { value: unknown; violates: string }>;
}

function readInvalid(holder: JsonObject): Map<string, { value: unknown; violates: string }> {
  const result = new Map<string, { value: unknown; violates: string }>();
  const raw = holder['x-invalid-examples'];
  if (!isObject(raw)) return result;
  for (const [name, example] of Object.entries(raw)) {
    const entry = asObject(example, `x-invalid-examples.${name}`);
    result.set(name, { value: entry.value, violates: String(entry.violates) });
  }
  return result;
}

function readParameters(document: JsonObject, pathItem: JsonObject, operation: JsonObject): Parameter[] {
  const declared = [...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []), ...(Array.isArray(operation.parameters) ? operation.parameters : [])];
  return declared.map((raw) => {
    const parameter = deref(document, raw);
    return {
      name: String(parameter.name),
      in: String(parameter.in),
      examples: namedExamples(parameter),
      invalid: readInvalid(parameter),
    };
  });
}

/** Parameter values for the example called `name`; a parameter without that example is omitted. */
function parameterValues(parameters: Parameter[], name: string, where: 'path' | 'query') {
  const values: Record<string, string | string[]> = {};
  for (const parameter of parameters) {
    if (parameter.in !== where || !parameter.examples.has(name)) continue;
    const value = parameter.examples.get(name);
    values[parameter.name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return values;
}

function firstExampleValues(parameters: Parameter[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const parameter of parameters) {
    const first = parameter.examples.values().next();
    if (parameter.in === 'path' && !first.done) values[parameter.name] = String(first.value);
  }
  return values;
}

export function loadOperations(contract: SourceDocument): Operation[] {
  const { document } = contract;
  const paths = asObject(document.paths, `${contract.dialect} paths`);
  const operations: Operation[] = [];
  for (const [path, rawPathItem] of Object.entries(paths)) {
    const pathItem = asObject(rawPathItem, path);
    for (const method of OPERATION_METHODS) {
      if (!isObject(pathItem[method])) continue;
      const definition = pathItem[method];
      const parameters = readParameters(document, pathItem, definition);
      const pathParameters = parameters.filter((p) => p.in === 'path').map((p) => p.name);

      const responses: ResponseExample[] = [];
      for (const [status, rawResponse] of Object.entries(asObject(definition.responses, `${path} responses`))) {
        const response = deref(document, rawResponse);
        for (const [mediaType, media] of Object.entries(isObject(response.content) ? response.content : {})) {
          for (const [name, value] of namedExamples(asObject(media, `${status} ${mediaType}`))) {
            responses.push({ status, mediaType, name, value });
          }
        }
      }

      const requests: RequestCase[] = [];
      const invalid: InvalidCase[] = [];
      const requestMediaTypes: string[] = [];
      const defaultPath = firstExampleValues(parameters);
      const body = isObject(definition.requestBody) ? deref(document, definition.requestBody) : undefined;
      if (body && isObject(body.content)) {
        for (const [mediaType, rawMedia] of Object.entries(body.content)) {
          requestMediaTypes.push(mediaType);
          const media = asObject(rawMedia, `${path} ${mediaType}`);
          for (const [name, value] of namedExamples(media)) {
            requests.push({ name, mediaType, body: value, path: defaultPath, query: parameterValues(parameters, name, 'query') });
          }
          for (const [name, { value, violates }] of readInvalid(media)) {
            invalid.push({ name, mediaType, body: value, path: defaultPath, query: {}, violates, location: 'body' });
          }
        }
      } else {
        // Without a body, a request example is the set of parameter examples sharing a name.
        const names = new Set(parameters.flatMap((p) => [...p.examples.keys()]));
        for (const name of names) {
          requests.push({
            name,
            mediaType: undefined,
            body: undefined,
            path: { ...defaultPath, ...(parameterValues(parameters, name, 'path') as Record<string, string>) },
            query: parameterValues(parameters, name, 'query'),
          });
        }
      }
      for (const parameter of parameters) {
        for (const [name, { value, violates }] of parameter.invalid) {
          const location = parameter.in === 'path' ? 'path' : 'query';
          const rendered = Array.isArray(value) ? value.map(String) : String(value);
          invalid.push({
            name,
            mediaType: requestMediaTypes[0],
            body: undefined,
            path: location === 'path' ? { ...defaultPath, [parameter.name]: String(value) } : defaultPath,
            query: location === 'query' ? { [parameter.name]: rendered } : {},
            violates,
            location,
          });
        }
      }

      operations.push({
        contract,
        operationId: String(definition.operationId),
        method,
        path,
        definition,
        rules: readRules(definition),
        requests,
        invalid,
        responses,
        requestMediaTypes,
        pathParameters,
      });
    }
  }
  return operations;
}

/** The `x-rule` ids a schema (or a whole document) marks. */
export function markedRules(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const member of node) markedRules(member, into);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-rule' && typeof value === 'string') into.add(value);
      else markedRules(value, into);
    }
  }
  return into;
}
