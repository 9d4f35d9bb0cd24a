// The ark dialect's contract as a client ships it (the ark adapter carries it), from
// generated/ark.client.json alone: every operation's method and path, and the request bodies'
// schemas with the rules their checks name. Importing this module loads no other dialect's bundle.
// The simulator and the CLI use the whole contract (src/contract.ts), whose checks give the same
// issues on every body (test/contracts/schema-engine.test.ts).
import bundle from '../../generated/ark.client.json' with { type: 'json' };
import { uri } from '../schema/formats.ts';
import { dialectContract } from './check.ts';
import type { Contract, DialectContract } from './types.ts';

// Its schema names one format, `uri`; its body is JSON, so nothing is coerced.
export const contract: DialectContract = /* @__PURE__ */ dialectContract('ark', bundle as Contract, { formats: { uri } });
