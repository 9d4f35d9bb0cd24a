// The content-metadata dialect's contract as a client ships it (the content-metadata adapter carries it):
// generated/content-metadata.client.json (the operations a client drives, their request schemas and rules)
// and the request-body validator ajv compiled from the same document. Importing this module loads
// no other dialect's bundle. The simulator and the CLI use the whole contract (src/contract.ts).
import bundle from '../../generated/content-metadata.client.json' with { type: 'json' };
import { createTaskBody } from '../../generated/content-metadata.validate.ts';
import { dialectContract } from './check.ts';
import type { Contract, DialectContract } from './types.ts';

export const contract: DialectContract = /* @__PURE__ */ dialectContract('content-metadata', bundle as Contract, { createTaskBody });
