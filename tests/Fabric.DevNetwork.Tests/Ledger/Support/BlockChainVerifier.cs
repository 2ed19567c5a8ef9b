using System.Security.Cryptography;
using Fabric.DevNetwork.Ledger;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Tests.Ledger.Support;

/// <summary>
/// Checks a ledger's chain from block 0 the way an external Fabric tool would, with its own DER
/// encoding of the header: numbering, previous_hash, data_hash, orderer signature (none on block 0), metadata slots.
/// </summary>
public static class BlockChainVerifier
{
    public static async Task VerifyAsync(IChannelLedger ledger, X509Identity orderer)
    {
        byte[]? previousHeaderHash = null;
        for (ulong n = 0; n < ledger.Height; n++)
        {
            var block = (await ledger.GetBlockAsync(n)).Block;
            Assert.Equal(n, block.Header.Number);
            Assert.Equal(previousHeaderHash ?? [], block.Header.PreviousHash.ToByteArray());
            Assert.Equal(SHA256.HashData(block.Data.Data.SelectMany(d => d.ToByteArray()).ToArray()), block.Header.DataHash.ToByteArray());

            var headerDer = HeaderDer(block.Header);
            var signatures = Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures]);
            if (n == 0)
            {
                // the genesis block as configtxgen makes it: Fabric's orderer adds no signature
                Assert.Empty(signatures.Signatures);
            }
            else
            {
                var signature = Assert.Single(signatures.Signatures);
                var signed = signatures.Value.Concat(signature.SignatureHeader).Concat(headerDer).ToArray();
                Assert.True(EcdsaSignatures.Verify(orderer.Certificate, signed, signature.Signature.Span), $"orderer signature of block {n}");
            }

            Assert.Equal(0UL, OrdererBlockMetadata.Parser.ParseFrom(signatures.Value).LastConfig.Index);
            Assert.True(block.Metadata.Metadata[(int)BlockMetadataIndex.LastConfig].IsEmpty, "LAST_CONFIG stays empty on Fabric 2.x and 3.x");
            Assert.Equal(block.Data.Data.Count, block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Length);
            previousHeaderHash = SHA256.HashData(headerDer);
        }

        Assert.Equal(previousHeaderHash, ledger.CurrentBlockHash.ToArray());
    }

    /// <summary>DER of SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }.</summary>
    public static byte[] HeaderDer(BlockHeader header)
    {
        var number = new List<byte>();
        var value = header.Number;
        do
        {
            number.Insert(0, (byte)value);
            value >>= 8;
        }
        while (value != 0);
        if ((number[0] & 0x80) != 0)
        {
            number.Insert(0, 0);
        }

        var body = Tlv(0x02, [.. number]).Concat(Tlv(0x04, header.PreviousHash.ToByteArray())).Concat(Tlv(0x04, header.DataHash.ToByteArray())).ToArray();
        return Tlv(0x30, body);
    }

    private static byte[] Tlv(byte tag, byte[] content)
    {
        byte[] length = content.Length switch
        {
            < 0x80 => [(byte)content.Length],
            < 0x100 => [0x81, (byte)content.Length],
            _ => [0x82, (byte)(content.Length >> 8), (byte)content.Length],
        };
        return [tag, .. length, .. content];
    }
}
