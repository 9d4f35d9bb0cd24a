// A gateway's video download, as large as asked: `/…/content` streams that many MiB of bytes as
// video/mp4, made chunk by chunk as the socket drains (the server itself holds one chunk); any
// other path answers a small JSON. The proxy bench streams it through the proxy. Plain JavaScript.
//   node bench/servers/big-file.mjs <MiB> [port=0]   (prints "listening http://127.0.0.1:<port>")
import { createServer } from 'node:http';

const mebibytes = Number(process.argv[2] ?? 50);
const size = mebibytes * 1024 * 1024;
const chunk = Buffer.alloc(64 * 1024, 0x2a);

const server = createServer((request, response) => {
  request.resume();
  if (!request.url?.endsWith('/content')) {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 });
    return response.end('{}');
  }
  response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': size });
  let sent = 0;
  const pump = () => {
    while (sent < size) {
      const piece = size - sent >= chunk.length ? chunk : chunk.subarray(0, size - sent);
      sent += piece.length;
      if (!response.write(piece)) return void response.once('drain', pump);
    }
    response.end();
  };
  pump();
});

server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => console.log(`listening http://127.0.0.1:${server.address().port}`));
