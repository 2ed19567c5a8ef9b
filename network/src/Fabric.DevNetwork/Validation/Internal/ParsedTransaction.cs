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
}
