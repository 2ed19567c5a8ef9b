using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Hosting.Internal;
using Fabric.DevNetwork.Ledger.Internal;
using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Ordering.Internal;
using Fabric.DevNetwork.Policies.Internal;
using Fabric.DevNetwork.Tests.Ledger.Support;
using Fabric.DevNetwork.Tests.Rules;
using Google.Protobuf;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Ledger;

/// <summary>
/// A peer's Deliver intake checks every block after the genesis block before its committer sees it, as
/// Fabric's peer does: data hash, hash chain, and the orderer's signatures under /Channel/Orderer/BlockValidation.
/// A test orderer endpoint on a real socket serves a tampered block 2; the peer's Deliver client must refuse
/// it, log it, dial again, and hand on only the genuine block 2 once the orderer serves it.
/// </summary>
[Collection(NetworkMaterialCollection.Name)]
public sealed class BlockSignatureVerificationTests(NetworkMaterial material)
{
    public enum Tampering
    {
        DataChanged,
        SignedByPeer,
        WrongPreviousHash,
        NoSignature,
    }

    [Theory]
    [InlineData(Tampering.DataChanged)]
    [InlineData(Tampering.SignedByPeer)]
    [InlineData(Tampering.WrongPreviousHash)]
    [InlineData(Tampering.NoSignature)]
    public async Task ReadBlocksAsync_TamperedBlock_RefusedLoggedAndRedialledUntilTheGenuineBlock(Tampering tampering)
    {
        var options = Options();
        var genesis = await BlockFactory.CreateConfigBlockAsync(options, CancellationToken.None);
        var first = await BlockFactory.CreateBlockAsync(1, Hash(genesis), [ByteString.CopyFromUtf8("tx-1")], options, CancellationToken.None);
        var genuine = await BlockFactory.CreateBlockAsync(2, Hash(first), [ByteString.CopyFromUtf8("tx-2")], options, CancellationToken.None);
        var tampered = await TamperAsync(tampering, genuine, first, options);
        var orderer = new TestOrderer();
        orderer.Serve(genesis, first, tampered);
        await using var host = await GrpcHost.StartAsync(orderer, "127.0.0.1", 0, null, NullLoggerFactory.Instance, CancellationToken.None).WithTimeout();
        using var logs = new CapturingLogs();
        using var loggerFactory = logs.CreateFactory();
        await using var client = Client(host.Address, options, loggerFactory);
        using var stop = new CancellationTokenSource();
        await using var blocks = client.ReadBlocksAsync(0, null, stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await blocks.MoveNextAsync().AsTask().WithTimeout());
        Assert.Equal(genesis, blocks.Current);
        Assert.True(await blocks.MoveNextAsync().AsTask().WithTimeout());
        Assert.Equal(first, blocks.Current);
        var next = blocks.MoveNextAsync().AsTask();

        // refused once on the first stream, then asked for again on a second one: the peer keeps waiting
        await orderer.WaitForRequestsAsync(2, requests: 2).WithTimeout();
        Assert.False(next.IsCompleted, "the tampered block was handed to the committer");
        Assert.Contains(logs.Entries, e => e.EventId == 6125 && e.Message.Contains("refused block 2", StringComparison.Ordinal));

        orderer.Serve(genesis, first, genuine);
        Assert.True(await next.WithTimeout());
        Assert.Equal(genuine, blocks.Current);
        await stop.CancelAsync();
    }

