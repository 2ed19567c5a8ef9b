using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Identity.Internal;

namespace Hyperledger.Fabric.Identity;

/// <summary>
/// An X.509 certificate revocation list as an MSP holds it (<c>crls/</c>): who issued it and the
/// serial numbers it revokes. Fabric's MSP honours a CRL only when one of the MSP's CAs signed it,
/// and then refuses identities of that CA whose serial number it lists. Immutable.
/// </summary>
public sealed class RevocationList
{
    private readonly byte[] _tbs;
    private readonly byte[] _signature;
    private readonly string _signatureAlgorithm;
    private readonly HashSet<BigInteger> _revoked;

    private RevocationList(byte[] der, byte[] tbs, string signatureAlgorithm, byte[] signature, X500DistinguishedName issuer, HashSet<BigInteger> revoked)
    {
        RawData = der;
        _tbs = tbs;
        _signatureAlgorithm = signatureAlgorithm;
        _signature = signature;
        Issuer = issuer;
        _revoked = revoked;
    }

    /// <summary>The CRL's DER bytes.</summary>
    public ReadOnlyMemory<byte> RawData { get; }

    /// <summary>The issuing CA's name.</summary>
    public X500DistinguishedName Issuer { get; }

    /// <summary>How many certificates it revokes.</summary>
    public int Count => _revoked.Count;

    /// <summary>Parses a DER CRL, or the first <c>X509 CRL</c> block of PEM text.</summary>
    /// <param name="data">DER bytes or PEM text (UTF-8).</param>
    /// <exception cref="CryptoMaterialException">Not a CRL.</exception>
    public static RevocationList Parse(ReadOnlySpan<byte> data)
    {
        var der = data.ToArray();
        var text = System.Text.Encoding.UTF8.GetString(der);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] != "X509 CRL")
            {
                throw new CryptoMaterialException("no '-----BEGIN X509 CRL-----' PEM block found");
            }

            try
            {
                der = Convert.FromBase64String(text[fields.Base64Data]);
            }
            catch (FormatException e)
            {
                throw new CryptoMaterialException("the X509 CRL PEM block has malformed base64 content", e);
            }
        }

        try
        {
            var list = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbs = list.ReadEncodedValue().ToArray();
            var algorithm = list.ReadSequence().ReadObjectIdentifier();
            var signature = list.ReadBitString(out _);
            var body = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
            if (body.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                body.ReadInteger();
            }

            body.ReadSequence();
            var issuer = new X500DistinguishedName(body.ReadEncodedValue().Span);
            ReadTime(body);
            if (body.HasData && (body.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || body.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
            {
                ReadTime(body);
            }

            var revoked = new HashSet<BigInteger>();
            if (body.HasData && body.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = body.ReadSequence();
                while (entries.HasData)
                {
                    revoked.Add(entries.ReadSequence().ReadInteger());
                }
            }

            return new RevocationList(der, tbs, algorithm, signature, issuer, revoked);
        }
        catch (AsnContentException e)
        {
            throw new CryptoMaterialException("the CRL is not a valid DER CertificateList: " + e.Message, e);
        }
    }

    /// <summary>Whether <paramref name="issuer"/> (a CA certificate) issued and signed this CRL.</summary>
    /// <param name="issuer">A CA certificate.</param>
    public bool IsSignedBy(X509Certificate2 issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (!issuer.SubjectName.RawData.AsSpan().SequenceEqual(Issuer.RawData))
        {
            return false;
        }

        if (Ed25519Keys.PublicKeyOf(issuer) is { } edKey)
        {
            return _signatureAlgorithm == Ed25519Keys.Oid
                && _signature.Length == 64
                && Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(_signature, 0, edKey, 0, _tbs, 0, _tbs.Length);
        }

        HashAlgorithmName? hash = _signatureAlgorithm switch
        {
            "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
            "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
            "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
            _ => null,
        };
        using var key = issuer.GetECDsaPublicKey();
        return hash is not null && key is not null
            && key.VerifyData(_tbs, _signature, hash.Value, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>Whether the CRL lists <paramref name="certificate"/>'s serial number (its issuer is not checked here).</summary>
    /// <param name="certificate">A certificate.</param>
    public bool Lists(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return _revoked.Contains(new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: false, isBigEndian: true));
    }

    private static void ReadTime(AsnReader reader)
    {
        if (reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime))
        {
            reader.ReadUtcTime();
        }
        else
        {
            reader.ReadGeneralizedTime();
        }
    }
}
