namespace Fabric.CryptoGen;

/// <summary>The kind of key a generated CA or certificate gets.</summary>
public enum KeyAlgorithm
{
    /// <summary>ECDSA on the curve the options name (P-256 by default): what cryptogen issues.</summary>
    Ecdsa = 0,

    /// <summary>Ed25519 (RFC 8410), which Fabric 3 accepts for identities; signatures are over the message itself.</summary>
    Ed25519 = 1,
}
