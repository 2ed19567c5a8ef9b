using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// What one simulation produced: the chaincode's response, its read-write set (with collection hashes),
/// its event, and the private write set that only member peers may receive (null when none).
/// </summary>
internal sealed record ExecutionResult(Response Response, TxReadWriteSet ReadWriteSet, ChaincodeEvent? Event, TxPvtReadWriteSet? PrivateWrites = null);
