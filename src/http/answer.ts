// Reading a gateway's JSON answer: within a size cap, and once. A submit or a task read must answer
// 2xx with a JSON body; an empty or unparsable one is a transient read failure (retried like a 5xx
// on a read, ambiguous on a submit), and one over the cap is a typed error before it is read whole.
// The answer is read inside the retry loop (src/http/call.ts), so a read that failed this way is retried;
// what it parsed is kept beside the response for the wire client (src/http/wire-client.ts),
// which then reads nothing twice. Error answers are read up to the cap and cut there: their text is
// only a message.

/** The largest JSON answer the client reads, unless `maxAnswerBytes` says otherwise: far above any task body. */
export const DEFAULT_MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** Why a 2xx answer could not be used. */
export type UnusableReason = 'empty' | 'not-json' | 'too-large';

/** Raised inside the retry loop; src/http/call.ts turns it into UnreadableAnswerError or AnswerTooLargeError. */
export class UnusableAnswer extends Error {
  override name = 'UnusableAnswer';
  constructor(
    readonly reason: UnusableReason,
    readonly status: number,
    readonly limitBytes: number,
  ) {
    super(
      reason === 'too-large'
        ? `the HTTP ${status} answer is larger than ${limitBytes} bytes (maxAnswerBytes)`
        : `the HTTP ${status} answer is ${reason === 'empty' ? 'empty' : 'not a JSON object'}`,
    );
  }

  /** Read by the retry loop: an answer too large is not fetched again. */
  get retryable(): boolean {
    return this.reason !== 'too-large';
  }
}

/** The parsed body of each 2xx answer settled in the retry loop, for the wire client. */
const settled = new WeakMap<Response, unknown>();

/** What settleJsonAnswer parsed from this response, if it settled it. */
export function settledData(response: Response): { data: unknown } | undefined {
  return settled.has(response) ? { data: settled.get(response) } : undefined;
}

/** The body as text, at most `maxBytes` of it (a longer one is cancelled there); `truncated` says whether it was cut. */
export async function readCapped(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  // A declared length the transport holds the body to: read it at once. Not when the body is
  // compressed: fetch decompresses it, and the length is the compressed one (a gzip bomb's is small).
  const encoded = (response.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity';
  if (!encoded && Number.isFinite(declared) && declared <= maxBytes) return { text: await response.text(), truncated: false };
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false };
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      reader.cancel().catch(() => undefined);
      return { text: text + decoder.decode(value.subarray(0, value.byteLength - (bytes - maxBytes))), truncated: true };
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * Reads a 2xx answer that must be a JSON object and keeps what it parsed (settledData); throws
 * UnusableAnswer when it is empty, not a JSON object, or larger than `maxBytes` (then without reading it, when its length
 * is declared). Any other answer is returned unread.
 */
export async function settleJsonAnswer(response: Response, maxBytes: number): Promise<Response> {
  if (!response.ok) return response;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    response.body?.cancel().catch(() => undefined);
    throw new UnusableAnswer('too-large', response.status, maxBytes);
  }
  const { text, truncated } = await readCapped(response, maxBytes);
  if (truncated) throw new UnusableAnswer('too-large', response.status, maxBytes);
  if (text.trim() === '') throw new UnusableAnswer('empty', response.status, maxBytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UnusableAnswer('not-json', response.status, maxBytes);
  }
  // A task or a submit's answer is an object; `null`, a number or a list is no more usable than an empty body.
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UnusableAnswer('not-json', response.status, maxBytes);
  settled.set(response, data);
  return response;
}
