using Fabric.Grpc.Interop;
using Fabric.Grpc.Tests.Infrastructure;
using Google.Protobuf;
using TestSupport;

namespace Fabric.Grpc.Tests;

/// <summary>Our client against the official Node gRPC server (@grpc/grpc-js), plaintext HTTP/2.</summary>
public sealed class NodeServerInteropTests : IAsyncLifetime
{
    private NodeEchoServer _node = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeEchoServer.StartAsync("--max-receive", "65536");
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_node.Port}", new GrpcChannelOptions { MaxReceiveMessageSize = 65536 });
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task UnaryAsync_AgainstNodeServer_ReturnsEchoAndTrailers()
    {
        using var call = _channel.ServerStreaming(
            new Method<EchoRequest, EchoResponse>(MethodType.ServerStreaming, EchoMethods.ServiceName, "Unary", EchoMethods.Unary.RequestMarshaller, EchoMethods.Unary.ResponseMarshaller),
            new EchoRequest { Message = "hello node" },
            new CallOptions { Headers = new Metadata { { "x-echo", "trailer-value" } } });

        Assert.True(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
        Assert.Equal("hello node", call.ResponseStream.Current.Message);
        Assert.False(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
        Assert.Equal("trailer-value", call.GetTrailers().GetValue("x-echo"));
    }

    [Fact]
    public async Task ServerStreaming_AgainstNodeServer_ReceivesAllInOrder()
    {
        using var call = _channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { Message = "s", Count = 1000 });
        using var timeout = new CancellationTokenSource(TestTimeouts.Long);

        var expected = 0;
        await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            Assert.Equal(expected++, response.Index);
        }

        Assert.Equal(1000, expected);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task DuplexStreaming_ServerSpeaksFirst_ResponseArrivesBeforeClientWrites()
    {
        using var call = _channel.DuplexStreaming(EchoMethods.Duplex, new CallOptions { Headers = new Metadata { { "x-greet", "register" } } });

        Assert.True(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
        Assert.Equal("register", call.ResponseStream.Current.Message);
        Assert.Equal(-1, call.ResponseStream.Current.Index);
        await call.RequestStream.CompleteAsync().WithTimeout(TestTimeouts.Short);
        Assert.False(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
    }

    [Fact]
    public async Task DuplexStreaming_AgainstNodeServer_ThousandMessagesEachWay()
    {
        const int count = 1000;
        using var call = _channel.DuplexStreaming(EchoMethods.Duplex);
        using var timeout = new CancellationTokenSource(TestTimeouts.Long);

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Message = "m" + i }, timeout.Token);
            }

            await call.RequestStream.CompleteAsync().WaitAsync(timeout.Token);
        });
        var received = 0;
        await foreach (var response in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            Assert.Equal("m" + received, response.Message);
            received++;
        }

        await writer.WithTimeout(TestTimeouts.Short);
        Assert.Equal(count, received);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_AgainstNodeServerDeadlineExpires_ThrowsDeadlineExceeded()
    {
        var options = new CallOptions { Deadline = DateTime.UtcNow.AddMilliseconds(300) };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { DelayMs = 10_000 }, options).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_AgainstNodeServerCancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { DelayMs = 10_000 }, new CallOptions { CancellationToken = cts.Token }).WithTimeout(TestTimeouts.Short));

        // the connection stays usable after the reset stream
        var response = await _channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "after" }).WithTimeout(TestTimeouts.Short);
        Assert.Equal("after", response.Message);
    }

    [Fact]
    public async Task UnaryAsync_AgainstNodeServerError_ThrowsWithStatusDetails()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "boom", FailWithCode = (int)StatusCode.FailedPrecondition }).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("requested failure: boom", error.Status.Detail);
        Assert.NotNull(error.StatusDetails);
        Assert.Equal((int)StatusCode.FailedPrecondition, error.StatusDetails.Code);
        Assert.Equal("requested failure: boom", error.StatusDetails.Details[0].Unpack<EchoResponse>().Message);
    }

    [Fact]
    public async Task UnaryAsync_NodeResponseOverClientLimit_ThrowsResourceExhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { PayloadSize = 200_000 }).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.StartsWith("Received message larger than max (", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_RequestOverNodeServerLimit_ThrowsResourceExhausted()
    {
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[200_000]) };

        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoMethods.Unary, request).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }
}
