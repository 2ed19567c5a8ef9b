'use strict';
// The echo service on the official @grpc/grpc-js server, for our client's interop tests and the
// benchmark. Prints "PORT <n>" once listening; runs until stdin closes or it is killed.
// Flags: --cert <pem> --key <pem> (TLS), --client-ca <pem> (require client certs),
//        --max-receive <bytes>.
const { grpc, loadEcho, parseArgs, readFile, encodeStatus } = require('./echo-common');

const args = parseArgs(process.argv.slice(2));
const echo = loadEcho();

function fail(request) {
  if (!request.failWithCode) { return null; }
  const message = 'requested failure: ' + request.message;
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', encodeStatus(request.failWithCode, 'details: ' + message, message));
  return { code: request.failWithCode, details: message, metadata };
}

function respond(request, index) {
  return { message: request.message, index, payload: request.payloadSize > 0 ? Buffer.alloc(request.payloadSize) : Buffer.alloc(0) };
}

function afterDelay(call, request, action) {
  if (request.delayMs > 0) {
    const timer = setTimeout(action, request.delayMs);
    call.on('cancelled', () => clearTimeout(timer));
  } else {
    action();
  }
}

const server = new grpc.Server({
  'grpc.max_receive_message_length': Number(args['max-receive'] || 100 * 1024 * 1024),
});
server.addService(echo.Echo.service, {
  Unary(call, callback) {
    afterDelay(call, call.request, () => {
      const error = fail(call.request);
      if (error) { callback(error); return; }
      const echoHeader = call.metadata.get('x-echo');
      const trailers = new grpc.Metadata();
      if (echoHeader.length > 0) { trailers.set('x-echo', echoHeader[0]); }
      callback(null, respond(call.request, 0), trailers);
    });
  },
  ServerStream(call) {
    afterDelay(call, call.request, () => {
      const error = fail(call.request);
      if (error) { call.emit('error', error); return; }
      let i = 0;
      let cancelled = false;
      call.on('cancelled', () => { cancelled = true; });
      const pump = () => {
        // yield to the event loop now and then, so a cancellation is seen during long streams
        for (let batch = 0; i < call.request.count && !cancelled; batch++) {
          if (batch === 1000) { setImmediate(pump); return; }
          const more = call.write(respond(call.request, i++));
          if (!more) { call.once('drain', pump); return; }
        }
        if (!cancelled) { call.end(); }
      };
      pump();
    });
  },
  Duplex(call) {
    let index = 0;
    // x-greet: speak before the client writes anything, like a chaincode sending REGISTER
    const greeting = call.metadata.get('x-greet');
    if (greeting.length > 0) { call.write({ message: String(greeting[0]), index: -1 }); }
    call.on('data', (request) => {
      const error = fail(request);
      if (error) { call.emit('error', error); return; }
      const response = respond(request, index++);
      if (request.payload && request.payload.length > 0) { response.payload = request.payload; }
      call.write(response);
    });
    call.on('end', () => call.end());
    call.on('error', () => {});
  },
});

let credentials = grpc.ServerCredentials.createInsecure();
if (args.cert) {
  const clientCa = readFile(args['client-ca']);
  credentials = grpc.ServerCredentials.createSsl(clientCa, [{ cert_chain: readFile(args.cert), private_key: readFile(args.key) }], !!clientCa);
}

server.bindAsync('127.0.0.1:0', credentials, (error, port) => {
  if (error) { console.error(error); process.exit(1); }
  console.log('PORT ' + port);
});

process.stdin.on('end', () => { server.forceShutdown(); process.exit(0); });
process.stdin.resume();
