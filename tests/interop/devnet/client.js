'use strict';
// The official Node Fabric Gateway client driving the dev network (the independent client).
// Usage: node devnet/client.js <config.json> <command> [args...]
//   config: { url, tlsCaPath?, hostOverride?, mspId, certPath, keyPath, channel, chaincode }
//   submit <fn> [args...]      -> {"result","txId","code","blockNumber"}
//   evaluate <fn> [args...]    -> {"result"}
//   mvcc <key>                 -> two endorsed "incr" txs submitted back to back: [{"txId","code","blockNumber"}x2]
//   events <startBlock> <n>    -> one JSON line per event until n events were read
//   load <count> <inFlight> <prefix> -> one "VALID <txId> <key> <value>" line per committed tx, then {"seconds"}
//   blocks <full|filtered> <startBlock> <lastBlock> -> one {"blockNumber","txIds","codes"} line per block (getBlockEvents / getFilteredBlockEvents)
//   privateblocks <startBlock> <lastBlock> -> one {"blockNumber","txIds","privateData"} line per block (getBlockAndPrivateDataEvents);
//                              privateData: [{"txIndex","namespace","collection","writes":[{"key","value","isDelete"}]}]
const fs = require('fs');
const crypto = require('crypto');
const grpc = require('@grpc/grpc-js');
const { connect, hash, signers } = require('@hyperledger/fabric-gateway');
const { common, ledger } = require('@hyperledger/fabric-protos');

const utf8 = new TextDecoder();

