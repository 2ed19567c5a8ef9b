using Grpc.Core;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using Xunit.Abstractions;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>Block, filtered-block and block-and-private-data events against the dev network's Deliver service.</summary>
[Collection(NetworkCollection.Name)]
public sealed class BlockEventsTests(NetworkFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task GetBlockEventsAsync_StartBlock_ConsecutiveBlocksHoldingTheCommittedTransactions()
    {
        using var gateway = fixture.Connect();
        var committed = await ChaincodeEventsTests.SubmitEventsAsync(gateway, 3);
        var first = committed[0].Status.BlockNumber;
        var last = committed[^1].Status.BlockNumber;

        var blocks = await TakeAsync(gateway.GetNetwork(fixture.Channel).GetBlockEventsAsync(new BlockEventsOptions { StartBlock = first }), b => b.Header.Number, last);

        Assert.Equal(Enumerable.Range((int)first, (int)(last - first + 1)).Select(n => (ulong)n), blocks.Select(b => b.Header.Number));
        foreach (var c in committed)
        {
            var block = blocks.Single(b => b.Header.Number == c.Status.BlockNumber);
            Assert.Contains(c.TransactionId, TransactionIds(block));
            // The peer's copy: one validation code per transaction.
            Assert.Equal(block.Data.Data.Count, block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Length);
        }
    }

    [Fact]
    public async Task GetFilteredBlockEventsAsync_StartBlock_TransactionIdsValidCodesAndEventsWithoutPayload()
    {
        using var gateway = fixture.Connect();
        var committed = await ChaincodeEventsTests.SubmitEventsAsync(gateway, 2);

        var blocks = await TakeAsync(
            gateway.GetNetwork(fixture.Channel).GetFilteredBlockEventsAsync(new BlockEventsOptions { StartBlock = committed[0].Status.BlockNumber }),
            b => b.Number,
            committed[^1].Status.BlockNumber);

        foreach (var c in committed)
        {
            var transaction = blocks.Single(b => b.Number == c.Status.BlockNumber).FilteredTransactions.Single(t => t.Txid == c.TransactionId);
            Assert.Equal(TxValidationCode.Valid, transaction.TxValidationCode);
            var chaincodeEvent = Assert.Single(transaction.TransactionActions.ChaincodeActions).ChaincodeEvent;
            Assert.Equal((NetworkFixture.ChaincodeName, "put"), (chaincodeEvent.ChaincodeId, chaincodeEvent.EventName));
            Assert.True(chaincodeEvent.Payload.IsEmpty);
        }
    }

    [Fact]
    public async Task GetBlockAndPrivateDataEventsAsync_StartBlock_PeerBlockWithAnEmptyPrivateDataMap()
    {
        using var gateway = fixture.Connect();
        var committed = await ChaincodeEventsTests.SubmitEventsAsync(gateway, 1);
        var number = committed[0].Status.BlockNumber;

        var blocks = await TakeAsync(
            gateway.GetNetwork(fixture.Channel).GetBlockAndPrivateDataEventsAsync(new BlockEventsOptions { StartBlock = number }), b => b.Block.Header.Number, number);

        var only = Assert.Single(blocks);
        Assert.Equal((await fixture.Network.Ledger.GetBlockAsync(number).WithTimeout()).Block, only.Block);
        Assert.Empty(only.PrivateDataMap);
    }

    [Fact]
    public async Task GetBlockEventsAsync_Checkpointer_ResumesAtTheBlockAfterTheCheckpointedOne()
    {
        using var gateway = fixture.Connect();
        var committed = await ChaincodeEventsTests.SubmitEventsAsync(gateway, 2);
        var checkpointer = new InMemoryCheckpointer();
        await checkpointer.CheckpointBlockAsync(committed[0].Status.BlockNumber);

        var blocks = await TakeAsync(
            gateway.GetNetwork(fixture.Channel).GetBlockEventsAsync(new BlockEventsOptions { StartBlock = 0, Checkpointer = checkpointer }),
            b => b.Header.Number,
            committed[1].Status.BlockNumber);

        Assert.Equal(committed[0].Status.BlockNumber + 1, blocks[0].Header.Number);
    }

    [Fact]
    public async Task NewBlockEventsRequest_SignedOffline_DeliversBlocks()
    {
        using var writer = fixture.Connect();
        var committed = await ChaincodeEventsTests.SubmitEventsAsync(writer, 1);
        var number = committed[0].Status.BlockNumber;
        using var gateway = Gateway.Connect(fixture.Options() with { Signer = null });
        var unsigned = gateway.GetNetwork(fixture.Channel).NewFilteredBlockEventsRequest(new BlockEventsOptions { StartBlock = number });

        var signed = gateway.NewSignedFilteredBlockEventsRequest(unsigned.Bytes, await fixture.Signer().SignAsync(unsigned.Digest));
        var blocks = await TakeAsync(signed.GetEventsAsync(), b => b.Number, number);

        Assert.Contains(Assert.Single(blocks).FilteredTransactions, t => t.Txid == committed[0].TransactionId);
        Assert.Throws<InvalidOperationException>(() => unsigned.GetEventsAsync());
    }

    [Fact]
    public async Task GetBlockEventsAsync_OrdererOrganizationIdentity_PermissionDeniedFromTheForbiddenStatus()
    {
        var orderer = fixture.Network.Crypto.Organizations.First(o => o.IsOrdererOrg);
        var options = fixture.Options() with
        {
            Identity = Hyperledger.Fabric.Identity.X509Identity.FromPemFile(orderer.MspId, orderer.Users[0].SigningCertificatePath),
            Signer = Hyperledger.Fabric.Identity.Signers.FromPemFile(orderer.Users[0].PrivateKeyPath),
        };
        using var gateway = Gateway.Connect(options);

        var error = await Assert.ThrowsAsync<GatewayException>(() => TakeAsync(gateway.GetNetwork(fixture.Channel).GetBlockEventsAsync(new BlockEventsOptions { StartBlock = 0 }), b => b.Header.Number, 0));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(GatewayOperation.BlockEvents, error.Operation);
    }

    [Fact]
    public async Task GetBlockEventsAsync_ClientRoleIdentity_PermissionDeniedBecauseBlocksHoldEveryPatientsData()
    {
        using var gateway = Gateway.Connect(fixture.Options() with { Identity = fixture.Identity(user: "User1"), Signer = fixture.Signer(user: "User1") });

        var error = await Assert.ThrowsAsync<GatewayException>(() => TakeAsync(gateway.GetNetwork(fixture.Channel).GetBlockEventsAsync(new BlockEventsOptions { StartBlock = 0 }), b => b.Header.Number, 0));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task GetFilteredBlockEventsAsync_ClientRoleIdentity_AllowedBecauseFilteredBlocksCarryNoLedgerData()
    {
        using var gateway = Gateway.Connect(fixture.Options() with { Identity = fixture.Identity(user: "User1"), Signer = fixture.Signer(user: "User1") });

        var blocks = await TakeAsync(gateway.GetNetwork(fixture.Channel).GetFilteredBlockEventsAsync(new BlockEventsOptions { StartBlock = 0 }), b => b.Number, 0);

        Assert.Equal(0UL, Assert.Single(blocks).Number);
    }

    [Fact]
    public async Task GetBlockEventsAsync_CallOptionsDeadline_EndsTheWaitingStreamWithDeadlineExceeded()
    {
        using var gateway = fixture.Connect();
        var options = new BlockEventsOptions { CallOptions = new GatewayCallOptions { Deadline = DateTime.UtcNow.AddMilliseconds(500) } };

        var error = await Assert.ThrowsAsync<GatewayException>(async () =>
        {
            // Waits at the next block to commit, which no one submits.
            await foreach (var unused in gateway.GetNetwork(fixture.Channel).GetBlockEventsAsync(options))
            {
            }
        }).WithTimeout();

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task GetBlockEventsAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var gateway = fixture.Connect();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in gateway.GetNetwork(fixture.Channel).GetBlockEventsAsync(cancellationToken: cts.Token))
            {
            }
        }).WithTimeout();
    }

    [Fact]
    public async Task GetBlockEventsAsync_PeerRestartedMidStream_ResumesWithNoBlockLostOrRepeated()
    {
        using var org1 = Gateway.Connect(fixture.Options(fixture.Org1Peer) with { LoggerFactory = new TestOutputLoggerFactory(output) });
        using var org2 = fixture.Connect(fixture.Org2Peer);
        var start = (await ChaincodeEventsTests.SubmitEventsAsync(org1, 1))[0].Status.BlockNumber;
        var options = new BlockEventsOptions { StartBlock = start, Reconnect = true, ReconnectDelay = TimeSpan.FromMilliseconds(200), MaxReconnectDelay = TimeSpan.FromSeconds(1) };
        var received = new System.Collections.Concurrent.ConcurrentQueue<Block>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            await foreach (var block in org1.GetNetwork(fixture.Channel).GetBlockEventsAsync(options, stop.Token))
            {
                received.Enqueue(block);
            }
        });

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            await ChaincodeEventsTests.SubmitEventsAsync(org2, 2); // committed while the stream's peer is down
        }

        var last = (await ChaincodeEventsTests.SubmitEventsAsync(org1, 1))[0];
        await WaitUntilAsync(() => received.Any(b => b.Header.Number == last.Status.BlockNumber) || reader.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader).WithTimeout();

        var numbers = received.Select(b => b.Header.Number).ToList();
        Assert.Equal(Enumerable.Range((int)start, numbers.Count).Select(n => (ulong)n), numbers);
        Assert.Contains(last.TransactionId, TransactionIds(received.Last()));
    }

    private static IEnumerable<string> TransactionIds(Block block) => block.Data.Data.Select(d =>
        ChannelHeader.Parser.ParseFrom(Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(d).Payload).Header.ChannelHeader).TxId);

    /// <summary>Reads until the block numbered <paramref name="last"/>, then leaves the loop (closing the stream).</summary>
    private static async Task<List<T>> TakeAsync<T>(IAsyncEnumerable<T> stream, Func<T, ulong> number, ulong last)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        var items = new List<T>();
        await foreach (var item in stream.WithCancellation(cts.Token))
        {
            items.Add(item);
            if (number(item) >= last)
            {
                break;
            }
        }

        return items;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }
}
