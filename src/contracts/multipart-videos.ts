// The multipart-videos dialect's contract, from generated/multipart-videos.contract.json alone: importing this module
// loads no other dialect's bundle.
import bundle from '../../generated/multipart-videos.contract.json' with { type: 'json' };
import { dialectContract } from './check.ts';
import type { Contract, DialectContract } from './types.ts';

export const contract: DialectContract = /* @__PURE__ */ dialectContract('multipart-videos', bundle as Contract);
