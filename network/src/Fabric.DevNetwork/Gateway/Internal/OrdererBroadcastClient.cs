using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork.Ledger.Internal;
using Fabric.DevNetwork.Ordering;
using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Orderer;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Fabric.DevNetwork.Gateway.Internal;

/// <summary>
/// The gateway's client of the orderer's <c>Broadcast</c>, as Fabric's gateway broadcasts (internal/pkg/gateway
/// api.go): one stream per submit on a connection that is kept, the envelope sent, the send side closed and the
/// one BroadcastResponse read, within the broadcast timeout and the submit's own deadline, whichever comes first.
/// A refusal comes back as <see cref="OrdererRejectedException"/>, a transport failure or an orderer that did not
/// answer within the broadcast timeout as <see cref="InvalidOperationException"/> worded as Go's gRPC error, and a
/// submit whose own deadline passed first as <see cref="TimeoutException"/>, so the gateway maps each as Fabric's.
/// </summary>
internal sealed class OrdererBroadcastClient : IOrderingService, IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly GrpcChannel _channel;
    private readonly AtomicBroadcast.AtomicBroadcastClient _client;
    private readonly TimeSpan _broadcastTimeout;

    /// <param name="address">The orderer's endpoint URL.</param>
    /// <param name="tlsRoot">The CA its TLS certificate must chain to; null for plaintext.</param>
    /// <param name="broadcastTimeout">How long one submit waits for the orderer's answer at most (Fabric's <c>peer.gateway.broadcastTimeout</c>).</param>
    public OrdererBroadcastClient(string address, X509Certificate2? tlsRoot, TimeSpan broadcastTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(broadcastTimeout, TimeSpan.Zero);
        var handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout };
        OrdererTls.TrustOnly(handler, tlsRoot);

        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        _client = new AtomicBroadcast.AtomicBroadcastClient(_channel);
        _broadcastTimeout = broadcastTimeout;
    }

    /// <inheritdoc/>
    public async Task SubmitAsync(Envelope envelope, CancellationToken cancellationToken = default)
    {
        try
        {
            await SubmitAsync(envelope, DateTime.MaxValue, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>Broadcasts <paramref name="envelope"/> within <paramref name="deadline"/> (UTC; <see cref="DateTime.MaxValue"/> for none) and returns on SUCCESS.</summary>
    /// <exception cref="TimeoutException">The submit's own deadline passed, or <paramref name="cancellationToken"/> fired, before the orderer answered.</exception>
    public async Task SubmitAsync(Envelope envelope, DateTime deadline, CancellationToken cancellationToken)
    {
        // as Fabric's gateway: the broadcast's context is the submit's with the broadcast timeout on top
        var broadcastDeadline = DateTime.UtcNow + _broadcastTimeout;
        var submitDeadlineFirst = deadline <= broadcastDeadline;
        BroadcastResponse? response;
        try
        {
            using var call = _client.Broadcast(deadline: submitDeadlineFirst ? deadline : broadcastDeadline, cancellationToken: cancellationToken);
            await call.RequestStream.WriteAsync(envelope, cancellationToken).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            response = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false) ? call.ResponseStream.Current : null;
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested || (submitDeadlineFirst && e is RpcException { StatusCode: StatusCode.DeadlineExceeded }))
        {
            // the submit's own call ended first (its deadline, or the caller gave up), as Fabric's ctx.Done(); the
            // caller's token also fires when the peer stops, which the gateway tells apart
            throw new TimeoutException("submit timeout expired while broadcasting to ordering service", e);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded && !submitDeadlineFirst)
        {
            // Go's gRPC words a context that timed out this way; the gateway puts it in the orderer's detail
            throw new InvalidOperationException("rpc error: code = DeadlineExceeded desc = context deadline exceeded", e);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is RpcException or IOException or HttpRequestException)
        {
            throw new InvalidOperationException(Describe(e), e);
        }

        if (response is null)
        {
            throw new InvalidOperationException("rpc error: code = Unavailable desc = the orderer ended the Broadcast stream without a response");
        }

        if (response.Status != Status.Success)
        {
            throw new OrdererRejectedException(response.Status, response.Info);
        }
    }

    public void Dispose() => _channel.Dispose();

    private static string Describe(Exception e) => e is RpcException rpc
        ? $"rpc error: code = {rpc.StatusCode} desc = {rpc.Status.Detail}"
        : "rpc error: code = Unavailable desc = " + e.Message;
}
