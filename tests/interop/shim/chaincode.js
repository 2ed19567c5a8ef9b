'use strict';
// The interop chaincode written with the official Node fabric-shim, served in chaincode-as-a-service
// mode. Tests/Hyperledger.Fabric.Shim.Tests has the same chaincode written with our C# shim; both are driven
// through the same scripted peer conversation and must send the same messages back.
//
// Usage: node shim/chaincode.js <ccid>
// Prints "LISTENING <port>" once the server is bound to 127.0.0.1 on an ephemeral port.

const shim = require('fabric-shim');

async function collect(iterable, format) {
    const out = [];
    for await (const item of iterable) {
        out.push(format(item));
    }
    return out.join(',');
}

const functions = {
    async put(stub, [key, value]) {
        await stub.putState(key, Buffer.from(value));
        return 'ok';
    },
    async get(stub, [key]) {
        const value = await stub.getState(key);
        return value.toString();
    },
    async del(stub, [key]) {
        await stub.deleteState(key);
        return 'deleted';
    },
    async putComposite(stub, [type, a, b, value]) {
        await stub.putState(stub.createCompositeKey(type, [a, b]), Buffer.from(value));
        return 'ok';
    },
    async listComposite(stub, [type, a]) {
        return collect(stub.getStateByPartialCompositeKey(type, [a]), (kv) => {
            const {objectType, attributes} = stub.splitCompositeKey(kv.key);
            return `${objectType}/${attributes.join('/')}=${kv.value.toString()}`;
        });
    },
    async range(stub, [start, end]) {
        return collect(stub.getStateByRange(start, end), (kv) => `${kv.key}=${kv.value.toString()}`);
    },
    async rangeFirst(stub, [start, end]) {
        for await (const kv of stub.getStateByRange(start, end)) {
            return kv.key;
        }
        return '';
    },
    async page(stub, [start, end, size, bookmark]) {
        const pending = stub.getStateByRangeWithPagination(start, end, parseInt(size, 10), bookmark);
        const {metadata} = await pending;
        const keys = await collect(pending, (kv) => kv.key);
        return `${keys}|${metadata.fetchedRecordsCount}|${metadata.bookmark}`;
    },
    async history(stub, [key]) {
        return collect(stub.getHistoryForKey(key), (m) => `${m.txId}:${m.value.toString()}:${m.isDelete}`);
    },
    async event(stub, [name, payload]) {
        stub.setEvent(name, Buffer.from(payload));
        return '';
    },
    async fail(stub, [message]) {
        throw new Error(message);
    },
};

class InteropChaincode {
    async Init() {
        return shim.success();
    }

    async Invoke(stub) {
        const {fcn, params} = stub.getFunctionAndParameters();
        const fn = functions[fcn];
        if (!fn) {
            return shim.error(`Unknown transaction function '${fcn}' in contract 'Interop'`);
        }
        try {
            return shim.success(Buffer.from(await fn(stub, params)));
        } catch (err) {
            return shim.error(err.message);
        }
    }
}

async function main() {
    const ccid = process.argv[2] || 'interop:1';
    const server = shim.server(new InteropChaincode(), {ccid, address: '127.0.0.1:0'});
    // fabric-shim does not report the bound port; wrap its grpc server's bind to learn it.
    const grpcServer = server._server;
    const bind = grpcServer.bindAsync.bind(grpcServer);
    let boundPort;
    grpcServer.bindAsync = (address, credentials, callback) => bind(address, credentials, (err, port) => {
        boundPort = port;
        callback(err, port);
    });
    await server.start();
    process.stdout.write(`LISTENING ${boundPort}\n`);
}

main().catch((err) => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exit(1);
});
