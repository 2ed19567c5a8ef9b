using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hyperledger.Fabric.Identity.Internal;

/// <summary>Ed25519 keys as Fabric 3 and OpenSSL store them: PKCS#8 (RFC 8410) private keys and X.509 public keys.</summary>
internal static class Ed25519Keys
{
    public const string Oid = "1.3.101.112";
    public const int KeySize = 32;

    /// <summary>The 32-byte private seed of an Ed25519 PKCS#8 <c>PRIVATE KEY</c> PEM, or null when the PEM holds another kind of key.</summary>
    /// <exception cref="CryptoMaterialException">An Ed25519 PKCS#8 key that is malformed.</exception>
    public static byte[]? TryReadPrivateKey(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] != "PRIVATE KEY")
        {
            return null;
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(pem[fields.Base64Data]);
        }
        catch (FormatException)
        {
            return null;
        }

        try
        {
            var info = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            info.ReadInteger();
            var algorithm = info.ReadSequence();
            if (algorithm.ReadObjectIdentifier() != Oid)
            {
                return null;
            }

            // privateKey OCTET STRING wraps CurvePrivateKey ::= OCTET STRING (the 32-byte seed).
            var inner = new AsnReader(info.ReadOctetString(), AsnEncodingRules.BER).ReadOctetString();
            if (inner.Length != KeySize)
            {
                throw new CryptoMaterialException($"the Ed25519 private key is {inner.Length} bytes, not {KeySize}");
            }

            return inner;
        }
        catch (AsnContentException e)
        {
            throw new CryptoMaterialException("the PKCS#8 private key is not valid DER", e);
        }
    }

    /// <summary>True when the certificate's subject public key is Ed25519.</summary>
    public static bool IsEd25519(X509Certificate2 certificate) => certificate.PublicKey.Oid.Value == Oid;

    /// <summary>The certificate's 32-byte Ed25519 public key, or null when it holds another kind of key.</summary>
    public static byte[]? PublicKeyOf(X509Certificate2 certificate)
    {
        if (!IsEd25519(certificate))
        {
            return null;
        }

        var key = certificate.PublicKey.EncodedKeyValue.RawData;
        return key.Length == KeySize ? key : null;
    }

    /// <summary>The public key of a private seed.</summary>
    public static byte[] PublicKeyFromSeed(byte[] seed)
    {
        var publicKey = new byte[KeySize];
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.GeneratePublicKey(seed, 0, publicKey, 0);
        return publicKey;
    }
}