function gatewayFor(config) {
    const credentials = config.tlsCaPath
        ? grpc.credentials.createSsl(fs.readFileSync(config.tlsCaPath))
        : grpc.credentials.createInsecure();
    const options = config.hostOverride ? { 'grpc.ssl_target_name_override': config.hostOverride } : {};
    const client = new grpc.Client(config.url.replace(/^grpcs?:\/\//, ''), credentials, options);
    const key = crypto.createPrivateKey(fs.readFileSync(config.keyPath));
    const gateway = connect({
        client,
        identity: { mspId: config.mspId, credentials: fs.readFileSync(config.certPath) },
        signer: signers.newPrivateKeySigner(key),
        // Ed25519 signs the message itself (Fabric 3); ECDSA signs SHA-256 of it whatever the curve.
        hash: key.asymmetricKeyType === 'ed25519' ? hash.none : hash.sha256,
        evaluateOptions: () => ({ deadline: Date.now() + 30000 }),
        endorseOptions: () => ({ deadline: Date.now() + 30000 }),
        submitOptions: () => ({ deadline: Date.now() + 30000 }),
        commitStatusOptions: () => ({ deadline: Date.now() + 60000 }),
    });
    return { client, gateway };
}

function describeError(err) {
    const details = (err.details || []).map((d) => ({ address: d.address, mspId: d.mspId, message: d.message }));
    return JSON.stringify({ error: err.constructor.name, code: err.code, message: err.message, details });
}

// A whole block as the official client yields it: its number, the channel header tx ids, and the peer's validation codes.
function describeBlock(block) {
    const txIds = block.getData().getDataList().map((bytes) => {
        const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8());
        return common.ChannelHeader.deserializeBinary(payload.getHeader().getChannelHeader_asU8()).getTxId();
    });
    const filter = block.getMetadata().getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
    return { blockNumber: Number(block.getHeader().getNumber()), txIds, codes: Array.from(filter) };
}

function describeFilteredBlock(block) {
    const transactions = block.getFilteredTransactionsList();
    return {
        blockNumber: Number(block.getNumber()),
        txIds: transactions.map((t) => t.getTxid()),
        codes: transactions.map((t) => t.getTxValidationCode()),
    };
}

// The private_data_map of a BlockAndPrivateData, flattened per transaction, namespace and collection (writes decoded).
function describePrivateData(blockAndPrivateData) {
    const entries = [];
    blockAndPrivateData.getPrivateDataMapMap().forEach((txSet, txIndex) => {
        for (const ns of txSet.getNsPvtRwsetList()) {
            for (const collection of ns.getCollectionPvtRwsetList()) {
                const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(collection.getRwset_asU8());
                entries.push({
                    txIndex: Number(txIndex),
                    namespace: ns.getNamespace(),
                    collection: collection.getCollectionName(),
                    writes: kv.getWritesList().map((w) => ({ key: w.getKey(), value: utf8.decode(w.getValue_asU8()), isDelete: w.getIsDelete() })),
                });
            }
        }
    });
    return entries.sort((a, b) => a.txIndex - b.txIndex || a.namespace.localeCompare(b.namespace) || a.collection.localeCompare(b.collection));
}

async function run(config, command, args) {
    const { client, gateway } = gatewayFor(config);
    const network = gateway.getNetwork(config.channel);
    const contract = network.getContract(config.chaincode);
    try {
        switch (command) {
        case 'submit': {
            const submitted = await contract.submitAsync(args[0], { arguments: args.slice(1) });
            const status = await submitted.getStatus();
            console.log(JSON.stringify({
                result: utf8.decode(submitted.getResult()),
                txId: submitted.getTransactionId(),
                code: status.code,
                blockNumber: Number(status.blockNumber),
            }));
            break;
        }
        case 'evaluate': {
            const result = await contract.evaluateTransaction(args[0], ...args.slice(1));
            console.log(JSON.stringify({ result: utf8.decode(result) }));
            break;
        }
        case 'mvcc': {
            // Both read the same committed version; both are endorsed before either is submitted.
            const first = await contract.newProposal('incr', { arguments: [args[0]] }).endorse();
            const second = await contract.newProposal('incr', { arguments: [args[0]] }).endorse();
            const commits = await Promise.all([first.submit(), second.submit()]);
            const statuses = await Promise.all(commits.map((c) => c.getStatus()));
            console.log(JSON.stringify(statuses.map((s) => ({ txId: s.transactionId, code: s.code, blockNumber: Number(s.blockNumber) }))));
            break;
        }
        case 'events': {
            const wanted = parseInt(args[1], 10);
            const events = await network.getChaincodeEvents(config.chaincode, { startBlock: BigInt(args[0]) });
            let seen = 0;
            try {
                for await (const event of events) {
                    console.log(JSON.stringify({
                        blockNumber: Number(event.blockNumber),
                        txId: event.transactionId,
                        name: event.eventName,
                        payload: utf8.decode(event.payload),
                        chaincode: event.chaincodeName,
                    }));
                    if (++seen >= wanted) {
                        break;
                    }
                }
            } finally {
                events.close();
            }
            break;
        }
        case 'blocks': {
            const filtered = args[0] === 'filtered';
            const options = { startBlock: BigInt(args[1]) };
            const last = BigInt(args[2]);
            const blocks = filtered ? await network.getFilteredBlockEvents(options) : await network.getBlockEvents(options);
            try {
                for await (const block of blocks) {
                    const line = filtered ? describeFilteredBlock(block) : describeBlock(block);
                    console.log(JSON.stringify(line));
                    if (BigInt(line.blockNumber) >= last) {
                        break;
                    }
                }
            } finally {
                blocks.close();
            }
            break;
        }
        case 'privateblocks': {
            const last = BigInt(args[1]);
            const blocks = await network.getBlockAndPrivateDataEvents({ startBlock: BigInt(args[0]) });
            try {
                for await (const item of blocks) {
                    const line = describeBlock(item.getBlock());
                    console.log(JSON.stringify({ blockNumber: line.blockNumber, txIds: line.txIds, privateData: describePrivateData(item) }));
                    if (BigInt(line.blockNumber) >= last) {
                        break;
                    }
                }
            } finally {
                blocks.close();
            }
            break;
        }
        case 'load': {
            const total = parseInt(args[0], 10);
            const inFlight = parseInt(args[1], 10);
            const prefix = args[2] || 'load';
            let next = 0;
            const started = process.hrtime.bigint();
            const worker = async () => {
                while (next < total) {
                    const i = next++;
                    const key = `${prefix}-${i}`;
                    const value = `v${i}`;
                    const submitted = await contract.submitAsync('put', { arguments: [key, value] });
                    const status = await submitted.getStatus();
                    console.log(`${status.successful ? 'VALID' : 'INVALID'} ${status.transactionId} ${key} ${value}`);
                }
            };
            await Promise.all(Array.from({ length: inFlight }, worker));
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            console.log(JSON.stringify({ seconds, total }));
            break;
        }
        default:
            throw new Error(`unknown command ${command}`);
        }
    } finally {
        gateway.close();
        client.close();
    }
}

const [configPath, command, ...args] = process.argv.slice(2);
run(JSON.parse(fs.readFileSync(configPath, 'utf8')), command, args).catch((err) => {
    console.error(describeError(err));
    process.exit(1);
});
