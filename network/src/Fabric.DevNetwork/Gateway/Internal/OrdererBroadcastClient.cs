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
/// one BroadcastResponse read. A refusal comes back as <see cref="OrdererRejectedException"/>, a transport failure
/// as <see cref="InvalidOperationException"/> worded as Go's gRPC error, so the gateway maps both as before.
/// </summary>
internal sealed class OrdererBroadcastClient : IOrderingService, IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    // what a submit without a deadline of its own waits at most (Fabric's gateway broadcastTimeout default)
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel _channel;
    private readonly AtomicBroadcast.AtomicBroadcastClient _client;

    public OrdererBroadcastClient(string address, X509Certificate2? tlsRoot)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout };
        OrdererTls.TrustOnly(handler, tlsRoot);

        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        _client = new AtomicBroadcast.AtomicBroadcastClient(_channel);
    }

    /// <inheritdoc/>
    public Task SubmitAsync(Envelope envelope, CancellationToken cancellationToken = default) => SubmitAsync(envelope, DateTime.MaxValue, cancellationToken);

    /// <summary>Broadcasts <paramref name="envelope"/> with <paramref name="deadline"/> (UTC; <see cref="DateTime.MaxValue"/> for none) and returns on SUCCESS.</summary>
    public async Task SubmitAsync(Envelope envelope, DateTime deadline, CancellationToken cancellationToken)
    {
        var latest = DateTime.UtcNow + DefaultTimeout;
        var callDeadline = deadline < latest ? deadline : latest;
        BroadcastResponse? response;
        try
        {
            using var call = _client.Broadcast(deadline: callDeadline, cancellationToken: cancellationToken);
            await call.RequestStream.WriteAsync(envelope, cancellationToken).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            response = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false) ? call.ResponseStream.Current : null;
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
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
