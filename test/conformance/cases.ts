// Turns the documents into replay cases. Against Prism, every named response example is one case
// (its request is the same-named request example, or the operation's first one for generic errors)
// and every negative example is one case. Against a live target, which cannot be told which
// example to answer with, every request example and every negative example is one case.
import { loadOperations, type SourceDocument, type InvalidCase, type Operation, type RequestCase, type ResponseExample } from '../support/contracts.ts';
import { OPERATION_METHODS } from '../../src/openapi.ts';

export type CaseKind = 'documented' | 'negative';

export interface ReplayCase {
  kind: CaseKind;
  operation: Operation;
  /** The example name: what the report and the Prefer header call it. */
  example: string;
  request: RequestCase | InvalidCase;
  /** Against Prism: the documented answer expected back. */
  expected?: ResponseExample;
}

function defaultRequest(operation: Operation): RequestCase {
  return (
    operation.requests[0] ?? {
      name: 'default',
      mediaType: undefined,
      body: undefined,
      path: {},
      query: {},
    }
  );
}

export function prismCases(contract: SourceDocument): ReplayCase[] {
  return loadOperations(contract).flatMap((operation) => {
    const negativeNames = new Set(operation.invalid.map((invalid) => invalid.name));
    const documented = operation.responses
      .filter((response) => !(response.status === '400' && negativeNames.has(response.name)))
      .map(
        (response): ReplayCase => ({
          kind: 'documented',
          operation,
          example: response.name,
          request: operation.requests.find((request) => request.name === response.name) ?? defaultRequest(operation),
          expected: response,
        }),
      );
    const negative = operation.invalid.map(
      (invalid): ReplayCase => ({
        kind: 'negative',
        operation,
        example: invalid.name,
        request: invalid,
        expected: operation.responses.find((response) => response.status === '400' && response.name === invalid.name),
      }),
    );
    return [...documented, ...negative];
  });
}

export function liveCases(contract: SourceDocument): ReplayCase[] {
  return loadOperations(contract).flatMap((operation) => [
    ...operation.requests.map((request): ReplayCase => ({ kind: 'documented', operation, example: request.name, request })),
    ...operation.invalid.map((invalid): ReplayCase => ({ kind: 'negative', operation, example: invalid.name, request: invalid })),
  ]);
}

/**
 * The named response examples of a document, counted straight from its YAML tree rather than
 * through the case builder. Against Prism every one of them is replayed exactly once (the 400
 * examples paired with negative examples through those negative cases), and the suite asserts it.
 */
export function countResponseExamples(contract: SourceDocument): number {
  type Media = { examples?: Record<string, unknown> };
  type Response = { $ref?: string; content?: Record<string, Media> };
  const document = contract.document as unknown as {
    paths: Record<string, Record<string, { responses?: Record<string, Response> }>>;
    components?: { responses?: Record<string, Response> };
  };
  let count = 0;
  for (const pathItem of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!(OPERATION_METHODS as readonly string[]).includes(method)) continue;
      for (const declared of Object.values(operation.responses ?? {})) {
        const response = declared.$ref ? document.components?.responses?.[declared.$ref.split('/').pop() ?? ''] : declared;
        for (const media of Object.values(response?.content ?? {})) count += Object.keys(media.examples ?? {}).length;
      }
    }
  }
  return count;
}
