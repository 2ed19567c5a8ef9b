'use strict';
// Builders for the fixed, fully populated Fabric messages of roundtrip.js, made with the official
// @hyperledger/fabric-protos classes. The C# twins are in tests/Hyperledger.Fabric.Protos.Tests/Interop/Samples*.cs.

const { common, peer, msp, ledger, orderer } = require('@hyperledger/fabric-protos');
const { Timestamp } = require('google-protobuf/google/protobuf/timestamp_pb');

const utf8 = (s) => Buffer.from(s, 'utf8');
const CHANNEL = 'healthchannel';
const CHAINCODE = 'healthrecords';
const TX_ID = 'tx-0001';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n';
const NONCE = Buffer.from(Array.from({ length: 24 }, (_, i) => i));

function timestamp() {
    const t = new Timestamp();
    t.setSeconds(1700000000);
    t.setNanos(123000000);
    return t;
}

function creator() {
    const id = new msp.SerializedIdentity();
    id.setMspid('Org1MSP');
    id.setIdBytes(utf8(CERT));
    return id.serializeBinary();
}

function channelHeader(type) {
    const ch = new common.ChannelHeader();
    ch.setType(type);
    ch.setVersion(1);
    ch.setTimestamp(timestamp());
    ch.setChannelId(CHANNEL);
    ch.setTxId(TX_ID);
    ch.setEpoch(7);
    const ext = new peer.ChaincodeHeaderExtension();
    const ccid = new peer.ChaincodeID();
    ccid.setName(CHAINCODE);
    ext.setChaincodeId(ccid);
    ch.setExtension$(ext.serializeBinary());
    ch.setTlsCertHash(utf8('tls-hash'));
    return ch.serializeBinary();
}

function header() {
    const sh = new common.SignatureHeader();
    sh.setCreator(creator());
    sh.setNonce(NONCE);
    const h = new common.Header();
    h.setChannelHeader(channelHeader(common.HeaderType.ENDORSER_TRANSACTION));
    h.setSignatureHeader(sh.serializeBinary());
    return h;
}

function envelope() {
    const payload = new common.Payload();
    payload.setHeader(header());
    payload.setData(utf8('transaction-bytes'));
    const env = new common.Envelope();
    env.setPayload(payload.serializeBinary());
    env.setSignature(utf8('envelope-signature'));
    return env;
}

function signedProposal() {
    const input = new peer.ChaincodeInput();
    input.setArgsList([utf8('AddRecord'), utf8('{"patient":"p1"}')]);
    input.setIsInit(true);
    const ccid = new peer.ChaincodeID();
    ccid.setName(CHAINCODE);
    const spec = new peer.ChaincodeSpec();
    spec.setType(peer.ChaincodeSpec.Type.NODE);
    spec.setChaincodeId(ccid);
    spec.setInput(input);
    spec.setTimeout(30);
    const cis = new peer.ChaincodeInvocationSpec();
    cis.setChaincodeSpec(spec);
    const cpp = new peer.ChaincodeProposalPayload();
    cpp.setInput(cis.serializeBinary());
    cpp.getTransientmapMap().set('secret', utf8('transient-value'));
    const proposal = new peer.Proposal();
    proposal.setHeader(header().serializeBinary());
    proposal.setPayload(cpp.serializeBinary());
    const sp = new peer.SignedProposal();
    sp.setProposalBytes(proposal.serializeBinary());
    sp.setSignature(utf8('proposal-signature'));
    return sp;
}

function response(status, message, payload) {
    const r = new peer.Response();
    r.setStatus(status);
    r.setMessage(message);
    r.setPayload(utf8(payload));
    return r;
}

function chaincodeEvent() {
    const e = new peer.ChaincodeEvent();
    e.setChaincodeId(CHAINCODE);
    e.setTxId(TX_ID);
    e.setEventName('RecordAdded');
    e.setPayload(utf8('{"id":"r1"}'));
    return e;
}

