using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Protos.Gateway;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>
/// A man in the middle between the client and a real peer's Gateway: forwards every unary call and lets a
/// test rewrite Endorse responses (to tamper with endorsements).
/// </summary>
public sealed class TamperingProxy : IAsyncDisposable
{
    private readonly GrpcChannel _upstream;
    private GrpcTestServer? _server;

    private TamperingProxy(GatewayEndpoint upstream)
    {
        _upstream = GatewayChannels.ForEndpoint(upstream);
    }

    public string Address => _server!.Address;

    public Func<EndorseResponse, EndorseResponse> TamperEndorse { get; set; } = r => r;

    public static async Task<TamperingProxy> StartAsync(GatewayEndpoint upstream)
    {
        var proxy = new TamperingProxy(upstream);
        proxy._server = await GrpcTestServer.StartAsync(new Forwarder(proxy));
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _upstream.Dispose();
    }

    private sealed class Forwarder(TamperingProxy proxy) : Hyperledger.Fabric.Protos.Gateway.Gateway.GatewayBase
    {
        private Hyperledger.Fabric.Protos.Gateway.Gateway.GatewayClient Upstream => new(proxy._upstream);

        public override async Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context) =>
            await Upstream.EvaluateAsync(request, cancellationToken: context.CancellationToken);

        public override async Task<EndorseResponse> Endorse(EndorseRequest request, ServerCallContext context) =>
            proxy.TamperEndorse(await Upstream.EndorseAsync(request, cancellationToken: context.CancellationToken));

        public override async Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context) =>
            await Upstream.SubmitAsync(request, cancellationToken: context.CancellationToken);

        public override async Task<CommitStatusResponse> CommitStatus(SignedCommitStatusRequest request, ServerCallContext context) =>
            await Upstream.CommitStatusAsync(request, cancellationToken: context.CancellationToken);
    }
}
