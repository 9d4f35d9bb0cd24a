// The multipart-videos dialect's contract as a client ships it (the multipart-videos adapter carries it), from
// generated/multipart-videos.client.json alone: every operation's method and path, and the request bodies'
// schemas with the rules their checks name. Importing this module loads no other dialect's bundle.
// The simulator and the CLI use the whole contract (src/contract.ts), whose checks give the same
// issues on every body (test/contracts/schema-engine.test.ts).
import bundle from '../../generated/multipart-videos.client.json' with { type: 'json' };
import { coercion } from '../schema/coerce.ts';
import { binary } from '../schema/formats.ts';
import { dialectContract } from './check.ts';
import type { Contract, DialectContract } from './types.ts';

// Its body is a multipart form, text coerced as Prism does; its file parts are `format: binary`.
export const contract: DialectContract = /* @__PURE__ */ dialectContract('multipart-videos', bundle as Contract, { coercion, formats: { binary } });
