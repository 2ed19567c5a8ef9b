using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HealthRecords.Client.Internal.Cms;

/// <summary>
/// Opens a CMS <c>AuthEnvelopedData</c> (RFC 5083) with AES-GCM content encryption for an EC recipient
/// (<c>KeyAgreeRecipientInfo</c>, RFC 5753: ECDH with the X9.63 KDF, AES key wrap). Accepts what
/// <see cref="AuthEnvelopedWriter"/> writes and what OpenSSL 3 writes (<c>openssl cms -encrypt -aes-256-gcm</c>).
/// Every failure (malformed, not a recipient, wrong key, tampered) is a <see cref="CryptographicException"/>.
/// </summary>
internal static class AuthEnvelopedReader
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1);

    public static byte[] Read(ReadOnlyMemory<byte> envelope, X509Certificate2 certificate, ECDiffieHellman privateKey)
    {
        try
        {
            return ReadCore(envelope, certificate, privateKey);
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException("The envelope is not a well-formed CMS AuthEnvelopedData: " + e.Message, e);
        }
    }

    private static byte[] ReadCore(ReadOnlyMemory<byte> envelope, X509Certificate2 certificate, ECDiffieHellman privateKey)
    {
        var contentInfo = new AsnReader(envelope, AsnEncodingRules.BER).ReadSequence();
        var type = contentInfo.ReadObjectIdentifier();
        if (type != CmsOids.AuthEnvelopedData)
        {
            throw new CryptographicException($"The envelope's content type is {type}, not AuthEnvelopedData ({CmsOids.AuthEnvelopedData}).");
        }

        var data = contentInfo.ReadSequence(Context0.AsConstructed()).ReadSequence();
        data.ReadInteger();
        if (data.PeekTag().HasSameClassAndValue(Context0))
        {
            data.ReadEncodedValue(); // originatorInfo: certificates we do not need
        }

        byte[]? cek = null;
        var recipients = data.ReadSetOf();
        while (recipients.HasData && cek is null)
        {
            if (recipients.PeekTag().HasSameClassAndValue(Context1))
            {
                cek = TryKeyAgreement(recipients.ReadSequence(Context1.AsConstructed()), certificate, privateKey);
            }
            else
            {
                recipients.ReadEncodedValue(); // key transport, KEK, password or other recipients
            }
        }

        if (cek is null)
        {
            throw new CryptographicException($"The envelope has no key-agreement recipient for '{certificate.Subject}' (issuer and serial number or subject key id).");
        }

        try
        {
            var encrypted = data.ReadSequence();
            encrypted.ReadObjectIdentifier();
            var algorithm = encrypted.ReadSequence();
            var gcmOid = algorithm.ReadObjectIdentifier();
            var keySize = CmsOids.GcmKeySize(gcmOid) ?? throw new CryptographicException($"Unsupported content encryption {gcmOid}; expected AES-GCM.");
            var parameters = algorithm.ReadSequence();
            var nonce = parameters.ReadOctetString();
            var tagSize = parameters.HasData && parameters.TryReadInt32(out var icv) ? icv : 12;
            var ciphertext = encrypted.HasData ? encrypted.ReadOctetString(Context0) : [];
            byte[] aad = [];
            if (data.PeekTag().HasSameClassAndValue(Context1))
            {
                aad = data.ReadEncodedValue().ToArray();
                aad[0] = 0x31; // authenticated attributes are MACed as an explicit SET OF (RFC 5083 section 2.2)
            }

            var tag = data.ReadOctetString();
            if (cek.Length != keySize || tag.Length != tagSize)
            {
                throw new CryptographicException("The envelope's key or tag length does not match its algorithm.");
            }

            var plaintext = new byte[ciphertext.Length];
            using var gcm = new AesGcm(cek, tagSize);
            gcm.Decrypt(nonce, ciphertext, tag, plaintext, aad);
            return plaintext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }
    }

    private static byte[]? TryKeyAgreement(AsnReader kari, X509Certificate2 certificate, ECDiffieHellman privateKey)
    {
        kari.ReadInteger();
        var originator = kari.ReadSequence(Context0.AsConstructed());
        if (!originator.PeekTag().HasSameClassAndValue(Context1))
        {
            return null; // originator named by certificate: not an ephemeral key we can use
        }

        var originatorKey = originator.ReadSequence(Context1.AsConstructed());
        originatorKey.ReadSequence();
        var point = originatorKey.ReadBitString(out _);

        var hasUkm = kari.PeekTag().HasSameClassAndValue(Context1);
        var ukm = hasUkm ? kari.ReadSequence(Context1.AsConstructed()).ReadOctetString() : [];

        var keyEncryption = kari.ReadSequence();
        var kdfOid = keyEncryption.ReadObjectIdentifier();
        var wrapOid = keyEncryption.ReadSequence().ReadObjectIdentifier();
        var hash = CmsOids.KdfHash(kdfOid) ?? throw new CryptographicException($"Unsupported key agreement scheme {kdfOid}.");
        var kekSize = CmsOids.WrapKeySize(wrapOid) ?? throw new CryptographicException($"Unsupported key wrap {wrapOid}.");

        var keys = kari.ReadSequence();
        while (keys.HasData)
        {
            var entry = keys.ReadSequence();
            var matches = Matches(entry, certificate);
            var wrapped = entry.ReadOctetString();
            if (matches)
            {
                return Unwrap(point, privateKey, hash, wrapOid, kekSize, ukm, hasUkm, wrapped);
            }
        }

        return null;
    }

    private static bool Matches(AsnReader entry, X509Certificate2 certificate)
    {
        if (entry.PeekTag().HasSameClassAndValue(Context0))
        {
            var keyId = entry.ReadSequence(Context0.AsConstructed()).ReadOctetString();
            var ski = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
            return ski?.SubjectKeyIdentifierBytes.Span.SequenceEqual(keyId) == true;
        }

        var issuerAndSerial = entry.ReadSequence();
        var issuer = issuerAndSerial.ReadEncodedValue();
        var serial = issuerAndSerial.ReadIntegerBytes();
        return issuer.Span.SequenceEqual(certificate.IssuerName.RawData)
            && TrimZeros(serial.Span).SequenceEqual(TrimZeros(certificate.SerialNumberBytes.Span));
    }

    private static byte[] Unwrap(
        byte[] point, ECDiffieHellman privateKey, HashAlgorithmName hash, string wrapOid, int kekSize, byte[] ukm, bool hasUkm, byte[] wrapped)
    {
        var curve = privateKey.ExportParameters(false).Curve;
        var coordinate = (point.Length - 1) / 2;
        if (point.Length < 3 || point[0] != 0x04 || point.Length != 1 + (2 * coordinate))
        {
            throw new CryptographicException("The originator's public key is not an uncompressed EC point.");
        }

        using var originator = ECDiffieHellman.Create(new ECParameters
        {
            Curve = curve,
            Q = new ECPoint { X = point[1..(1 + coordinate)], Y = point[(1 + coordinate)..] },
        });
        var z = privateKey.DeriveRawSecretAgreement(originator.PublicKey);
        var kek = EccCmsKdf.DeriveKek(z, hash, wrapOid, kekSize, ukm, hasUkm);
        try
        {
            return AesKeyWrap.Unwrap(kek, wrapped);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(z);
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    private static ReadOnlySpan<byte> TrimZeros(ReadOnlySpan<byte> value)
    {
        var i = 0;
        while (i < value.Length - 1 && value[i] == 0)
        {
            i++;
        }

        return value[i..];
    }
}
