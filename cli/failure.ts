// How a failed command ends: the exit code each error class maps to, and the message, with every
// secret removed and the URL named when nothing answered there.
import {
  AnswerTooLargeError,
  ApiError,
  ConnectionError,
  NotAVideoError,
  TaskFailedError,
  TaskStateError,
  UnknownModelError,
  UnknownStatusError,
  UnreadableAnswerError,
  UnsupportedOperationError,
  UntrustedBaseUrlError,
  ValidationError,
  VideoTooLargeError,
  SeedanceError,
  WaitTimeoutError,
  otherDialectsAdvice,
  redactSecrets,
} from '../src/errors.ts';
import type { TaskHandle } from '../src/task.ts';
import { TargetUnreachableError } from './check/target.ts';
import { DownloadFailedError, DownloadTimeoutError } from './download.ts';
import { EXIT, UsageError } from './output.ts';
import { resumeCommand, shellQuote } from './resume.ts';
import type { Session } from './session.ts';

/** A submit that may have been taken anyway (a lost answer, a 5xx, a 408): resubmitting could pay twice. */
function mayHaveBeenAccepted(error: unknown): boolean {
  return error instanceof SeedanceError && (error as { mayHaveBeenAccepted?: unknown }).mayHaveBeenAccepted === true;
}

function exitCodeOf(error: unknown): number {
  // A download that failed after the task succeeded: the code of what went wrong.
  if (error instanceof DownloadFailedError) return exitCodeOf(error.error);
  // Its own code, so a script that retries on 4 (a definite refusal or a failed read) never pays twice.
  if (mayHaveBeenAccepted(error)) return EXIT.submitUnknown;
  // A handle naming a host the client was not configured for is a usage problem: nothing was sent.
  if (error instanceof UsageError || error instanceof UntrustedBaseUrlError) return EXIT.usage;
  if (error instanceof ValidationError || error instanceof UnknownModelError) return EXIT.validation;
  if (error instanceof WaitTimeoutError || error instanceof DownloadTimeoutError) return EXIT.timeout;
  if (error instanceof TaskFailedError) return EXIT.taskFailed;
  if (error instanceof TargetUnreachableError) return EXIT.api;
  if (
    error instanceof ApiError ||
    error instanceof ConnectionError ||
    error instanceof UnreadableAnswerError ||
    error instanceof AnswerTooLargeError ||
    error instanceof NotAVideoError ||
    error instanceof VideoTooLargeError ||
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

/** What a failure reports: the error's name, its message, lines of advice, and fields for --json. */
interface Report {
  name: string;
  message: string;
  hints: string[];
  details: Record<string, unknown>;
}

function reportOf(error: Error, session: Session): Report {
  const name = error.name === 'Error' ? 'error' : error.name;
  if (error instanceof ConnectionError && refused(error) && !error.mayHaveBeenAccepted) {
    const where = session.target ?? 'the configured URL';
    return {
      name,
      message: `nothing is listening at ${where}`,
      hints: ['Start the simulator with `seedance start`, or point --base-url (or SEEDANCE_BASE_URL) at your gateway.'],
      details: {},
    };
  }
  if (mayHaveBeenAccepted(error)) return ambiguousReport(error, name);
  return { name, message: inCliWords(error), hints: cliHints(error), details: {} };
}

/** The message, with advice given in the library's words (`{ dialect }`) said as the CLI's (`--dialect`). */
function inCliWords(error: Error): string {
  if (!(error instanceof ApiError) || !error.otherDialects) return error.message;
  const library = otherDialectsAdvice(error.otherDialects, 'library');
  const cli = otherDialectsAdvice(error.otherDialects, 'cli');
  return error.message.endsWith(library) ? `${error.message.slice(0, -library.length)}${cli}` : error.message;
}

/** A submit whose outcome is unknown: say so, with the task's handle when the answer named one. */
function ambiguousReport(error: Error, name: string): Report {
  const handle = handleOf(error);
  const check = handle
    ? `the answer named task ${handle.taskId}: follow it with ${resumeCommand(handle)} instead of submitting again`
    : "check the gateway's task list or dashboard for this task before submitting again: a retry may pay for it twice";
  return {
    name,
    message: error.message,
    hints: [`the submit's outcome is unknown (exit ${EXIT.submitUnknown}); ${check}`],
    details: { mayHaveBeenAccepted: true, ...(handle ? { handle, resume: resumeCommand(handle) } : {}) },
  };
}

/** The handle an error carries, if it carries one. */
function handleOf(error: Error): TaskHandle | undefined {
  const handle = (error as { handle?: unknown }).handle;
  return typeof handle === 'object' && handle !== null && 'taskId' in handle && 'baseUrl' in handle ? (handle as TaskHandle) : undefined;
}

/** The client's errors speak its API; say what to type instead. */
function cliHints(error: Error): string[] {
  if (error instanceof UntrustedBaseUrlError) {
    return [`with the CLI: if you trust ${error.handle.baseUrl}, give it as --base-url (or SEEDANCE_BASE_URL), or pass --trust-handle-url`];
  }
  if (error instanceof TaskStateError) {
    const finished = ['succeeded', 'failed', 'cancelled', 'expired'].includes(error.status);
    if (error.operation === 'cancel' && finished) return [`with the CLI: seedance delete ${shellQuote(JSON.stringify(error.handle))} removes a finished task`];
    if (error.operation === 'delete' && error.status === 'queued')
      return [`with the CLI: seedance cancel ${shellQuote(JSON.stringify(error.handle))} stops a queued task`];
  }
  return [];
}

/** After a failed download the task is still there, finished: say how to fetch the video again. */
function downloadReport(failure: DownloadFailedError, error: Error, session: Session): Report {
  const report = reportOf(error, session);
  const larger = error instanceof VideoTooLargeError ? ' --max-size <a larger size>' : '';
  const resume = `${resumeCommand(failure.handle)}${larger}`;
  return { ...report, hints: [...report.hints, `the task succeeded; download its video again with: ${resume}`], details: { handle: failure.handle, resume } };
}

export function reportFailure(error: unknown, session: Session): number {
  const code = exitCodeOf(error);
  // A failed download is reported as what went wrong, with the way to fetch the video again.
  const inner = error instanceof DownloadFailedError ? error.error : error;
  const clean = redactSecrets(inner instanceof Error ? inner : new Error(String(inner)), session.secrets);
  const report = error instanceof DownloadFailedError ? downloadReport(error, clean, session) : reportOf(clean, session);
  const { output } = session;
  if (output.json) {
    const details = clean instanceof ValidationError ? { dialect: clean.dialect, issues: clean.issues } : {};
    const hints = report.hints.length > 0 ? { hints: report.hints } : {};
    // Said of every error that can say it (a submit's), true or false, so a script can branch on it.
    const accepted = 'mayHaveBeenAccepted' in clean ? { mayHaveBeenAccepted: clean.mayHaveBeenAccepted === true } : {};
    output.event({ event: 'error', name: report.name, message: report.message, ...details, ...accepted, ...report.details, ...hints, exitCode: code });
  } else if (clean instanceof ValidationError) {
    output.note(`invalid request${clean.dialect ? ` for ${clean.dialect}` : ''}:`);
    for (const issue of clean.issues) output.note(`  ${issue.path || '(request)'}: ${issue.message} [${issue.rule}]`);
  } else {
    output.note(report.message, `${report.name}: `);
    for (const hint of report.hints) output.note(`  ${hint}`);
  }
  return code;
}
