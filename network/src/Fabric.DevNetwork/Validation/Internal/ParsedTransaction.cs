using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>One block entry decoded down to its read-write set, or the code saying why it could not be.</summary>
internal sealed class ParsedTransaction
{
    /// <summary>VALID when the structure decoded; otherwise the structural failure.</summary>
    public TxValidationCode Code { get; set; } = TxValidationCode.Valid;

    public Envelope? Envelope { get; set; }

    public Payload? Payload { get; set; }

    public ChannelHeader? ChannelHeader { get; set; }

    public SignatureHeader? SignatureHeader { get; set; }

    public string TxId => ChannelHeader?.TxId ?? string.Empty;

    public HeaderType Type => ChannelHeader is null ? HeaderType.Message : (HeaderType)ChannelHeader.Type;

    /// <summary>The endorsed action (endorser transactions only).</summary>
    public ChaincodeEndorsedAction? EndorsedAction { get; set; }

    public ChaincodeAction? ChaincodeAction { get; set; }

    public string? ChaincodeName => ChaincodeAction?.ChaincodeId?.Name;

    /// <summary>The read-write set per namespace, in rwset order.</summary>
    public IReadOnlyList<(string Namespace, KVRWSet RwSet)> RwSets { get; set; } = [];

    public ChaincodeEvent? Event { get; set; }

    /// <summary>The collections' hashed read-write sets, as the block carries them.</summary>
    public IReadOnlyList<CollectionHashes> Collections { get; set; } = [];

    /// <summary>
    /// The same hashed sets in state form, one per collection under its hashed namespace (keys are hex key
    /// hashes, values are value hashes): MVCC and commit treat them like public read-write sets.
    /// </summary>
    public IReadOnlyList<(string Namespace, KVRWSet RwSet)> HashedRwSets { get; set; } = [];

    /// <summary>Public and hashed read-write sets together, public first.</summary>
    public IEnumerable<(string Namespace, KVRWSet RwSet)> StateRwSets => HashedRwSets.Count == 0 ? RwSets : RwSets.Concat(HashedRwSets);
}
