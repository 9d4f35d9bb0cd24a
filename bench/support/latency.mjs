// A latency probe in its own process: `count` requests one after another (one connection, kept
// alive), each timed with performance.now(); prints the percentiles in microseconds as JSON. Used
// where milliseconds (autocannon's unit) are too coarse: the latency a proxy adds on loopback.
//   node bench/support/latency.mjs <url> <count> [header=value]...
const [url, count = '2000', ...pairs] = process.argv.slice(2);
const headers = Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
const times = [];
for (let index = 0; index < Number(count); index++) {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  times.push((performance.now() - started) * 1000);
}
times.sort((a, b) => a - b);
const at = (share) => times[Math.min(times.length - 1, Math.floor(times.length * share))];
console.log(JSON.stringify({ count: times.length, p50: at(0.5), p90: at(0.9), p99: at(0.99) }));
