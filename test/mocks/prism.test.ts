import { describe, expect, it } from 'vitest';
import { DIALECTS, startPrismMock } from '../../mocks/prism.ts';

describe('Prism mock', () => {
  it.each(DIALECTS)('%s: logs each request without ever writing the API key', async (dialect) => {
    const lines: string[] = [];
    const mock = await startPrismMock(dialect, { logLevel: 'debug', logDestination: { write: (line) => void lines.push(line) } });
    const secret = `sk-live-${dialect}-0123456789abcdef`;
    try {
      const response = await fetch(`${mock.url}/anything`, { headers: { authorization: `Bearer ${secret}`, 'x-api-key': secret } });
      await response.body?.cancel();
    } finally {
      await mock.close();
    }
    const log = lines.join('');
    expect(log).toContain('Request received');
    expect(log).toContain('[redacted]');
    expect(log).not.toContain(secret);
  });
});
