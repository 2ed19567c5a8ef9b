using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HealthRecords.Client.Internal.Cms;

/// <summary>
/// Writes a CMS <c>ContentInfo</c> holding <c>AuthEnvelopedData</c> (RFC 5083) with AES-256-GCM (RFC 5084)
/// and one <c>KeyAgreeRecipientInfo</c> per recipient (RFC 5753): ephemeral-static ECDH on the recipient's
/// curve, the X9.63 KDF with SHA-256, and AES-256 key wrap (RFC 3394). The recipient is named by issuer
/// and serial number.
/// </summary>
internal static class AuthEnvelopedWriter
{
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Write(ReadOnlySpan<byte> content, IReadOnlyList<X509Certificate2> recipients)
    {
        var cek = RandomNumberGenerator.GetBytes(KeySize);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(NonceSize);
            var ciphertext = new byte[content.Length];
            var tag = new byte[TagSize];
            using (var gcm = new AesGcm(cek, TagSize))
            {
                gcm.Encrypt(nonce, content, ciphertext, tag);
            }

            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CmsOids.AuthEnvelopedData);
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                using (writer.PushSequence())
                {
                    writer.WriteInteger(0);
                    using (writer.PushSetOf())
                    {
                        foreach (var recipient in recipients)
                        {
                            WriteRecipient(writer, recipient, cek);
                        }
                    }

                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(CmsOids.Data);
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier(CmsOids.Aes256Gcm);
                            using (writer.PushSequence())
                            {
                                writer.WriteOctetString(nonce);
                                writer.WriteInteger(TagSize);
                            }
                        }

                        writer.WriteOctetString(ciphertext, new Asn1Tag(TagClass.ContextSpecific, 0));
                    }

                    writer.WriteOctetString(tag);
                }
            }

            return writer.Encode();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }
    }

    private static void WriteRecipient(AsnWriter writer, X509Certificate2 recipient, byte[] cek)
    {
        // Fabric's client certificates allow digitalSignature only, and .NET refuses ECDH on such a
        // certificate, so the EC public key is imported through ECDsa (see docs/off-chain.md on key reuse).
        using var ecdsa = recipient.GetECDsaPublicKey()
            ?? throw new NotSupportedException($"Recipient '{recipient.Subject}' does not have an EC public key; only EC (P-256, P-384, P-521) recipients are supported.");
        using var recipientKey = ECDiffieHellman.Create(ecdsa.ExportParameters(false));
        var curve = recipientKey.ExportParameters(false).Curve;
        using var ephemeral = ECDiffieHellman.Create(curve);
        var z = ephemeral.DeriveRawSecretAgreement(recipientKey.PublicKey);
        byte[] kek = [];
        try
        {
            kek = EccCmsKdf.DeriveKek(z, HashAlgorithmName.SHA256, CmsOids.Aes256Wrap, KeySize, default, hasUkm: false);
            var wrapped = AesKeyWrap.Wrap(kek, cek);
            var point = ephemeral.ExportParameters(false).Q;

            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
            {
                writer.WriteInteger(3);
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(CmsOids.EcPublicKey);
                    }

                    writer.WriteBitString([0x04, .. point.X!, .. point.Y!]);
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(CmsOids.StdDhSha256Kdf);
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(CmsOids.Aes256Wrap);
                    }
                }

                using (writer.PushSequence())
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteEncodedValue(recipient.IssuerName.RawData);
                        writer.WriteInteger(recipient.SerialNumberBytes.Span);
                    }

                    writer.WriteOctetString(wrapped);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(z);
            CryptographicOperations.ZeroMemory(kek);
        }
    }
}
