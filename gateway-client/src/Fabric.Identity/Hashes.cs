using System.Security.Cryptography;

namespace Fabric.Identity;

/// <summary>The hash functions Fabric uses before signing.</summary>
public static class Hashes
{
    /// <summary>SHA-256: Fabric's default, used with P-256 keys.</summary>
    public static HashFunction Sha256 { get; } = static message => SHA256.HashData(message);

    /// <summary>SHA-384, used with P-384 keys.</summary>
    public static HashFunction Sha384 { get; } = static message => SHA384.HashData(message);
}
