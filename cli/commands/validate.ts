// `seedance validate`: checks a canonical request (what `createClient().submit` takes) through the
// client's own preparation, or with --wire a dialect's wire body through the exact validator the
// client and the simulator run (src/contract.ts), reporting the same rule ids.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { resolvePath } from '../io.ts';
import { createClient } from '../../src/client.ts';
import { contracts } from '../../src/contract.ts';
import { DIALECT_IDS, isDialectId, type DialectId } from '../../src/dialects/ids.ts';
import { ValidationError } from '../../src/errors.ts';
import { parseFlags } from '../args.ts';
import { EXIT, UsageError } from '../output.ts';
import { readRequestFile } from '../request-flags.ts';
import { checkWireBody } from '../../src/rules.ts';
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

/**
 * A wire body read from JSON. For a multipart operation a file field names a local file (relative to the
 * body's own file, or absolute): its bytes are what the gateway would receive, so they are read and judged
 * as the client and the simulator judge them. A value that names no file stays text, as it would on the
 * wire (and is refused as a text part where a file belongs).
 */
async function readWireBody(path: string, dialect: DialectId, session: Session): Promise<Record<string, unknown>> {
  const body = await readRequestFile(path, session.io);
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

/** One wire body: valid, or a ValidationError carrying the validator's own issues (schema and file rules). */
async function validateWire(path: string, dialect: DialectId, session: Session): Promise<void> {
  const issues = await checkWireBody(dialect, 'createTask', await readWireBody(path, dialect, session));
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
