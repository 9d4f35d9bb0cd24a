// Each dialect's contract at run time: the bundle generated from openapi/<dialect>.yaml
// (generated/<dialect>.contract.json) and a validator that checks a wire body against it. OpenAPI
// 3.1 schemas are JSON Schema 2020-12, so they are compiled with ajv's 2020-12 engine: counts
// (`minContains`/`maxContains`) and exclusivity rules that draft-07 cannot state are enforced here.
// Ranges, enums and mixing rules are never typed again: a violation is traced through the schema
// to the `x-rule` that encodes it, and worded in plain English (src/messages.ts).
//
// The narrow interface (checkRequestBody, checkParameters, requestDefault, contracts) is all the
// client and the simulator use, so the validators can be precompiled without touching callers.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import arkContract from '../generated/ark.contract.json' with { type: 'json' };
import contentMetadataContract from '../generated/content-metadata.contract.json' with { type: 'json' };
import multipartVideosContract from '../generated/multipart-videos.contract.json' with { type: 'json' };
import unifiedJobsContract from '../generated/unified-jobs.contract.json' with { type: 'json' };
import type { DialectId } from './dialects/ids.ts';
import type { ValidationIssue } from './errors.ts';
import { pointerSegments } from './json-pointer.ts';
import { describeError, isTypeError } from './messages.ts';

export interface ContractRule {
  id: string;
  field: string;
  enforced: string;
  description: string;
}

export interface ContractOperation {
  method: string;
  path: string;
  requestMediaType?: string;
  requestSchema?: Record<string, unknown>;
  /** Multipart file parts and the media types each takes (`image/png, image/jpeg`), from the `encoding` of the request body. */
  requestEncoding?: Record<string, string>;
  parameters: Array<{ name: string; in: string; required: boolean; schema: unknown }>;
  rules: ContractRule[];
}

export interface Contract {
  dialect: string;
  operations: Record<string, ContractOperation>;
}

export const contracts: Record<DialectId, Contract> = {
  ark: arkContract as Contract,
  'content-metadata': contentMetadataContract as Contract,
  'multipart-videos': multipartVideosContract as Contract,
  'unified-jobs': unifiedJobsContract as Contract,
};

/** A 2020-12 engine with Prism's tolerance (every error, unknown keywords and formats allowed); `verbose` keeps each error's schema for the wording. */
function engine(coerceTypes: boolean): Ajv2020 {
  const instance = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, allowMatchingProperties: true, verbose: true, coerceTypes });
  addFormats(instance);
  instance.addFormat('binary', true);
  return instance;
}
const ajv = engine(false);
// Multipart bodies and query strings arrive as text and are coerced, as Prism does; JSON bodies are not.
const ajvCoercing = engine(true);
// The verdict alone: stops at the first error and keeps no schema in it. Valid or not is the same
// answer as the full engine's (allErrors and verbose change only what is reported), at about a
// third of the cost on a valid Ark create; the full engine runs only to word a refusal. Made on
// first use, so loading the module stays as cheap as before.
let ajvVerdict: Ajv2020 | undefined;
function verdictEngine(): Ajv2020 {
  if (!ajvVerdict) {
    ajvVerdict = new Ajv2020({ allErrors: false, strict: false, allowUnionTypes: true, allowMatchingProperties: true, verbose: false });
    addFormats(ajvVerdict);
    ajvVerdict.addFormat('binary', true);
  }
  return ajvVerdict;
}

const compiled = new Map<string, ValidateFunction>();

