using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace HealthRecords.Client.Internal.Cms;

/// <summary>
/// The key-encryption key of an ECDH recipient (RFC 5753 section 7.2): the ANSI X9.63 KDF over the shared
/// secret Z with the DER of <c>ECC-CMS-SharedInfo</c> { keyInfo = the wrap algorithm, entityUInfo = ukm,
/// suppPubInfo = the KEK length in bits }.
/// </summary>
internal static class EccCmsKdf
{
    public static byte[] DeriveKek(ReadOnlySpan<byte> sharedSecret, HashAlgorithmName hash, string wrapOid, int kekBytes, ReadOnlySpan<byte> ukm, bool hasUkm)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(wrapOid);
            }

            if (hasUkm)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    writer.WriteOctetString(ukm);
                }
            }

            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
            {
                Span<byte> bits = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(bits, (uint)kekBytes * 8);
                writer.WriteOctetString(bits);
            }
        }

        var sharedInfo = writer.Encode();
        var output = new byte[kekBytes];
        var written = 0;
        Span<byte> c = stackalloc byte[4];
        for (uint counter = 1; written < kekBytes; counter++)
        {
            using var h = IncrementalHash.CreateHash(hash);
            h.AppendData(sharedSecret);
            BinaryPrimitives.WriteUInt32BigEndian(c, counter);
            h.AppendData(c);
            h.AppendData(sharedInfo);
            var block = h.GetHashAndReset();
            var take = Math.Min(block.Length, kekBytes - written);
            block.AsSpan(0, take).CopyTo(output.AsSpan(written));
            written += take;
        }

        return output;
    }
}
