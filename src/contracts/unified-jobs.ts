// The unified-jobs dialect's contract as a client ships it (the unified-jobs adapter carries it):
// generated/unified-jobs.client.json (the operations a client drives, their request schemas and rules)
// and the request-body validator ajv compiled from the same document. Importing this module loads
// no other dialect's bundle. The simulator and the CLI use the whole contract (src/contract.ts).
import bundle from '../../generated/unified-jobs.client.json' with { type: 'json' };
import { createTaskBody } from '../../generated/unified-jobs.validate.ts';
import { dialectContract } from './check.ts';
import type { Contract, DialectContract } from './types.ts';

export const contract: DialectContract = /* @__PURE__ */ dialectContract('unified-jobs', bundle as Contract, { createTaskBody });
