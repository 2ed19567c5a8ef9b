'use strict';
// The official @grpc/grpc-js client running one scenario against an echo server (ours in the
// tests). Prints one JSON line with what it observed; the C# test asserts on it.
// Flags: --target host:port --scenario <name> [--ca <pem> --server-name <name>]
//        [--cert <pem> --key <pem>] [--max-receive <bytes>] [--count <n>]
const { grpc, loadEcho, parseArgs, readFile, decodeStatus } = require('./echo-common');

const args = parseArgs(process.argv.slice(2));
const echo = loadEcho();
const options = { 'grpc.max_receive_message_length': Number(args['max-receive'] || 100 * 1024 * 1024) };
let credentials = grpc.credentials.createInsecure();
if (args.ca) {
  credentials = grpc.credentials.createSsl(readFile(args.ca), readFile(args.key), readFile(args.cert));
  if (args['server-name']) {
    options['grpc.ssl_target_name_override'] = args['server-name'];
    options['grpc.default_authority'] = args['server-name'];
  }
}
const client = new echo.Echo(args.target, credentials, options);
const count = Number(args.count || 1000);

function errorResult(error) {
  const result = { code: error.code, details: error.details };
  const bin = error.metadata ? error.metadata.get('grpc-status-details-bin') : [];
  if (bin.length > 0) { result.statusDetails = decodeStatus(bin[0]); }
  return result;
}

function unary(request, callOptions) {
  return new Promise((resolve) => {
    const call = client.Unary(request, new grpc.Metadata(), callOptions || {}, (error, response) => {
      resolve(error ? errorResult(error) : { code: 0, message: response.message, payloadLength: response.payload.length });
    });
    if (callOptions && callOptions.cancelAfterMs) { setTimeout(() => call.cancel(), callOptions.cancelAfterMs); }
  });
}

const scenarios = {
  unary: () => unary({ message: 'hello from node' }),
  'server-stream': () => new Promise((resolve) => {
    const call = client.ServerStream({ message: 'stream', count });
    let received = 0; let inOrder = true;
    call.on('data', (r) => { if (r.index !== received) { inOrder = false; } received++; });
    call.on('error', (e) => resolve(errorResult(e)));
    call.on('status', (s) => { if (s.code === 0) { resolve({ code: 0, received, inOrder }); } });
  }),
  duplex: () => new Promise((resolve) => {
    const call = client.Duplex();
    let received = 0; let inOrder = true;
    call.on('data', (r) => { if (r.message !== 'm' + received || r.index !== received) { inOrder = false; } received++; });
    call.on('error', (e) => resolve(errorResult(e)));
    call.on('status', (s) => { if (s.code === 0) { resolve({ code: 0, sent: count, received, inOrder }); } });
    let i = 0;
    const pump = () => {
      while (i < count) {
        const more = call.write({ message: 'm' + i++ });
        if (!more) { call.once('drain', pump); return; }
      }
      call.end();
    };
    pump();
  }),
  deadline: () => unary({ message: 'slow', delayMs: 10000 }, { deadline: Date.now() + 300 }),
  cancel: () => unary({ message: 'slow', delayMs: 10000 }, { cancelAfterMs: 300 }),
  error: () => unary({ message: 'boom', failWithCode: 9 }),
  'too-large-response': () => unary({ message: 'big', payloadSize: 200000 }),
  'too-large-request': () => unary({ message: 'big', payload: Buffer.alloc(200000) }),
};

const scenario = scenarios[args.scenario];
if (!scenario) { console.error('unknown scenario ' + args.scenario); process.exit(2); }
const timer = setTimeout(() => { console.error('scenario timed out'); process.exit(3); }, 30000);
// connect first, so timings in the scenarios measure calls, not connection setup
client.waitForReady(Date.now() + 20000, (error) => {
  if (error) { console.error('not ready: ' + error.message); process.exit(4); }
  scenario().then(finish);
});

function finish(result) {
  clearTimeout(timer);
  console.log(JSON.stringify(result));
  client.close();
}
