// The wire checks by dialect id, for the simulator, the CLI and the scripts: the same checks a
// client's dialect adapter runs (src/file-parts.ts on that dialect's contract), looked up in the
// aggregate of the four contracts.
import { dialectContracts } from './contract.ts';
import type { DialectId } from '../generated/dialects.ts';
import type { ValidationIssue } from './errors.ts';
import { checkFileParts as checkFilePartsWith, checkWireBodyWith } from './file-parts.ts';

export { sniffFile } from './file-parts.ts';

/**
 * Checks the file parts of a multipart body: each field the contract's `encoding` names must be a
 * file (a Blob; a string is a text part) whose bytes are one of the listed media types.
 */
export function checkFileParts(dialect: DialectId, operationId: string, parts: Record<string, unknown>): Promise<ValidationIssue[]> {
  return checkFilePartsWith(dialectContracts[dialect], operationId, parts);
}

/**
 * Every rule a wire body breaks, as the gateway would judge it: the schema's (on the body as it is
 * serialised) and the file rules. The client checks each body with its adapter's `checkWire`, which
 * a test holds equal to this.
 */
export function checkWireBody(dialect: DialectId, operationId: string, body: Record<string, unknown>): Promise<ValidationIssue[]> {
  return checkWireBodyWith(dialectContracts[dialect], operationId, body);
}
