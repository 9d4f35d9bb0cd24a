// Every named example in openapi/ must be valid, and every negative example invalid, as Prism
// judges them. Cases are discovered from the documents: adding an example adds a test.
import { describe, expect, it } from 'vitest';
import { binaryFields, loadContracts, loadOperations, pathsOverlap, ruleFieldSegments, type InvalidCase } from '../support/contracts.ts';
import { prismOperations, validateRequest, validateResponse } from '../support/prism-validation.ts';

const contracts = loadContracts();

for (const contract of contracts) {
  const prism = await prismOperations(contract);

  describe(`${contract.dialect} examples, validated by Prism`, () => {
    for (const operation of loadOperations(contract)) {
      const prismOperation = prism.get(`${operation.method} ${operation.path}`);
      if (!prismOperation) throw new Error(`Prism did not load ${operation.method} ${operation.path}`);

      describe(operation.operationId, () => {
        it.each(operation.requests.map((request) => [request.name, request] as const))('accepts the documented request example "%s"', (_, request) => {
          const files = request.mediaType?.startsWith('multipart/') ? binaryFields(contract.document, operation, request.mediaType) : undefined;
          expect(validateRequest(prismOperation, request, files)).toEqual([]);
        });

        it.each(operation.responses.map((response) => [`${response.status} ${response.name}`, response] as const))(
          'documents response example "%s" that matches its schema',
          (_, response) => {
            expect(validateResponse(prismOperation, response.status, response.mediaType, response.value)).toEqual([]);
          },
        );

        const seenByPrism = (request: InvalidCase) => operation.rules.find((rule) => rule.id === request.violates)?.enforcedBy.includes('prism') ?? true;

        it.each(operation.invalid.filter(seenByPrism).map((request) => [request.name, request] as const))(
          'rejects the negative example "%s" at the field its rule names, and nowhere else',
          (_, request) => {
            const files = request.mediaType?.startsWith('multipart/') ? binaryFields(contract.document, operation, request.mediaType) : undefined;
            const problems = validateRequest(prismOperation, request, files);
            expect(problems, 'Prism accepted a request that breaks a documented rule').not.toEqual([]);

            const rule = operation.rules.find((candidate) => candidate.id === request.violates);
            if (!rule?.field) return; // the structure tests report the missing rule
            const field = ruleFieldSegments(rule, request.location);
            const located = problems.map((problem) => problem.path.slice(1)); // drop the 'body'/'query' prefix
            expect(
              located.every((path) => pathsOverlap(path, field)),
              `every violation must sit at or around ${rule.field} (one rule broken, nothing else): ` +
                JSON.stringify(problems.map((p) => `${p.path.join('.')}: ${p.message}`)),
            ).toBe(true);
          },
        );

        // Prism validates with draft-07 semantics: a rule stated only in 2020-12 keywords
        // (maxContains) or outside the schema is invisible to it. x-enforced-by says so, and this
        // holds the document to it: Prism lets exactly those negative examples through.
        it.each(operation.invalid.filter((request) => !seenByPrism(request)).map((request) => [request.name, request] as const))(
          'lets the negative example "%s" through, as x-enforced-by says Prism cannot see its rule',
          (_, request) => {
            const files = request.mediaType?.startsWith('multipart/') ? binaryFields(contract.document, operation, request.mediaType) : undefined;
            expect(validateRequest(prismOperation, request, files)).toEqual([]);
          },
        );
      });
    }
  });
}
