using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fabric.CryptoGen.Internal;

/// <summary>Ed25519 keys for generated material: new seeds, PKCS#8 PEM (RFC 8410) and X.509 public keys.</summary>
internal static class Ed25519Material
{
    public const string Oid = "1.3.101.112";

    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(32);

    public static byte[] PublicKeyOf(byte[] seed)
    {
        var publicKey = new byte[32];
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.GeneratePublicKey(seed, 0, publicKey, 0);
        return publicKey;
    }

    /// <summary>The X.509 SubjectPublicKeyInfo for <paramref name="publicKey"/> (algorithm parameters absent, as RFC 8410 requires).</summary>
    public static PublicKey ToPublicKey(byte[] publicKey)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Oid);
            }

            writer.WriteBitString(publicKey);
        }

        return PublicKey.CreateFromSubjectPublicKeyInfo(writer.Encode(), out _);
    }

    /// <summary>PKCS#8 <c>PRIVATE KEY</c> PEM of a seed, with a trailing newline, as OpenSSL and Fabric write it.</summary>
    public static string ToPkcs8Pem(byte[] seed)
    {
        var inner = new AsnWriter(AsnEncodingRules.DER);
        inner.WriteOctetString(seed);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Oid);
            }

            writer.WriteOctetString(inner.Encode());
        }

        return new string(PemEncoding.Write("PRIVATE KEY", writer.Encode())) + "\n";
    }

    /// <summary>The seed of an Ed25519 PKCS#8 PEM, or null when it holds another kind of key.</summary>
    public static byte[]? TryReadSeed(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] != "PRIVATE KEY")
        {
            return null;
        }

        try
        {
            var info = new AsnReader(Convert.FromBase64String(pem[fields.Base64Data]), AsnEncodingRules.BER).ReadSequence();
            info.ReadInteger();
            if (info.ReadSequence().ReadObjectIdentifier() != Oid)
            {
                return null;
            }

            return new AsnReader(info.ReadOctetString(), AsnEncodingRules.BER).ReadOctetString();
        }
        catch (Exception e) when (e is AsnContentException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>Signs certificates with an Ed25519 key (algorithm identifier id-Ed25519, no parameters; the hash argument is unused).</summary>
internal sealed class Ed25519SignatureGenerator(byte[] seed) : X509SignatureGenerator
{
    private static readonly byte[] s_algorithmIdentifier = [0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70];

    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) => s_algorithmIdentifier.ToArray();

    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm)
    {
        var signature = new byte[64];
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Sign(seed, 0, data, 0, data.Length, signature, 0);
        return signature;
    }

    protected override PublicKey BuildPublicKey() => Ed25519Material.ToPublicKey(Ed25519Material.PublicKeyOf(seed));
}
