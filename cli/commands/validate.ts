// `seedance validate`: checks a canonical request (what `createClient().submit` takes) through the
// client's own preparation, or with --wire a dialect's wire body as the simulator judges it: its
// bytes by the simulator's own judge, then the exact validator the client and the simulator run
// (src/contracts/index.ts), reporting the same rule ids.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { resolvePath } from '../io.ts';
import { createClient } from '../../src/index.ts';
import { checkRequestBody, contracts } from '../../src/contracts/index.ts';
import { DEFAULT_BODY_LIMITS, judgeBody } from '../../mocks/simulator/body.ts';
import { DIALECT_IDS, isDialectId, type DialectId } from '../../generated/dialects.ts';
import { ValidationError } from '../../src/errors.ts';
import { parseFlags } from '../args.ts';
import { EXIT, UsageError } from '../output.ts';
import { readRequestFile } from '../request-flags.ts';
import { checkWireBody } from '../../src/contracts/index.ts';
import type { Session } from '../session.ts';

const VALIDATE_FLAGS = { dialect: { type: 'string' }, wire: { type: 'boolean', default: false } } as const;

function dialectFlag(value: string | undefined): DialectId | undefined {
  if (value === undefined) return undefined;
  if (!isDialectId(value)) throw new UsageError(`--dialect must be one of ${DIALECT_IDS.join(', ')}, not "${value}"`);
  return value;
}

async function validateCanonical(path: string, dialect: DialectId | undefined, session: Session): Promise<void> {
  const request = { ...(await readRequestFile(path, session.io)), ...(dialect ? { dialect } : {}) };
  // Validation only: nothing is sent, so the URL and key are placeholders.
  const client = createClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'validate-only' });
  // The file is untyped JSON; `prepare` parses it as the canonical request and names every bad field.
  const prepared = await client.prepare(request as Parameters<typeof client.prepare>[0]);
  session.output.event({ event: 'valid', file: path, dialect: prepared.dialect, body: prepared.body });
  if (!session.output.json) session.output.result(`valid for ${prepared.dialect}: ${path}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file's bytes as they are (stdin for `-`): the judge of bytes sees what the gateway would receive. */
async function readBytes(path: string, session: Session): Promise<Uint8Array<ArrayBuffer>> {
  try {
    if (path !== '-') return new Uint8Array(await readFile(resolvePath(session.io, path)));
    const chunks: Uint8Array[] = [];
    for await (const chunk of session.io.stdin) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    return new Uint8Array(Buffer.concat(chunks));
  } catch {
    throw new UsageError(`cannot read request file ${path}`);
  }
}

/**
 * A multipart operation's file fields name local files (relative to the body's own file, or
 * absolute): their bytes are what the gateway would receive, so they are read and judged as the
 * client and the simulator judge them. A value that names no file stays text, as it would on the
 * wire (and is refused as a text part where a file belongs).
 */
function withFiles(body: Record<string, unknown>, path: string, dialect: DialectId, session: Session): Record<string, unknown> {
  const encoding = contracts[dialect].operations.createTask?.requestEncoding ?? {};
  const dir = path === '-' ? session.io.cwd : dirname(resolvePath(session.io, path));
  for (const field of Object.keys(encoding)) {
    const value = body[field];
    if (typeof value !== 'string') continue;
    const file = resolve(dir, value);
    if (existsSync(file) && statSync(file).isFile()) body[field] = new File([readFileSync(file)], basename(file));
  }
  return body;
}

/**
 * One wire body: valid, or a ValidationError carrying the issues. Its bytes are judged first by the
 * simulator's own judge (mocks/simulator/body.ts: size, UTF-8, BOM, nesting, JSON), then the body by
 * the validator the client and the simulator run. A JSON dialect's body is judged exactly as sent,
 * an array or a scalar included; a multipart dialect's is a JSON object describing its fields.
 */
async function validateWire(path: string, dialect: DialectId, session: Session): Promise<void> {
  const verdict = await judgeBody(await readBytes(path, session), 'application/json', 'application/json', DEFAULT_BODY_LIMITS);
  if (!verdict.ok) throw new ValidationError(dialect, [{ path: verdict.field ?? '/', rule: 'wire-bytes', message: verdict.problem }]);
  const value = verdict.body.value;
  const multipart = contracts[dialect].operations.createTask?.requestMediaType?.startsWith('multipart/') === true;
  if (multipart && !isRecord(value)) throw new UsageError(`${path} is not a JSON object (a multipart body is described as one, its fields by name)`);
  const issues = isRecord(value)
    ? await checkWireBody(dialect, 'createTask', multipart ? withFiles(value, path, dialect, session) : value)
    : checkRequestBody(dialect, 'createTask', value);
  if (issues.length > 0) throw new ValidationError(dialect, issues);
  session.output.event({ event: 'valid', file: path, dialect, wire: true });
  if (!session.output.json) session.output.result(`valid ${dialect} wire body: ${path}`);
}

export async function validate(args: string[], session: Session): Promise<number> {
  const { values, positionals } = parseFlags(args, VALIDATE_FLAGS);
  if (positionals.length === 0) throw new UsageError('validate needs a JSON file (the canonical request, or with --wire the body as sent; - for stdin)');
  const dialect = dialectFlag(values.dialect);
  if (values.wire && !dialect) throw new UsageError(`validate --wire needs --dialect (one of ${DIALECT_IDS.join(', ')})`);
  if (positionals.length === 1) {
    if (values.wire && dialect) await validateWire(positionals[0] ?? '-', dialect, session);
    else await validateCanonical(positionals[0] ?? '-', dialect, session);
    return EXIT.ok;
  }
  // Several files: one verdict each (on stdout with --json), exit 3 if any is invalid.
  let invalid = 0;
  for (const path of positionals) {
    try {
      if (values.wire && dialect) await validateWire(path, dialect, session);
      else await validateCanonical(path, dialect, session);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      invalid++;
      session.output.event({ event: 'invalid', file: path, dialect: error.dialect, issues: error.issues });
      if (!session.output.json)
        session.output.note(`invalid: ${path}: ${error.issues.map((issue) => `${issue.path}: ${issue.message} [${issue.rule}]`).join('; ')}`);
    }
  }
  return invalid === 0 ? EXIT.ok : EXIT.validation;
}