function proposalResponse() {
    const version = new ledger.rwset.kvrwset.Version();
    version.setBlockNum(5);
    version.setTxNum(2);
    const read = new ledger.rwset.kvrwset.KVRead();
    read.setKey('patient~p1');
    read.setVersion(version);
    const write = new ledger.rwset.kvrwset.KVWrite();
    write.setKey('record~r1');
    write.setValue(utf8('{"hash":"abc"}'));
    const del = new ledger.rwset.kvrwset.KVWrite();
    del.setKey('old');
    del.setIsDelete(true);
    const entry = new ledger.rwset.kvrwset.KVMetadataEntry();
    entry.setName('VALIDATION_PARAMETER');
    entry.setValue(utf8('policy'));
    const mw = new ledger.rwset.kvrwset.KVMetadataWrite();
    mw.setKey('record~r1');
    mw.setEntriesList([entry]);
    const rq = new ledger.rwset.kvrwset.RangeQueryInfo();
    rq.setStartKey('a');
    rq.setEndKey('b');
    rq.setItrExhausted(true);
    const raw = new ledger.rwset.kvrwset.QueryReads();
    raw.setKvReadsList([read]);
    rq.setRawReads(raw);
    const kv = new ledger.rwset.kvrwset.KVRWSet();
    kv.setReadsList([read]);
    kv.setRangeQueriesInfoList([rq]);
    kv.setWritesList([write, del]);
    kv.setMetadataWritesList([mw]);
    const ns = new ledger.rwset.NsReadWriteSet();
    ns.setNamespace(CHAINCODE);
    ns.setRwset(kv.serializeBinary());
    const coll = new ledger.rwset.CollectionHashedReadWriteSet();
    coll.setCollectionName('privateNotes');
    coll.setHashedRwset(utf8('hashed'));
    coll.setPvtRwsetHash(utf8('pvt-hash'));
    ns.setCollectionHashedRwsetList([coll]);
    const txrw = new ledger.rwset.TxReadWriteSet();
    txrw.setDataModel(ledger.rwset.TxReadWriteSet.DataModel.KV);
    txrw.setNsRwsetList([ns]);
    const ccid = new peer.ChaincodeID();
    ccid.setName(CHAINCODE);
    ccid.setVersion('1.0');
    const action = new peer.ChaincodeAction();
    action.setResults(txrw.serializeBinary());
    action.setEvents(chaincodeEvent().serializeBinary());
    action.setResponse(response(200, 'OK', 'result'));
    action.setChaincodeId(ccid);
    const prp = new peer.ProposalResponsePayload();
    prp.setProposalHash(utf8('proposal-hash'));
    prp.setExtension$(action.serializeBinary());
    const endorsement = new peer.Endorsement();
    endorsement.setEndorser(creator());
    endorsement.setSignature(utf8('endorser-signature'));
    const call = new peer.ChaincodeCall();
    call.setName(CHAINCODE);
    call.setCollectionNamesList(['privateNotes']);
    call.setNoPrivateReads(true);
    const interest = new peer.ChaincodeInterest();
    interest.setChaincodesList([call]);
    const pr = new peer.ProposalResponse();
    pr.setVersion(1);
    pr.setTimestamp(timestamp());
    pr.setResponse(response(200, 'OK', 'result'));
    pr.setPayload(prp.serializeBinary());
    pr.setEndorsement(endorsement);
    pr.setInterest(interest);
    return pr;
}

function chaincodeMessage(type, payload) {
    const m = new peer.ChaincodeMessage();
    m.setType(type);
    m.setTimestamp(timestamp());
    m.setPayload(payload);
    m.setTxid(TX_ID);
    m.setChannelId(CHANNEL);
    return m;
}

