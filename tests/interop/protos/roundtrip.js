'use strict';
// Byte-compatibility check between our C# Fabric messages and the official
// @hyperledger/fabric-protos (google-protobuf) classes.
//
//   node protos/roundtrip.js samples   -> one "name base64" line per fixed, fully populated message
//   node protos/roundtrip.js decode    -> reads "name base64" lines on stdin, decodes each with the
//                                         official class and prints "name json" (toObject, bytes as base64)
//
// The messages are built in fixtures.js; the C# tests build the same values independently.

const { common, peer, gateway, ledger, google } = require('@hyperledger/fabric-protos');
const { Any } = require('google-protobuf/google/protobuf/any_pb');
const {
    utf8, CHANNEL, CHAINCODE, TX_ID, creator, envelope, signedProposal, response, chaincodeEvent, proposalResponse,
    getStateByRange, queryResponse, transactionMessage, completedMessage, putStateMetadata, block, seekSpecified,
} = require('./fixtures');

const samples = {
    Envelope: () => envelope(),
    SignedProposal: () => signedProposal(),
    ProposalResponse: () => proposalResponse(),
    'ChaincodeMessage.GetStateByRange': () => getStateByRange(),
    'ChaincodeMessage.QueryResponse': () => queryResponse(),
    'ChaincodeMessage.Transaction': () => transactionMessage(),
    'ChaincodeMessage.Completed': () => completedMessage(),
    'ChaincodeMessage.PutStateMetadata': () => putStateMetadata(),
    Block: () => block(),
    EndorseRequest: () => {
        const r = new gateway.EndorseRequest();
        r.setTransactionId(TX_ID);
        r.setChannelId(CHANNEL);
        r.setProposedTransaction(signedProposal());
        r.setEndorsingOrganizationsList(['Org1MSP', 'Org2MSP']);
        return r;
    },
    EndorseResponse: () => {
        const r = new gateway.EndorseResponse();
        r.setPreparedTransaction(envelope());
        return r;
    },
    SubmitRequest: () => {
        const r = new gateway.SubmitRequest();
        r.setTransactionId(TX_ID);
        r.setChannelId(CHANNEL);
        r.setPreparedTransaction(envelope());
        return r;
    },
    SubmitResponse: () => new gateway.SubmitResponse(),
    SignedCommitStatusRequest: () => {
        const req = new gateway.CommitStatusRequest();
        req.setTransactionId(TX_ID);
        req.setChannelId(CHANNEL);
        req.setIdentity(creator());
        const r = new gateway.SignedCommitStatusRequest();
        r.setRequest(req.serializeBinary());
        r.setSignature(utf8('status-signature'));
        return r;
    },
    CommitStatusResponse: () => {
        const r = new gateway.CommitStatusResponse();
        r.setResult(peer.TxValidationCode.MVCC_READ_CONFLICT);
        r.setBlockNumber(42);
        return r;
    },
    EvaluateRequest: () => {
        const r = new gateway.EvaluateRequest();
        r.setTransactionId(TX_ID);
        r.setChannelId(CHANNEL);
        r.setProposedTransaction(signedProposal());
        r.setTargetOrganizationsList(['Org2MSP']);
        return r;
    },
    EvaluateResponse: () => {
        const r = new gateway.EvaluateResponse();
        r.setResult(response(200, 'OK', 'query-result'));
        return r;
    },
    SignedChaincodeEventsRequest: () => {
        const req = new gateway.ChaincodeEventsRequest();
        req.setChannelId(CHANNEL);
        req.setChaincodeId(CHAINCODE);
        req.setIdentity(creator());
        req.setStartPosition(seekSpecified(10));
        req.setAfterTransactionId('tx-0000');
        const r = new gateway.SignedChaincodeEventsRequest();
        r.setRequest(req.serializeBinary());
        r.setSignature(utf8('events-signature'));
        return r;
    },
    ChaincodeEventsResponse: () => {
        const r = new gateway.ChaincodeEventsResponse();
        r.setEventsList([chaincodeEvent()]);
        r.setBlockNumber(42);
        return r;
    },
    'Status.ErrorDetail': () => {
        const details = [['peer0.org1.example.com:7051', 'Org1MSP', 'chaincode response 500'],
            ['peer0.org2.example.com:9051', 'Org2MSP', 'timeout']].map(([address, mspId, message]) => {
            const d = new gateway.ErrorDetail();
            d.setAddress(address);
            d.setMspId(mspId);
            d.setMessage(message);
            const any = new Any();
            any.pack(d.serializeBinary(), 'gateway.ErrorDetail');
            return any;
        });
        const s = new google.rpc.Status();
        s.setCode(10);
        s.setMessage('failed to endorse transaction');
        s.setDetailsList(details);
        return s;
    },
};

