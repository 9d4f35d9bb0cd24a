// The simulator's routes come from the contract bundles: every documented operation has a handler
// and every handler names a documented operation; method and path are the bundle's. Each
// simulator owns its state.
import { describe, expect, it } from 'vitest';
import { contracts } from '../../src/contracts/index.ts';
import { DIALECT_IDS } from '../../generated/dialects.ts';
import { manualClock, startSimulator } from '../../mocks/simulator/index.ts';
import { SIMULATORS } from '../../mocks/simulator/dialects/index.ts';
import { bindRoutes, routeMismatches } from '../../mocks/simulator/routes.ts';

describe('routes by operationId', () => {
  it('has a handler for every documented operation and none for an undocumented one', () => {
    expect(routeMismatches(SIMULATORS)).toEqual([]);
  });

  it('takes method and path from the bundle', () => {
    const routes = bindRoutes(SIMULATORS);
    for (const dialect of DIALECT_IDS) {
      for (const route of routes[dialect]) {
        const operation = contracts[dialect].operations[route.operationId]!;
        expect([route.method, route.path]).toEqual([operation.method.toUpperCase(), operation.path]);
      }
    }
  });

  it('reports a documented operation without a route, and a route for an unknown operation', () => {
    const ark = SIMULATORS.ark;
    const broken = {
      ...SIMULATORS,
      ark: { ...ark, routes: [...ark.routes.filter((route) => route.operationId !== 'listTasks'), { ...ark.routes[0]!, operationId: 'renameTask' }] },
    };
    expect(routeMismatches(broken)).toEqual(['ark: documented operation listTasks has no route', 'ark: route renameTask names no documented operation']);
    expect(() => bindRoutes(broken)).toThrow(/listTasks has no route/);
  });
});

describe('state per simulator', () => {
  it('keeps one asset library per simulator: an asset created on one is unknown to another', async () => {
    const [first, second] = await Promise.all([startSimulator({ port: 0, clock: manualClock() }), startSimulator({ port: 0, clock: manualClock() })]);
    try {
      const call = (sim: typeof first, operation: string, body: unknown) =>
        fetch(`${sim.urls['content-metadata']}/v1/seedance/asset/${operation}`, {
          method: 'POST',
          headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const group = ((await (await call(first, 'CreateAssetGroup', { Name: 'g' })).json()) as { data: { Id: string } }).data.Id;
      const created = (await (
        await call(first, 'CreateAsset', { GroupId: group, URL: 'https://example.com/a.png', AssetType: 'Image', Name: 'a' })
      ).json()) as { data: { task_id: string } };
      expect((await call(first, 'GetAsset', { task_id: created.data.task_id })).status).toBe(200);
      expect((await call(second, 'GetAsset', { task_id: created.data.task_id })).status).toBe(404);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
