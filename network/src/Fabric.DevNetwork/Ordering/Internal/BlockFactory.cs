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
    /// Block 0: one CONFIG envelope signed by the orderer, whose data is a minimal
    /// <c>common.ConfigEnvelope</c> (an empty <c>Config</c> with sequence 0). The dev network's real
    /// channel configuration (organisations, policies) lives in its options, not in this block.
    /// </summary>
    public static async Task<Block> CreateConfigBlockAsync(OrderedChannelOptions options, CancellationToken cancellationToken)
    {
        var creator = ByteString.CopyFrom(options.OrdererIdentity.ToSerializedIdentity());
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
                SignatureHeader = new SignatureHeader { Creator = creator, Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)) }.ToByteString(),
            },

            // ConfigEnvelope { config (1): Config { sequence: 0, channel_group (2): {} } }
            Data = ByteString.CopyFrom(0x0A, 0x02, 0x12, 0x00),
        };
        var payloadBytes = payload.ToByteString();
        var signature = await options.OrdererSigner.SignAsync(SHA256.HashData(payloadBytes.Span), cancellationToken).ConfigureAwait(false);
        var envelope = new Envelope { Payload = payloadBytes, Signature = ByteString.CopyFrom(signature) };
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
