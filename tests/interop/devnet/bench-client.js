'use strict';
// The official @hyperledger/fabric-gateway client's side of the gateway-client benchmark
// (tests/Benchmarks/Suites/GatewayClientSuite.cs); the same load as its C# side (GatewayClientLoad.cs).
//   node bench-client.js <config.json> <warmupSeconds> <seconds> <inFlight>
// 1. <inFlight> workers call submitAsync then getStatus without pause; commits completing inside the
//    window count, and the process's CPU time (process.cpuUsage) is taken over the same window.
// 2. Sequential evaluates for the warm-up and the window; latencies inside the window count.
// Prints one JSON line: {committed, invalid, seconds, cpuMicros, evaluates, evaluateP50Ms, evaluateP99Ms}.
const fs = require('fs');
const crypto = require('crypto');
const grpc = require('@grpc/grpc-js');
const { connect, signers } = require('@hyperledger/fabric-gateway');

const now = () => Number(process.hrtime.bigint()) / 1e6;
const percentile = (sorted, p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);

async function submitLoad(contract, warmupMs, windowMs, inFlight) {
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
            const submitted = await contract.submitAsync('put', { arguments: [`node-${w}-${i}`, 'v'] });
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
    await Promise.all(Array.from({ length: inFlight }, (_, w) => worker(w)));
    clearTimeout(startTimer);
    clearTimeout(endTimer);
    return { committed, invalid, cpuMicros };
}

async function evaluateLatencies(contract, warmupMs, windowMs) {
    const latencies = [];
    const start = now();
    while (now() - start < warmupMs + windowMs) {
        const one = now();
        await contract.evaluateTransaction('get', 'node-0-0');
        if (now() - start > warmupMs) {
            latencies.push(now() - one);
        }
    }
    return latencies.sort((a, b) => a - b);
}

async function main() {
    const [configPath, warmupArg, secondsArg, inFlightArg] = process.argv.slice(2);
    const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
    const warmupMs = parseFloat(warmupArg) * 1000;
    const windowMs = parseFloat(secondsArg) * 1000;
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
    try {
        const contract = gateway.getNetwork(config.channel).getContract(config.chaincode);
        const load = await submitLoad(contract, warmupMs, windowMs, parseInt(inFlightArg, 10));
        const latencies = await evaluateLatencies(contract, warmupMs, windowMs);
        console.log(JSON.stringify({
            ...load,
            seconds: windowMs / 1000,
            evaluates: latencies.length,
            evaluateP50Ms: percentile(latencies, 0.5),
            evaluateP99Ms: percentile(latencies, 0.99),
        }));
    } finally {
        gateway.close();
        client.close();
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
