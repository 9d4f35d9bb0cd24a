// Rules no schema can state: the real bytes of an uploaded file. A JSON Schema sees a multipart
// file part only as a string (its file name), so "a PNG, JPEG or WebP image" and "a file, not a
// text part" are checked here, against the media types the contract's multipart `encoding` lists.
// The rule ids are the documents' (`enforced: module` in x-rules); a test holds the two together.
// Only a dialect with multipart uploads imports this module (src/dialects/multipart-videos.ts, and
// src/contracts/index.ts for the simulator and the CLI).
import type { DialectContract } from './contracts/types.ts';
import type { ValidationIssue } from './errors.ts';
import { SNIFF_BYTES, sniffBytes, UNKNOWN_MEDIA_TYPE } from './sniff.ts';

/** The media type of a file from its leading bytes (src/sniff.ts), never from its name or declared type. */
export async function sniffFile(file: Blob): Promise<string> {
  return sniffBytes(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
}

/**
 * Checks the file parts of a multipart body: each field the contract's `encoding` names must be a
 * file (a Blob; a string is a text part) whose bytes are one of the listed media types.
 */
export async function checkFilePartsWith(contract: DialectContract, operationId: string, parts: Record<string, unknown>): Promise<ValidationIssue[]> {
  const encoding = contract.operations[operationId]?.requestEncoding ?? {};
  const issues: ValidationIssue[] = [];
  for (const [field, contentType] of Object.entries(encoding)) {
    const value = parts[field];
    if (value === undefined) continue;
    if (!(value instanceof Blob)) {
      issues.push({ path: `/${field}`, rule: 'file-field-is-file', message: `${field} must be uploaded as a file part, not as text` });
      continue;
    }
    const allowed = contentType.split(',').map((type) => type.trim());
    const sniffed = await sniffFile(value);
    if (!allowed.includes(sniffed)) {
      const names = allowed.map((type) => type.replace(/^image\//, '')).join(', ');
      const actual = sniffed === UNKNOWN_MEDIA_TYPE ? 'are not an image of a type the documents name' : `are ${sniffed}`;
      issues.push({ path: `/${field}`, rule: 'file-is-image', message: `${field} must be a ${names} image; its bytes ${actual}` });
    }
  }
  return issues;
}

/**
 * A multipart body as the wire carries it (what formDataBody sends and the gateway parses): null and
 * undefined fields are left out, a file is seen by its file name, anything else becomes text
 * (objects as JSON). Validating this, not the values before serialisation, is what keeps the
 * client's verdict equal to the gateway's.
 */
function asFormFields(body: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) fields[name] = value instanceof File && value.name ? value.name : name;
    else fields[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return fields;
}

/**
 * Every rule a wire body breaks, as the gateway would judge it: the schema's (on the body as it is
 * serialised: a multipart body as its form fields) and the file rules above.
 */
export async function checkWireBodyWith(contract: DialectContract, operationId: string, body: Record<string, unknown>): Promise<ValidationIssue[]> {
  const multipart = contract.operations[operationId]?.requestMediaType?.startsWith('multipart/') === true;
  const parts = multipart ? Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined && value !== null)) : body;
  return [...contract.checkRequestBody(operationId, multipart ? asFormFields(body) : body), ...(await checkFilePartsWith(contract, operationId, parts))];
}
