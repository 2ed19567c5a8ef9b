using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Fabric.DevNetwork.Ledger;

/// <summary>One transaction of a committed block, decoded for event streaming.</summary>
/// <param name="TxId">The channel header's tx id (empty for the config transaction of block 0).</param>
/// <param name="Index">Its index within the block.</param>
/// <param name="Code">Its validation code from the block's TRANSACTIONS_FILTER.</param>
/// <param name="Type">The channel header type (ENDORSER_TRANSACTION or CONFIG).</param>
/// <param name="Timestamp">The channel header's timestamp, when the header could be read.</param>
/// <param name="ChaincodeName">The invoked chaincode, for endorser transactions that could be read.</param>
/// <param name="Event">The chaincode event of a VALID transaction that set one; otherwise null.</param>
public sealed record CommittedTransaction(
    string TxId,
    int Index,
    TxValidationCode Code,
    HeaderType Type,
    Timestamp? Timestamp,
    string? ChaincodeName,
    ChaincodeEvent? Event);
