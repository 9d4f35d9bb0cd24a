// One status table per dialect, used in both directions: the client reads the words with the
// document's x-canonical-status, and the simulator writes its statuses with it. Drift in either
// direction fails here: a word the document lists but the client reads otherwise; a status the
// simulator writes with a word that does not read back to it (save the documented fallbacks of
// x-render-status, e.g. an expired unified-jobs job that fails); a table that differs from its enum.
import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type DialectId, type TaskHandle } from '../../src/index.ts';
import { adapters } from '../../src/dialects/index.ts';
import { loadContracts, type JsonObject } from '../support/contracts.ts';
import { clientFor, MODELS, useSimulator } from './support.ts';
import { DIALECT_FACTS } from '../support/dialects.ts';

const harness = useSimulator();

/** A minimal task body of each dialect carrying one status word of one schema (test/support/dialects.ts). */
const BODY = (dialect: DialectId) => DIALECT_FACTS[dialect].taskBody;

const REQUEST = (dialect: DialectId) => ({ model: MODELS[dialect], prompt: 'A kite', duration: 5 });

for (const contract of loadContracts()) {
  const dialect = contract.dialect as DialectId;
  const schemas = ((contract.document.components as JsonObject).schemas ?? {}) as Record<string, JsonObject>;
  const tables = Object.entries(schemas).filter(([, schema]) => typeof schema['x-canonical-status'] === 'object');
  const handle: TaskHandle = { v: 1, dialect, model: 'm', taskId: 't', baseUrl: 'http://127.0.0.1:9' };

  describe(`${dialect} status tables`, () => {
    it('has a table on every task status enum, listing exactly the enum words', () => {
      const enums = Object.entries(schemas).filter(([name, schema]) => /Status$/.test(name) && name !== 'AssetStatus' && Array.isArray(schema.enum));
      expect(tables.map(([name]) => name).sort()).toEqual(enums.map(([name]) => name).sort());
      for (const [, schema] of tables) {
        const table = schema['x-canonical-status'] as Record<string, string>;
        expect(Object.keys(table).sort()).toEqual([...(schema.enum as string[])].sort());
        for (const status of [...Object.values(table), ...Object.keys((schema['x-render-status'] as object) ?? {})]) expect(TASK_STATUSES).toContain(status);
      }
    });

    it.each(
      tables.flatMap(([name, schema]) =>
        Object.entries(schema['x-canonical-status'] as Record<string, string>).map(([word, status]) => [name, word, status] as const),
      ),
    )('the client reads %s "%s" as %s', (schema, word, status) => {
      const task = adapters[dialect].fromWire(BODY(dialect)(word, schema), handle);
      // content-metadata's UNKNOWN defers to the upstream status when there is one; here there is none.
      expect(task.status).toBe(status);
    });

    it.each(['succeed', 'fail', 'expire', 'stay-queued'])(
      'the simulator writes every status of a "%s" task with a word the client reads back',
      async (scenario) => {
        const client = clientFor(harness, dialect, { 'x-mock-scenario': scenario });
        const taskHandle = await client.submit(REQUEST(dialect));
        // The task's own status schema is the first table (TaskStatus); content-metadata's upstream words are read through it.
        const [, own = {}] = tables[0] ?? [];
        const render = (own['x-render-status'] ?? {}) as Record<string, string>;
        const canonical = (own['x-canonical-status'] ?? {}) as Record<string, string>;
        for (const step of [0, 1_000, 3_500]) {
          harness.clock.advance(step);
          const stored = harness.sim.store.get(taskHandle.taskId, harness.clock.now());
          const simStatus = stored?.timeline.filter((entry) => entry.at <= harness.clock.now()).at(-1)?.status;
          const task = await client.get(taskHandle);
          const word = simStatus ? render[simStatus] : undefined;
          const fallback = word ? canonical[word] : undefined;
          expect([simStatus, fallback]).toContain(task.status);
        }
      },
    );
  });
}
