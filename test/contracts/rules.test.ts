// Every rule the client enforces comes from the contracts. A violation is traced to its rule
// through the `x-rule` marker on the subschema that encodes it (or, for a rule alone on its
// field, through the field); every negative example must trace to exactly the rule it violates,
// and every documented request must pass.
import { describe, expect, it } from 'vitest';
import { checkRequestBody } from '../../src/contract.ts';
import type { DialectId } from '../../src/dialects/ids.ts';
import { loadContracts, loadOperations } from '../support/contracts.ts';

function markedRules(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) markedRules(item, found);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-rule' && typeof value === 'string') found.add(value);
      else markedRules(value, found);
    }
  }
  return found;
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

    for (const operation of operations.filter((o) => o.requestMediaTypes.length > 0)) {
      it.each(operation.invalid.filter((i) => i.location === 'body').map((i) => [i.name, i] as const))(
        `${operation.operationId}: the client traces negative example "%s" to the rule it violates, and only that rule`,
        (_, example) => {
          const issues = checkRequestBody(dialect, operation.operationId, example.body);
          const rules = [...new Set(issues.map((issue) => issue.rule))];
          // The vendor page's placeholder template breaks many rules at once; it must only be refused.
          if (example.violates === 'seed-placeholder-template') expect(issues).not.toEqual([]);
          else expect(rules).toEqual([example.violates]);
        },
      );

      it.each(operation.requests.map((r) => [r.name, r] as const))(`${operation.operationId}: the client accepts documented request "%s"`, (_, request) => {
        expect(checkRequestBody(dialect, operation.operationId, request.body)).toEqual([]);
      });
    }
  });
}
