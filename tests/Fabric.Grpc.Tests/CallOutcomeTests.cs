using Fabric.Grpc.Interop;
using Fabric.Grpc.Server;
using Fabric.Grpc.Tests.Infrastructure;
using TestSupport;

namespace Fabric.Grpc.Tests;

/// <summary>Deadlines, cancellation, error statuses, metadata and size limits, our client against our server.</summary>
public sealed class CallOutcomeTests : IAsyncLifetime
{
    private EchoHarness _harness = null!;

    private GrpcChannel Channel => _harness.Channel;

    public async Task InitializeAsync() => _harness = await EchoHarness.StartAsync(
        new GrpcServerOptions { MaxReceiveMessageSize = 64 * 1024 },
        new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task UnaryAsync_DeadlineExpires_ThrowsDeadlineExceededWhileServerStillWorks()
    {
        // The server would answer after an hour: only the deadline can end this call inside the test timeout.
        var options = new CallOptions { Deadline = DateTime.UtcNow.AddMilliseconds(300) };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { DelayMs = 3_600_000 }, options).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_DeadlineAlreadyPassed_ThrowsDeadlineExceeded()
    {
        var options = new CallOptions { Deadline = DateTime.UtcNow.AddSeconds(-1) };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest(), options).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_ServerSeesDeadline_ContextDeadlineIsSet()
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        await using var server = new GrpcServer(new GrpcServerOptions());
        server.AddUnary(EchoMethods.Unary, (_, context) => Task.FromResult(new EchoResponse { Message = context.Deadline.ToString("O") }));
        await server.StartAsync().WithTimeout(TestTimeouts.Long);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var response = await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest(), new CallOptions { Deadline = deadline }).WithTimeout(TestTimeouts.Short);

