using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>
/// A chaincode-events request and the stream it opens. With reconnection on, a broken stream is reopened
/// (on the next endpoint) at the position right after the last event delivered.
/// </summary>
internal sealed class ChaincodeEventsRequestImpl : IChaincodeEventsRequest
{
    private readonly GatewayImpl _gateway;
    private readonly LazySignature _signed;
    private readonly EventResume? _resume;
    private readonly string _channel;
    private readonly string _chaincode;

    public ChaincodeEventsRequestImpl(GatewayImpl gateway, SignedChaincodeEventsRequest signed, EventResume? resume)
    {
        _gateway = gateway;
        _resume = resume;
        var request = LazySignature.Parse(ChaincodeEventsRequest.Parser, signed.Request, "a chaincode-events request", nameof(signed));
        _channel = request.ChannelId;
        _chaincode = request.ChaincodeId;
        _signed = new LazySignature(gateway.Signing, signed.Request, signed.Signature, "ChaincodeEventsRequest");
    }

    public ReadOnlyMemory<byte> Bytes => new SignedChaincodeEventsRequest { Request = _signed.Message, Signature = _signed.Current }.ToByteArray();

    public ReadOnlyMemory<byte> Digest => _signed.Digest;

    public IAsyncEnumerable<ChaincodeEvent> GetEventsAsync(CancellationToken cancellationToken = default) => GetEventsAsync(null, cancellationToken);

    public IAsyncEnumerable<ChaincodeEvent> GetEventsAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default)
    {
        _gateway.ThrowIfDisposed();
        if (_signed.Current.IsEmpty && !_gateway.Signing.CanSign)
        {
            throw new InvalidOperationException("The chaincode events request is not signed and the gateway has no signer: sign its Digest offline and attach the signature with IGateway.NewSignedChaincodeEventsRequest.");
        }

        return ReadAsync(callOptions ?? _resume?.Options.CallOptions, cancellationToken);
    }

    private async IAsyncEnumerable<ChaincodeEvent> ReadAsync(GatewayCallOptions? callOptions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = _resume?.Options;
        var reconnect = options is { Reconnect: true } && _resume!.ReSign is not null;
        var timeout = _gateway.Options.ChaincodeEventsTimeout;
        var request = await SignFirstAsync(cancellationToken).ConfigureAwait(false);
        EventPosition? position = null;
        var connection = new EventStreamReconnect(_gateway.Pool, GatewayOperation.ChaincodeEvents, reconnect, options);
        while (true)
        {
            var (callOptionsNow, allowed) = GatewayImpl.CallOptionsFor(timeout, callOptions, cancellationToken);
            timeout = allowed;

            // One span per stream connection: it ends when this connection ends, however the loop is left.
            using var stage = new StreamStage(GatewayInstruments.Start(GatewayOperation.ChaincodeEvents, _channel, _chaincode, null));
            var (call, index, address) = _gateway.Pool.OpenStream(GatewayMethods.ChaincodeEvents, request, connection.Offset, callOptionsNow);
            GatewayLog.EventsOpened(_gateway.Logger, _chaincode, _channel, address, position?.BlockNumber, position?.AfterTransactionId);
            connection.Opened();
            RpcException? failure;
            using (call)
            {
                while (true)
                {
                    (var more, failure) = await stage.Watch(EventStreams.TryMoveNextAsync(call.ResponseStream, cancellationToken)).ConfigureAwait(false);
                    if (!more)
                    {
                        break;
                    }

                    connection.Delivered(index);
                    var response = call.ResponseStream.Current;
                    foreach (var e in response.Events)
                    {
                        // Moved before yielding: once the consumer has the event, a reconnect must not deliver it again.
                        position = new EventPosition(response.BlockNumber, e.TxId);
                        yield return new ChaincodeEvent(response.BlockNumber, e.TxId, e.ChaincodeId, e.EventName, e.Payload.Memory);
                    }
                }
            }

            stage.End(failure);
            var next = connection.Ended(failure, timeout);
            if (next == EventStreamNext.Stop)
            {
                yield break;
            }

            if (next == EventStreamNext.NextEndpoint)
            {
                continue;
            }

            GatewayLog.EventsReconnecting(_gateway.Logger, _chaincode, failure?.StatusCode ?? StatusCode.OK, failure?.Status.Detail ?? "stream ended", connection.Delay, connection.Failures);
            await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (position is { } resumeAt)
            {
                request = await SignAsync(_resume!.ReSign!(resumeAt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<SignedChaincodeEventsRequest> SignFirstAsync(CancellationToken cancellationToken) =>
        new() { Request = _signed.Message, Signature = await _signed.GetAsync(cancellationToken).ConfigureAwait(false) };

    private async Task<SignedChaincodeEventsRequest> SignAsync(SignedChaincodeEventsRequest unsigned, CancellationToken cancellationToken)
    {
        unsigned.Signature = await _gateway.Signing.SignAsync(unsigned.Request.Memory, "ChaincodeEventsRequest", cancellationToken).ConfigureAwait(false);
        return unsigned;
    }
}

/// <summary>
/// The span and metrics of one stream connection. Ends once: with the stream's failure (or success) when it
/// ends, or as cancelled when the consumer leaves the loop or the token fires first.
/// </summary>
internal sealed class StreamStage(GatewayInstruments.StageScope scope) : IDisposable
{
    private bool _ended;

    /// <summary>Awaits a read; an exception from it (cancellation) ends the stage with that exception.</summary>
    public async Task<(bool More, RpcException? Failure)> Watch(Task<(bool More, RpcException? Failure)> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (Exception e) when (!_ended)
        {
            _ended = true;
            scope.Failed(e);
            throw;
        }
    }

    public void End(RpcException? failure)
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        if (failure is null)
        {
            scope.Succeeded();
        }
        else
        {
            scope.Failed(failure);
        }
    }

    /// <summary>The consumer left the loop before the stream ended.</summary>
    public void Dispose()
    {
        if (!_ended)
        {
            _ended = true;
            scope.Failed(new OperationCanceledException());
        }
    }
}
