// Removing the API key from text: error messages, bodies a gateway echoed, CLI output and reports.
// The key is removed where it appears as a key, never by rewriting whatever substring happens to
// equal it: a one-letter key must not turn `TaskFailedError` into `Tas[redacted]FailedError` or a
// handle's `ark` into `ar[redacted]`. So a key is removed where it stands alone: not glued to a
// letter, digit, `_` or `-` that would make it part of a longer word or token (`Bearer k`, `?key=k&`,
// `"k"`, `k.`). A key of SUBSTRING_SAFE_LENGTH characters or more cannot be part of an ordinary word,
// so it is removed wherever it appears. Its percent-encoded and JSON-escaped forms are removed alike.

export const REDACTED = '[redacted]';

/** Keys at least this long are removed wherever they appear; shorter ones only where they stand alone. */
export const SUBSTRING_SAFE_LENGTH = 16;

const TOKEN_CHARACTER = /^[\p{L}\p{N}\p{M}_-]$/u;

/** Whether a character (a whole code point) continues a word or token. */
const continuesToken = (character: string | undefined): boolean => character !== undefined && TOKEN_CHARACTER.test(character);

/** The code point that ends just before `index`, or undefined at the start. */
function before(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return String.fromCodePoint(text.codePointAt(start) ?? low);
}

/** The code point that starts at `index`, or undefined at the end. */
function after(text: string, index: number): string | undefined {
  const point = text.codePointAt(index);
  return point === undefined ? undefined : String.fromCodePoint(point);
}

/**
 * Whether the occurrence of `key` at `index` stands alone: on each side, either the key's own edge
 * does not continue a token, or the neighbouring character does not.
 */
function standsAlone(text: string, key: string, index: number): boolean {
  const left = !continuesToken(after(key, 0)) || !continuesToken(before(text, index));
  const right = !continuesToken(before(key, key.length)) || !continuesToken(after(text, index + key.length));
  return left && right;
}

/** The forms a key takes in text: as it is, percent-encoded (URLs, forms) and JSON-escaped (bodies). */
function formsOf(key: string): string[] {
  let percentEncoded = key;
  try {
    percentEncoded = encodeURIComponent(key);
  } catch {
    // A lone surrogate has no percent-encoded form.
  }
  return [...new Set([key, percentEncoded, JSON.stringify(key).slice(1, -1)])];
}

/** One pass: every occurrence of `form` that may be removed, replaced. */
function replaceOnce(text: string, form: string): string {
  let result = '';
  let from = 0;
  for (let index = text.indexOf(form); index !== -1; index = text.indexOf(form, index + 1)) {
    if (index < from) continue;
    if (form.length < SUBSTRING_SAFE_LENGTH && !standsAlone(text, form, index)) continue;
    result += text.slice(from, index) + REDACTED;
    from = index + form.length;
  }
  return from === 0 ? text : result + text.slice(from);
}

/** `text` with every key removed where it appears as a key (see the top of this module). */
export function redactText(text: string, keys: Iterable<string | undefined>): string {
  let current = text;
  for (const key of keys) {
    if (typeof key !== 'string' || key.length === 0) continue;
    for (const form of formsOf(key)) {
      // A removal can leave a neighbouring occurrence standing alone: repeat until nothing changes
      // (each pass removes at least one occurrence; the bound only guards against the unforeseen).
      for (let pass = 0, previous = ''; previous !== current && pass < 64; pass++) {
        previous = current;
        current = replaceOnce(current, form);
      }
    }
  }
  return current;
}
