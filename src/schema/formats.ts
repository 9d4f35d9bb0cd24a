// The string formats the contracts use. `uri` is ajv-formats' "full" check (MIT,
// https://github.com/ajv-validator/ajv-formats/blob/master/src/formats.ts), copied so verdicts match
// ajv's exactly; `binary` (a multipart file part, seen as text) is an annotation. Any other format
// fails at compile time rather than being ignored. Each is a plug-in (EngineOptions.formats): a
// dialect's contract module imports only the formats its schema uses, so a bundle without a `uri`
// format does not carry the expression.

/** A format's check on a string, or `true` for a format that is only an annotation. */
export type Format = ((text: string) => boolean) | true;
export type Formats = Readonly<Record<string, Format>>;

const NOT_URI_FRAGMENT = /\/|:/;
// ajv-formats' URI expression, cut into lines (its source is one 1,200-character literal). Pure,
// so a bundle that imports another format drops it.
const URI = /* @__PURE__ */ new RegExp(
  "^(?:[a-z][a-z0-9+\\-.]*:)(?:\\/?\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\\[(?:(?:(?:(?:[0-9a-f]{1,4" +
    '}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,' +
    '4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,' +
    '4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]' +
    '{1,4}|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a' +
    "-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\\.[a-z0-9\\-._~!$&'()*+,;=:" +
    "]+)\\]|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)|(?:[a-z0-9\\-._~!$&'()*+,;=]|%[0-" +
    "9a-f]{2})*)(?::\\d*)?(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0" +
    "-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(" +
    "?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\\?(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?" +
    ":[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$",
  'i',
);

export const uri: Format = (text) => NOT_URI_FRAGMENT.test(text) && URI.test(text);
export const binary: Format = true;

/** Every format the documents use (the simulator's and the CLI's set). */
export const FORMATS: Formats = { uri, binary };
