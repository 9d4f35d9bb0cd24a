// The `ark` dialect (openapi/ark.yaml): Volcengine Ark / BytePlus ModelArk native task API.
import type { WireClient } from '../http/wire-client.ts';
import statuses from '../../generated/ark.statuses.json' with { type: 'json' };
import { readStatus } from '../statuses.ts';
import bundle from '../../generated/ark.client.json' with { type: 'json' };
import { clientContract } from '../contracts/interpreted.ts';
import type { Contract } from '../contracts/types.ts';
import type { components, paths } from '../../generated/ark.ts';
import type { VideoRequest } from '../request.ts';
import type { TaskHandle } from '../task.ts';
import { compact, deepMerge } from '../objects.ts';
import type { DialectAdapter, WireDraft } from './shared/adapter.ts';
import { arkContent, arkParameters, fromArkTask } from './shared/ark-shapes.ts';
import { createRawClient as createTypedClient, type RawClientOptions } from '../http/raw-client.ts';

// Every generated type: paths, components, operations and the root names (CreateTaskRequest, Task, ...).
export type * from '../../generated/ark.ts';
export const dialect = 'ark';

// The part of the contract a client ships (generated/ark.client.json), its request schema checked
// by the client's interpreter: importing this module loads no other dialect's files.
const contract = /* @__PURE__ */ clientContract('ark', bundle as Contract);

/** A status word of this dialect's own tables (generated/ark.statuses.json). */
const statusOf = (schema: string, raw: unknown) => readStatus('ark', statuses, schema, raw);

/** The openapi-fetch client for this dialect, typed by generated/ark.ts. */
export function createRawClient(options: RawClientOptions) {
  return createTypedClient<paths>(options);
}

type CreateTaskRequest = components['schemas']['CreateTaskRequest'];
type WireTask = components['schemas']['Task'];

/** Canonical request → Ark createTask body. Ark has a top-level field for every canonical field. */
export async function toWire(request: VideoRequest) {
  const body = compact({ model: request.model, content: await arkContent(request), ...arkParameters(request) } satisfies WireDraft<CreateTaskRequest>);
  return { body: deepMerge(body, request.passthrough?.ark), issues: [] };
}

/** Ark task object → canonical task. */
export function fromWire(body: WireTask, handle: TaskHandle) {
  return fromArkTask('ark', body, handle, statusOf);
}

type Client = WireClient<paths>;

/** The ark dialect for the client: `createClient({ dialects: [ark] })` from seedance-contracts/core. */
export const ark: DialectAdapter<Client, CreateTaskRequest, WireTask, 'ark'> = {
  id: 'ark',
  contract,
  // A JSON body has no file parts: the schema is the whole check (a test holds this equal to src/contracts/index.ts checkWireBody).
  checkWire: async (body) => contract.checkRequestBody('createTask', body),
  toWire,
  fromWire,
  taskIdOf: (submitted) => (submitted as components['schemas']['CreateTaskResponse'] | undefined)?.id,
  submit: (client, body, call) => client.POST('/api/v3/contents/generations/tasks', { body, ...call }),
  get: (client, id, call) => client.GET('/api/v3/contents/generations/tasks/{id}', { params: { path: { id } }, ...call }),
  deleteTask: (client, id, call) => client.DELETE('/api/v3/contents/generations/tasks/{id}', { params: { path: { id } }, ...call }),
};

/** The same adapter under the name every dialect module shares. */
export const adapter = ark;
