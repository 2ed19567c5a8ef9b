using System.Security.Cryptography;

namespace Hyperledger.Fabric.Identity;

/// <summary>The hash functions applied to a message before it is signed.</summary>
/// <remarks>
/// A Fabric MSP hashes with the family its configuration names, whatever the key's curve:
/// <see cref="Sha256"/> for <see cref="MspHashFamily.Sha2"/> (the default) and <see cref="Sha3_256"/>
/// for <see cref="MspHashFamily.Sha3"/>. <see cref="ForFamily"/> picks the right one.
/// </remarks>
public static class Hashes
{
    /// <summary>SHA-256: what an MSP with the default SHA2 hash family expects, for P-256 and P-384 keys alike.</summary>
    public static HashFunction Sha256 { get; } = static message => SHA256.HashData(message);

    /// <summary>
    /// SHA-384. No Fabric MSP verifies signatures over it, whatever the key's curve (P-384 keys sign
    /// SHA-256 digests too); it is here for signers outside Fabric's MSP rules.
    /// </summary>
    public static HashFunction Sha384 { get; } = static message => SHA384.HashData(message);

    /// <summary>SHA3-256: what an MSP with the SHA3 hash family expects. Needs a platform with SHA-3 (OpenSSL 1.1.1+, Windows 11).</summary>
    public static HashFunction Sha3_256 { get; } = static message => SHA3_256.HashData(message);

    /// <summary>Hashes with no transformation: the message itself is signed (Ed25519, which hashes internally).</summary>
    public static HashFunction None { get; } = static message => message.ToArray();

    /// <summary>The hash an MSP of <paramref name="family"/> applies to ECDSA-signed messages.</summary>
    /// <param name="family">The MSP's signature hash family.</param>
    /// <exception cref="ArgumentOutOfRangeException">An undefined family.</exception>
    public static HashFunction ForFamily(MspHashFamily family) => family switch
    {
        MspHashFamily.Sha2 => Sha256,
        MspHashFamily.Sha3 => Sha3_256,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "unknown MSP hash family"),
    };
}
