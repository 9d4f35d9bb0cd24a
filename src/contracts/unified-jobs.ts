// The unified-jobs dialect's contract as a client ships it (the unified-jobs adapter carries it), from
// generated/unified-jobs.client.json alone: every operation's method and path, and the request bodies'
// schemas with the rules their checks name. Importing this module loads no other dialect's bundle.
// The simulator and the CLI use the whole contract (src/contract.ts), whose checks give the same
// issues on every body (test/contracts/schema-engine.test.ts).
import bundle from '../../generated/unified-jobs.client.json' with { type: 'json' };
import { dialectContract } from './check.ts';
import type { Contract, DialectContract } from './types.ts';

// Its schema names no format and its body is JSON: no plug-in (no coercion, no format code).
export const contract: DialectContract = /* @__PURE__ */ dialectContract('unified-jobs', bundle as Contract);
