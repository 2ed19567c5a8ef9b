'use strict';
// Independent checks of Hyperledger.Fabric.Identity output with the official Fabric Node packages.
// Reads one JSON request from stdin and writes one JSON answer to stdout.
//
//   {"mode":"sign","keyPath":"...","certPath":"...","mspId":"...","messageHex":"...","hash":"sha256"}
//     Fabric's MSPs hash with their configured family whatever the curve: SHA-256 (SHA2, the
//     default) for P-256 and P-384 keys alike. "hash" may name another of fabric-gateway's hashes
//     to show what a peer refuses.
//     loads OUR generated private key with Node's crypto and signs the message through
//     fabric-gateway's own SigningIdentity (hash, then signers.newPrivateKeySigner), the code path
//     the gateway client uses for proposals => {"signatureHex":"...","creatorHex":"..."}
//
//   {"mode":"verify","certPem":"...","messageHex":"...","signatureHex":"...","serializedIdentityHex":"..."}
//     checks OUR signature with Node's crypto.verify (DER, SHA-256 for every curve) and with
//     @noble/curves (the library fabric-gateway signs with) in lowS mode, parses OUR
//     msp.SerializedIdentity with @hyperledger/fabric-protos and builds a fabric-gateway identity.

const crypto = require('node:crypto');
const fs = require('node:fs');
const { signers, hash } = require('@hyperledger/fabric-gateway');
const { SigningIdentity } = require('@hyperledger/fabric-gateway/dist/signingidentity');
const { msp } = require('@hyperledger/fabric-protos');
const { p256, p384 } = require('@noble/curves/nist.js');

const ORDERS = {
  'P-256': BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551'),
  'P-384': BigInt('0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973'),
};

function readDerInteger(buf, offset) {
  if (buf[offset] !== 0x02) throw new Error('expected INTEGER');
  const len = buf[offset + 1];
  const value = buf.subarray(offset + 2, offset + 2 + len);
  return { value: BigInt('0x' + (value.length ? value.toString('hex') : '0')), next: offset + 2 + len };
}

function sFromDer(der) {
  if (der[0] !== 0x30) throw new Error('signature is not a DER SEQUENCE');
  let offset = 2;
  if (der[1] & 0x80) offset = 2 + (der[1] & 0x7f);
  const r = readDerInteger(der, offset);
  return readDerInteger(der, r.next).value;
}

async function sign(request) {
  const key = crypto.createPrivateKey(fs.readFileSync(request.keyPath, 'utf8'));
  const signingIdentity = new SigningIdentity({
    identity: { mspId: request.mspId, credentials: fs.readFileSync(request.certPath) },
    signer: signers.newPrivateKeySigner(key),
    hash: hash[request.hash || 'sha256'],
  });
  const digest = signingIdentity.hash(Buffer.from(request.messageHex, 'hex'));
  const signature = await signingIdentity.sign(digest);
  return {
    signatureHex: Buffer.from(signature).toString('hex'),
    creatorHex: Buffer.from(signingIdentity.getCreator()).toString('hex'),
    curve: key.asymmetricKeyDetails.namedCurve,
  };
}

function verify(request) {
  const cert = new crypto.X509Certificate(request.certPem);
  const publicKey = cert.publicKey;
  const jwk = publicKey.export({ format: 'jwk' });
  const curveName = jwk.crv;
  // The MSP rule: SHA-256 whatever the curve (a P-384 key signs a SHA-256 digest too).
  const hashName = 'sha256';
  const message = Buffer.from(request.messageHex, 'hex');
  const signature = Buffer.from(request.signatureHex, 'hex');

  const nodeCryptoVerify = crypto.verify(hashName, message, { key: publicKey, dsaEncoding: 'der' }, signature);
  const s = sFromDer(signature);
  const isLowS = s <= ORDERS[curveName] / 2n;

  const curve = curveName === 'P-384' ? p384 : p256;
  const digest = crypto.createHash(hashName).update(message).digest();
  const rawPublicKey = publicKey.export({ format: 'der', type: 'spki' }).subarray(-(curveName === 'P-384' ? 97 : 65));
  let nobleLowSVerify;
  try {
    nobleLowSVerify = curve.verify(signature, digest, rawPublicKey, { format: 'der', lowS: true, prehash: false });
  } catch {
    nobleLowSVerify = false;
  }

  const answer = { curve: curveName, nodeCryptoVerify, nobleLowSVerify, isLowS };
  if (request.serializedIdentityHex) {
    const identity = msp.SerializedIdentity.deserializeBinary(Buffer.from(request.serializedIdentityHex, 'hex'));
    const credentials = Buffer.from(identity.getIdBytes_asU8());
    // A fabric-gateway Identity is { mspId, credentials }; credentials must be the PEM certificate.
    const gatewayIdentity = { mspId: identity.getMspid(), credentials };
    const parsed = new crypto.X509Certificate(gatewayIdentity.credentials);
    answer.mspId = gatewayIdentity.mspId;
    answer.credentialsAreCertificate = parsed.fingerprint256 === cert.fingerprint256;
    answer.subject = parsed.subject;
  }

  return answer;
}

async function main() {
  const input = fs.readFileSync(0, 'utf8');
  const request = JSON.parse(input);
  const answer = request.mode === 'sign' ? await sign(request) : verify(request);
  process.stdout.write(JSON.stringify(answer) + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
