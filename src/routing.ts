// Which dialect serves a model. First match wins; the table is plain data from the documents,
// exported so it can be read, printed, extended or replaced (`createClient({ routes: [...] })`).
import { type DialectId, KNOWN_MODELS, MODEL_ROUTES } from '../generated/dialects.ts';
import { UnknownModelError } from './errors.ts';

export interface Route {
  /** The pattern as people write it, shown in errors and listings. */
  pattern: string;
  match: RegExp;
  dialect: DialectId;
  note: string;
}

/**
 * The model names each dialect's gateways sell, from the documents (`info.x-model-routes`, in
 * generated/dialects.ts), the most specific first.
 */
export const defaultRoutes: readonly Route[] = MODEL_ROUTES.map(({ pattern, match, dialect, note }) => ({ pattern, match: new RegExp(match), dialect, note }));

/** The dialect for a model, or UnknownModelError listing the patterns that are known. */
export function routeModel(model: string, routes: readonly Route[] = defaultRoutes): DialectId {
  const route = routes.find((candidate) => candidate.match.test(model));
  if (!route)
    throw new UnknownModelError(
      model,
      routes.map((candidate) => `${candidate.pattern} → ${candidate.dialect}`),
    );
  return route.dialect;
}

/**
 * Every dialect whose documents sell a model (a route pattern matches it, or it is a known model),
 * in the table's order: the dialects an ambiguous model could be meant for.
 */
export function dialectsSelling(model: string, routes: readonly Route[] = defaultRoutes): DialectId[] {
  const byRoute = routes.filter((route) => route.match.test(model)).map((route) => route.dialect);
  const known = KNOWN_MODELS.filter((entry) => entry.id === model).map((entry) => entry.dialect);
  return [...new Set([...byRoute, ...known])];
}

/**
 * The resolution a model name fixes (`doubao-seedance-1-5-pro_720p`, `seedance2.0-fast-720p`):
 * the `_<res>` or `-<res>` suffix, or undefined when the name has none.
 */
export function resolutionOfModel(model: string): string | undefined {
  return /[_-](\d+p|4k)$/.exec(model)?.[1];
}
