// Replays every documented example through the dialect's typed client against a Prism mock of the
// dialect (or, with SEEDANCE_TARGET_URL, against another server; see targets.ts).
import { describe, expect, inject, it } from 'vitest';
import type { DialectId } from '../../src/dialects/index.ts';
import { loadContracts, pathsOverlap, ruleFieldSegments, type InvalidCase, type RequestCase } from '../support/contracts.ts';
import { prismOperations, validateResponse } from '../support/prism-validation.ts';
import { countResponseExamples, liveCases, prismCases } from './cases.ts';
import { contractProblems, send } from './exchange.ts';

declare module 'vitest' {
  interface TaskMeta {
    conformance?: { dialect: string; operation: string; example: string; kind: string; skipped?: string };
  }
}

const target = inject('conformanceTarget');
const apiKey = process.env.SEEDANCE_API_KEY ?? 'conformance-suite-key';

function violations(response: Response): Array<{ location: string[]; message: string }> {
  const header = response.headers.get('sl-violations');
  return header ? (JSON.parse(header) as Array<{ location: string[]; message: string }>) : [];
}

const contracts = loadContracts().filter((contract) => target.urls[contract.dialect as DialectId]);

for (const contract of contracts) {
  const baseUrl = target.urls[contract.dialect as DialectId] ?? '';
  const cases = target.kind === 'prism' ? prismCases(contract) : liveCases(contract);
  const prism = await prismOperations(contract);

  describe(`${contract.dialect} conformance (${target.kind === 'prism' ? 'Prism mock' : 'live target'})`, () => {
    let replayed = 0;

    for (const replay of cases) {
      const { operation, example, kind } = replay;
      const label = `${operation.operationId} ${kind} "${example}"${replay.expected ? ` -> ${replay.expected.status}` : ''}`;
      const submits = operation.method === 'post' && kind === 'documented';
      const skipReason = target.kind === 'live' && submits && !target.allowSubmit ? 'submits a billed task; set SEEDANCE_TARGET_ALLOW_SUBMIT=1' : undefined;

      it.skipIf(skipReason !== undefined)(label, async ({ task }) => {
        task.meta.conformance = { dialect: contract.dialect, operation: operation.operationId, example, kind };
        replayed++;
        const prismOperation = prism.get(`${operation.method} ${operation.path}`);
        if (!prismOperation) throw new Error(`no operation ${operation.method} ${operation.path}`);

        if (target.kind === 'prism') {
          const expected = replay.expected;
          if (!expected) throw new Error(`negative example "${example}" has no same-named 400 example`);
          const { data, error, response } = await send(contract, replay, baseUrl, { key: apiKey, prefer: `code=${expected.status}, example=${example}` });
          expect(response.status, 'documented status').toBe(Number(expected.status));
          expect(error ?? data, 'documented body').toEqual(expected.value);
          if (kind === 'documented') {
            expect(response.headers.get('sl-violations'), 'Prism found the documented exchange invalid').toBeNull();
          } else {
            const invalid = replay.request as InvalidCase;
            const rule = operation.rules.find((candidate) => candidate.id === invalid.violates);
            const found = violations(response);
            // Prism reads schemas as draft-07: a rule it cannot see (x-enforced-by without prism)
            // must pass it unnoticed, and every other rule must be caught.
            if (rule && !rule.enforcedBy.includes('prism')) {
              expect(found, `Prism is not listed in x-enforced-by of ${rule.id}, yet it found violations`).toEqual([]);
              return;
            }
            expect(found.length, 'sl-violations names the problem').toBeGreaterThan(0);
            if (rule) {
              const field = ruleFieldSegments(rule, invalid.location);
              expect(
                found.some((violation) => pathsOverlap(violation.location.slice(2), field)),
                `sl-violations ${JSON.stringify(found)} should name ${rule.field}`,
              ).toBe(true);
            }
          }
          return;
        }

        // A live target answers as it will; the answer must be one the contract documents.
        const { data, error, response } = await send(contract, replay, baseUrl, { key: apiKey });
        if (kind === 'negative') expect(response.status).toBeGreaterThanOrEqual(400);
        expect(contractProblems(prismOperation, [...new Set(operation.responses.map((r) => r.status))], response, error ?? data)).toEqual([]);
      });
    }

    it('rejects a request without credentials with the dialect 401', async () => {
      const operation = cases[0]?.operation;
      if (!operation) throw new Error('no operations');
      const replay = cases.find((c) => c.operation === operation && c.kind === 'documented') ?? cases[0]!;
      const { error, response } = await send(contract, { ...replay, expected: undefined }, baseUrl, {});
      expect(response.status).toBe(401);
      const unauthorized = operation.responses.filter((r) => r.status === '401').map((r) => r.value);
      if (target.kind === 'prism') expect(unauthorized).toContainEqual(error);
      else expect(validateResponse(prism.get(`${operation.method} ${operation.path}`)!, '401', 'application/json', error)).toEqual([]);
    });

    it('answers an unknown path with 404', async () => {
      const response = await fetch(`${baseUrl}/__conformance__/no/such/path`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(response.status).toBe(404);
      await response.body?.cancel();
    });

    if (target.kind === 'prism') {
      it('replayed every named response example of the document', () => {
        expect(replayed).toBe(countResponseExamples(contract));
        const used = new Set(cases.map((c) => `${c.operation.operationId} ${c.request.name}`));
        for (const c of cases) {
          for (const request of [...c.operation.requests, ...c.operation.invalid] as RequestCase[]) {
            expect(used, `request example ${request.name} was never sent`).toContain(`${c.operation.operationId} ${request.name}`);
          }
        }
      });
    }
  });
}
