'use strict';
// Benchmark client on the official @grpc/grpc-js: measures unary round trips or streamed messages
// per second against an echo server for a fixed time and prints one JSON line.
// Flags: --target host:port --mode unary|stream --seconds <s> [--warmup <s>]
const { grpc, loadEcho, parseArgs } = require('./echo-common');

const args = parseArgs(process.argv.slice(2));
const echo = loadEcho();
const client = new echo.Echo(args.target, grpc.credentials.createInsecure());
const seconds = Number(args.seconds || 3);
const warmup = Number(args.warmup || 0.5);

function unaryFor(durationMs) {
  return new Promise((resolve) => {
    const end = Date.now() + durationMs;
    let count = 0;
    const started = process.hrtime.bigint();
    const next = () => {
      client.Unary({ message: 'ping' }, (error) => {
        if (error) { console.error(error.message); process.exit(1); }
        count++;
        if (Date.now() < end) { next(); } else { resolve({ count, seconds: Number(process.hrtime.bigint() - started) / 1e9 }); }
      });
    };
    next();
  });
}

function streamFor(durationMs) {
  return new Promise((resolve) => {
    const call = client.ServerStream({ message: 'stream', count: 2000000000 });
    let count = 0;
    const started = process.hrtime.bigint();
    let done = false;
    const stop = () => {
      if (done) { return; }
      done = true;
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      call.cancel();
      resolve({ count, seconds: elapsed });
    };
    call.on('data', () => { count++; });
    call.on('error', (e) => { if (!done && e.code !== grpc.status.CANCELLED) { console.error(e.message); process.exit(1); } });
    setTimeout(stop, durationMs);
  });
}

client.waitForReady(Date.now() + 20000, async (error) => {
  if (error) { console.error('not ready: ' + error.message); process.exit(4); }
  const run = args.mode === 'stream' ? streamFor : unaryFor;
  await run(warmup * 1000);
  const result = await run(seconds * 1000);
  console.log(JSON.stringify({ mode: args.mode, count: result.count, seconds: result.seconds, perSecond: result.count / result.seconds }));
  client.close();
  process.exit(0);
});
