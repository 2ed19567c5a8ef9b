'use strict';
// A chaincode written with the official Node fabric-shim, run as a service (chaincode-as-a-service):
// the dev network dials it. CHAINCODE_ID and CHAINCODE_SERVER_ADDRESS come from the environment.
const shim = require('fabric-shim');

async function collect(iterator, map) {
    const out = [];
    for (;;) {
        const res = await iterator.next();
        if (res.value) {
            out.push(map(res.value));
        }
        if (res.done) {
            await iterator.close();
            return out;
        }
    }
}

const text = (bytes) => Buffer.from(bytes || []).toString('utf8');

const functions = {
    async put(stub, [key, value]) {
        await stub.putState(key, Buffer.from(value));
        stub.setEvent('put', Buffer.from(`${key}=${value}`));
        return value;
    },
    async get(stub, [key]) {
        return text(await stub.getState(key));
    },
    async incr(stub, [key]) {
        const current = parseInt(text(await stub.getState(key)) || '0', 10);
        const next = String(current + 1);
        await stub.putState(key, Buffer.from(next));
        stub.setEvent('incr', Buffer.from(`${key}=${next}`));
        return next;
    },
    async del(stub, [key]) {
        await stub.deleteState(key);
        return '';
    },
    async range(stub, [start, end]) {
        const iterator = await stub.getStateByRange(start, end);
        return JSON.stringify(await collect(iterator, (kv) => ({ key: kv.key, value: text(kv.value) })));
    },
    async page(stub, [start, end, size, bookmark]) {
        const { iterator, metadata } = await stub.getStateByRangeWithPagination(start, end, parseInt(size, 10), bookmark || '');
        const records = await collect(iterator, (kv) => kv.key);
        return JSON.stringify({ records, bookmark: metadata.bookmark, count: metadata.fetchedRecordsCount });
    },
    async history(stub, [key]) {
        const iterator = await stub.getHistoryForKey(key);
        return JSON.stringify(await collect(iterator, (m) => ({ txId: m.txId, value: text(m.value), isDelete: m.isDelete })));
    },
    async rich(stub, [query]) {
        await stub.getQueryResult(query);
        return 'unexpected';
    },
    async fail(stub, [message]) {
        throw new Error(message);
    },
    // Private data: the value comes from the transient map, never from the arguments (which the block keeps).
    async store(stub, [collection, key]) {
        await stub.putPrivateData(collection, key, stub.getTransient().get('value'));
        return '';
    },
    async read(stub, [collection, key]) {
        return text(await stub.getPrivateData(collection, key));
    },
    async hash(stub, [collection, key]) {
        return Buffer.from(await stub.getPrivateDataHash(collection, key) || []);
    },
    async purge(stub, [collection, key]) {
        await stub.purgePrivateData(collection, key);
        return '';
    },
    async prange(stub, [collection, start, end]) {
        // fabric-shim resolves the private form to { iterator }, the public one to the iterator itself
        const result = await stub.getPrivateDataByRange(collection, start, end);
        return (await collect(result.iterator || result, (kv) => `${kv.key}=${text(kv.value)}`)).join(';');
    },
    // InvokeChaincode: target is "name" or "name/channel".
    async call(stub, [target, ...args]) {
        const [name, channel] = target.split('/');
        const response = await stub.invokeChaincode(name, args, channel);
        if (response.status >= 400) {
            throw new Error(`called chaincode failed: ${response.message}`);
        }
        return Buffer.from(response.payload || []);
    },
    // Writes and sets an event, then answers with the given error status (a refusal after work).
    async refuse(stub, [key, status]) {
        await stub.putState(key, Buffer.from('refused'));
        stub.setEvent('refused', Buffer.from(key));
        return { status: parseInt(status, 10), message: `refused ${key}` };
    },
};

class DevNetChaincode {
    async Init() {
        return shim.success();
    }

    async Invoke(stub) {
        const { fcn, params } = stub.getFunctionAndParameters();
        const fn = functions[fcn];
        if (!fn) {
            return shim.error(`unknown function ${fcn}`);
        }
        try {
            const result = await fn(stub, params);
            if (result && typeof result === 'object' && 'status' in result) {
                return result;
            }
            return shim.success(Buffer.from(result));
        } catch (err) {
            return shim.error(err.message);
        }
    }
}

async function main() {
    const server = shim.server(new DevNetChaincode(), {
        ccid: process.env.CHAINCODE_ID,
        address: process.env.CHAINCODE_SERVER_ADDRESS,
    });
    await server.start();
    console.log(`listening ${process.env.CHAINCODE_SERVER_ADDRESS}`);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
