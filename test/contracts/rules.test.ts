// Every rule the client enforces comes from the contracts. A violation is traced to its rule
// through the `x-rule` marker on the subschema that encodes it (or, for a rule alone on its
// field, through the field); every negative example must trace to exactly the rule it violates,
// and every documented request must pass.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkRequestBody, contracts } from '../../src/contracts/index.ts';
import type { DialectId } from '../../generated/dialects.ts';
import { checkFileParts } from '../../src/contracts/index.ts';
import { loadContracts, loadOperations, markedRules } from '../support/contracts.ts';

const FIXTURES = resolve(import.meta.dirname, '../../mocks/fixtures');

/**
 * Every rule the client would find: the schema's (file parts seen by name, as on the wire) and the
 * rules module's (file parts seen by their bytes: a fixture file of that name, or a text part).
 */
async function clientRules(dialect: DialectId, operationId: string, body: unknown): Promise<string[]> {
  const encoding = contracts[dialect].operations[operationId]?.requestEncoding ?? {};
  const parts = Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).map(([name, value]) => {
      const fixture = resolve(FIXTURES, String(value));
      return [name, name in encoding && existsSync(fixture) ? new File([readFileSync(fixture)], String(value)) : value];
    }),
  );
  const issues = [...checkRequestBody(dialect, operationId, body), ...(await checkFileParts(dialect, operationId, parts))];
  return [...new Set(issues.map((issue) => issue.rule))];
}

for (const contract of loadContracts()) {
  const dialect = contract.dialect as DialectId;
  const operations = loadOperations(contract);
  const marked = markedRules(contract.document);
  const ruleIds = new Set(operations.flatMap((operation) => operation.rules.map((rule) => rule.id)));

  describe(`${dialect} rules`, () => {
    it('marks only rules that the document lists', () => {
      expect([...marked].filter((id) => !ruleIds.has(id))).toEqual([]);
    });

    it('lists every rule the rules module (src/contracts/index.ts) reports as a module rule, and no module rule without a negative example', () => {
      const moduleRules = operations.flatMap((operation) => operation.rules.filter((rule) => rule.enforced === 'module'));
      for (const rule of moduleRules) expect(operations.flatMap((operation) => operation.invalid.map((example) => example.violates))).toContain(rule.id);
      const hasFiles = Object.values(contracts[dialect].operations).some((operation) => operation.requestEncoding);
      expect(moduleRules.map((rule) => rule.id).sort()).toEqual(hasFiles ? ['file-field-is-file', 'file-is-image'] : []);
    });

    for (const operation of operations.filter((o) => o.requestMediaTypes.length > 0)) {
      it.each(operation.invalid.filter((i) => i.location === 'body').map((i) => [i.name, i] as const))(
        `${operation.operationId}: the client traces negative example "%s" to the rule it violates, and only that rule`,
        async (_, example) => {
          const rules = await clientRules(dialect, operation.operationId, example.body);
          // The vendor page's placeholder template breaks many rules at once; it must only be refused.
          if (example.violates === 'seed-placeholder-template') expect(rules).not.toEqual([]);
          else expect(rules).toEqual([example.violates]);
        },
      );

      it.each(operation.requests.map((r) => [r.name, r] as const))(
        `${operation.operationId}: the client accepts documented request "%s"`,
        async (_, request) => {
          expect(await clientRules(dialect, operation.operationId, request.body)).toEqual([]);
        },
      );
    }
  });
}
