using System.Security.Cryptography;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// The peer's COMMIT_HASH, chained through its blocks with Fabric kvledger's value: SHA-256 of the
/// varint-length-prefixed TRANSACTIONS_FILTER, the deterministic bytes of the block's public and hashed
/// updates (<see cref="CommitHashUpdateBytes"/>) and the previous commit hash. Two peers that committed
/// the same blocks with the same outcome hold the same hash, and it equals a Fabric peer's for the same
/// blocks; the orderer's copy has none.
/// </summary>
internal sealed partial class ChannelLedger
{
    private byte[] _commitHash = [];

    /// <summary>Computes the block's commit hash from the previous one; returns it as the COMMIT_HASH metadata and as bytes.</summary>
    /// <param name="filter">The block's TRANSACTIONS_FILTER.</param>
    /// <param name="updates">The valid transactions' updates, in block order.</param>
    /// <param name="previous">The previous block's commit hash (empty before the first).</param>
    /// <param name="committed">The world state before this block (metadata-only writes carry its value).</param>
    internal static (ByteString Metadata, byte[] Hash) NextCommitHash(ReadOnlySpan<byte> filter, IReadOnlyList<KeyUpdate> updates, byte[] previous, StateSnapshot committed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var prefix = new MemoryStream())
        {
            var output = new CodedOutputStream(prefix);
            output.WriteUInt64((ulong)filter.Length);
            output.Flush();
            hash.AppendData(prefix.ToArray());
        }

        hash.AppendData(filter);
        hash.AppendData(CommitHashUpdateBytes.Build(updates, (ns, key) => committed.GetState(ns, key)?.Value));
        hash.AppendData(previous);
        var next = hash.GetHashAndReset();
        return (new Metadata { Value = ByteString.CopyFrom(next) }.ToByteString(), next);
    }

    /// <summary>Takes a stored (or just written) block's COMMIT_HASH as the chain's latest.</summary>
    private void TakeCommitHash(Block block)
    {
        var slot = (int)BlockMetadataIndex.CommitHash;
        if (block.Metadata?.Metadata.Count > slot && !block.Metadata.Metadata[slot].IsEmpty)
        {
            _commitHash = Metadata.Parser.ParseFrom(block.Metadata.Metadata[slot]).Value.ToByteArray();
        }
    }
}
