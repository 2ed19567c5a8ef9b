using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>What one simulation produced: the chaincode's response, its read-write set and its event.</summary>
internal sealed record ExecutionResult(Response Response, TxReadWriteSet ReadWriteSet, ChaincodeEvent? Event);
