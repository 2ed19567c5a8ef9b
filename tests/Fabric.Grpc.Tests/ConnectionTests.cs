using System.Collections.Concurrent;
using Fabric.Grpc.Interop;
using Fabric.Grpc.Server;
using Fabric.Grpc.Tests.Infrastructure;
using TestSupport;

namespace Fabric.Grpc.Tests;

/// <summary>Connection behaviour: multiplexing, keep-alive, server stop and restart.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task UnaryAsync_HundredConcurrentCalls_ShareOneConnection()
    {
        var peers = new ConcurrentBag<string>();
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new GrpcServer(new GrpcServerOptions());
        server.AddUnary(EchoMethods.Unary, async (request, context) =>
        {
            peers.Add(context.Peer);
            if (Interlocked.Increment(ref arrived) == 100)
            {
                allArrived.TrySetResult();
            }

            // every call stays open until all 100 are in flight at once
            await allArrived.Task.WaitAsync(context.CancellationToken);
            return new EchoResponse { Message = request.Message };
        });
        await server.StartAsync().WithTimeout(TestTimeouts.Long);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var calls = Enumerable.Range(0, 100).Select(i => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "c" + i })).ToArray();
        var responses = await Task.WhenAll(calls).WithTimeout(TestTimeouts.Long);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => "c" + i), responses.Select(r => r.Message));
        Assert.Single(peers.Distinct());
    }

    [Fact]
    public async Task UnaryAsync_ShortKeepAliveOptions_AcceptedAndCallsSucceed()
    {
        await using var harness = await EchoHarness.StartAsync(channelOptions: new GrpcChannelOptions
        {
            KeepAlivePingDelay = TimeSpan.FromSeconds(1),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });

        var first = await harness.Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "1" }).WithTimeout(TestTimeouts.Short);
        var slow = await harness.Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "2", DelayMs = 2500 }).WithTimeout(TestTimeouts.Short);

        Assert.Equal("1", first.Message);
        Assert.Equal("2", slow.Message);
    }

    [Fact]
    public void ForAddress_KeepAliveDelayUnderOneSecond_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("http://127.0.0.1:1", new GrpcChannelOptions { KeepAlivePingDelay = TimeSpan.FromMilliseconds(200) }));
    }

    [Fact]
    public async Task StopAsync_ThenNewServerOnSamePort_ChannelReconnects()
    {
        var first = await EchoService.StartAsync();
        var port = first.Port;
        using var channel = GrpcChannel.ForAddress(first.Address);
        Assert.Equal("before", (await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "before" }).WithTimeout(TestTimeouts.Short)).Message);

        await first.StopAsync().WithTimeout(TestTimeouts.Long);
        var down = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()).WithTimeout(TestTimeouts.Short));
        await using var second = await EchoService.StartAsync(new GrpcServerOptions { Port = port });
        var after = await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "after" }).WithTimeout(TestTimeouts.Short);

        Assert.Equal(StatusCode.Unavailable, down.StatusCode);
        Assert.Equal(port, second.Port);
        Assert.Equal("after", after.Message);
    }

    [Fact]
    public async Task StopAsync_WithStreamInFlight_StreamEndsUnavailable()
    {
        await using var server = new GrpcServer(new GrpcServerOptions());
        server.AddServerStreaming(EchoMethods.ServerStream, async (_, writer, context) =>
        {
            await writer.WriteAsync(new EchoResponse());
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        });
        await server.StartAsync().WithTimeout(TestTimeouts.Long);
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest());
        Assert.True(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));

        await server.StopAsync().WithTimeout(TestTimeouts.Long);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task StartAsync_AfterStop_SameInstanceServesAgain()
    {
        await using var server = await EchoService.StartAsync();
        await server.StopAsync().WithTimeout(TestTimeouts.Long);

        await server.StartAsync().WithTimeout(TestTimeouts.Long);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var response = await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "again" }).WithTimeout(TestTimeouts.Short);

        Assert.Equal("again", response.Message);
    }

    [Fact]
    public async Task UnaryAsync_DisposedChannel_ThrowsObjectDisposed()
    {
        await using var harness = await EchoHarness.StartAsync();
        harness.Channel.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => harness.Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()).WithTimeout(TestTimeouts.Short));
    }

    [Fact]
    public async Task UnaryAsync_CallerSuppliedHandler_IsUsedAndNotDisposed()
    {
        await using var server = await EchoService.StartAsync();
        using var handler = new SocketsHttpHandler();
        using (var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = handler }))
        {
            await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()).WithTimeout(TestTimeouts.Short);
        }

        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        using var again = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = handler });
        var response = await again.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "still alive" }).WithTimeout(TestTimeouts.Short);

        Assert.Equal("still alive", response.Message);
    }
}
