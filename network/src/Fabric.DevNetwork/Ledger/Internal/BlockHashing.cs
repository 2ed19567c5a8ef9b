using System.Formats.Asn1;
using System.Security.Cryptography;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>How Fabric chains blocks (protoutil in Fabric v2): header hash and data hash.</summary>
internal static class BlockHashing
{
    /// <summary>DER of SEQUENCE { number INTEGER, previous_hash OCTET STRING, data_hash OCTET STRING }.</summary>
    public static byte[] HeaderBytes(BlockHeader header)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(header.Number);
            writer.WriteOctetString(header.PreviousHash.Span);
            writer.WriteOctetString(header.DataHash.Span);
        }

        return writer.Encode();
    }

    /// <summary>SHA-256 of <see cref="HeaderBytes"/>: what the next block's previous_hash holds.</summary>
    public static byte[] HeaderHash(BlockHeader header) => SHA256.HashData(HeaderBytes(header));

    /// <summary>SHA-256 over the block's data entries (the serialized envelopes) concatenated.</summary>
    public static byte[] DataHash(BlockData data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in data.Data)
        {
            hash.AppendData(entry.Span);
        }

        return hash.GetHashAndReset();
    }
}
