using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Identity.Internal;

namespace Hyperledger.Fabric.Identity;

/// <summary>Ed25519 signatures as Fabric 3 checks them: 64 bytes over the message itself (no prior hash).</summary>
public static class Ed25519Signatures
{
    /// <summary>True when the certificate holds an Ed25519 public key.</summary>
    /// <param name="certificate">A certificate.</param>
    public static bool IsEd25519(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Ed25519Keys.IsEd25519(certificate);
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="message"/> with the certificate's Ed25519 key; false for other keys and malformed signatures.</summary>
    /// <param name="certificate">The signer's certificate.</param>
    /// <param name="message">The signed bytes.</param>
    /// <param name="signature">The 64-byte signature.</param>
    public static bool Verify(X509Certificate2 certificate, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var publicKey = Ed25519Keys.PublicKeyOf(certificate);
        if (publicKey is null || signature.Length != Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.SignatureSize)
        {
            return false;
        }

        return Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(signature.ToArray(), 0, publicKey, 0, message.ToArray(), 0, message.Length);
    }
}