        var seen = DateTime.Parse(response.Message, null, System.Globalization.DateTimeStyles.RoundtripKind);
        Assert.InRange(seen, deadline.AddSeconds(-5), deadline.AddSeconds(1));
    }

    [Fact]
    public async Task UnaryAsync_CallerCancels_ThrowsOperationCanceledAndServerSeesCancellation()
    {
        var serverCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new GrpcServer(new GrpcServerOptions());
        server.AddUnary(EchoMethods.Unary, async (_, context) =>
        {
            context.CancellationToken.Register(() => serverCancelled.TrySetResult());
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return new EchoResponse();
        });
        await server.StartAsync().WithTimeout(TestTimeouts.Long);
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var cts = new CancellationTokenSource();

        var call = channel.UnaryAsync(EchoMethods.Unary, new EchoRequest(), new CallOptions { CancellationToken = cts.Token });
        await started.Task.WithTimeout(TestTimeouts.Short);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WithTimeout(TestTimeouts.Short));
        await serverCancelled.Task.WithTimeout(TestTimeouts.Short);
    }

    [Fact]
    public async Task ServerStreaming_Dispose_CancelsServerHandler()
    {
        var serverCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new GrpcServer(new GrpcServerOptions());
        server.AddServerStreaming(EchoMethods.ServerStream, async (_, writer, context) =>
        {
            context.CancellationToken.Register(() => serverCancelled.TrySetResult());
            await writer.WriteAsync(new EchoResponse { Message = "first" });
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        });
        await server.StartAsync().WithTimeout(TestTimeouts.Long);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var call = channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest());
        Assert.True(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
        call.Dispose();

        await serverCancelled.Task.WithTimeout(TestTimeouts.Short);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_HandlerThrowsRpcExceptionWithDetails_ClientGetsStatusAndDetails()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "boom é%", FailWithCode = (int)StatusCode.FailedPrecondition }).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("requested failure: boom é%", error.Status.Detail);
        Assert.NotNull(error.StatusDetails);
        Assert.Equal((int)StatusCode.FailedPrecondition, error.StatusDetails.Code);
        Assert.Equal("requested failure: boom é%", error.StatusDetails.Details[0].Unpack<EchoResponse>().Message);
    }

    [Fact]
    public async Task ServerStreaming_HandlerFailsAfterMessages_MessagesThenRpcException()
    {
        await using var server = new GrpcServer(new GrpcServerOptions());
        server.AddServerStreaming(EchoMethods.ServerStream, async (_, writer, _) =>
        {
            await writer.WriteAsync(new EchoResponse { Index = 0 });
            throw new RpcException(new Status(StatusCode.Aborted, "stopped midway"));
        });
        await server.StartAsync().WithTimeout(TestTimeouts.Long);
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest());

        Assert.True(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("stopped midway", call.GetStatus().Detail);
    }

    [Fact]
    public async Task DuplexStreaming_ServerFailsWhileClientWrites_ReaderSeesServerStatus()
    {
        await using var server = new GrpcServer(new GrpcServerOptions());
        server.AddDuplexStreaming(EchoMethods.Duplex, async (requests, _, _) =>
        {
            await requests.MoveNext();
            throw new RpcException(new Status(StatusCode.PermissionDenied, "no more"));
        });
        await server.StartAsync().WithTimeout(TestTimeouts.Long);
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.DuplexStreaming(EchoMethods.Duplex);

        await call.RequestStream.WriteAsync(new EchoRequest()).WithTimeout(TestTimeouts.Short);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
        var writeError = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest()).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, writeError.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_HandlerThrowsOtherException_ClientGetsUnknown()
    {
        await using var server = new GrpcServer(new GrpcServerOptions());
        server.AddUnary<EchoRequest, EchoResponse>(EchoMethods.Unary, (_, _) => throw new InvalidOperationException("secret internals"));
        await server.StartAsync().WithTimeout(TestTimeouts.Long);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("Exception was thrown by handler.", error.Status.Detail);
    }

    [Fact]
    public async Task UnaryAsync_UnknownMethod_ThrowsUnimplemented()
    {
        var missing = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "fabric.interop.Nope", "Missing", EchoMethods.Unary.RequestMarshaller, EchoMethods.Unary.ResponseMarshaller);

        var error = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(missing, new EchoRequest()).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_HeadersAndTrailers_RoundTripTextAndBinaryMetadata()
    {
        await using var server = new GrpcServer(new GrpcServerOptions());
        server.AddUnary(EchoMethods.Unary, async (_, context) =>
        {
            var headers = new Metadata { { "x-reply", context.RequestHeaders.GetValue("x-text") ?? "missing" } };
            await context.WriteResponseHeadersAsync(headers);
            context.ResponseTrailers.Add("x-bytes-bin", context.RequestHeaders.GetValueBytes("x-bytes-bin") ?? []);
            return new EchoResponse();
        });
        await server.StartAsync().WithTimeout(TestTimeouts.Long);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var request = new Metadata { { "x-text", "abc" }, { "x-bytes-bin", new byte[] { 0, 1, 2, 255 } } };

        using var call = channel.ServerStreaming(
            new Method<EchoRequest, EchoResponse>(MethodType.ServerStreaming, EchoMethods.ServiceName, "Unary", EchoMethods.Unary.RequestMarshaller, EchoMethods.Unary.ResponseMarshaller),
            new EchoRequest(),
            new CallOptions { Headers = request });
        var headers = await call.ResponseHeadersAsync.WithTimeout(TestTimeouts.Short);
        while (await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short))
        {
        }

        Assert.Equal("abc", headers.GetValue("x-reply"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, call.GetTrailers().GetValueBytes("x-bytes-bin"));
    }

    [Fact]
    public async Task UnaryAsync_ResponseOverClientLimit_ThrowsResourceExhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { PayloadSize = 100_000 }).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.StartsWith("Received message larger than max (", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_RequestOverServerLimit_ThrowsResourceExhausted()
    {
        var request = new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[100_000]) };

        var error = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(EchoMethods.Unary, request).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("larger than max", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_RequestOverClientSendLimit_ThrowsResourceExhaustedWithoutSending()
    {
        using var channel = GrpcChannel.ForAddress(_harness.Server.Address, new GrpcChannelOptions { MaxSendMessageSize = 10 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "more than ten bytes" }).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_ConnectionRefused_ThrowsUnavailable()
    {
        var port = FreePorts.Next();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

}
