using Fabric.Grpc.Server;

namespace Fabric.Grpc.Tests.Infrastructure;

/// <summary>Our echo server on an ephemeral loopback port plus a channel to it.</summary>
public sealed class EchoHarness : IAsyncDisposable
{
    private EchoHarness(GrpcServer server, GrpcChannel channel)
    {
        Server = server;
        Channel = channel;
    }

    public GrpcServer Server { get; }

    public GrpcChannel Channel { get; }

    public static async Task<EchoHarness> StartAsync(GrpcServerOptions? serverOptions = null, GrpcChannelOptions? channelOptions = null)
    {
        var server = await EchoService.StartAsync(serverOptions);
        return new EchoHarness(server, GrpcChannel.ForAddress(server.Address, channelOptions));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync().AsTask().WaitAsync(TestSupport.TestTimeouts.Long);
    }
}
