using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Identity.Internal;

namespace Hyperledger.Fabric.Identity;

/// <summary>
/// ECDSA signature rules as Fabric applies them: ASN.1 DER encoding and low-S (s &lt;= n/2, where n
/// is the curve order). A high-S signature is mathematically valid but Fabric rejects it, so
/// signers normalise and verifiers refuse.
/// </summary>
public static class EcdsaSignatures
{
    /// <summary>
    /// Returns <paramref name="derSignature"/> with s replaced by n - s when s is in the upper half
    /// of the group order; a low-S input is returned re-encoded unchanged.
    /// </summary>
    /// <param name="derSignature">A DER ECDSA-Sig-Value.</param>
    /// <param name="curve">The signing key's curve: P-256 or P-384.</param>
    /// <exception cref="CryptoMaterialException">The signature is not strict DER, or the curve is unsupported.</exception>
    public static byte[] ToLowS(ReadOnlySpan<byte> derSignature, ECCurve curve) => ToLowS(derSignature, RequireCurve(curve));

    internal static byte[] ToLowS(ReadOnlySpan<byte> derSignature, FabricCurve fabricCurve)
    {
        if (!DerSignature.TryDecode(derSignature, out var r, out var s))
        {
            throw new CryptoMaterialException("the signature is not a DER ECDSA-Sig-Value with positive r and s");
        }

        if (s > fabricCurve.HalfOrder)
        {
            s = fabricCurve.Order - s;
        }

        return DerSignature.Encode(r, s);
    }

    /// <summary>True when <paramref name="derSignature"/> is strict DER and its s is at most n/2.</summary>
    /// <param name="derSignature">A DER ECDSA-Sig-Value.</param>
    /// <param name="curve">The signing key's curve: P-256 or P-384.</param>
    public static bool IsLowS(ReadOnlySpan<byte> derSignature, ECCurve curve)
    {
        var fabricCurve = RequireCurve(curve);
        return DerSignature.TryDecode(derSignature, out _, out var s) && s <= fabricCurve.HalfOrder;
    }

    /// <summary>
    /// Verifies a DER signature over <paramref name="message"/> with the certificate's public key, as an
    /// MSP of <paramref name="hashFamily"/> does: the message is hashed with SHA-256 (SHA2, the default)
    /// or SHA3-256 (SHA3) whatever the key's curve, so a P-384 signature over SHA-384 does not verify.
    /// False for high-S signatures, malformed DER, non-EC certificates and unsupported curves, like Fabric.
    /// </summary>
    /// <param name="certificate">The signer's certificate.</param>
    /// <param name="message">The signed bytes (not a digest).</param>
    /// <param name="derSignature">The DER signature.</param>
    /// <param name="hashFamily">The MSP's signature hash family. Default <see cref="MspHashFamily.Sha2"/>.</param>
    public static bool Verify(X509Certificate2 certificate, ReadOnlySpan<byte> message, ReadOnlySpan<byte> derSignature, MspHashFamily hashFamily = MspHashFamily.Sha2)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var hash = Hashes.ForFamily(hashFamily);
        using var publicKey = certificate.GetECDsaPublicKey();
        if (publicKey is null || FabricCurve.TryFrom(publicKey.ExportParameters(false).Curve) is null)
        {
            return false;
        }

        return VerifyDigest(publicKey, hash(message), derSignature);
    }

    /// <summary>
    /// Verifies a DER signature over <paramref name="digest"/>. False for high-S signatures,
    /// malformed DER and keys on curves other than P-256 and P-384.
    /// </summary>
    /// <param name="publicKey">The signer's public key.</param>
    /// <param name="digest">The digest that was signed.</param>
    /// <param name="derSignature">The DER signature.</param>
    public static bool VerifyDigest(ECDsa publicKey, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> derSignature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var curve = FabricCurve.TryFrom(publicKey.ExportParameters(false).Curve);
        if (curve is null || !DerSignature.TryDecode(derSignature, out var r, out var s))
        {
            return false;
        }

        if (s > curve.HalfOrder || r >= curve.Order || s >= curve.Order)
        {
            return false;
        }

        return publicKey.VerifyHash(digest, derSignature, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static FabricCurve RequireCurve(ECCurve curve) =>
        FabricCurve.TryFrom(curve)
        ?? throw new CryptoMaterialException(
            $"unsupported elliptic curve {FabricCurve.Describe(curve)}: Fabric identities use ECDSA P-256 or P-384");
}
