// The floor: a bare node:http server that answers every bench request with bytes fixed at start-up
// (an Ark create, an Ark task, and a Range slice of the sample MP4). No routing, no validation, no
// state: whatever the simulator does on top of this is its cost. Plain JavaScript, so it runs on
// node alone like the built simulator.
//   node bench/servers/bare-http.mjs [port=0]   (prints "listening http://127.0.0.1:<port>")
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const created = Buffer.from('{"id":"cgt-20260101000000-abcde"}');
const task = Buffer.from(
  JSON.stringify({
    id: 'cgt-20260101000000-abcde',
    model: 'doubao-seedance-1-5-pro-251215',
    status: 'succeeded',
    content: { video_url: 'http://127.0.0.1/files/cgt-20260101000000-abcde.mp4' },
    created_at: 1767225600,
    updated_at: 1767225605,
  }),
);
const video = readFileSync(new URL('../../mocks/fixtures/sample.mp4', import.meta.url));

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.method === 'POST') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': created.length });
      response.end(created);
    } else if (request.headers.range) {
      // Every bench download asks for bytes=0-: the whole file as one 206 range.
      response.writeHead(206, {
        'content-type': 'video/mp4',
        'accept-ranges': 'bytes',
        'content-range': `bytes 0-${video.length - 1}/${video.length}`,
        'content-length': video.length,
      });
      response.end(video);
    } else {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': task.length });
      response.end(task);
    }
  });
});
server.keepAliveTimeout = 5_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(`listening http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
