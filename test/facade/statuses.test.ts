// Every status value a contract enumerates maps to a canonical status; anything else reads as
// `unknown`, with the word and the body kept (the wait policy is in polling.test.ts; the tables
// both directions use are checked in test/simulator/status-tables.test.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type DialectId, type TaskHandle } from '../../src/index.ts';
import { adapters } from '../../src/dialects/index.ts';
import { loadContracts, type JsonObject } from '../support/contracts.ts';
import { DIALECT_FACTS } from '../support/dialects.ts';

for (const contract of loadContracts()) {
  const dialect = contract.dialect as DialectId;
  const schemas = ((contract.document.components as JsonObject).schemas ?? {}) as Record<string, JsonObject>;
  const statusSchemas = Object.entries(schemas).filter(([name, schema]) => /TaskStatus$/.test(name) && Array.isArray(schema.enum));
  const handle: TaskHandle = { v: 1, dialect, model: 'm', taskId: 't', baseUrl: 'http://127.0.0.1:9' };
  // The client's view of the adapter: bodies read from the wire are unchecked JSON.
  const fromWire = adapters[dialect].fromWire;

  describe(`${dialect} statuses`, () => {
    const values = statusSchemas.flatMap(([name, schema]) => (schema.enum as string[]).map((value) => [name, value] as const));
    it('documents at least one status enum', () => expect(values.length).toBeGreaterThan(0));

    it.each(values.filter(([, value]) => value !== 'UNKNOWN'))('maps %s "%s" to a canonical status', (schema, value) => {
      const task = fromWire(DIALECT_FACTS[dialect].taskBody(value, schema), handle);
      expect(TASK_STATUSES).toContain(task.status);
      expect(task.rawStatus).toContain(value);
    });

    it('reads an undocumented status as unknown, keeping the word and the raw body', () => {
      const body = DIALECT_FACTS[dialect].taskBody('teleported', 'TaskStatus');
      const task = fromWire(body, handle);
      expect(task).toMatchObject({ status: 'unknown', raw: body });
      expect(task.rawStatus).toContain('teleported');
    });
  });
}

it('reads content-metadata UNKNOWN through the upstream status when there is one, and as unknown otherwise', () => {
  const handle: TaskHandle = { v: 1, dialect: 'content-metadata', model: 'm', taskId: 't', baseUrl: 'http://127.0.0.1:9' };
  const withUpstream = { code: 'success', data: { task_id: 't', status: 'UNKNOWN', progress: '30%', data: { status: 'expired' } } };
  expect(adapters['content-metadata'].fromWire(withUpstream, handle).status).toBe('expired');
  const alone = { code: 'success', data: { task_id: 't', status: 'UNKNOWN', progress: '30%' } };
  expect(adapters['content-metadata'].fromWire(alone, handle)).toMatchObject({ status: 'unknown', rawStatus: 'UNKNOWN' });
});

describe("the client guide's unknown-status policy is the code's", () => {
  const guide = readFileSync(resolve(import.meta.dirname, '../../docs/guides/client.md'), 'utf8');
  const bullet = /- \*\*One task shape\.\*\*[\s\S]*?(?=\n- \*\*)/.exec(guide)?.[0].replace(/\s+/g, ' ') ?? '';

  it('names every canonical status the client reads, unknown included', () => {
    const named = new Set([...bullet.matchAll(/`([^`]+)`/g)].flatMap((match) => (match[1] ?? '').split(' | ')));
    for (const status of TASK_STATUSES) expect(named).toContain(status);
  });

  it('says an unlisted word reads as unknown, is waited through and ends at the timeout, and that nothing throws UnknownStatusError for it', () => {
    expect(bullet).toMatch(/no contract lists reads as `unknown`/);
    expect(bullet).toMatch(/`wait` keeps polling through it/);
    expect(bullet).toMatch(/`WaitTimeoutError` carrying the last raw body/);
    expect(bullet).toMatch(/Nothing in the client throws `UnknownStatusError`/);
    expect(bullet).not.toMatch(/is an `UnknownStatusError`/);
    // And the code agrees: an unlisted word is read, not thrown (the waiting itself: polling.test.ts).
    const task = adapters.ark.fromWire({ id: 't', status: 'paused' }, { v: 1, dialect: 'ark', model: 'm', taskId: 't', baseUrl: 'http://127.0.0.1:9' });
    expect(task).toMatchObject({ status: 'unknown', rawStatus: 'paused' });
  });
});
