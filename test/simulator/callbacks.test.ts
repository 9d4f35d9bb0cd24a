// The callback dispatcher's bounds and its idea of loopback, on their own.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CallbackDispatcher, DEFAULT_CALLBACK_OPTIONS, type DeliveryResult, isLoopbackAddress, mayBeLoopback } from '../../mocks/simulator/callbacks.ts';

describe('loopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['10.0.0.1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['::ffff:10.0.0.1', false],
    ['192.168.1.1', false],
  ])('%s is loopback: %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it.each([
    ['localhost', true],
    ['app.localhost', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['hooks.example.com', false],
    ['localhost.example.com', false],
    ['10.0.0.1', false],
  ])('%s may be looked up without allowRemoteCallbacks: %s', (host, expected) => {
    expect(mayBeLoopback(host)).toBe(expected);
  });
});

describe('dispatcher', () => {
  it('queues at most maxQueued deliveries beyond those in flight and drops the rest', async () => {
    const server = createServer(() => undefined); // accepts and never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const dispatcher = new CallbackDispatcher({ ...DEFAULT_CALLBACK_OPTIONS, concurrency: 1, maxQueued: 2, timeoutMs: 10_000 }, false);
    const results: DeliveryResult[] = [];
    try {
      const accepted = Array.from({ length: 6 }, (_, attempt) =>
        dispatcher.enqueue({ taskId: 't', url, status: 'queued', attempt, body: '{}', done: (result) => results.push(result) }),
      );
      expect(accepted).toEqual([true, true, true, false, false, false]);
    } finally {
      dispatcher.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(dispatcher.enqueue({ taskId: 't', url, status: 'queued', attempt: 1, body: '{}', done: () => undefined })).toBe(false);
  });
});