    [Fact]
    public async Task ReadBlocksAsync_GenuineBlocks_HandedOnInOrderWithoutRedial()
    {
        var options = Options();
        var genesis = await BlockFactory.CreateConfigBlockAsync(options, CancellationToken.None);
        var first = await BlockFactory.CreateBlockAsync(1, Hash(genesis), [ByteString.CopyFromUtf8("tx-1")], options, CancellationToken.None);
        var second = await BlockFactory.CreateBlockAsync(2, Hash(first), [ByteString.CopyFromUtf8("tx-2")], options, CancellationToken.None);
        var orderer = new TestOrderer();
        orderer.Serve(genesis, first, second);
        await using var host = await GrpcHost.StartAsync(orderer, "127.0.0.1", 0, null, NullLoggerFactory.Instance, CancellationToken.None).WithTimeout();
        await using var client = Client(host.Address, options, NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var received = new List<Block>();
        await foreach (var block in client.ReadBlocksAsync(0, null, stop.Token).WithCancellation(stop.Token))
        {
            received.Add(block);
            if (received.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([genesis, first, second], received);
        Assert.Equal(1, orderer.StreamsOpened);
    }

    [Fact]
    public async Task ReadBlocksAsync_ResumingAfterCommittedBlock_FirstBlockMustChainToIt()
    {
        // A restarted peer resumes at block 2 and knows block 1's header hash; the orderer serves a block 2
        // that it signed properly but that extends another block 1.
        var options = Options();
        var genesis = await BlockFactory.CreateConfigBlockAsync(options, CancellationToken.None);
        var first = await BlockFactory.CreateBlockAsync(1, Hash(genesis), [ByteString.CopyFromUtf8("tx-1")], options, CancellationToken.None);
        var otherFirst = await BlockFactory.CreateBlockAsync(1, Hash(genesis), [ByteString.CopyFromUtf8("tx-1-other")], options, CancellationToken.None);
        var forked = await BlockFactory.CreateBlockAsync(2, Hash(otherFirst), [ByteString.CopyFromUtf8("tx-2")], options, CancellationToken.None);
        var genuine = await BlockFactory.CreateBlockAsync(2, Hash(first), [ByteString.CopyFromUtf8("tx-2")], options, CancellationToken.None);
        var orderer = new TestOrderer();
        orderer.Serve(genesis, otherFirst, forked);
        await using var host = await GrpcHost.StartAsync(orderer, "127.0.0.1", 0, null, NullLoggerFactory.Instance, CancellationToken.None).WithTimeout();
        using var logs = new CapturingLogs();
        using var loggerFactory = logs.CreateFactory();
        await using var client = Client(host.Address, options, loggerFactory);
        using var stop = new CancellationTokenSource();
        await using var blocks = client.ReadBlocksAsync(2, BlockHashing.HeaderHash(first.Header), stop.Token).GetAsyncEnumerator(stop.Token);
        var next = blocks.MoveNextAsync().AsTask();

        await orderer.WaitForRequestsAsync(2, requests: 2).WithTimeout();
        Assert.False(next.IsCompleted, "a block not chaining to the peer's last committed block was handed on");
        Assert.Contains(logs.Entries, e => e.EventId == 6125 && e.Message.Contains("refused block 2", StringComparison.Ordinal));

        orderer.Serve(genesis, first, genuine);
        Assert.True(await next.WithTimeout());
        Assert.Equal(genuine, blocks.Current);
        await stop.CancelAsync();
    }

    private OrderedChannelOptions Options() => new()
    {
        DataDirectory = "unused",
        ChannelId = "healthchannel",
        Organizations = material.Verifiers,
        OrdererIdentity = material.Orderer.Identity,
        OrdererSigner = material.Orderer.Signer,
        ChannelConfig = ChannelConfigBuilder.Build(material.Material, new BatchOptions()),
    };

    private OrdererDeliverClient Client(string address, OrderedChannelOptions options, ILoggerFactory loggerFactory)
    {
        var ordererOrg = material.Material.Organizations.Single(o => o.IsOrdererOrg);
        var verifier = new BlockSignatureVerifier(
            options.ChannelId, [.. material.Verifiers, MspDirectory.Load(ordererOrg.MspDirectory, ordererOrg.MspId).CreateVerifier()],
            MspHashFamily.Sha2, ChannelPolicyTree.FromConfig(options.ChannelConfig!), TimeProvider.System);
        return new OrdererDeliverClient(
            "peer0.org1.example.com", options.ChannelId, address, null, material.Org1Peer.Identity, material.Org1Peer.Signer, MspHashFamily.Sha2,
            TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeProvider.System,
            loggerFactory.CreateLogger<OrdererDeliverClient>(), verifier);
    }

    private async Task<Block> TamperAsync(Tampering tampering, Block genuine, Block previous, OrderedChannelOptions options)
    {
        switch (tampering)
        {
            case Tampering.DataChanged:
                var changed = genuine.Clone();
                changed.Data.Data[0] = ByteString.CopyFromUtf8("tx-X");
                return changed;
            case Tampering.SignedByPeer:
                // a valid channel member, but not one the orderer organisation's Writers admit
                var byPeer = options with { OrdererIdentity = material.Org1Peer.Identity, OrdererSigner = material.Org1Peer.Signer };
                return await BlockFactory.CreateBlockAsync(2, Hash(previous), [ByteString.CopyFromUtf8("tx-2")], byPeer, CancellationToken.None);
            case Tampering.WrongPreviousHash:
                // properly signed by the orderer, but it does not extend block 1
                return await BlockFactory.CreateBlockAsync(2, ByteString.CopyFrom(new byte[32]), [ByteString.CopyFromUtf8("tx-2")], options, CancellationToken.None);
            default:
                var unsigned = genuine.Clone();
                var metadata = Metadata.Parser.ParseFrom(unsigned.Metadata.Metadata[(int)BlockMetadataIndex.Signatures]);
                metadata.Signatures.Clear();
                unsigned.Metadata.Metadata[(int)BlockMetadataIndex.Signatures] = metadata.ToByteString();
                return unsigned;
        }
    }

    private static ByteString Hash(Block block) => ByteString.CopyFrom(BlockHashing.HeaderHash(block.Header));
}
