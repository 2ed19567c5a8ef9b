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
    /// which Fabric's orderer keeps and serves byte for byte, the envelope is unsigned, its signature header
    /// carries only a nonce, and the only metadata is SIGNATURES holding <c>last_config {0}</c> without a signature.
    /// </summary>
    public static Task<Block> CreateConfigBlockAsync(OrderedChannelOptions options, CancellationToken cancellationToken)
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
        cancellationToken.ThrowIfCancellationRequested();
        var block = Unsigned(0, ByteString.Empty, [envelope.ToByteString()]);
        var value = new OrdererBlockMetadata { LastConfig = new LastConfig { Index = 0 } }.ToByteString();
        block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures] = new Metadata { Value = value }.ToByteString();
        return Task.FromResult(block);
    }

    /// <summary>
    /// A block of <paramref name="envelopes"/> as a one-node etcdraft orderer writes it: SIGNATURES holds
    /// OrdererBlockMetadata (last config 0, the Raft consenter metadata) and one orderer signature;
    /// LAST_CONFIG, TRANSACTIONS_FILTER and COMMIT_HASH stay empty (peers fill in the last two).
    /// </summary>
    public static async Task<Block> CreateBlockAsync(
        ulong number, ByteString previousHash, IReadOnlyList<ByteString> envelopes, OrderedChannelOptions options, CancellationToken cancellationToken)
    {
        var block = Unsigned(number, previousHash, envelopes);
        var header = block.Header;

        // the channel has one config block, block 0, so every block's last config is 0
        var lastConfig = new LastConfig { Index = 0 };
        var value = new OrdererBlockMetadata { LastConfig = lastConfig, ConsenterMetadata = RaftMetadata(number) }.ToByteString();
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
        return block;
    }

    /// <summary>
    /// What Fabric's etcdraft chain puts in consenter_metadata: the one consenter (id 1), the next id it
    /// would give, and the Raft log index of the entry that carried the block. Our single node has no Raft
    /// log, so the index is the block number plus one (the entry after the node's bootstrap entry).
    /// </summary>
    private static ByteString RaftMetadata(ulong number)
    {
        var raft = new Hyperledger.Fabric.Protos.Orderer.EtcdRaft.BlockMetadata { NextConsenterId = 2, RaftIndex = number + 1 };
        raft.ConsenterIds.Add(1);
        return new Metadata { Value = raft.ToByteString() }.ToByteString();
    }

    private static Block Unsigned(ulong number, ByteString previousHash, IReadOnlyList<ByteString> envelopes)
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

        return block;
    }
}