function getStateByRange() {
    const qm = new peer.QueryMetadata();
    qm.setPagesize(10);
    qm.setBookmark('bm-1');
    const r = new peer.GetStateByRange();
    r.setStartkey('record~');
    r.setEndkey('record~\u{10FFFF}');
    r.setCollection('privateNotes');
    r.setMetadata(qm.serializeBinary());
    return chaincodeMessage(peer.ChaincodeMessage.Type.GET_STATE_BY_RANGE, r.serializeBinary());
}

function queryResponse() {
    const results = ['r1', 'r2'].map((k) => {
        const kv = new ledger.queryresult.KV();
        kv.setNamespace(CHAINCODE);
        kv.setKey(k);
        kv.setValue(utf8(`value-${k}`));
        const b = new peer.QueryResultBytes();
        b.setResultbytes(kv.serializeBinary());
        return b;
    });
    const meta = new peer.QueryResponseMetadata();
    meta.setFetchedRecordsCount(2);
    meta.setBookmark('bm-2');
    const q = new peer.QueryResponse();
    q.setResultsList(results);
    q.setHasMore(true);
    q.setId('iter-1');
    q.setMetadata(meta.serializeBinary());
    return chaincodeMessage(peer.ChaincodeMessage.Type.RESPONSE, q.serializeBinary());
}

function transactionMessage() {
    const input = new peer.ChaincodeInput();
    input.setArgsList([utf8('GetRecord'), utf8('r1')]);
    const m = chaincodeMessage(peer.ChaincodeMessage.Type.TRANSACTION, input.serializeBinary());
    m.setProposal(signedProposal());
    return m;
}

function completedMessage() {
    const m = chaincodeMessage(peer.ChaincodeMessage.Type.COMPLETED, response(200, '', 'done').serializeBinary());
    m.setChaincodeEvent(chaincodeEvent());
    return m;
}

function putStateMetadata() {
    const sm = new peer.StateMetadata();
    sm.setMetakey('VALIDATION_PARAMETER');
    sm.setValue(utf8('policy'));
    const p = new peer.PutStateMetadata();
    p.setKey('record~r1');
    p.setCollection('privateNotes');
    p.setMetadata(sm);
    return chaincodeMessage(peer.ChaincodeMessage.Type.PUT_STATE_METADATA, p.serializeBinary());
}

function block() {
    const h = new common.BlockHeader();
    h.setNumber(42);
    h.setPreviousHash(utf8('previous-hash'));
    h.setDataHash(utf8('data-hash'));
    const d = new common.BlockData();
    d.setDataList([envelope().serializeBinary(), utf8('second')]);
    const sig = new common.MetadataSignature();
    sig.setSignatureHeader(utf8('sig-header'));
    sig.setSignature(utf8('orderer-signature'));
    const lc = new common.LastConfig();
    lc.setIndex(3);
    const obm = new common.OrdererBlockMetadata();
    obm.setLastConfig(lc);
    const md = new common.Metadata();
    md.setValue(obm.serializeBinary());
    md.setSignaturesList([sig]);
    const meta = new common.BlockMetadata();
    meta.setMetadataList([md.serializeBinary(), new Uint8Array(0),
        Uint8Array.from([peer.TxValidationCode.VALID, peer.TxValidationCode.MVCC_READ_CONFLICT]), new Uint8Array(0), new Uint8Array(0)]);
    const b = new common.Block();
    b.setHeader(h);
    b.setData(d);
    b.setMetadata(meta);
    return b;
}

function seekSpecified(n) {
    const s = new orderer.SeekSpecified();
    s.setNumber(n);
    const p = new orderer.SeekPosition();
    p.setSpecified(s);
    return p;
}

module.exports = {
    utf8,
    CHANNEL,
    CHAINCODE,
    TX_ID,
    creator,
    envelope,
    signedProposal,
    response,
    chaincodeEvent,
    proposalResponse,
    getStateByRange,
    queryResponse,
    transactionMessage,
    completedMessage,
    putStateMetadata,
    block,
    seekSpecified,
};
