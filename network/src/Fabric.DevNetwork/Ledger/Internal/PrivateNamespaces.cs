using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// Where a collection's data lives in a peer's world state, named as Fabric's state database names it:
/// <c>ns$$h{collection}</c> holds every peer's copy of the hashes (key = hex SHA-256 of the key, value =
/// SHA-256 of the value), <c>ns$$p{collection}</c> only member peers' copy of the values. Both carry the
/// version of the transaction that wrote them, so a hashed read can be checked like a public one.
/// </summary>
internal static class PrivateNamespaces
{
    public static string Hashed(string ns, string collection) => ns + "$$h" + collection;

    public static string Private(string ns, string collection) => ns + "$$p" + collection;

    /// <summary>True for the hashed and private namespaces, which chaincode reaches only through the private data calls.</summary>
    public static bool IsCollectionNamespace(string ns) => ns.Contains("$$", StringComparison.Ordinal);

    public static ByteString KeyHash(string key) => ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static ByteString ValueHash(ByteString value) => ByteString.CopyFrom(SHA256.HashData(value.Span));

    /// <summary>The hashed namespace's key for a key hash.</summary>
    public static string HashedKey(ByteString keyHash) => Convert.ToHexStringLower(keyHash.Span);
}
