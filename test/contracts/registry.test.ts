// The dialect registry is generated from redocly.yaml's apis and the documents' info
// (codegen/registry.ts): the ids, each gateway's facts, the model routes and the barrels. These
// tests hold what the generator promises: every listed document is a dialect everywhere, a
// document whose id disagrees with its API name stops generation, and the routes keep the
// documents' order of specificity.
import { describe, expect, it } from 'vitest';
import { adaptersBarrel, dialectsModule, simulatorsBarrel } from '../../codegen/registry.ts';
import { DIALECT_FACTS, DIALECT_IDS, MODEL_ROUTES } from '../../generated/dialects.ts';
import { SIMULATORS } from '../../mocks/simulator/dialects/index.ts';
import { adapters, dialects } from '../../src/dialects/index.ts';
import { defaultRoutes } from '../../src/routing.ts';
import { loadContracts } from '../support/contracts.ts';

const contracts = loadContracts();

describe('the dialect registry', () => {
  it('lists exactly the APIs of redocly.yaml, in its order, and every barrel has each of them', () => {
    expect(DIALECT_IDS).toEqual(contracts.map((contract) => contract.dialect));
    for (const id of DIALECT_IDS) {
      expect(adapters[id].id, id).toBe(id);
      expect(dialects[id].dialect, id).toBe(id);
      expect(SIMULATORS[id], id).toBeDefined();
      expect(DIALECT_FACTS[id].document).toBe(`openapi/${id}.yaml`);
    }
  });

  it("each dialect's SDK base path begins every path its document serves", () => {
    for (const id of DIALECT_IDS) {
      const { sdkBasePath, paths } = DIALECT_FACTS[id];
      expect(paths.length, id).toBeGreaterThan(0);
      for (const path of paths) expect(path.startsWith(`${sdkBasePath}/`), `${id} ${path}`).toBe(true);
    }
  });

  it('routes the most specific model names first and keeps the documents order among equals', () => {
    expect(defaultRoutes.map((route) => [route.dialect, route.match.source])).toEqual(MODEL_ROUTES.map((route) => [route.dialect, route.match]));
    // Every dialect sells at least one name; a dialect's own names route to it.
    for (const id of DIALECT_IDS)
      expect(
        MODEL_ROUTES.some((route) => route.dialect === id),
        id,
      ).toBe(true);
    const ark = MODEL_ROUTES.findIndex((route) => route.dialect === 'ark');
    const specific = MODEL_ROUTES.findIndex((route) => route.dialect === 'content-metadata');
    expect(specific).toBeLessThan(ark);
  });

  it('a document whose x-dialect is not its API name, or that names no models, stops generation', () => {
    const [first] = contracts;
    const renamed = { ...first!, document: { ...first!.document, info: { ...(first!.document.info as object), 'x-dialect': 'other' } } };
    expect(() => dialectsModule([renamed])).toThrow(/x-dialect is other/);
    const unrouted = { ...first!, document: { ...first!.document, info: { ...(first!.document.info as object), 'x-model-routes': [] } } };
    expect(() => dialectsModule([unrouted])).toThrow(/x-model-routes lists no model names/);
  });

  it('a new document is picked up by both barrels with nothing else to edit', () => {
    const [first] = contracts;
    const extra = {
      ...first!,
      alias: 'new-gateway@v1',
      dialect: 'new-gateway',
      document: { ...first!.document, info: { ...(first!.document.info as object), 'x-dialect': 'new-gateway' } },
    };
    expect(adaptersBarrel([...contracts, extra])).toContain(`import * as newGateway from './new-gateway.ts';`);
    expect(simulatorsBarrel([...contracts, extra])).toContain(`import { simulator as newGateway } from './new-gateway.ts';`);
    expect(dialectsModule([...contracts, extra])).toContain('"new-gateway"');
  });
});
