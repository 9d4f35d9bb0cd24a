// Names the OpenAPI specification fixes, shared by the contract loader, the docs build and the tests.

/** The fields of a Path Item that hold operations (OpenAPI 3.1 §4.8.9), in the specification's order. */
export const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
