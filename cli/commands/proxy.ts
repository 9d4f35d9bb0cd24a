// `seedance proxy`: the validating proxy (cli/traffic/proxy.ts) on a port until Ctrl-C. Forwards
// every request to --target unchanged, prints one line per violation as it is found, and on Ctrl-C
// a summary; exit 0 when every exchange conformed, 7 when one did not.
import { DIALECT_IDS, type DialectId, isDialectId } from '../../generated/dialects.ts';
import { parseFlags } from '../args.ts';
import { resolvePath } from '../io.ts';
import { EXIT, UsageError } from '../output.ts';
import type { Session } from '../session.ts';
import { DEFAULT_MAX_BODY_BYTES, startProxy } from '../traffic/proxy.ts';
import { escapeControls } from '../output.ts';
import { summaryLines, violationLine } from '../traffic/report.ts';
import { packageVersion } from '../version.ts';

const PROXY_FLAGS = {
  target: { type: 'string' },
  dialect: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  record: { type: 'string' },
  report: { type: 'string' },
  'no-bodies': { type: 'boolean', default: false },
  'max-body': { type: 'string' },
} as const;

const DEFAULT_PROXY_PORT = 4020;

export function dialectFlag(value: string | undefined): DialectId {
  if (value === undefined) throw new UsageError(`--dialect is required (one of ${DIALECT_IDS.join(', ')})`);
  if (!isDialectId(value)) throw new UsageError(`--dialect must be one of ${DIALECT_IDS.join(', ')}, not "${value}"`);
  return value;
}

function wholeNumber(name: string, value: string, max: number): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < 0 || number > max)
    throw new UsageError(`--${name} takes a whole number from 0 to ${max}, not "${value}"`);
  return number;
}

export async function proxy(args: string[], session: Session): Promise<number> {
  const { values, positionals } = parseFlags(args, PROXY_FLAGS);
  if (positionals.length > 0) throw new UsageError(`proxy takes no positional argument (got "${positionals[0]}"); the gateway is --target URL`);
  if (!values.target) throw new UsageError('--target is required: the gateway base URL to forward to, e.g. --target https://gateway.example/ark');
  const dialect = dialectFlag(values.dialect);
  const port = wholeNumber('port', values.port ?? String(DEFAULT_PROXY_PORT), 65535);
  const maxBodyBytes = values['max-body'] === undefined ? DEFAULT_MAX_BODY_BYTES : wholeNumber('max-body', values['max-body'], Number.MAX_SAFE_INTEGER);
  const out = session.output;
  let server: Awaited<ReturnType<typeof startProxy>>;
  try {
    server = await startProxy({
      target: values.target,
      dialect,
      port,
      host: values.host ?? '127.0.0.1',
      ...(values.record ? { record: resolvePath(session.io, values.record) } : {}),
      ...(values.report ? { report: resolvePath(session.io, values.report) } : {}),
      recordBodies: !values['no-bodies'],
      maxBodyBytes,
      creator: { name: 'seedance-contracts proxy', version: packageVersion() },
      onViolation: (violation) => {
        out.event({ event: 'violation', ...violation });
        if (!out.json) out.result(violationLine(violation));
      },
      onError: (message) => {
        out.event({ event: 'error', message });
        if (!out.json) out.note(`✘ ${escapeControls(message)}`);
      },
    });
  } catch (error) {
    // A bad --target, a port in use, a file that cannot be written: the command line's to fix.
    throw new UsageError(`cannot start the proxy: ${error instanceof Error ? error.message : String(error)}`);
  }
  out.event({ event: 'listening', url: server.url, target: values.target, dialect });
  if (!out.json) {
    out.note(`seedance proxy ${server.url} -> ${values.target} (${dialect}); point your client's base URL at ${server.url}`);
    if (values.record) out.note(`recording to ${values.record} (HAR 1.2, the key removed)`);
    if (values.report) out.note(`report in ${values.report}, rewritten after every exchange`);
    out.note('Ctrl-C stops it and prints a summary');
  }
  await new Promise<void>((resolve) => session.process.onInterrupt(resolve));
  await server.close();
  const report = { dialect, target: values.target, exchanges: server.exchanges, unchecked: server.unchecked, violations: [...server.violations] };
  out.event({ event: 'summary', exchanges: report.exchanges, unchecked: report.unchecked, violations: report.violations.length });
  if (!out.json) for (const line of summaryLines(report)) out.note(escapeControls(line));
  return report.violations.length === 0 ? EXIT.ok : EXIT.checkFailed;
}