function validatorFor(dialect: DialectId, operationId: string, operation: ContractOperation): ValidateFunction {
  const key = `${dialect} ${operationId}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = (operation.requestMediaType?.startsWith('multipart/') ? ajvCoercing : ajv).compile(operation.requestSchema ?? {});
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * JSON bodies only (the coercing engine's verdict depends on its coercion, so multipart keeps one
 * validator). Compiled once an operation is hot: compiling costs about as much as the full
 * validator's, which a one-off check or a server's first requests should not pay twice.
 */
const verdicts = new Map<string, ValidateFunction | number>();
const HOT_AFTER = 64;

function verdictFor(dialect: DialectId, operationId: string, operation: ContractOperation): ValidateFunction | undefined {
  const key = `${dialect} ${operationId}`;
  const known = verdicts.get(key) ?? 0;
  if (typeof known === 'function') return known;
  if (known < HOT_AFTER) {
    verdicts.set(key, known + 1);
    return undefined;
  }
  const validate = verdictEngine().compile(operation.requestSchema ?? {});
  verdicts.set(key, validate);
  return validate;
}

/** The schema node at a JSON pointer such as `#/properties/content/allOf/0/not`. */
function schemaAt(schema: unknown, pointer: string): unknown {
  return pointerSegments(pointer.startsWith('#') ? pointer : `#${pointer}`).reduce<unknown>(
    (node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined),
    schema,
  );
}

/** The rule a schema error belongs to: the nearest enclosing subschema marked `x-rule`. */
function ruleOfError(schema: unknown, error: Pick<ErrorObject, 'schemaPath'>): string | undefined {
  const parts = error.schemaPath.replace(/^#\/?/, '').split('/');
  for (let length = parts.length; length >= 0; length--) {
    const node = schemaAt(schema, `#/${parts.slice(0, length).join('/')}`);
    const rule = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)['x-rule'] : undefined;
    if (typeof rule === 'string') return rule;
  }
  return undefined;
}

const segments = (pointer: string) => pointer.split('/').filter(Boolean);

/**
 * Without an `x-rule` marker, an error belongs to the rule on its field when exactly one rule
 * claims the longest matching field (`/metadata/duration` for an error at that field,
 * `/content` for one at `/content/2/role` when no rule names anything deeper).
 */
function ruleOfField(rules: ContractRule[], field: string): ContractRule | undefined {
  const target = segments(field);
  // A rule about the whole body (field `/`) never claims an error by field alone: it would swallow
  // every error that no other rule explains.
  const along = rules.filter(
    (rule) => rule.enforced === 'schema' && segments(rule.field).length > 0 && segments(rule.field).every((part, index) => part === target[index]),
  );
  const longest = Math.max(-1, ...along.map((rule) => segments(rule.field).length));
  const candidates = along.filter((rule) => segments(rule.field).length === longest);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The field an error is about, as a JSON pointer; for `required`, the missing property itself. */
function errorField(error: ErrorObject): string {
  const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  return missing ? `${error.instancePath}/${missing}` : error.instancePath || '/';
}

const COMBINATORS = new Set(['oneOf', 'anyOf', 'if', 'not', 'allOf', 'contains']);

/**
 * A value of the wrong type makes every other constraint on it meaningless (a `contains` or
 * `not` over a non-array passes or fails vacuously): keep only the type error at such a path.
 */
function withoutNoiseAtMistypedFields(errors: ErrorObject[]): ErrorObject[] {
  const mistyped = new Set(errors.filter(isTypeError).map((error) => error.instancePath));
  return errors.filter((error) => isTypeError(error) || !mistyped.has(error.instancePath));
}

/** One issue per broken rule (or per field, for errors no rule explains), worded in plain English. */
function issuesOf(operation: ContractOperation, errors: ErrorObject[]): ValidationIssue[] {
  const rulesById = new Map(operation.rules.map((rule) => [rule.id, rule]));
  const issues = new Map<string, ValidationIssue>();
  for (const error of withoutNoiseAtMistypedFields(errors)) {
    const field = errorField(error);
    const ruleId = ruleOfError(operation.requestSchema, error);
    const combinator = COMBINATORS.has(error.keyword);
    const rule = ruleId ? rulesById.get(ruleId) : combinator ? undefined : ruleOfField(operation.rules, field);
    // A failed `oneOf` or `if` only says "some branch failed"; the branch's own errors say which.
    if (!rule && combinator) continue;
    const key = rule ? `${rule.id} ${rule.field}` : `${error.keyword} ${field}`;
    if (issues.has(key)) continue;
    issues.set(key, {
      path: rule && !field.startsWith(rule.field) ? rule.field : field,
      rule: rule?.id ?? `schema-${error.keyword}`,
      message: describeError(error, field, rule?.description),
    });
  }
  // When a rule explains a field, drop the generic errors it caused on the same field.
  const explained = [...issues.values()].filter((issue) => !issue.rule.startsWith('schema-'));
  return [...issues.values()].filter(
    (issue) => !issue.rule.startsWith('schema-') || !explained.some((rule) => issue.path.startsWith(rule.path) || rule.path.startsWith(issue.path)),
  );
}

/**
 * Checks a wire body against the dialect's request schema. Returns one issue per broken rule,
 * naming the field (a JSON pointer into the wire body) and the rule id from the contract's x-rules.
 */
export function checkRequestBody(dialect: DialectId, operationId: string, body: unknown): ValidationIssue[] {
  const operation = contracts[dialect].operations[operationId];
  if (!operation?.requestSchema) return [];
  const validate = validatorFor(dialect, operationId, operation);
  // Only the coercing engine (multipart) rewrites what it checks, and the caller's body must stay
  // as sent, so only there is a copy checked. Copying every JSON body cost a visible share of a request.
  if (operation.requestMediaType?.startsWith('multipart/')) {
    return validate(structuredClone(body)) ? [] : issuesOf(operation, validate.errors ?? []);
  }
  if (verdictFor(dialect, operationId, operation)?.(body)) return [];
  return validate(body) ? [] : issuesOf(operation, validate.errors ?? []);
}

/**
 * Checks query parameters against the operation's declared parameters (values coerced from text,
 * as Prism does). Issues name the parameter (`/query/page_size`) and its rule.
 */
export function checkParameters(dialect: DialectId, operationId: string, query: URLSearchParams): ValidationIssue[] {
  const operation = contracts[dialect].operations[operationId];
  const issues: ValidationIssue[] = [];
  for (const parameter of operation?.parameters ?? []) {
    if (parameter.in !== 'query') continue;
    const values = query.getAll(parameter.name);
    const field = `/query/${parameter.name}`;
    const rule = operation?.rules.find((candidate) => candidate.field === field);
    if (values.length === 0) {
      if (parameter.required) issues.push({ path: field, rule: rule?.id ?? 'schema-required', message: `${parameter.name} is required` });
      continue;
    }
    const schema = parameter.schema as { type?: string } | undefined;
    const value = schema?.type === 'array' ? values : values[0];
    const key = `${dialect} ${operationId} ${parameter.name}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajvCoercing.compile(schema ?? {});
      compiled.set(key, validate);
    }
    if (!validate(value)) {
      const first = validate.errors?.[0];
      const message = first ? describeError(first, '', rule?.description, parameter.name) : `${parameter.name} is invalid`;
      issues.push({ path: field, rule: rule?.id ?? 'schema-parameter', message });
    }
  }
  return issues;
}

/**
 * The default the contract states for a request field, if it states one. `field` is a JSON
 * pointer (`/metadata/generate_audio`) or a top-level name; defaults behind `allOf` members
 * (a `$ref` wrapped to carry an `x-rule`) are found too.
 */
export function requestDefault(dialect: DialectId, operationId: string, field: string): unknown {
  let node: unknown = contracts[dialect].operations[operationId]?.requestSchema;
  for (const name of field.startsWith('/') ? segments(field) : [field]) node = propertyOf(node, name);
  return defaultOf(node);
}

type SchemaNode = { properties?: Record<string, unknown>; allOf?: unknown[]; default?: unknown };

function propertyOf(node: unknown, name: string): unknown {
  const schema = node as SchemaNode | undefined;
  if (schema?.properties && name in schema.properties) return schema.properties[name];
  for (const member of schema?.allOf ?? []) {
    const found = propertyOf(member, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

function defaultOf(node: unknown): unknown {
  const schema = node as SchemaNode | undefined;
  if (schema === undefined || schema === null) return undefined;
  if ('default' in schema) return schema.default;
  for (const member of schema.allOf ?? []) {
    const found = defaultOf(member);
    if (found !== undefined) return found;
  }
  return undefined;
}
