// The ark dialect's contract, from generated/ark.contract.json alone: importing this module
// loads no other dialect's bundle.
import bundle from '../../generated/ark.contract.json' with { type: 'json' };
import { dialectContract } from './check.ts';
import type { Contract, DialectContract } from './types.ts';

export const contract: DialectContract = /* @__PURE__ */ dialectContract('ark', bundle as Contract);
