using System.Collections.Concurrent;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>
/// Client identities by their serialized bytes. Parsing the creator's certificate and its attributes
/// took longer than everything else a small function does (docs/benchmarks.md, Chaincode CPU), and
/// the same few clients submit most transactions, so each distinct creator is parsed once.
/// </summary>
internal static class ClientIdentityCache
{
    // Bounded so a stream of one-off identities cannot grow it without limit; clearing is rare and cheap.
    private const int MaxEntries = 1024;
    private static readonly ConcurrentDictionary<byte[], ClientIdentity> Identities = new(BytesComparer.Instance);

    // Looked up by the creator's bytes as they are: no copy or Base64 key per transaction.
    private static readonly ConcurrentDictionary<byte[], ClientIdentity>.AlternateLookup<ReadOnlySpan<byte>> BySpan =
        Identities.GetAlternateLookup<ReadOnlySpan<byte>>();

    public static ClientIdentity Get(ReadOnlySpan<byte> serializedIdentity)
    {
        if (BySpan.TryGetValue(serializedIdentity, out var identity))
        {
            return identity;
        }

        identity = ClientIdentity.FromSerializedIdentity(serializedIdentity);
        if (Identities.Count >= MaxEntries)
        {
            Identities.Clear();
        }

        return Identities.GetOrAdd(serializedIdentity.ToArray(), identity);
    }

    /// <summary>Byte-wise equality; the hash is the runtime's per-process randomised one.</summary>
    private sealed class BytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly BytesComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
