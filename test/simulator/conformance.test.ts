// Every answer the simulator sends conforms to its dialect's contract: the conformance suite's
// live-target checks run against it (every documented request and negative example), and so does
// every status of every lifecycle and every error path.
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/index.ts';
import { liveCases } from '../conformance/cases.ts';
import { contractProblems, send } from '../conformance/exchange.ts';
import { loadContracts, loadOperations } from '../support/contracts.ts';
import { prismOperations } from '../support/prism-validation.ts';
import { DIALECT_FACTS, pathOf } from '../support/dialects.ts';
import { useSimulator } from './support.ts';

const harness = useSimulator();

for (const contract of loadContracts()) {
  const dialect = contract.dialect as DialectId;
  const operations = loadOperations(contract);
  const prism = await prismOperations(contract);
  const check = (operationId: string, response: Response, body: unknown) => {
    const operation = operations.find((candidate) => candidate.operationId === operationId)!;
    return contractProblems(prism.get(`${operation.method} ${operation.path}`)!, [...new Set(operation.responses.map((r) => r.status))], response, body);
  };
  const read = async (response: Response) => ((response.headers.get('content-type') ?? '').includes('json') ? response.json() : response.arrayBuffer());

  describe(`${dialect} simulator conforms to openapi/${dialect}.yaml`, () => {
    it.each(liveCases(contract).map((replay) => [`${replay.operation.operationId} ${replay.kind} "${replay.example}"`, replay] as const))(
      'answers %s as the contract documents',
      async (_, replay) => {
        const { data, error, response } = await send(contract, replay, harness.sim.urls[dialect], { key: 'sk-conformance' });
        if (replay.kind === 'negative') {
          expect(response.status).toBe(400);
          // The refusal names the rule the example breaks (the placeholder template breaks many at once).
          const violates = (replay.request as { violates?: string }).violates;
          if (violates && violates !== 'seed-placeholder-template') expect(JSON.stringify(error)).toContain(violates);
        }
        const operation = replay.operation;
        expect(
          contractProblems(
            prism.get(`${operation.method} ${operation.path}`)!,
            [...new Set(operation.responses.map((r) => r.status))],
            response,
            error ?? data,
          ),
        ).toEqual([]);
      },
    );

    it.each(['succeed', 'fail', 'expire', 'stay-queued'])('answers every query of a "%s" task, at every step of its life, as documented', async (scenario) => {
      const base = harness.sim.urls[dialect];
      const facts = DIALECT_FACTS[dialect];
      const submit = facts.createRequest('c');
      const headers = {
        authorization: 'Bearer sk-conformance',
        'x-mock-scenario': scenario,
        ...(submit.contentType ? { 'content-type': submit.contentType } : {}),
      };
      const created = await fetch(`${base}${pathOf(dialect, 'createTask', '')}`, { method: 'POST', headers, body: submit.body });
      const createdBody = (await created.json()) as { id?: string; task_id?: string };
      expect(check('createTask', created, createdBody)).toEqual([]);
      const id = createdBody.task_id ?? createdBody.id ?? '';
      for (const step of [0, 1_500, 5_000]) {
        harness.clock.advance(step);
        for (const { operationId, query } of facts.reads) {
          const response = await fetch(`${base}${pathOf(dialect, operationId, id)}${query?.(id) ?? ''}`, {
            headers: { authorization: 'Bearer sk-conformance' },
          });
          expect(check(operationId, response, await read(response)), `${operationId} after ${step} ms`).toEqual([]);
        }
      }
    });

    it.each(['rate-limit', 'server-error'])('answers the "%s" scenario in the documented envelope, on every operation', async (scenario) => {
      for (const operation of operations) {
        const path = operation.path.replace(/\{[^}]+\}/g, 'task_unknown');
        const response = await fetch(`${harness.sim.urls[dialect]}${path}`, {
          method: operation.method.toUpperCase(),
          headers: { authorization: 'Bearer k', 'x-mock-scenario': scenario, 'content-type': operation.requestMediaTypes[0] ?? 'application/json' },
          ...(operation.method === 'post' ? { body: '{}' } : {}),
        });
        expect(response.status).toBe(scenario === 'rate-limit' ? 429 : 500);
        expect(check(operation.operationId, response, await response.json()), operation.operationId).toEqual([]);
      }
    });

    it('answers a request without credentials with the documented 401, on every operation', async () => {
      for (const operation of operations) {
        const path = operation.path.replace(/\{[^}]+\}/g, 'task_unknown');
        const response = await fetch(`${harness.sim.urls[dialect]}${path}`, { method: operation.method.toUpperCase() });
        expect(response.status).toBe(401);
        expect(check(operation.operationId, response, await response.json()), operation.operationId).toEqual([]);
      }
    });
  });
}
