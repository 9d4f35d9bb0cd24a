// A dialect's contract with its checks, built from that dialect's generated bundle alone: a
// validator per operation, compiled on first use, and the issues worded from the bundle's x-rules.
// The narrow interface (DialectContract) is all the client and the simulator use, so the
// validators can change without touching callers.
//
// What a check may need beyond that is plugged in (CheckPlugins), so a bundle carries only what its
// contract uses: the formats its schema names, coercion for a multipart body, and for a server the
// document guard, the query check and the fused verdict. A plug-in a check needs but was not given
// fails loudly. (A client's schemas were guarded when generated: scripts/bundle-contracts.ts.)
import type { DialectId } from '../dialects/ids.ts';
import type { ValidationIssue } from '../errors.ts';
import { compileWith } from '../schema/engine.ts';
import type { CompiledSchema, EngineOptions } from '../schema/types.ts';
import type { schemaDefault } from './defaults.ts';
import { issuesOf } from './issues.ts';
import type { queryIssues } from './parameters.ts';
import type { Contract, ContractOperation, DialectContract } from './types.ts';

const isMultipart = (operation: ContractOperation | undefined) => operation?.requestMediaType?.startsWith('multipart/') === true;

/**
 * `formats`: those the schemas name; `coercion`: for multipart bodies and query strings; for a server,
 * `guard`: the document guard, `queryIssues`: the query check (parameters.ts), `schemaDefault`: the
 * defaults, and `verdict`: the fused fail-fast predicate for JSON bodies.
 */
export interface CheckPlugins extends EngineOptions {
  queryIssues?: typeof queryIssues;
  /** The defaults a request schema states (defaults.ts), which the simulator fills in; a client sends what it built. */
  schemaDefault?: typeof schemaDefault;
}

export function dialectContract(dialect: DialectId, bundle: Contract, plugins: CheckPlugins = {}): DialectContract {
  const operations = bundle.operations;
  const compiled = new Map<string, CompiledSchema>();
  const { coercion, deepEqual, formats, guard, shapes, verdict } = plugins;
  /** A plug-in this check needs, or a loud refusal naming what the contract was built without. */
  function needed<Plugin>(plugin: Plugin | undefined, what: string): Plugin {
    if (plugin === undefined) throw new Error(`the ${dialect} contract was built without ${what}`);
    return plugin;
  }

  /** Compiled on first use (a server or client pays only for the operations it calls). */
  function schemaFor(key: string, schema: unknown, coerce: boolean): CompiledSchema {
    let found = compiled.get(key);
    if (!found) {
      found = compileWith(
        schema ?? {},
        coerce ? { coercion: needed(coercion, 'coercion'), deepEqual, formats, guard } : { deepEqual, formats, guard, shapes, verdict },
      );
      compiled.set(key, found);
    }
    return found;
  }

  function checkRequestBody(operationId: string, body: unknown): ValidationIssue[] {
    const operation = operations[operationId];
    if (!operation?.requestSchema) return [];
    // Multipart bodies arrive as text and are coerced, as Prism does; JSON bodies are not.
    const multipart = isMultipart(operation);
    const schema = schemaFor(operationId, operation.requestSchema, multipart);
    // Coercion rewrites what it checks, and the caller's body must stay as sent, so only there is a
    // copy checked. Copying every JSON body cost a visible share of a request.
    if (multipart) return issuesOf(operation, schema.errors(structuredClone(body)));
    // The fail-fast verdict first (the simulator's hot path); every error only to word a refusal.
    return schema.test(body) ? [] : issuesOf(operation, schema.errors(body));
  }

  function checkParameters(operationId: string, query: URLSearchParams): ValidationIssue[] {
    const operation = operations[operationId];
    if (!operation?.parameters?.some((parameter) => parameter.in === 'query')) return [];
    return needed(plugins.queryIssues, 'the query check')(operation, query, (name, schema) => schemaFor(`${operationId} ${name}`, schema, true));
  }

  return {
    dialect,
    operations,
    checkRequestBody,
    checkParameters,
    requestDefault: (operationId, field) => needed(plugins.schemaDefault, 'its defaults')(operations[operationId]?.requestSchema, field),
  };
}
