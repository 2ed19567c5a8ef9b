using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// The peer's COMMIT_HASH, chained through its blocks as Fabric's kvledger chains it: SHA-256 of the
/// length-prefixed TRANSACTIONS_FILTER, the block's state updates and the previous commit hash. Two
/// peers that committed the same blocks with the same outcome hold the same hash; the orderer's copy
/// has none. The update bytes are the dev network's own encoding, so the value differs from Fabric's
/// LevelDB batch bytes; the shape (Metadata with a 32-byte value, none on block 0) is Fabric's.
/// </summary>
internal sealed partial class ChannelLedger
{
    private static readonly Dictionary<string, ByteString> EmptyMetadata = [];

    private byte[] _commitHash = [];

    /// <summary>Computes the block's commit hash from the previous one; returns it as the COMMIT_HASH metadata and as bytes.</summary>
    private static (ByteString Metadata, byte[] Hash) NextCommitHash(ReadOnlySpan<byte> filter, IReadOnlyList<KeyUpdate> updates, byte[] previous)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendLength(hash, filter.Length);
        hash.AppendData(filter);
        foreach (var update in updates)
        {
            AppendField(hash, Encoding.UTF8.GetBytes(update.Namespace));
            AppendField(hash, Encoding.UTF8.GetBytes(update.Key));
            hash.AppendData([(byte)((update.HasValueWrite ? 1 : 0) | (update.IsDelete ? 2 : 0) | (update.Metadata is null ? 0 : 4))]);
            AppendField(hash, update.Value.Span);
            foreach (var entry in (update.Metadata ?? EmptyMetadata).OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                AppendField(hash, Encoding.UTF8.GetBytes(entry.Key));
                AppendField(hash, entry.Value.Span);
            }
        }

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

    private static void AppendField(IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        AppendLength(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void AppendLength(IncrementalHash hash, int length)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, length);
        hash.AppendData(prefix);
    }
}
