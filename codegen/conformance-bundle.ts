// What `seedance check` needs to test a live server without the documents' YAML or any dev tool:
// per operation, the documented request examples (valid and invalid, with their parameters) and
// the response schema of every documented status. Written to generated/<dialect>.conformance.json
// beside the contract bundle, by codegen/generate.ts, and drift-checked the same way.
import { deref, type SourceDocument, type JsonObject, type Operation } from './contract-loader.ts';

/** A request example as the check sends it: body (JSON or multipart fields) and parameter values. */
function example(request: Operation['requests'][number]) {
  return {
    name: request.name,
    ...(request.mediaType === undefined ? {} : { mediaType: request.mediaType }),
    ...(request.body === undefined ? {} : { body: request.body }),
    path: request.path,
    query: request.query,
  };
}

/** Every documented status with its schema per media type (null: a documented body with no schema). */
function responseSchemas(document: JsonObject, operation: Operation, strip: (node: unknown) => unknown) {
  const declared = (operation.definition.responses ?? {}) as JsonObject;
  return Object.fromEntries(
    Object.entries(declared).map(([status, raw]) => {
      const response = deref(document, raw);
      const content = (response.content ?? {}) as JsonObject;
      const media = Object.fromEntries(
        Object.entries(content).map(([type, value]) => [type, deref(document, value).schema === undefined ? null : strip(deref(document, value).schema)]),
      );
      return [status, media];
    }),
  );
}

export function conformanceBundle(contract: SourceDocument, operations: Operation[], strip: (node: unknown) => unknown) {
  return {
    dialect: contract.dialect,
    source: `openapi/${contract.dialect}.yaml`,
    operations: Object.fromEntries(
      operations.map((operation) => [
        operation.operationId,
        {
          method: operation.method,
          path: operation.path,
          pathParameters: operation.pathParameters,
          requests: operation.requests.map(example),
          invalid: operation.invalid.map((invalid) => ({ ...example(invalid), violates: invalid.violates, location: invalid.location })),
          responses: responseSchemas(contract.document, operation, strip),
        },
      ]),
    ),
  };
}
