using System.Text;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Tests;

/// <summary>What happens to in-flight transactions when the peer goes away.</summary>
public sealed class PeerDisconnectTests
{
    [Fact]
    public async Task Disconnect_MidTransaction_FailsTheWaitingStubCallAndCancelsTheToken()
    {
        var failure = new TaskCompletionSource<(Exception Error, bool Cancelled)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var chaincode = new DelegateChaincode(async (stub, ct) =>
        {
            try
            {
                await stub.GetStateAsync("k", CancellationToken.None);
                failure.TrySetException(new InvalidOperationException("GET_STATE unexpectedly succeeded"));
            }
            catch (Exception e)
            {
                failure.TrySetResult((e, ct.IsCancellationRequested));
                throw;
            }

            return ChaincodeResponse.Success();
        });
        await using var server = await ShimServer.StartAsync(chaincode);
        var peer = await FakePeer.ConnectAsync(server.Address);
        await peer.SendTransactionAsync("tx1", ["f"]);
        Assert.Equal(MessageType.GetState, (await peer.ReceiveAsync("tx1")).Type);

        peer.Disconnect();
        var (error, cancelled) = await failure.Task.WithTimeout(TestTimeouts.Short);
        await peer.DisposeAsync();

        var peerError = Assert.IsType<PeerRequestException>(error);
        Assert.True(peerError.IsDisconnected);
        Assert.True(cancelled);
    }

    [Fact]
    public async Task Disconnect_ThenReconnect_NewStreamServesTransactions()
    {
        var chaincode = new DelegateChaincode(async (stub, ct) =>
        {
            var value = await stub.GetStateAsync("k", ct);
            return ChaincodeResponse.Success(value ?? []);
        });
        await using var server = await ShimServer.StartAsync(chaincode);
        var first = await FakePeer.ConnectAsync(server.Address);
        await first.SendTransactionAsync("tx1", ["f"]);
        await first.ReceiveAsync("tx1");
        first.Disconnect();
        await first.DisposeAsync();

        await using var second = await FakePeer.ConnectAsync(server.Address);
        var ledger = new ScriptedLedger().Seed("k", "v");
        var final = await second.RunAsync("tx2", ["f"], ledger.Respond);

        Assert.Equal("v", Response.Parser.ParseFrom(final.Payload).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Stop_WithTransactionInFlight_EndsTheStream()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var chaincode = new DelegateChaincode(async (stub, ct) =>
        {
            started.TrySetResult();
            await stub.GetStateAsync("k", ct);
            return ChaincodeResponse.Success(Encoding.UTF8.GetBytes("unreachable"));
        });
        var server = await ShimServer.StartAsync(chaincode);
        await using var peer = await FakePeer.ConnectAsync(server.Address);
        await peer.SendTransactionAsync("tx1", ["f"]);
        await started.Task.WithTimeout(TestTimeouts.Short);
        await peer.ReceiveAsync("tx1");

        await server.StopAsync().WithTimeout(TestTimeouts.Short);
        await server.DisposeAsync().AsTask().WithTimeout(TestTimeouts.Short);
        var closed = await Record.ExceptionAsync(() => peer.Closed.WithTimeout(TestTimeouts.Short));

        Assert.DoesNotContain(peer.Received, m => m.Type == MessageType.Completed);
        Assert.True(closed is null or Grpc.Core.RpcException or IOException, closed?.ToString());
    }
}
