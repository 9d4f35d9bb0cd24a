// The simulator's routing table, built from the contract bundles: each dialect's handlers are
// registered by operationId, and method and path come from generated/<dialect>.contract.json,
// never typed again. A documented operation without a handler, or a handler for an operation the
// contract does not have, is a mismatch `routeMismatches` reports and startSimulator refuses.
import { contracts } from '../../src/contracts/index.ts';
import { DIALECT_IDS, type DialectId } from '../../generated/dialects.ts';
import type { DialectSimulator, OperationHandler } from './dialects/types.ts';

export interface BoundRoute {
  dialect: DialectId;
  operationId: string;
  /** Upper case, as on the wire. */
  method: string;
  /** The documented path, e.g. `/v1/videos/{id}/content`. */
  path: string;
  /** The media type of the request body, when the operation takes one. */
  requestMediaType?: string;
  /** Whether the request has file parts whose bytes are checked (the contract's multipart `encoding` names some). */
  hasFileParts: boolean;
  handle: OperationHandler['handle'];
  match: RegExp;
}

/** A documented path as a regular expression with named groups; parameters match one raw segment. */
function compile(path: string): RegExp {
  const segments = path.split('/').map((segment) => {
    const parameter = /^\{(\w+)\}$/.exec(segment)?.[1];
    return parameter ? `(?<${parameter}>[^/]+)` : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/')}$`);
}

/** Disagreements between the handlers and the contract, in words; empty when they agree. */
export function routeMismatches(simulators: Record<DialectId, DialectSimulator>): string[] {
  return DIALECT_IDS.flatMap((dialect) => {
    const documented = Object.keys(contracts[dialect].operations);
    const handled = simulators[dialect].routes.map((route) => route.operationId);
    return [
      ...documented.filter((id) => !handled.includes(id)).map((id) => `${dialect}: documented operation ${id} has no route`),
      ...handled.filter((id) => !documented.includes(id)).map((id) => `${dialect}: route ${id} names no documented operation`),
    ];
  });
}

export function bindRoutes(simulators: Record<DialectId, DialectSimulator>): Record<DialectId, BoundRoute[]> {
  const mismatches = routeMismatches(simulators);
  if (mismatches.length > 0) throw new Error(`The simulator's routes disagree with the contracts: ${mismatches.join('; ')}`);
  // A concrete path matches before a templated one (OpenAPI 3.1, Paths Object): `/videos/models`
  // is the models list, not the job `models`. The sort is stable, so the handlers' order stays otherwise.
  const templated = (route: BoundRoute) => route.path.split('/').filter((segment) => segment.startsWith('{')).length;
  const bind = (dialect: DialectId): BoundRoute[] =>
    simulators[dialect].routes
      .map((route): BoundRoute => {
        const operation = contracts[dialect].operations[route.operationId]!;
        return {
          dialect,
          operationId: route.operationId,
          method: operation.method.toUpperCase(),
          path: operation.path,
          ...(operation.requestMediaType ? { requestMediaType: operation.requestMediaType } : {}),
          hasFileParts: Object.keys(operation.requestEncoding ?? {}).length > 0,
          handle: route.handle,
          match: compile(operation.path),
        };
      })
      .sort((a, b) => templated(a) - templated(b));
  return Object.fromEntries(DIALECT_IDS.map((dialect) => [dialect, bind(dialect)])) as Record<DialectId, BoundRoute[]>;
}

export interface RouteMatch {
  route?: BoundRoute;
  /** Path parameters as sent (still percent-encoded). */
  rawParams: Record<string, string>;
}

/** The route for a method and a path below the dialect prefix; without a route, nothing. */
export function findRoute(routes: BoundRoute[], method: string, path: string): RouteMatch {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.match.exec(path);
    if (found) return { route, rawParams: { ...found.groups } };
  }
  return { rawParams: {} };
}
