using System.Formats.Asn1;
using System.Security.Cryptography;
using Fabric.DevNetwork.Ledger;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Tests.Network.Support;

/// <summary>
/// Checks a channel's hash chain the way Fabric defines it, independently of the ledger's code: each
/// header's data_hash is SHA-256 of the block's data entries concatenated, and each previous_hash is
/// SHA-256 of the DER encoding of the previous header, SEQUENCE { INTEGER number, OCTET STRING
/// previous_hash, OCTET STRING data_hash }.
/// </summary>
public static class ChainVerifier
{
    public static async Task VerifyAsync(IChannelLedger ledger)
    {
        byte[]? previousHeaderHash = null;
        for (ulong n = 0; n < ledger.Height; n++)
        {
            var block = (await ledger.GetBlockAsync(n)).Block;
            Assert.Equal(n, block.Header.Number);
            Assert.Equal(DataHash(block.Data), block.Header.DataHash.ToByteArray());
            if (previousHeaderHash is not null)
            {
                Assert.Equal(previousHeaderHash, block.Header.PreviousHash.ToByteArray());
            }

            previousHeaderHash = HeaderHash(block.Header);
        }

        Assert.Equal(previousHeaderHash, ledger.CurrentBlockHash.ToArray());
    }

    private static byte[] DataHash(BlockData data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in data.Data)
        {
            hash.AppendData(entry.Span);
        }

        return hash.GetHashAndReset();
    }

    private static byte[] HeaderHash(BlockHeader header)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(header.Number);
            writer.WriteOctetString(header.PreviousHash.Span);
            writer.WriteOctetString(header.DataHash.Span);
        }

        return SHA256.HashData(writer.Encode());
    }
}
