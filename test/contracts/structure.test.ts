// The conventions of openapi/CONVENTIONS.md that lint cannot check: provenance, rules with their
// negative examples, and the pairing of request and response examples by name.
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECT_IDS } from '../../src/dialects/index.ts';
import { collectSources, loadContracts, loadOperations, VALIDATORS, type Operation } from '../support/contracts.ts';

// A citation opens with a source name or an upstream topic (test/contracts/provenance.test.ts checks the names against
// the legend of openapi/CONVENTIONS.md), or says it is an inference.
const SOURCE = /^(inferred: \S|[A-Za-z][\w -]+ ?\S)/;
const GENERIC_ERRORS = new Set(['401', '429', '500']);

const contracts = loadContracts();

it('has one document per dialect module, named after the dialect it declares', () => {
  expect(contracts.map((contract) => contract.dialect).sort()).toEqual([...DIALECT_IDS].sort());
  for (const contract of contracts) expect(basename(contract.file)).toBe(`${contract.dialect}.yaml`);
});

for (const contract of contracts) {
  const operations = loadOperations(contract);
  // Rows for it.each: [operationId, a readable name for the case, the case].
  const each = <T extends { name?: string; id?: string }>(rows: (operation: Operation) => T[]) =>
    operations.flatMap((operation) => rows(operation).map((row) => [operation.operationId, row.name ?? row.id ?? '', row] as const));
  const operation = (operationId: string) => operations.find((candidate) => candidate.operationId === operationId);

  describe(`${contract.dialect} document`, () => {
    it.each(collectSources(contract.document).map(({ at, value }) => [at, value] as const))(
      'names a public source or an inference in x-source at %s',
      (_, value) => {
        expect(typeof value).toBe('string');
        for (const part of String(value).split('; ')) expect(part).toMatch(SOURCE);
      },
    );

    it.each(operations.map((candidate) => [candidate.operationId, candidate] as const))(
      '%s documents 401, 429 and 500 with examples, and 400 when it takes input',
      (_, candidate) => {
        const statuses = new Set(candidate.responses.map((response) => response.status));
        const takesInput = candidate.requestMediaTypes.length > 0 || candidate.invalid.length > 0;
        for (const status of ['401', '429', '500', ...(takesInput ? ['400'] : [])]) expect([...statuses]).toContain(status);
      },
    );

    it.each(operations.filter((o) => o.rules.length > 0).map((candidate) => [candidate.operationId, candidate] as const))(
      '%s lists well-formed rules with unique ids',
      (_, candidate) => {
        const ids = candidate.rules.map((rule) => rule.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const rule of candidate.rules) {
          expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
          expect(rule.description.length).toBeGreaterThan(10);
          expect(rule.field).toMatch(/^\//);
          expect(rule.source).toMatch(SOURCE);
        }
      },
    );

    it.each(each((candidate) => candidate.rules))('%s rule "%s" says which validators enforce it (x-enforced-by), consistently with how', (_, __, rule) => {
      expect(rule.enforcedBy.every((validator) => (VALIDATORS as readonly string[]).includes(validator))).toBe(true);
      if (rule.enforced === 'prose') expect(rule.enforcedBy).toEqual([]);
      else expect(rule.enforcedBy).toEqual(expect.arrayContaining(['client', 'simulator']));
      if (rule.enforced === 'module') expect(rule.enforcedBy).not.toContain('prism');
    });

    // A negative example shows the rule refuses; a near-miss valid example shows it does not over-refuse.
    it.each(each((candidate) => candidate.rules.filter((rule) => rule.enforced !== 'prose')))(
      '%s enforced rule "%s" names at least one near-miss valid example (x-near-miss)',
      (_, __, rule) => {
        expect(rule.nearMiss.length).toBeGreaterThan(0);
      },
    );

    it.each(each((candidate) => candidate.rules.filter((rule) => rule.nearMiss.length > 0)))(
      '%s rule "%s" names near-miss examples that are documented valid requests',
      (operationId, _, rule) => {
        const valid = operation(operationId)?.requests.map((request) => request.name) ?? [];
        for (const name of rule.nearMiss) expect(valid).toContain(name);
      },
    );

    it.each(each((candidate) => candidate.rules.filter((rule) => rule.enforced === 'schema')))(
      '%s has a negative example for schema-enforced rule "%s"',
      (operationId, _, rule) => {
        expect(operation(operationId)?.invalid.map((example) => example.violates)).toContain(rule.id);
      },
    );

    it.each(each((candidate) => candidate.invalid))(
      '%s negative example "%s" names one of its rules and has a same-named 400 example',
      (operationId, _, example) => {
        expect(operation(operationId)?.rules.map((rule) => rule.id)).toContain(example.violates);
        const badRequests = operation(operationId)
          ?.responses.filter((response) => response.status === '400')
          .map((response) => response.name);
        expect(badRequests).toContain(example.name);
      },
    );

    it.each(each((candidate) => (candidate.requestMediaTypes.length > 0 ? candidate.requests : [])))(
      '%s request example "%s" has a same-named success response example',
      (operationId, _, request) => {
        const successes = operation(operationId)
          ?.responses.filter((response) => response.status.startsWith('2'))
          .map((response) => response.name);
        expect(successes).toContain(request.name);
      },
    );

    it.each(
      each((candidate) =>
        candidate.pathParameters.length === 0
          ? []
          : candidate.responses.filter((response) => !GENERIC_ERRORS.has(response.status) && !candidate.invalid.some((i) => i.name === response.name)),
      ),
    )('%s response example "%s" is reachable: every path parameter has an example of the same name', (operationId, _, response) => {
      const request = operation(operationId)?.requests.find((candidate) => candidate.name === response.name);
      for (const parameter of operation(operationId)?.pathParameters ?? [])
        expect(request?.path[parameter], `${parameter} example "${response.name}"`).toBeDefined();
    });
  });
}
