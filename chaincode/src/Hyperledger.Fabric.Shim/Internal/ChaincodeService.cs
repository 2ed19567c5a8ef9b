using Hyperledger.Fabric.Shim.Hosting;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>
/// <c>protos.Chaincode/Connect</c> on Grpc.AspNetCore: each peer's stream gets its own stream handler.
/// The stream also ends when the host stops, so shutdown is not held up by peers that never hang up.
/// </summary>
internal sealed class ChaincodeService : Hyperledger.Fabric.Protos.Peer.Chaincode.ChaincodeBase
{
    private readonly IChaincode _chaincode;
    private readonly ChaincodeHostingOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IHostApplicationLifetime? _lifetime;

    public ChaincodeService(IChaincode chaincode, ChaincodeHostingOptions options, IServiceProvider services)
    {
        _chaincode = chaincode;
        _options = options;
        _loggerFactory = options.LoggerFactory ?? (ILoggerFactory?)services.GetService(typeof(ILoggerFactory)) ?? NullLoggerFactory.Instance;
        _lifetime = (IHostApplicationLifetime?)services.GetService(typeof(IHostApplicationLifetime));
    }

    public override async Task Connect(IAsyncStreamReader<ChaincodeMessage> requestStream, IServerStreamWriter<ChaincodeMessage> responseStream, ServerCallContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _lifetime?.ApplicationStopping ?? CancellationToken.None);
        var handler = new ChaincodeStreamHandler(_chaincode, _options.ChaincodeId, responseStream, context.Peer, _loggerFactory.CreateLogger<ChaincodeStreamHandler>());
        await handler.RunAsync(requestStream, linked.Token).ConfigureAwait(false);
    }
}
