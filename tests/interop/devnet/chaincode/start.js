'use strict';
// Starts devnetcc.js the way a ccaas deployment does, with CHAINCODE_ID and CHAINCODE_SERVER_ADDRESS in
// the environment, taking them from the command line when the caller cannot set environment variables.
// Usage: node devnet/chaincode/start.js <package-id> <host:port>
if (process.argv[2]) {
    process.env.CHAINCODE_ID = process.argv[2];
}
if (process.argv[3]) {
    process.env.CHAINCODE_SERVER_ADDRESS = process.argv[3];
}
require('./devnetcc.js');
