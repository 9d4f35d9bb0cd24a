// har-validator ships no types: the one function the tests call. It resolves with the document
// when it is valid HAR 1.2 and rejects with the schema's errors when not.
declare module 'har-validator' {
  export function har(document: unknown): Promise<unknown>;
}
