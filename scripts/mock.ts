// npm run mock -- <dialect> [--port 4010] [--host 127.0.0.1]
// Runs Prism over one dialect's contract and prints its base URL. Requests are validated against
// the document; `Prefer: code=..., example=...` picks a documented response.
import { parseArgs } from 'node:util';
import { DIALECTS, isDialect, startPrismMock } from '../mocks/prism.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string', default: process.env.PORT ?? '4010' }, host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' } },
});

const dialect = positionals[0] ?? '';
const port = Number(values.port);
if (!isDialect(dialect) || positionals.length !== 1 || !Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`usage: npm run mock -- <dialect> [--port 4010] [--host 127.0.0.1]\n  dialects: ${DIALECTS.join(', ')}`);
  process.exit(2);
}

// One line per request and per answer, instead of Prism's JSON log (which would echo headers).
const requestLog = {
  write(line: string) {
    const entry = JSON.parse(line) as { msg?: string; input?: { method: string; url: { path: string } } };
    if (entry.msg === 'Request received' && entry.input) console.log(`-> ${entry.input.method.toUpperCase()} ${entry.input.url.path}`);
    const answer = /^> Responding with "(\d+)"/.exec(entry.msg ?? '');
    if (answer) console.log(`<- ${answer[1]}`);
    else if (/violation|not valid|invalid/i.test(entry.msg ?? '')) console.log(`   ${entry.msg}`);
  },
};

const mock = await startPrismMock(dialect, { host: values.host, port, logLevel: 'info', logDestination: requestLog });
console.log(`Prism mock of ${dialect}: ${mock.url}`);
console.log(`  pick a documented answer with the header  Prefer: code=200, example=<name>`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void mock.close().then(() => process.exit(0)));
}
