// Each dialect's contract at run time: the bundle generated from openapi/<dialect>.yaml
// (generated/<dialect>.contract.json) and a validator that checks a wire body against it the way
// Prism does (JSON Schema draft-07, all errors). Ranges, enums and mixing rules are never typed
// again here: a violation is traced through the schema to the `x-rule` that encodes it.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import arkContract from '../generated/ark.contract.json' with { type: 'json' };
import contentMetadataContract from '../generated/content-metadata.contract.json' with { type: 'json' };
import multipartVideosContract from '../generated/multipart-videos.contract.json' with { type: 'json' };
import unifiedJobsContract from '../generated/unified-jobs.contract.json' with { type: 'json' };
import type { DialectId } from './dialects/ids.ts';
import type { ValidationIssue } from './errors.ts';

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

// Prism's settings: draft-07, every error, unknown keywords and formats tolerated.
const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, allowMatchingProperties: true });
addFormats(ajv);
ajv.addFormat('binary', true);
const ajvCoercing = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, allowMatchingProperties: true, coerceTypes: true });
addFormats(ajvCoercing);
ajvCoercing.addFormat('binary', true);

const compiled = new Map<string, ValidateFunction>();

function validatorFor(dialect: DialectId, operationId: string, operation: ContractOperation): ValidateFunction {
  const key = `${dialect} ${operationId}`;
  let validate = compiled.get(key);
  if (!validate) {
    // Multipart bodies arrive as text and are coerced, as Prism does; JSON bodies are not.
    const engine = operation.requestMediaType?.startsWith('multipart/') ? ajvCoercing : ajv;
    validate = engine.compile(operation.requestSchema ?? {});
    compiled.set(key, validate);
  }
  return validate;
}

/** The schema node at a JSON pointer such as `#/properties/content/allOf/0/not`. */
function schemaAt(schema: unknown, pointer: string): unknown {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), schema);
}

/** The rule a schema error belongs to: the nearest enclosing subschema marked `x-rule`. */
export function ruleOfError(schema: unknown, error: Pick<ErrorObject, 'schemaPath'>): string | undefined {
  const parts = error.schemaPath.replace(/^#\/?/, '').split('/');
  for (let length = parts.length; length >= 0; length--) {
    const node = schemaAt(schema, `#/${parts.slice(0, length).join('/')}`);
    const rule = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)['x-rule'] : undefined;
    if (typeof rule === 'string') return rule;
  }
  return undefined;
}

/**
 * Without an `x-rule` marker, an error belongs to the rule on its field when exactly one rule
 * claims the longest matching field (`/metadata/duration` for an error at that field,
 * `/content` for one at `/content/2/role` when no rule names anything deeper).
 */
function ruleOfField(rules: ContractRule[], field: string): ContractRule | undefined {
  const segments = (pointer: string) => pointer.split('/').filter(Boolean);
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

/**
 * Checks a wire body against the dialect's request schema. Returns one issue per broken rule,
 * naming the field (a JSON pointer into the wire body) and the rule id from the contract's x-rules.
 */
export function checkRequestBody(dialect: DialectId, operationId: string, body: unknown): ValidationIssue[] {
  const operation = contracts[dialect].operations[operationId];
  if (!operation?.requestSchema) return [];
  const validate = validatorFor(dialect, operationId, operation);
  if (validate(structuredClone(body))) return [];

  const rulesById = new Map(operation.rules.map((rule) => [rule.id, rule]));
  const issues = new Map<string, ValidationIssue>();
  for (const error of validate.errors ?? []) {
    const field = errorField(error);
    const ruleId = ruleOfError(operation.requestSchema, error);
    const rule = ruleId ? rulesById.get(ruleId) : ['oneOf', 'anyOf', 'if', 'not', 'allOf'].includes(error.keyword) ? undefined : ruleOfField(operation.rules, field);
    // A failed `oneOf` or `if` only says "some branch failed"; the branch's own errors say which.
    if (!rule && ['oneOf', 'anyOf', 'if', 'not', 'allOf'].includes(error.keyword)) continue;
    const key = rule ? `${rule.id} ${rule.field}` : `${error.keyword} ${field}`;
    if (issues.has(key)) continue;
    issues.set(key, {
      path: rule && !field.startsWith(rule.field) ? rule.field : field,
      rule: rule?.id ?? `schema-${error.keyword}`,
      message: rule ? `${rule.description} (${field} ${error.message ?? 'is invalid'})` : `${field} ${error.message ?? 'is invalid'}`,
    });
  }
  // When a rule explains a field, drop the generic errors it caused on the same field.
  const explained = [...issues.values()].filter((issue) => !issue.rule.startsWith('schema-'));
  return [...issues.values()].filter(
    (issue) => !issue.rule.startsWith('schema-') || !explained.some((rule) => issue.path.startsWith(rule.path) || rule.path.startsWith(issue.path)),
  );
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
      issues.push({ path: field, rule: rule?.id ?? 'schema-parameter', message: `${parameter.name} ${validate.errors?.[0]?.message ?? 'is invalid'}${rule ? ` (${rule.description})` : ''}` });
    }
  }
  return issues;
}

/** The default the contract states for a top-level request field, if it states one. */
export function requestDefault(dialect: DialectId, operationId: string, field: string): unknown {
  const schema = contracts[dialect].operations[operationId]?.requestSchema as { properties?: Record<string, { default?: unknown }> } | undefined;
  return schema?.properties?.[field]?.default;
}