const classes = {
    Envelope: common.Envelope,
    SignedProposal: peer.SignedProposal,
    ProposalResponse: peer.ProposalResponse,
    Block: common.Block,
    EndorseRequest: gateway.EndorseRequest,
    EndorseResponse: gateway.EndorseResponse,
    SubmitRequest: gateway.SubmitRequest,
    SubmitResponse: gateway.SubmitResponse,
    SignedCommitStatusRequest: gateway.SignedCommitStatusRequest,
    CommitStatusResponse: gateway.CommitStatusResponse,
    EvaluateRequest: gateway.EvaluateRequest,
    EvaluateResponse: gateway.EvaluateResponse,
    SignedChaincodeEventsRequest: gateway.SignedChaincodeEventsRequest,
    ChaincodeEventsResponse: gateway.ChaincodeEventsResponse,
    // Inner messages, so C# can have the official classes read what it put inside bytes fields.
    ChannelHeader: common.ChannelHeader,
    SignatureHeader: common.SignatureHeader,
    Payload: common.Payload,
    Proposal: peer.Proposal,
    ChaincodeProposalPayload: peer.ChaincodeProposalPayload,
    ChaincodeInvocationSpec: peer.ChaincodeInvocationSpec,
    ProposalResponsePayload: peer.ProposalResponsePayload,
    ChaincodeAction: peer.ChaincodeAction,
    TxReadWriteSet: ledger.rwset.TxReadWriteSet,
    KVRWSet: ledger.rwset.kvrwset.KVRWSet,
    GetStateByRange: peer.GetStateByRange,
    QueryResponse: peer.QueryResponse,
    CommitStatusRequest: gateway.CommitStatusRequest,
    ChaincodeEventsRequest: gateway.ChaincodeEventsRequest,
    ErrorDetail: gateway.ErrorDetail,
    Status: google.rpc.Status,
};

function classFor(name) {
    if (name.startsWith('ChaincodeMessage')) return peer.ChaincodeMessage;
    if (name.startsWith('Status')) return google.rpc.Status;
    const c = classes[name];
    if (!c) throw new Error(`unknown message name ${name}`);
    return c;
}

// toObject renders bytes as base64 already; sort keys so both sides compare a canonical string.
function canonical(value) {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
    }
    return value;
}

function main() {
    const command = process.argv[2];
    if (command === 'samples') {
        for (const [name, build] of Object.entries(samples)) {
            process.stdout.write(`${name} ${Buffer.from(build().serializeBinary()).toString('base64')}\n`);
        }
        return;
    }
    if (command === 'decode') {
        const input = require('fs').readFileSync(0, 'utf8');
        for (const line of input.split('\n').filter((l) => l.trim().length > 0)) {
            const [name, b64 = ''] = line.trim().split(' ');
            const message = classFor(name).deserializeBinary(Buffer.from(b64, 'base64'));
            process.stdout.write(`${name} ${JSON.stringify(canonical(message.toObject()))}\n`);
        }
        return;
    }
    throw new Error('usage: roundtrip.js samples | decode < lines');
}

main();
