// `seedance drift <file.har>`: the proxy's checks over a recording (cli/traffic/drift.ts), with the
// same lines and the same report. Exit 0 when every exchange conforms, 7 when one does not, 2 when
// the recording cannot be read (the error names the entry).
import { readFileSync } from 'node:fs';
import { parseFlags } from '../args.ts';
import { resolvePath } from '../io.ts';
import { EXIT, UsageError } from '../output.ts';
import type { Session } from '../session.ts';
import { checkHar, HarError } from '../traffic/drift.ts';
import { escapeControls } from '../output.ts';
import { summaryLines, violationLine, writeTrafficReport } from '../traffic/report.ts';
import { dialectFlag } from './proxy.ts';

const DRIFT_FLAGS = { dialect: { type: 'string' }, report: { type: 'string' }, target: { type: 'string' } } as const;

/** A recording's text; a file that cannot be read is a usage error naming it. */
export function readRecording(path: string, session: Session): string {
  try {
    return readFileSync(resolvePath(session.io, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the recording ${path}${code ? ` (${code})` : ''}`);
  }
}

export async function drift(args: string[], session: Session): Promise<number> {
  const { values, positionals } = parseFlags(args, DRIFT_FLAGS);
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('drift takes one recording: seedance drift <file.har> --dialect <id>');
  const dialect = dialectFlag(values.dialect);
  const text = readRecording(file, session);
  let result: Awaited<ReturnType<typeof checkHar>>;
  try {
    result = await checkHar(text, { dialect, target: values.target });
  } catch (error) {
    if (error instanceof HarError) throw new UsageError(`${file}: ${error.message}`);
    if (error instanceof TypeError && values.target !== undefined) throw new UsageError(`--target: ${error.message}`);
    throw error;
  }
  const { skipped, ...report } = result;
  if (values.report) writeTrafficReport(resolvePath(session.io, values.report), report);
  const out = session.output;
  for (const violation of report.violations) {
    out.event({ event: 'violation', ...violation });
    if (!out.json) out.result(violationLine(violation));
  }
  out.event({ event: 'summary', exchanges: report.exchanges, unchecked: report.unchecked, skipped, violations: report.violations.length });
  if (!out.json) {
    for (const line of summaryLines(report)) out.note(escapeControls(line));
    const where = values.target ? ` below ${values.target}` : ' (pass --target URL to name its base URL)';
    if (skipped > 0) out.note(`${skipped} entries skipped: not requests to the gateway's API${where}`);
  }
  return report.violations.length === 0 ? EXIT.ok : EXIT.checkFailed;
}
