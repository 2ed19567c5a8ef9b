using Fabric.Grpc;
using Fabric.Grpc.Server;
using Hyperledger.Fabric.Protos.Gateway;

namespace Fabric.Gateway.Tests.Support;

/// <summary>
/// A man in the middle between the client and a real peer's Gateway: forwards every unary call and lets a
/// test rewrite Endorse responses (to tamper with endorsements).
/// </summary>
public sealed class TamperingProxy : IAsyncDisposable
{
    private readonly GrpcServer _server = new(new GrpcServerOptions());
    private readonly GrpcChannel _upstream;

    private TamperingProxy(GatewayEndpoint upstream)
    {
        _upstream = GrpcChannel.ForAddress(upstream.Address, new GrpcChannelOptions
        {
            RootCertificates = upstream.TlsRootCertificates,
            ServerNameOverride = upstream.ServerNameOverride,
        });
        Forward(GatewayService.Evaluate, r => r);
        Forward(GatewayService.Endorse, r => TamperEndorse(r));
        Forward(GatewayService.Submit, r => r);
        Forward(GatewayService.CommitStatus, r => r);
    }

    public string Address => _server.Address;

    public Func<EndorseResponse, EndorseResponse> TamperEndorse { get; set; } = r => r;

    public static async Task<TamperingProxy> StartAsync(GatewayEndpoint upstream)
    {
        var proxy = new TamperingProxy(upstream);
        await proxy._server.StartAsync();
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _upstream.Dispose();
    }

    private void Forward<TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TResponse, TResponse> rewrite)
    {
        _server.AddUnary(method, async (request, context) =>
        {
            var response = await _upstream.UnaryAsync(method, request, new CallOptions { CancellationToken = context.CancellationToken });
            return rewrite(response);
        });
    }
}
