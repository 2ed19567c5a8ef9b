'use strict';
// Prints the schema of the official @hyperledger/fabric-protos generated classes as JSON, per file:
// { "common/common": { messages: { "pkg.Msg": [{ label, type, name, number }] }, enums: { "pkg.Enum": { NAME: n } } } }.
// google-protobuf's generated JS carries no descriptors, but each accessor is preceded by a doc
// comment such as "optional uint64 number = 1;", which is the declaration it was generated from.

const fs = require('fs');
const path = require('path');

const lib = path.dirname(require.resolve('@hyperledger/fabric-protos'));
const files = process.argv.slice(2);

const result = {};
for (const file of files) {
    const messages = {};
    const enums = {};
    result[file] = { messages, enums };
    const source = path.join(lib, `${file}_pb.js`);
    require(source);
    const text = fs.readFileSync(source, 'utf8');
    const symbols = [...text.matchAll(/goog\.exportSymbol\('proto\.([\w.]+)'/g)].map((m) => m[1]);
    for (const symbol of symbols) {
        const value = symbol.split('.').reduce((o, k) => o && o[k], globalThis.proto);
        if (typeof value === 'function') {
            messages[symbol] = [];
        } else if (value && typeof value === 'object' && !symbol.endsWith('Case')) {
            enums[symbol] = { ...value };
        }
    }
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const decl = lines[i].match(/^ \* (optional|repeated|map<[^>]+>) ?([\w.]*) (\w+) = (\d+);$/);
        if (!decl) continue;
        for (let j = i + 1; j < i + 6 && j < lines.length; j++) {
            const getter = lines[j].match(/^proto\.([\w.]+)\.prototype\.get\w+ = function/);
            if (getter) {
                const [, label, type, name, number] = decl;
                const list = messages[getter[1]];
                if (list && !list.some((f) => f.number === Number(number))) {
                    list.push({
                        label: label.startsWith('map') ? 'map' : label,
                        type: label.startsWith('map') ? label : type,
                        name,
                        number: Number(number),
                    });
                }
                break;
            }
        }
    }
}
process.stdout.write(JSON.stringify(result));
