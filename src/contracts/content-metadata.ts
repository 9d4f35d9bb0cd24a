// The content-metadata dialect's contract, from generated/content-metadata.contract.json alone: importing this module
// loads no other dialect's bundle.
import bundle from '../../generated/content-metadata.contract.json' with { type: 'json' };
import { dialectContract } from './check.ts';
import type { Contract, DialectContract } from './types.ts';

export const contract: DialectContract = /* @__PURE__ */ dialectContract('content-metadata', bundle as Contract);
