// One module of the consumer project, run unchanged by Deno, by Bun and (bundled by esbuild) by
// Chromium: the client from the installed package, one text-to-video request per dialect. It is
// JavaScript an integrator could write, using nothing but the package and web-standard APIs.
import type { DialectId } from '../../src/index.ts';
import { MODELS } from '../support/dialects.ts';

/** What `prepareEveryDialect` resolves to: the dialect each model was prepared for, and the refusal. */
export interface Prepared {
  prepared: Record<DialectId, DialectId>;
  refused: Refusal;
  /** `typeof` of Node's globals where the module ran (on globalThis: a bundler shims a bare `require`). */
  nodeGlobals: { process: string; Buffer: string; require: string };
}

/** What `submitEveryDialect` resolves to: per dialect, the handle's dialect and the waited task's status. */
export interface Submitted {
  statuses: Record<DialectId, [DialectId, string]>;
  refused: Refusal;
}

export interface Refusal {
  typed: boolean;
  name: string | undefined;
  field: string | undefined;
}

/** The refusal every runtime must report: a bad `duration`, refused before sending, as the client's own ValidationError. */
export const EXPECTED_REFUSAL: Refusal = { typed: true, name: 'ValidationError', field: '/duration' };

/** The module's file name in the consumer project. */
export const EVERY_DIALECT_FILE = 'every-dialect.mjs';

/**
 * The module's source. `submitEveryDialect(simulatorUrl, { firstFrame })` is the seam for media:
 * `firstFrame: { bytes: number[], as: 'bytes' | 'blob' }` sends an image with every request, as a
 * Uint8Array or a Blob.
 */
export function everyDialectSource(): string {
  return `import { createClient, ValidationError } from 'seedance-contracts';

const MODELS = ${JSON.stringify(MODELS)};
const request = (model) => ({ model, prompt: 'A kitten yawns', duration: 5 });

async function refusal(client) {
  const error = await client.submit({ ...request(MODELS.ark), duration: 99 }).then(() => undefined, (caught) => caught);
  return { typed: error instanceof ValidationError, name: error?.name, field: error?.issues?.[0]?.path };
}

/** Validates and translates a request for every dialect; any network use throws. */
export async function prepareEveryDialect() {
  const client = createClient({ baseUrl: 'http://127.0.0.1:9/{dialect}', apiKey: 'sk-local', fetch: () => { throw new Error('network used'); } });
  const prepared = {};
  for (const [dialect, model] of Object.entries(MODELS)) prepared[dialect] = (await client.prepare(request(model))).dialect;
  const nodeGlobals = { process: typeof globalThis.process, Buffer: typeof globalThis.Buffer, require: typeof globalThis.require };
  return { prepared, refused: await refusal(client), nodeGlobals };
}

/** Submits one task per dialect to the simulator at simulatorUrl (its dialects under /<dialect>) and waits for each. */
export async function submitEveryDialect(simulatorUrl, options = {}) {
  const client = createClient({ baseUrl: simulatorUrl + '/{dialect}', apiKey: 'sk-local' });
  const frame = options.firstFrame;
  const bytes = frame && new Uint8Array(frame.bytes);
  const images = frame ? [{ role: 'first_frame', source: frame.as === 'blob' ? new Blob([bytes], { type: 'image/png' }) : bytes }] : undefined;
  const statuses = {};
  await Promise.all(
    Object.entries(MODELS).map(async ([dialect, model]) => {
      const handle = await client.submit({ ...request(model), ...(images ? { images } : {}) });
      const task = await client.wait(handle, { pollIntervalMs: 10, timeoutMs: 30_000 });
      statuses[dialect] = [handle.dialect, task.status];
    }),
  );
  return { statuses, refused: await refusal(client) };
}
`;
}
