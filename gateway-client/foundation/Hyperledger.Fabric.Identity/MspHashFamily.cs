namespace Hyperledger.Fabric.Identity;

/// <summary>
/// The signature hash family an MSP is configured with (<c>FabricCryptoConfig.signature_hash_family</c>
/// in the channel's MSP config). Fabric's MSP hashes every signed message with the 256-bit member of
/// the family, whatever the key's curve: a P-384 key signs a SHA-256 digest under <see cref="Sha2"/>.
/// </summary>
public enum MspHashFamily
{
    /// <summary><c>SHA2</c>: messages are hashed with SHA-256. Fabric's default, and what cryptogen, Fabric CA and configtxgen set up.</summary>
    Sha2 = 0,

    /// <summary><c>SHA3</c>: messages are hashed with SHA3-256.</summary>
    Sha3 = 1,
}
