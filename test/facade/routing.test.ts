import { describe, expect, it } from 'vitest';
import { createClient, defaultRoutes, routeModel, UnknownModelError } from '../../src/index.ts';
import { loadContracts, type JsonObject } from '../support/contracts.ts';

/** The model names a contract enumerates for createTask (dialects with a free-form model have none). */
function documentedModels(document: JsonObject): string[] {
  const schemas = ((document.components as JsonObject)?.schemas ?? {}) as Record<string, JsonObject>;
  const request = schemas.CreateTaskRequest as JsonObject | undefined;
  const model = (request?.properties as Record<string, JsonObject> | undefined)?.model;
  const resolved = model?.$ref ? schemas[String(model.$ref).split('/').pop() ?? ''] : model;
  return Array.isArray(resolved?.enum) ? (resolved.enum as string[]) : [];
}

describe('routing by model name', () => {
  for (const contract of loadContracts()) {
    const models = documentedModels(contract.document);
    if (models.length === 0) continue;
    it.each(models)(`routes %s, a model openapi/${contract.dialect}.yaml documents, to ${contract.dialect}`, (model) => {
      expect(routeModel(model)).toBe(contract.dialect);
    });
  }

  it.each([
    ['doubao-seedance-1-5-pro-251215', 'ark'],
    ['doubao-seedance-1-0-lite-i2v-250428', 'ark'],
    ['dreamina-seedance-2-0-260128', 'ark'],
    ['seedance-1-0-pro-250528', 'ark'],
    ['ep-20251220143015-x7k2m', 'ark'],
  ])('routes the Ark model or endpoint id %s to %s', (model, dialect) => {
    expect(routeModel(model)).toBe(dialect);
  });

  it('refuses an unknown model with an error that lists every known pattern', () => {
    const error = (() => {
      try {
        routeModel('sora-2');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UnknownModelError);
    for (const route of defaultRoutes) expect((error as Error).message).toContain(route.pattern);
  });

  it('lets a client replace the table or name a dialect outright', () => {
    const custom = createClient({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'k',
      routes: [{ pattern: 'my-*', match: /^my-/, dialect: 'unified-jobs', note: '' }],
    });
    expect(custom.dialectFor('my-model')).toBe('unified-jobs');
    expect(() => custom.dialectFor('doubao-seedance-2-0-260128')).toThrow(UnknownModelError);
    const fixed = createClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', dialect: 'ark' });
    expect(fixed.dialectFor('seedance2.0-720p')).toBe('ark');
  });
});
