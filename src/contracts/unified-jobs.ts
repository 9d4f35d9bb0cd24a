// The unified-jobs dialect's contract, from generated/unified-jobs.contract.json alone: importing this module
// loads no other dialect's bundle.
import bundle from '../../generated/unified-jobs.contract.json' with { type: 'json' };
import { dialectContract } from './check.ts';
import type { Contract, DialectContract } from './types.ts';

export const contract: DialectContract = /* @__PURE__ */ dialectContract('unified-jobs', bundle as Contract);
