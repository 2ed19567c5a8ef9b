using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Rwset;

namespace Fabric.DevNetwork.Deliver.Internal;

/// <summary>
/// The seam DeliverWithPrivateData reads private data through: <see cref="EligiblePrivateData"/> reads the
/// peer's private store and keeps only the collections the requester may read, as Fabric's collection
/// eligibility check does. <see cref="NoPrivateData"/> gives an empty map, which is what Fabric returns
/// for a block without private writes.
/// </summary>
internal interface IBlockPrivateDataSource
{
    /// <summary>The private read-write sets of block <paramref name="blockNumber"/>, keyed by transaction index.</summary>
    /// <param name="blockNumber">A committed block of this peer.</param>
    /// <param name="requester">The serialized identity that signed the deliver request.</param>
    IReadOnlyDictionary<ulong, TxPvtReadWriteSet> GetPrivateData(ulong blockNumber, ByteString requester);
}

/// <summary>A peer without a private store: every block's map is empty.</summary>
internal sealed class NoPrivateData : IBlockPrivateDataSource
{
    public static NoPrivateData Instance { get; } = new();

    private static readonly Dictionary<ulong, TxPvtReadWriteSet> Empty = [];

    public IReadOnlyDictionary<ulong, TxPvtReadWriteSet> GetPrivateData(ulong blockNumber, ByteString requester) => Empty;
}
