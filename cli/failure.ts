// How a failed command ends: the exit code each error class maps to, and the message, with every
// secret removed and the URL named when nothing answered there.
import {
  ApiError,
  ConnectionError,
  TaskFailedError,
  TaskStateError,
  UnknownModelError,
  UnknownStatusError,
  UnsupportedOperationError,
  UntrustedBaseUrlError,
  ValidationError,
  WaitTimeoutError,
  redactSecrets,
} from '../src/errors.ts';
import { TargetUnreachableError } from './check/target.ts';
import { DownloadTimeoutError } from './download.ts';
import { EXIT, UsageError } from './output.ts';
import type { Session } from './session.ts';

function exitCodeOf(error: unknown): number {
  // A handle naming a host the client was not configured for is a usage problem: nothing was sent.
  if (error instanceof UsageError || error instanceof UntrustedBaseUrlError) return EXIT.usage;
  if (error instanceof ValidationError || error instanceof UnknownModelError) return EXIT.validation;
  if (error instanceof WaitTimeoutError || error instanceof DownloadTimeoutError) return EXIT.timeout;
  if (error instanceof TaskFailedError) return EXIT.taskFailed;
  if (error instanceof TargetUnreachableError) return EXIT.api;
  if (
    error instanceof ApiError ||
    error instanceof ConnectionError ||
    error instanceof UnknownStatusError ||
    error instanceof UnsupportedOperationError ||
    error instanceof TaskStateError
  )
    return EXIT.api;
  return EXIT.unexpected;
}

/** Whether the connection was refused somewhere down the cause chain: nothing listens there. */
function refused(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    if ((current as NodeJS.ErrnoException).code === 'ECONNREFUSED') return true;
  }
  return false;
}

function headline(error: Error, session: Session): string {
  if (error instanceof ConnectionError && refused(error)) {
    const where = session.target ?? 'the configured URL';
    return (
      `ConnectionError: nothing is listening at ${where}. ` +
      'Start the simulator with `seedance start`, or point --base-url (or SEEDANCE_BASE_URL) at your gateway.'
    );
  }
  return `${error.name === 'Error' ? 'error' : error.name}: ${error.message}${cliHint(error)}`;
}

/** The client's errors speak its API; say what to type instead. */
function cliHint(error: Error): string {
  if (error instanceof UntrustedBaseUrlError) {
    return `\n  with the CLI: if you trust ${error.handle.baseUrl}, give it as --base-url (or SEEDANCE_BASE_URL), or pass --trust-handle-url`;
  }
  if (error instanceof TaskStateError) {
    const finished = ['succeeded', 'failed', 'cancelled', 'expired'].includes(error.status);
    if (error.operation === 'cancel' && finished)
      return `\n  with the CLI: seedance delete ${shellQuote(JSON.stringify(error.handle))} removes a finished task`;
    if (error.operation === 'delete' && error.status === 'queued')
      return `\n  with the CLI: seedance cancel ${shellQuote(JSON.stringify(error.handle))} stops a queued task`;
  }
  return '';
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export function reportFailure(error: unknown, session: Session): number {
  const code = exitCodeOf(error);
  const clean = redactSecrets(error instanceof Error ? error : new Error(String(error)), session.secrets);
  const { output } = session;
  if (output.json) {
    const details = clean instanceof ValidationError ? { dialect: clean.dialect, issues: clean.issues } : {};
    output.event({ event: 'error', name: clean.name, message: headline(clean, session).replace(/^[^:]+: /, ''), ...details, exitCode: code });
  } else if (clean instanceof ValidationError) {
    output.note(`invalid request${clean.dialect ? ` for ${clean.dialect}` : ''}:`);
    for (const issue of clean.issues) output.note(`  ${issue.path || '(request)'}: ${issue.message} [${issue.rule}]`);
  } else {
    output.note(headline(clean, session));
  }
  return code;
}
