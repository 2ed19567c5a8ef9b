using System.Formats.Asn1;
using System.Numerics;

namespace Hyperledger.Fabric.Identity.Internal;

/// <summary>Strict DER reading and writing of ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }.</summary>
internal static class DerSignature
{
    public static bool TryDecode(ReadOnlySpan<byte> der, out BigInteger r, out BigInteger s)
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
            return r.Sign > 0 && s.Sign > 0;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    public static byte[] Encode(BigInteger r, BigInteger s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
        }

        return writer.Encode();
    }

    /// <summary>Converts IEEE P1363 (r || s, fixed width) to DER.</summary>
    public static byte[] FromP1363(ReadOnlySpan<byte> signature)
    {
        var half = signature.Length / 2;
        var r = new BigInteger(signature[..half], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(signature[half..], isUnsigned: true, isBigEndian: true);
        return Encode(r, s);
    }
}
