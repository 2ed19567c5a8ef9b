'use strict';
// Shared by the echo interop scripts: loads echo.proto, parses --flags, and encodes or decodes
// google.rpc.Status by hand (three fields), so the scripts need nothing beyond grpc-js and proto-loader.
const path = require('path');
const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

function loadEcho() {
  const definition = protoLoader.loadSync(path.join(__dirname, 'echo.proto'), {
    keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).fabric.interop;
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const key = argv[i].slice(2);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) { args[key] = true; } else { args[key] = next; i++; }
    }
  }
  return args;
}

function readFile(file) { return file ? fs.readFileSync(file) : null; }

function varint(value) {
  const bytes = [];
  let v = value >>> 0;
  while (v > 0x7f) { bytes.push((v & 0x7f) | 0x80); v >>>= 7; }
  bytes.push(v);
  return Buffer.from(bytes);
}

function field(number, wireType, payload) {
  const tag = varint((number << 3) | wireType);
  if (wireType === 0) { return Buffer.concat([tag, varint(payload)]); }
  return Buffer.concat([tag, varint(payload.length), payload]);
}

// google.rpc.Status { code = 1; message = 2; details = 3 (Any { type_url = 1; value = 2 }) }
function encodeStatus(code, message, echoMessage) {
  const echo = field(1, 2, Buffer.from(echoMessage, 'utf8'));
  const any = Buffer.concat([
    field(1, 2, Buffer.from('type.googleapis.com/fabric.interop.EchoResponse', 'utf8')),
    field(2, 2, echo),
  ]);
  return Buffer.concat([field(1, 0, code), field(2, 2, Buffer.from(message, 'utf8')), field(3, 2, any)]);
}

function decodeStatus(buffer) {
  const result = { code: 0, message: '', details: 0 };
  let i = 0;
  const readVarint = () => {
    let shift = 0; let value = 0;
    for (;;) { const b = buffer[i++]; value |= (b & 0x7f) << shift; if (b < 0x80) { return value >>> 0; } shift += 7; }
  };
  while (i < buffer.length) {
    const tag = readVarint();
    const number = tag >>> 3;
    if ((tag & 7) === 0) { const v = readVarint(); if (number === 1) { result.code = v; } continue; }
    const length = readVarint();
    const bytes = buffer.subarray(i, i + length);
    i += length;
    if (number === 2) { result.message = bytes.toString('utf8'); }
    if (number === 3) { result.details++; }
  }
  return result;
}

module.exports = { grpc, loadEcho, parseArgs, readFile, encodeStatus, decodeStatus };
