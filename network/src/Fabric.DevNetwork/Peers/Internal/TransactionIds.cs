using System.Security.Cryptography;
using Google.Protobuf;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>Fabric's transaction id: lower-case hex of SHA-256(nonce || serialized creator).</summary>
internal static class TransactionIds
{
    public static string Compute(ByteString nonce, ByteString creator)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(nonce.Span);
        hash.AppendData(creator.Span);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
