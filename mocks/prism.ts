// Prism over one dialect's contract, in-process: the static mock that replays documented examples
// and validates requests against the document. Used by the conformance suite's global setup and by
// `npm run mock -- <dialect>` for integrators.
import { resolve } from 'node:path';
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { DIALECT_IDS, type DialectId } from '../generated/dialects.ts';

export const DIALECTS = DIALECT_IDS;
export type Dialect = DialectId;

export function isDialect(value: string): value is Dialect {
  return (DIALECTS as readonly string[]).includes(value);
}

function contractPath(dialect: Dialect): string {
  return resolve(import.meta.dirname, '../openapi', `${dialect}.yaml`);
}

export interface PrismMock {
  dialect: Dialect;
  url: string;
  close(): Promise<void>;
}

export interface PrismMockOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Prism's log level; `silent` in tests, `info` for an integrator watching requests. */
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** Where Prism's JSON log lines go (default: stdout). */
  logDestination?: { write(line: string): void };
}

// Prism logs every request with its headers; credentials must never reach a log line.
const REDACTED_HEADERS = ['authorization', 'x-api-key', 'api-key', 'cookie'].map((name) => `input.headers["${name}"]`);

export async function startPrismMock(dialect: Dialect, options: PrismMockOptions = {}): Promise<PrismMock> {
  const operations = await getHttpOperationsFromSpec(contractPath(dialect));
  const server = createServer(operations, {
    cors: false,
    components: {
      logger: createLogger(
        `prism:${dialect}`,
        { level: options.logLevel ?? 'silent', redact: { paths: REDACTED_HEADERS, censor: '[redacted]' } },
        options.logDestination,
      ),
    },
    config: {
      mock: { dynamic: false, ignoreExamples: false },
      checkSecurity: true,
      validateRequest: true,
      validateResponse: true,
      // A documented example that breaks its own schema is answered with 500 VIOLATIONS instead of
      // being sent with a warning header: a broken contract fails loudly.
      errors: true,
      isProxy: false,
      upstreamProxy: undefined,
    },
  });
  const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return { dialect, url, close: () => server.close() };
}
