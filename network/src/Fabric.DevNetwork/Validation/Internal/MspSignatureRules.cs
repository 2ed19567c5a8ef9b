using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Hyperledger.Fabric.Identity;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>
/// The dev network's own check of an ECDSA signature, written apart from the client's signer code on
/// purpose (a shared bug would pass here and fail on Fabric): Fabric's MSP hashes the message with
/// the 256-bit hash of its configured family (SHA2: SHA-256, SHA3: SHA3-256) whatever the key's
/// curve, and accepts only a strict DER ECDSA-Sig-Value with 0 &lt; r, s &lt; n and s &lt;= n/2.
/// </summary>
internal static class MspSignatureRules
{
    private static readonly BigInteger s_p256Order = Parse("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
    private static readonly BigInteger s_p384Order = Parse("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973");

    // the tags of DevNetworkMetrics.SignatureChecks
    private static readonly KeyValuePair<string, object?> s_verified = new("curve", "verified");
    private static readonly KeyValuePair<string, object?> s_remembered = new("curve", "remembered");

    /// <summary>The digest the MSP verifies: the message hashed with the family's 256-bit hash.</summary>
    public static byte[] Digest(MspHashFamily family, ReadOnlySpan<byte> message) => family switch
    {
        MspHashFamily.Sha3 => SHA3_256.HashData(message),
        _ => SHA256.HashData(message),
    };

    /// <summary>The family's hash as Fabric's docs name it, for reasons.</summary>
    public static string HashName(MspHashFamily family) => family == MspHashFamily.Sha3 ? "SHA3-256" : "SHA-256";

    /// <summary>The family as Fabric's MSP config spells it.</summary>
    public static string FamilyName(MspHashFamily family) => family == MspHashFamily.Sha3 ? "SHA3" : "SHA2";

    /// <summary>Whether <paramref name="signature"/> is a valid low-S DER signature of <paramref name="message"/> under the MSP's rule.</summary>
    /// <param name="key">The signer's public key.</param>
    /// <param name="publicKey">The same key's encoded point, which names it in <see cref="VerifiedSignatures"/>.</param>
    /// <param name="family">The MSP's hash family.</param>
    /// <param name="message">The signed bytes.</param>
    /// <param name="signature">The DER signature.</param>
    public static bool Verify(ECDsa key, ReadOnlySpan<byte> publicKey, MspHashFamily family, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        VerifyDigest(key, publicKey, Digest(family, message), signature);

    /// <summary>
    /// Null when the signature is valid; otherwise why not. When the signature verifies over another
    /// hash of the message (a P-384 key signing SHA-384, say), the reason names the hash rule.
    /// </summary>
    public static string? Check(ECDsa key, ReadOnlySpan<byte> publicKey, MspHashFamily family, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var order = OrderOf(key);
        if (order is null)
        {
            return $"the signer's key ({key.KeySize} bits) is not on P-256 or P-384";
        }

        if (!TryDecode(signature, out var r, out var s))
        {
            return "the signature is not a strict DER ECDSA-Sig-Value";
        }

        if (r.Sign <= 0 || s.Sign <= 0 || r >= order || s >= order)
        {
            return "the signature's r or s is out of range";
        }

        if (s > order.Value >> 1)
        {
            return "the signature is high-S (s > n/2); Fabric accepts only low-S signatures";
        }

        if (VerifiesOnCurve(key, publicKey, Digest(family, message), signature))
        {
            return null;
        }

        var wanted = HashName(family);
        foreach (var (name, digest) in OtherDigests(family, message))
        {
            if (key.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence))
            {
                return $"the signature was made over {name} of the message, but MSP hash family {FamilyName(family)} signs {wanted} of it whatever the key's curve";
            }
        }

        return $"the signature does not verify over {wanted} of the message (MSP hash family {FamilyName(family)})";
    }

    /// <summary>The certificate's Ed25519 public key (RFC 8410, 32 bytes), or null for other keys.</summary>
    public static byte[]? Ed25519PublicKeyOf(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        if (certificate.PublicKey.Oid.Value != "1.3.101.112")
        {
            return null;
        }

        var key = certificate.PublicKey.EncodedKeyValue.RawData;
        return key.Length == 32 ? key : null;
    }

    /// <summary>
    /// Null when <paramref name="signature"/> is a valid Ed25519 signature of the message itself (Fabric 3
    /// does not hash before Ed25519, which hashes internally), otherwise why not.
    /// </summary>
    public static string? CheckEd25519(byte[] publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
        {
            return $"the Ed25519 signature is {signature.Length} bytes, not 64";
        }

        var data = message.ToArray();
        if (Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(signature.ToArray(), 0, publicKey, 0, data, 0, data.Length))
        {
            return null;
        }

        var digest = SHA256.HashData(message);
        return Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(signature.ToArray(), 0, publicKey, 0, digest, 0, digest.Length)
            ? "the Ed25519 signature was made over SHA-256 of the message, but Ed25519 signs the message itself (no hash)"
            : "the Ed25519 signature does not verify over the message";
    }

    private static bool VerifyDigest(ECDsa key, ReadOnlySpan<byte> publicKey, byte[] digest, ReadOnlySpan<byte> signature)
    {
        var order = OrderOf(key);
        if (order is null || !TryDecode(signature, out var r, out var s))
        {
            return false;
        }

        if (r.Sign <= 0 || s.Sign <= 0 || r >= order || s >= order || s > order.Value >> 1)
        {
            return false;
        }

        return VerifiesOnCurve(key, publicKey, digest, signature);
    }

    // The curve arithmetic alone, once per distinct (key, digest, signature) in this process; the form and
    // range rules above run on every call.
    private static bool VerifiesOnCurve(ECDsa key, ReadOnlySpan<byte> publicKey, byte[] digest, ReadOnlySpan<byte> signature)
    {
        var fingerprint = VerifiedSignatures.Fingerprint.Of(publicKey, digest, signature);
        if (VerifiedSignatures.Shared.Contains(fingerprint))
        {
            DevNetworkMetrics.SignatureChecks.Add(1, s_remembered);
            return true;
        }

        DevNetworkMetrics.SignatureChecks.Add(1, s_verified);
        if (!key.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence))
        {
            return false;
        }

        VerifiedSignatures.Shared.Add(fingerprint);
        return true;
    }

    private static IEnumerable<(string Name, byte[] Digest)> OtherDigests(MspHashFamily family, ReadOnlySpan<byte> message)
    {
        var candidates = new List<(string, byte[])> { ("SHA-384", SHA384.HashData(message)), ("SHA-512", SHA512.HashData(message)) };
        if (family == MspHashFamily.Sha3)
        {
            candidates.Add(("SHA-256", SHA256.HashData(message)));
        }
        else if (SHA3_256.IsSupported)
        {
            candidates.Add(("SHA3-256", SHA3_256.HashData(message)));
        }

        return candidates;
    }

    private static BigInteger? OrderOf(ECDsa key) => key.KeySize switch
    {
        256 => s_p256Order,
        384 => s_p384Order,
        _ => null,
    };

    private static bool TryDecode(ReadOnlySpan<byte> der, out BigInteger r, out BigInteger s)
    {
        r = default;
        s = default;
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            r = sequence.ReadInteger();
            s = sequence.ReadInteger();
            sequence.ThrowIfNotEmpty();
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
