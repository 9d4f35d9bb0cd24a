// Opt-in CORS (`cors: true`, `seedance start --cors`), so a web page on another origin can use the
// simulator as it would a gateway: preflights are answered, and the headers clients read are
// exposed. Hono's CORS middleware does the work on plain Request/Response. The admin paths
// (/__simulator/*) never get CORS headers: no other origin may read or clear the journal.
import { Hono } from 'hono';
import { cors } from 'hono/cors';

/** Response headers a client reads beyond the CORS-safelisted ones: retry hints, request ids, ranges. */
const EXPOSED_HEADERS = ['Retry-After', 'Retry-After-Ms', 'X-Request-Id', 'X-Tt-Logid', 'Content-Range', 'Accept-Ranges', 'Content-Length'];

const ADMIN = '/__simulator/';

/** `fetch` with CORS: preflights (OPTIONS with Access-Control-Request-Method) answered, other answers given the CORS headers. */
export function withCors(fetch: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  // Request headers asked for in a preflight are allowed as asked (Authorization, Content-Type, X-Mock-Scenario...).
  const app = new Hono().use(cors({ origin: '*', exposeHeaders: EXPOSED_HEADERS, maxAge: 600 })).all('*', (context) => fetch(context.req.raw));
  return (request) => {
    const admin = new URL(request.url).pathname.includes(ADMIN);
    // An OPTIONS that is not a preflight is a request like any other (the gateways answer it 404).
    const preflight = request.method === 'OPTIONS' && request.headers.has('access-control-request-method');
    if (admin || (request.method === 'OPTIONS' && !preflight)) return fetch(request);
    return Promise.resolve(app.fetch(request));
  };
}
