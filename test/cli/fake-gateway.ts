// A small loopback gateway speaking Ark, scripted per test: it answers with task ids and video URLs
// the test chooses (hostile ones included) and records every request's headers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGateway {
  url: string;
  /** Headers of every request received, in order. */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, base: string) => void;

export async function startFakeGateway(handler: Handler): Promise<FakeGateway> {
  const requests: FakeGateway['requests'] = [];
  let base = '';
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    request.resume();
    handler(request, response, base);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** An Ark task object as the documents describe it (succeeded, with a video URL). */
export function arkTask(id: string, videoUrl: string, status = 'succeeded') {
  return {
    id,
    model: 'doubao-seedance-1-5-pro-251215',
    status,
    content: status === 'succeeded' ? { video_url: videoUrl } : undefined,
    created_at: 1_700_000_000,
    updated_at: 1_700_000_060,
  };
}
