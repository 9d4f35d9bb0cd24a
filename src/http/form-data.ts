// A multipart body as FormData, for the raw client's bodySerializer and the facade's wire client.

/** Serialises a multipart body: Blobs become file parts, everything else a text field; undefined is left out. */
export function formDataBody(body: unknown): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    // A part without a file name is sent without `filename=` and read as a text part, so a nameless file is named by its field.
    if (value instanceof Blob) form.append(name, value, (value instanceof File && value.name) || name);
    else form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return form;
}
