// One module of the consumer project, run unchanged by Deno, by Bun and (bundled by esbuild) by
// Chromium: the client from the installed package, one request per dialect. It is JavaScript an
// integrator could write, using nothing but the package and web-standard APIs.
import type { DialectId } from '../../src/index.ts';
import { MODELS } from '../support/dialects.ts';

/** What `prepareEveryDialect` resolves to: the dialect each model was prepared for, and the refusal. */
export interface Prepared {
  prepared: Record<DialectId, DialectId>;
  refused: Refusal;
  /** `typeof` of Node's globals where the module ran (on globalThis: a bundler shims a bare `require`). */
  nodeGlobals: { process: string; Buffer: string; require: string };
}

/** How one dialect's submission ended: waited to a status (and the video read, when asked), or an error. */
export type Outcome =
  | { dialect: DialectId; status: string; video?: { head: string; bytes: number } }
  | { error: { name: string; typed: boolean; rule: string | undefined; mayHaveBeenAccepted: boolean | undefined; message: string } };

/** What `submitEveryDialect` resolves to: the outcome per dialect, and the refusal of a bad request. */
export interface Submitted {
  outcomes: Record<DialectId, Outcome>;
  refused: Refusal;
}

export interface Refusal {
  typed: boolean;
  name: string | undefined;
  field: string | undefined;
}

/**
 * The first frame sent with every request, as the client takes an image: a URL or a data: URI
 * (`text`), or the bytes as a Uint8Array or a Blob (`bytes`; passed as numbers, the only form every
 * runtime's arguments carry).
 */
export type FirstFrame = { as: 'url' | 'data-uri'; text: string } | { as: 'bytes' | 'blob'; bytes: number[]; type: string };

export interface SubmitOptions {
  firstFrame?: FirstFrame;
  /** Read each finished task's video with `client.download` and report its size and bytes 4-8 (`ftyp` in an MP4). */
  download?: boolean;
}

/** The refusal every runtime must report: a bad `duration`, refused before sending, as the client's own ValidationError. */
export const EXPECTED_REFUSAL: Refusal = { typed: true, name: 'ValidationError', field: '/duration' };

/** The module's file name in the consumer project. */
export const EVERY_DIALECT_FILE = 'every-dialect.mjs';

/**
 * The module's source. `submitEveryDialect(simulatorUrl, { firstFrame, download })` submits one
 * task per dialect, waits each, and reads its video; an error is reported per dialect, not thrown.
 */
export function everyDialectSource(): string {
  return `import { createClient, SeedanceError, ValidationError } from 'seedance-contracts';

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

function imageOf(frame) {
  if (frame.as === 'url' || frame.as === 'data-uri') return frame.text;
  const bytes = new Uint8Array(frame.bytes);
  return frame.as === 'blob' ? new Blob([bytes], { type: frame.type }) : bytes;
}

/** The whole stream's size, and its bytes 4 to 8 as text (an MP4 starts with a box named ftyp there). */
async function readVideo(stream) {
  let bytes = 0;
  let head = new Uint8Array(0);
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    if (head.length < 8) head = new Uint8Array([...head, ...read.value.subarray(0, 8 - head.length)]);
    bytes += read.value.byteLength;
  }
  return { head: String.fromCharCode(...head.subarray(4, 8)), bytes };
}

function described(error) {
  return {
    name: error?.name,
    typed: error instanceof SeedanceError,
    rule: error?.issues?.[0]?.rule,
    mayHaveBeenAccepted: error?.mayHaveBeenAccepted,
    message: String(error?.message),
  };
}

/** Submits one task per dialect to the simulator at simulatorUrl (its dialects under /<dialect>), waits for each, and reads its video when asked. */
export async function submitEveryDialect(simulatorUrl, options = {}) {
  const client = createClient({ baseUrl: simulatorUrl + '/{dialect}', apiKey: 'sk-local' });
  const images = options.firstFrame ? [{ role: 'first_frame', source: imageOf(options.firstFrame) }] : undefined;
  const outcomes = {};
  await Promise.all(
    Object.entries(MODELS).map(async ([dialect, model]) => {
      try {
        const handle = await client.submit({ ...request(model), ...(images ? { images } : {}) });
        const task = await client.wait(handle, { pollIntervalMs: 10, timeoutMs: 30_000 });
        const video = options.download ? { video: await readVideo(await client.download(task)) } : {};
        outcomes[dialect] = { dialect: handle.dialect, status: task.status, ...video };
      } catch (error) {
        outcomes[dialect] = { error: described(error) };
      }
    }),
  );
  return { outcomes, refused: await refusal(client) };
}
`;
}
