using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// The deterministic bytes of a block's public and hashed state updates that Fabric's kvledger feeds into
/// COMMIT_HASH: a <c>privacyenabledstate.KVWritesBatchProto</c> whose <c>KVWriteProto</c> entries run by
/// namespace, then the public keys, then each collection's key hashes, every list sorted bytewise; only the
/// first entry of a namespace (or collection) names it. The channel-config namespace ("") is left out, as
/// Fabric leaves it out.
/// </summary>
internal static class CommitHashUpdateBytes
{
    private const string HashedMarker = "$$h";

    /// <summary>Encodes the block's final updates per key.</summary>
    /// <param name="updates">The valid transactions' updates, in block order (a later write to a key wins).</param>
    /// <param name="committedValue">
    /// The value a key holds before this block, for metadata-only writes: Fabric's batch carries the key's
    /// current value with the new version.
    /// </param>
    public static byte[] Build(IReadOnlyList<KeyUpdate> updates, Func<string, string, ByteString?> committedValue)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(committedValue);

        // namespace -> collection ("" = public) -> key bytes -> write
        var tree = new SortedDictionary<byte[], SortedDictionary<byte[], SortedDictionary<byte[], Write>>>(ByteOrder.Instance);
        foreach (var update in updates)
        {
            if (PrivateNamespaces.IsCollectionNamespace(update.Namespace) && !update.Namespace.Contains(HashedMarker, StringComparison.Ordinal))
            {
                continue; // private values never enter the commit hash, only their hashes
            }

            var (ns, collection, key) = Split(update);
            if (ns.Length == 0)
            {
                continue;
            }

            ByteString? value;
            if (update.HasValueWrite)
            {
                value = update.IsDelete ? null : update.Value;
            }
            else
            {
                // metadata only: the value written earlier in the block, or the committed one
                value = Find(tree, ns, collection, key) is { } earlier ? earlier.Value : committedValue(update.Namespace, update.Key);
                if (value is null)
                {
                    continue;
                }
            }

            Collections(tree, ns).TryAdd(collection, new SortedDictionary<byte[], Write>(ByteOrder.Instance));
            Collections(tree, ns)[collection][key] = new Write(value, update.Version);
        }

        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        foreach (var (ns, collections) in tree)
        {
            var namedNamespace = false;
            foreach (var (collection, keys) in collections)
            {
                var namedCollection = false;
                foreach (var (key, write) in keys)
                {
                    var entry = Entry(namedNamespace ? [] : ns, namedCollection ? [] : collection, key, write);
                    namedNamespace = namedCollection = true;
                    output.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    output.WriteBytes(ByteString.CopyFrom(entry));
                }
            }
        }

        output.Flush();
        return buffer.ToArray();
    }

    /// <summary>Fabric's <c>version.Height.ToBytes</c>: block and tx number, each order-preserving encoded.</summary>
    public static byte[] VersionBytes(StateVersion version) => [.. OrderPreserving(version.BlockNumber), .. OrderPreserving(version.TransactionNumber)];

    private static byte[] OrderPreserving(ulong number)
    {
        Span<byte> bigEndian = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian, number);
        var significant = bigEndian.TrimStart((byte)0);
        return [(byte)significant.Length, .. significant];
    }

    private static byte[] Entry(byte[] ns, byte[] collection, byte[] key, Write write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        WriteBytesField(output, 1, ns);
        WriteBytesField(output, 2, collection);
        WriteBytesField(output, 3, key);
        if (write.Value is null)
        {
            output.WriteTag(4, WireFormat.WireType.Varint);
            output.WriteBool(true);
        }
        else
        {
            WriteBytesField(output, 5, write.Value.ToByteArray());
        }

        WriteBytesField(output, 6, VersionBytes(write.Version));
        output.Flush();
        return buffer.ToArray();
    }

    // proto3 leaves empty strings and bytes off the wire
    private static void WriteBytesField(CodedOutputStream output, int field, byte[] bytes)
    {
        if (bytes.Length > 0)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(bytes));
        }
    }

    private static (byte[] Ns, byte[] Collection, byte[] Key) Split(KeyUpdate update)
    {
        var marker = update.Namespace.IndexOf(HashedMarker, StringComparison.Ordinal);
        return marker < 0
            ? (Encoding.UTF8.GetBytes(update.Namespace), [], Encoding.UTF8.GetBytes(update.Key))
            : (Encoding.UTF8.GetBytes(update.Namespace[..marker]), Encoding.UTF8.GetBytes(update.Namespace[(marker + HashedMarker.Length)..]), Convert.FromHexString(update.Key));
    }

    private static SortedDictionary<byte[], SortedDictionary<byte[], Write>> Collections(
        SortedDictionary<byte[], SortedDictionary<byte[], SortedDictionary<byte[], Write>>> tree, byte[] ns)
    {
        if (!tree.TryGetValue(ns, out var collections))
        {
            collections = new SortedDictionary<byte[], SortedDictionary<byte[], Write>>(ByteOrder.Instance);
            tree[ns] = collections;
        }

        return collections;
    }

    private static Write? Find(
        SortedDictionary<byte[], SortedDictionary<byte[], SortedDictionary<byte[], Write>>> tree, byte[] ns, byte[] collection, byte[] key) =>
        tree.TryGetValue(ns, out var collections) && collections.TryGetValue(collection, out var keys) && keys.TryGetValue(key, out var write) ? write : null;

    private sealed record Write(ByteString? Value, StateVersion Version);

    /// <summary>Go's string order: bytewise.</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static ByteOrder Instance { get; } = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y.AsSpan());
    }
}
