using System.Runtime.CompilerServices;
using Fabric.DevNetwork.Deliver.Internal;
using Fabric.DevNetwork.Hosting.Internal;
using Fabric.DevNetwork.Peers.Internal;
using Fabric.DevNetwork.Policies.Internal;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ordering.Internal;

/// <summary>
/// The orderer's gRPC endpoint: <see cref="OrdererService"/> on its own Kestrel port (TLS with the
/// orderer's certificate), serving Broadcast into the block cutter and Deliver from the orderer's block log.
/// </summary>
internal sealed partial class OrdererNode : IAsyncDisposable
{
    private readonly GrpcHost _host;
    private readonly CancellationTokenSource _stopping;
    private readonly ILogger _logger;
    private int _disposed;

    private OrdererNode(GrpcHost host, OrdererService service, CancellationTokenSource stopping, ILogger logger)
    {
        _host = host;
        Service = service;
        _stopping = stopping;
        _logger = logger;
    }

    /// <summary>The bound port.</summary>
    public int Port => _host.Port;

    /// <summary><c>https://host:port</c> with TLS, <c>http://host:port</c> without.</summary>
    public string Address => _host.Address;

    public OrdererService Service { get; }

    public static async Task<OrdererNode> StartAsync(
        OrdererEndpointOptions endpoint, OrderedChannelOptions options, OrdererBlockLog log, IOrderingService orderer, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<MspVerifier> verifiers = endpoint.OrdererOrganization is { } ordererOrg ? [.. options.Organizations, ordererOrg] : options.Organizations;
        var members = new ChannelMembers(verifiers, options.SignatureHashFamily, ChannelPolicyTree.FromConfig(options.ChannelConfig ?? new Config()), options.TimeProvider);
        var stopping = new CancellationTokenSource();
        var service = new OrdererService(
            options.ChannelId, orderer, options.Batch.AbsoluteMaxBytes, members,
            new DeliverHandler(members, options.TimeProvider, loggerFactory.CreateLogger<DeliverHandler>()),
            new LogBlockSource(log), loggerFactory.CreateLogger<OrdererService>(), stopping.Token);
        GrpcHost host;
        try
        {
            host = await GrpcHost.StartAsync(service, endpoint.Host, endpoint.Port, endpoint.TlsCertificate, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            stopping.Dispose();
            throw;
        }

        var node = new OrdererNode(host, service, stopping, loggerFactory.CreateLogger<OrdererNode>());
        LogStarted(node._logger, options.ChannelId, host.Address);
        return node;
    }

    /// <summary>Ends open calls with UNAVAILABLE, then closes the port. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        LogStopped(_logger);
    }

    [LoggerMessage(EventId = 6122, Level = LogLevel.Information, Message = "Orderer of channel {ChannelId} serving Broadcast and Deliver at {Address}")]
    private static partial void LogStarted(ILogger logger, string channelId, string address);

    [LoggerMessage(EventId = 6123, Level = LogLevel.Information, Message = "Orderer endpoint stopped")]
    private static partial void LogStopped(ILogger logger);

    /// <summary>The orderer's copy of the chain as a deliver source: blocks exactly as cut.</summary>
    private sealed class LogBlockSource(OrdererBlockLog log) : IDeliverBlockSource
    {
        public string ChannelId => log.ChannelId;

        public ulong Height => log.Height;

        public async IAsyncEnumerable<Block> ReadBlocksAsync(ulong startBlock, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var block in log.ReadBlocksAsync(startBlock, cancellationToken).ConfigureAwait(false))
            {
                yield return block;
            }
        }
    }
}
