// Which dialect serves a model. First match wins; the table is plain data, exported so it can be
// read, printed, extended or replaced (`createClient({ routes: [...] })`).
import type { DialectId } from './dialects/ids.ts';
import { UnknownModelError } from './errors.ts';

export interface Route {
  /** The pattern as people write it, shown in errors and listings. */
  pattern: string;
  match: RegExp;
  dialect: DialectId;
  note: string;
}

export const defaultRoutes: readonly Route[] = [
  {
    pattern: 'doubao-seedance-2-0-*',
    match: /^doubao-seedance-2-0-/,
    dialect: 'content-metadata',
    note: 'Seedance 2.0 on new-api gateways (content[] + metadata{})',
  },
  {
    pattern: 'doubao-seedance-1-x-pro_<res>',
    match: /^doubao-seedance-1-\d+-pro_(480p|720p|1080p)$/,
    dialect: 'multipart-videos',
    note: 'Seedance 1.x pro, resolution in the name, multipart uploads',
  },
  { pattern: 'seedance2.0-*', match: /^seedance2\.0-/, dialect: 'unified-jobs', note: 'gateways with unified job objects' },
  {
    pattern: 'doubao-seedance-* / dreamina-seedance-* / seedance-* (Ark model ids)',
    match: /^(doubao-seedance-|dreamina-seedance-|seedance-\d)/,
    dialect: 'ark',
    note: 'Volcengine Ark and BytePlus ModelArk model ids',
  },
  { pattern: 'ep-*', match: /^ep-/, dialect: 'ark', note: 'Ark inference endpoint ids' },
];

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
 * The resolution a model name fixes (`doubao-seedance-1-5-pro_720p`, `seedance2.0-fast-720p`):
 * the `_<res>` or `-<res>` suffix, or undefined when the name has none.
 */
export function resolutionOfModel(model: string): string | undefined {
  return /[_-](\d+p|4k)$/.exec(model)?.[1];
}
