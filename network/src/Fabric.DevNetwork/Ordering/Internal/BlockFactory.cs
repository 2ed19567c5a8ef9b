using System.Security.Cryptography;
using Fabric.DevNetwork.Ledger.Internal;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Ordering.Internal;

/// <summary>Builds blocks as Fabric's orderer writes them: header chained by hash, signed metadata.</summary>
internal static class BlockFactory
{
    /// <summary>
    /// Block 0: one CONFIG envelope holding a <c>common.ConfigEnvelope</c> with the channel configuration
    /// (<see cref="OrderedChannelOptions.ChannelConfig"/>) at sequence 0. Like configtxgen's genesis block,
    /// the envelope is unsigned and its signature header carries only a nonce.
    /// </summary>
    public static async Task<Block> CreateConfigBlockAsync(OrderedChannelOptions options, CancellationToken cancellationToken)
    {
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.Config,
            Version = 1,
            ChannelId = options.ChannelId,
            Timestamp = Timestamp.FromDateTimeOffset(options.TimeProvider.GetUtcNow()),
            Epoch = 0,
        };
        var payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = new SignatureHeader { Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)) }.ToByteString(),
            },
            Data = new ConfigEnvelope { Config = options.ChannelConfig ?? new Config { ChannelGroup = new ConfigGroup() } }.ToByteString(),
        };
        var envelope = new Envelope { Payload = payload.ToByteString() };
        var block = await CreateBlockAsync(0, ByteString.Empty, [envelope.ToByteString()], options, cancellationToken).ConfigureAwait(false);
        block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter] = ByteString.CopyFrom(0);
        return block;
    }

    /// <summary>A block of <paramref name="envelopes"/> with SIGNATURES (orderer-signed) and LAST_CONFIG (0) metadata.</summary>
    public static async Task<Block> CreateBlockAsync(
        ulong number, ByteString previousHash, IReadOnlyList<ByteString> envelopes, OrderedChannelOptions options, CancellationToken cancellationToken)
    {
        var data = new BlockData();
        data.Data.AddRange(envelopes);
        var header = new BlockHeader
        {
            Number = number,
            PreviousHash = previousHash,
            DataHash = ByteString.CopyFrom(BlockHashing.DataHash(data)),
        };
        var block = new Block { Header = header, Data = data, Metadata = new BlockMetadata() };
        for (var i = 0; i <= (int)BlockMetadataIndex.CommitHash; i++)
        {
            block.Metadata.Metadata.Add(ByteString.Empty);
        }

        // the channel has one config block, block 0, so every block's last config is 0
        var lastConfig = new LastConfig { Index = 0 };
        var value = new OrdererBlockMetadata { LastConfig = lastConfig }.ToByteString();
        var signatureHeader = new SignatureHeader
        {
            Creator = ByteString.CopyFrom(options.OrdererIdentity.ToSerializedIdentity()),
            Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)),
        }.ToByteString();
        var headerBytes = BlockHashing.HeaderBytes(header);
        var signed = new byte[value.Length + signatureHeader.Length + headerBytes.Length];
        value.Span.CopyTo(signed);
        signatureHeader.Span.CopyTo(signed.AsSpan(value.Length));
        headerBytes.CopyTo(signed.AsSpan(value.Length + signatureHeader.Length));
        var signature = await options.OrdererSigner.SignAsync(SHA256.HashData(signed), cancellationToken).ConfigureAwait(false);
        var signatures = new Metadata { Value = value };
        signatures.Signatures.Add(new MetadataSignature { SignatureHeader = signatureHeader, Signature = ByteString.CopyFrom(signature) });
        block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures] = signatures.ToByteString();
        block.Metadata.Metadata[(int)BlockMetadataIndex.LastConfig] = new Metadata { Value = lastConfig.ToByteString() }.ToByteString();
        return block;
    }
}
