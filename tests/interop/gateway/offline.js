'use strict';
// The official Node Fabric Gateway client on the other side of our offline-signing bytes, to show that
// the serialised proposal/transaction format and digests match the official clients'.
// Usage: node gateway/offline.js <config.json> <command> [args...]
//   config: { url, tlsCaPath, hostOverride, mspId, certPath, keyPath, channel, chaincode }
//   propose <fn> [args...]               -> {"bytes","digest","txId"} of an UNSIGNED proposal (no signer configured)
//   submit-signed <bytesB64> <sigB64>    -> endorses/submits our signed proposal: {"txId","result","code","blockNumber","transactionDigest"}
const fs = require('fs');
const crypto = require('crypto');
const grpc = require('@grpc/grpc-js');
const { connect, signers, hash } = require('@hyperledger/fabric-gateway');

const b64 = (bytes) => Buffer.from(bytes).toString('base64');

function open(config, withSigner) {
    const credentials = grpc.credentials.createSsl(fs.readFileSync(config.tlsCaPath));
    const client = new grpc.Client(config.url.replace(/^grpcs?:\/\//, ''), credentials, { 'grpc.ssl_target_name_override': config.hostOverride });
    const options = {
        client,
        identity: { mspId: config.mspId, credentials: fs.readFileSync(config.certPath) },
        hash: hash.sha256,
        endorseOptions: () => ({ deadline: Date.now() + 30000 }),
        submitOptions: () => ({ deadline: Date.now() + 30000 }),
        commitStatusOptions: () => ({ deadline: Date.now() + 60000 }),
    };
    if (withSigner) {
        options.signer = signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(config.keyPath)));
    }
    return { client, gateway: connect(options) };
}

async function main() {
    const [configPath, command, ...args] = process.argv.slice(2);
    const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
    const { client, gateway } = open(config, command !== 'propose');
    try {
        if (command === 'propose') {
            const proposal = gateway.getNetwork(config.channel).getContract(config.chaincode).newProposal(args[0], { arguments: args.slice(1) });
            console.log(JSON.stringify({ bytes: b64(proposal.getBytes()), digest: b64(proposal.getDigest()), txId: proposal.getTransactionId() }));
        } else if (command === 'submit-signed') {
            const proposal = gateway.newSignedProposal(Buffer.from(args[0], 'base64'), Buffer.from(args[1], 'base64'));
            const transaction = await proposal.endorse();
            const submitted = await transaction.submit();
            const status = await submitted.getStatus();
            console.log(JSON.stringify({
                txId: proposal.getTransactionId(),
                result: Buffer.from(transaction.getResult()).toString('utf8'),
                code: status.code,
                blockNumber: Number(status.blockNumber),
            }));
        } else {
            throw new Error(`unknown command ${command}`);
        }
    } finally {
        gateway.close();
        client.close();
    }
}

main().catch((err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
});
