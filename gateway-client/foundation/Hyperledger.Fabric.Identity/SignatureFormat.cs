namespace Hyperledger.Fabric.Identity;

/// <summary>
/// What a custom signing function returns, stated when its <see cref="ISigner"/> is created; a
/// signature's format is never guessed from its length.
/// </summary>
public enum SignatureFormat
{
    /// <summary>ECDSA as an ASN.1 DER <c>ECDSA-Sig-Value</c>; normalised to low-S.</summary>
    Der = 0,

    /// <summary>ECDSA as IEEE P1363 <c>r || s</c>, each the curve's field size (64 bytes on P-256, 96 on P-384); converted to low-S DER.</summary>
    IeeeP1363 = 1,

    /// <summary>Ed25519: the 64-byte signature of the message itself (not a digest), passed on unchanged.</summary>
    Ed25519 = 2,
}
