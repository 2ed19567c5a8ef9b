'use strict';
// Gateway error cases driven by the official Node Fabric Gateway client, to compare with what real Fabric
// gave the same client (../shared/fabric-reference/errors.json).
// Usage: node devnet/gateway-errors.js <calls.json>
//   calls.json: [{ id, url, tlsCaPath?, hostOverride?, mspId, certPath, keyPath, channel, chaincode, op, fn?, args?, txId?, deadlineMs? }]
//   op: evaluate | submit | commit-status | commit-status-undecodable | mvcc-status | mvcc-submit
// Prints one JSON line per call: { id, outcomes: [ { result: "ok" } | { errorClass, ..., cause } | { statuses } ] }.
const fs = require('fs');
const crypto = require('crypto');
const grpc = require('@grpc/grpc-js');
const { connect, hash, signers } = require('@hyperledger/fabric-gateway');
const { gateway: gatewayProtos, msp } = require('@hyperledger/fabric-protos');

// Prints "submitted <n>" each time a Submit call returns OK, so that a test can hold the peers' commits until
// every transaction of a case is with the orderer.
let submitted = 0;
function submitCounter(options, nextCall) {
    return new grpc.InterceptingCall(nextCall(options), {
        start(metadata, listener, next) {
            next(metadata, {
                onReceiveStatus(status, nextStatus) {
                    if (options.method_definition.path === '/gateway.Gateway/Submit' && status.code === grpc.status.OK) {
                        console.log(`submitted ${++submitted}`);
                    }
                    nextStatus(status);
                },
            });
        },
    });
}

function gatewayFor(call) {
    const credentials = call.tlsCaPath
        ? grpc.credentials.createSsl(fs.readFileSync(call.tlsCaPath))
        : grpc.credentials.createInsecure();
    const options = call.hostOverride ? { 'grpc.ssl_target_name_override': call.hostOverride } : {};
    options.interceptors = [submitCounter];
    const client = new grpc.Client(call.url.replace(/^grpcs?:\/\//, ''), credentials, options);
    const credentialsPem = fs.readFileSync(call.certPath);
    const key = crypto.createPrivateKey(fs.readFileSync(call.keyPath));
    const signer = signers.newPrivateKeySigner(key);
    const gateway = connect({
        client,
        identity: { mspId: call.mspId, credentials: credentialsPem },
        signer,
        hash: hash.sha256,
        evaluateOptions: () => ({ deadline: Date.now() + 60000 }),
        endorseOptions: () => ({ deadline: Date.now() + 60000 }),
        submitOptions: () => ({ deadline: Date.now() + 60000 }),
        commitStatusOptions: () => ({ deadline: Date.now() + 60000 }),
    });
    return { client, gateway, signer, credentialsPem };
}

// The fields errors.json records for an error, as the Node client exposes them.
function describeError(err) {
    return {
        errorClass: err.constructor.name,
        name: err.name,
        grpcCode: typeof err.code === 'number' && err.constructor.name !== 'CommitError' ? err.code : null,
        commitStatusCode: err.constructor.name === 'CommitError' ? err.code : null,
        message: err.message,
        details: (err.details || []).map((d) => ({ address: d.address, mspId: d.mspId, message: d.message })),
        transactionId: err.transactionId === undefined ? null : err.transactionId,
        cause: err.cause ? { code: err.cause.code, details: err.cause.details } : null,
    };
}

async function outcome(action) {
    try {
        await action();
        return { result: 'ok' };
    } catch (err) {
        return describeError(err);
    }
}

function commitStatusRequestBytes(call, credentialsPem) {
    const identity = new msp.SerializedIdentity();
    identity.setMspid(call.mspId);
    identity.setIdBytes(credentialsPem);
    const request = new gatewayProtos.CommitStatusRequest();
    request.setTransactionId(call.txId);
    request.setChannelId(call.channel);
    request.setIdentity(identity.serializeBinary());
    return request.serializeBinary();
}

async function runCall(call) {
    const { client, gateway, signer, credentialsPem } = gatewayFor(call);
    const contract = gateway.getNetwork(call.channel).getContract(call.chaincode);
    const args = call.args || [];
    try {
        switch (call.op) {
        case 'evaluate':
            return [await outcome(() => contract.evaluateTransaction(call.fn, ...args))];
        case 'submit':
            return [await outcome(() => contract.submitTransaction(call.fn, ...args))];
        case 'commit-status': {
            const signed = new gatewayProtos.SignedCommitStatusRequest();
            signed.setRequest(commitStatusRequestBytes(call, credentialsPem));
            const commit = gateway.newCommit(signed.serializeBinary());
            return [await outcome(() => commit.getStatus({ deadline: Date.now() + call.deadlineMs }))];
        }
        case 'commit-status-undecodable': {
            // The capture's mistake, repeated: a bare CommitStatusRequest where a SignedCommitStatusRequest belongs.
            const bytes = commitStatusRequestBytes(call, credentialsPem);
            const signature = await signer(crypto.createHash('sha256').update(bytes).digest());
            return [await outcome(() => gateway.newSignedCommit(bytes, signature).getStatus({ deadline: Date.now() + call.deadlineMs }))];
        }
        case 'mvcc-status': {
            // Both endorsed against the same committed state before either is submitted.
            const first = await contract.newProposal(call.fn, { arguments: args }).endorse();
            const second = await contract.newProposal(call.fn, { arguments: args }).endorse();
            const submitted = await Promise.all([first.submit(), second.submit()]);
            const statuses = await Promise.all(submitted.map((s) => s.getStatus()));
            return [{
                statuses: statuses.map((s) => ({ code: s.code, successful: s.successful, blockNumber: String(s.blockNumber), transactionId: s.transactionId })),
            }];
        }
        case 'mvcc-submit': {
            const calls = [0, 1].map(() => outcome(() => contract.submitTransaction(call.fn, ...args)));
            return await Promise.all(calls);
        }
        default:
            throw new Error(`unknown op ${call.op}`);
        }
    } finally {
        gateway.close();
        client.close();
    }
}

async function main(path) {
    const calls = JSON.parse(fs.readFileSync(path, 'utf8'));
    for (const call of calls) {
        const outcomes = await runCall(call);
        console.log(JSON.stringify({ id: call.id, outcomes }));
    }
}

main(process.argv[2]).catch((err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
});
