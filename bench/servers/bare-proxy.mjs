// The floor for a proxy on Node: node:http piping each request to the target and the answer back
// (http.request, stream.pipe), with no checks, no fetch and no Web streams. What `seedance proxy`
// costs beyond this is its own.
//   node bench/servers/bare-proxy.mjs <target origin> [port=0]   (prints "listening http://127.0.0.1:<port>")
import { createServer, request as forward } from 'node:http';

const target = new URL(process.argv[2] ?? 'http://127.0.0.1:4010');

const server = createServer((incoming, outgoing) => {
  const headers = { ...incoming.headers, host: target.host };
  const upstream = forward({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers }, (answer) => {
    outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(outgoing);
  });
  upstream.on('error', () => outgoing.destroy());
  incoming.pipe(upstream);
});

server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => console.log(`listening http://127.0.0.1:${server.address().port}`));
