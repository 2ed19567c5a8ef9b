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
    private static readonly ConcurrentDictionary<string, ClientIdentity> Identities = new(StringComparer.Ordinal);

    public static ClientIdentity Get(ReadOnlySpan<byte> serializedIdentity)
    {
        var key = Convert.ToBase64String(serializedIdentity);
        if (Identities.TryGetValue(key, out var identity))
        {
            return identity;
        }

        identity = ClientIdentity.FromSerializedIdentity(serializedIdentity);
        if (Identities.Count >= MaxEntries)
        {
            Identities.Clear();
        }

        return Identities.GetOrAdd(key, identity);
    }
}
