'use strict';
// Benchmark load for the dev network, driven by the official @hyperledger/fabric-gateway client.
//   node bench-load.js <config.json> <warmupSeconds> <seconds> <inFlight> <prefix>
// <inFlight> workers submit `put` transactions and wait for each commit status, without pause, for
// the warm-up and then the measurement window. Only commits that complete inside the window are
// counted, so neither start-up nor the drain at the end (whose last block waits for the batch
// timeout) is part of the rate. The process's CPU time (process.cpuUsage) is taken over the same
// window. Prints one JSON line: {"committed", "invalid", "seconds", "cpuMicros"}.
const fs = require('fs');
const crypto = require('crypto');
const grpc = require('@grpc/grpc-js');
const { connect, signers } = require('@hyperledger/fabric-gateway');

async function main() {
    const [configPath, warmupArg, secondsArg, inFlightArg, prefix] = process.argv.slice(2);
    const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
    const warmupMs = parseFloat(warmupArg) * 1000;
    const windowMs = parseFloat(secondsArg) * 1000;
    const inFlight = parseInt(inFlightArg, 10);
    const client = new grpc.Client(
        config.url.replace(/^grpcs?:\/\//, ''),
        grpc.credentials.createSsl(fs.readFileSync(config.tlsCaPath)),
        { 'grpc.ssl_target_name_override': config.hostOverride },
    );
    const gateway = connect({
        client,
        identity: { mspId: config.mspId, credentials: fs.readFileSync(config.certPath) },
        signer: signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(config.keyPath))),
        endorseOptions: () => ({ deadline: Date.now() + 30000 }),
        submitOptions: () => ({ deadline: Date.now() + 30000 }),
        commitStatusOptions: () => ({ deadline: Date.now() + 60000 }),
    });
    const contract = gateway.getNetwork(config.channel).getContract(config.chaincode);
    const now = () => Number(process.hrtime.bigint()) / 1e6;
    const windowStart = now() + warmupMs;
    const windowEnd = windowStart + windowMs;
    let committed = 0;
    let invalid = 0;
    let cpuStart;
    let cpuMicros = NaN;
    const startTimer = setTimeout(() => { cpuStart = process.cpuUsage(); }, warmupMs);
    const endTimer = setTimeout(() => {
        const used = process.cpuUsage(cpuStart);
        cpuMicros = used.user + used.system;
    }, warmupMs + windowMs);
    const worker = async (w) => {
        for (let i = 0; now() < windowEnd; i++) {
            const submitted = await contract.submitAsync('put', { arguments: [`${prefix}-${w}-${i}`, 'v'] });
            const status = await submitted.getStatus();
            const at = now();
            if (at >= windowStart && at <= windowEnd) {
                committed++;
                if (!status.successful) {
                    invalid++;
                }
            }
        }
    };
    try {
        await Promise.all(Array.from({ length: inFlight }, (_, w) => worker(w)));
    } finally {
        clearTimeout(startTimer);
        clearTimeout(endTimer);
        gateway.close();
        client.close();
    }
    console.log(JSON.stringify({ committed, invalid, seconds: windowMs / 1000, cpuMicros }));
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
