// The ark dialect's contract as a client ships it (the ark adapter carries it):
// generated/ark.client.json (the operations a client drives, their request schemas and rules)
// and the request-body validator ajv compiled from the same document. Importing this module loads
// no other dialect's bundle. The simulator and the CLI use the whole contract (src/contract.ts).
import bundle from '../../generated/ark.client.json' with { type: 'json' };
import { createTaskBody } from '../../generated/ark.validate.ts';
import { dialectContract } from './check.ts';
import type { Contract, DialectContract } from './types.ts';

export const contract: DialectContract = /* @__PURE__ */ dialectContract('ark', bundle as Contract, { createTaskBody });
