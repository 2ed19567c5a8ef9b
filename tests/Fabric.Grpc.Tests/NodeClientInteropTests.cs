using Fabric.Grpc.Server;
using Fabric.Grpc.Tests.Infrastructure;
using TestSupport;

namespace Fabric.Grpc.Tests;

/// <summary>The official Node gRPC client (@grpc/grpc-js) against our server, plaintext HTTP/2.</summary>
public sealed class NodeClientInteropTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GrpcServer _server = null!;

    private string Target => $"127.0.0.1:{_server.Port}";

    public async Task InitializeAsync() =>
        _server = await EchoService.StartAsync(new GrpcServerOptions { MaxReceiveMessageSize = 65536 }, _ => _cancelled.TrySetResult());

    public async Task DisposeAsync() => await _server.DisposeAsync().AsTask().WithTimeout(TestTimeouts.Long);

    [Fact]
    public async Task Unary_NodeClient_GetsEcho()
    {
        var result = await NodeEchoClient.RunAsync(Target, "unary");

        Assert.Equal(StatusCode.OK, result.Code());
        Assert.Equal("hello from node", result.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ServerStreaming_NodeClient_ReceivesThousandInOrder()
    {
        var result = await NodeEchoClient.RunAsync(Target, "server-stream", "--count", "1000");

        Assert.Equal(StatusCode.OK, result.Code());
        Assert.Equal(1000, result.GetProperty("received").GetInt32());
        Assert.True(result.GetProperty("inOrder").GetBoolean());
    }

    [Fact]
    public async Task Duplex_NodeClient_ThousandMessagesEachWay()
    {
        var result = await NodeEchoClient.RunAsync(Target, "duplex", "--count", "1000");

        Assert.Equal(StatusCode.OK, result.Code());
        Assert.Equal(1000, result.GetProperty("received").GetInt32());
        Assert.True(result.GetProperty("inOrder").GetBoolean());
    }

    [Fact]
    public async Task Unary_NodeClientDeadlineExpires_DeadlineExceeded()
    {
        var result = await NodeEchoClient.RunAsync(Target, "deadline");

        Assert.Equal(StatusCode.DeadlineExceeded, result.Code());
    }

    [Fact]
    public async Task Unary_NodeClientCancels_ClientSeesCancelledAndHandlerIsCancelled()
    {
        var result = await NodeEchoClient.RunAsync(Target, "cancel");

        Assert.Equal(StatusCode.Cancelled, result.Code());
        await _cancelled.Task.WithTimeout(TestTimeouts.Short);
    }

    [Fact]
    public async Task Unary_HandlerFails_NodeClientGetsStatusAndDecodesDetails()
    {
        var result = await NodeEchoClient.RunAsync(Target, "error");

        Assert.Equal(StatusCode.FailedPrecondition, result.Code());
        Assert.Equal("requested failure: boom", result.GetProperty("details").GetString());
        var details = result.GetProperty("statusDetails");
        Assert.Equal((int)StatusCode.FailedPrecondition, details.GetProperty("code").GetInt32());
        Assert.Equal("details: requested failure: boom", details.GetProperty("message").GetString());
        Assert.Equal(1, details.GetProperty("details").GetInt32());
    }

    [Fact]
    public async Task Unary_ResponseOverNodeClientLimit_ResourceExhausted()
    {
        var result = await NodeEchoClient.RunAsync(Target, "too-large-response", "--max-receive", "65536");

        Assert.Equal(StatusCode.ResourceExhausted, result.Code());
    }

    [Fact]
    public async Task Unary_NodeRequestOverServerLimit_ResourceExhausted()
    {
        var result = await NodeEchoClient.RunAsync(Target, "too-large-request");

        Assert.Equal(StatusCode.ResourceExhausted, result.Code());
        Assert.Contains("larger than max", result.GetProperty("details").GetString(), StringComparison.Ordinal);
    }
}
