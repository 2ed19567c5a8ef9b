using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>
/// A block-events request (one DELIVER_SEEK_INFO envelope) and the Deliver stream it opens. With reconnection
/// on, a broken stream is reopened (on the next endpoint) at the block after the last one delivered, with a
/// newly signed request, as chaincode-event streams are.
/// </summary>
internal sealed class BlockEventsRequestImpl<TEvent> : IBlockEventsRequest<TEvent>
    where TEvent : class
{
    private readonly GatewayImpl _gateway;
    private readonly BlockEventKind<TEvent> _kind;
    private readonly BlockEventsResume? _resume;
    private readonly string _channel;
    private readonly LazySignature _signed;

    public BlockEventsRequestImpl(GatewayImpl gateway, BlockEventKind<TEvent> kind, Envelope envelope, BlockEventsResume? resume)
    {
        _gateway = gateway;
        _kind = kind;
        _signed = new LazySignature(gateway.Signing, envelope.Payload, envelope.Signature, "BlockEventsRequest");
        _resume = resume;
        try
        {
            var header = Payload.Parser.ParseFrom(_signed.Message).Header ?? throw new ArgumentException("The bytes do not hold a block events request: the payload has no header.", nameof(envelope));
            _channel = ChannelHeader.Parser.ParseFrom(header.ChannelHeader).ChannelId;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException("The bytes do not hold a block events request: " + e.Message, nameof(envelope), e);
        }
    }

    public ReadOnlyMemory<byte> Bytes => new Envelope { Payload = _signed.Message, Signature = _signed.Current }.ToByteArray();

    public ReadOnlyMemory<byte> Digest => _signed.Digest;

    public IAsyncEnumerable<TEvent> GetEventsAsync(CancellationToken cancellationToken = default) => GetEventsAsync(null, cancellationToken);

    public IAsyncEnumerable<TEvent> GetEventsAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default)
    {
        _gateway.ThrowIfDisposed();
        if (_signed.Current.IsEmpty && !_gateway.Signing.CanSign)
        {
            throw new InvalidOperationException($"The {_kind.Name} request is not signed and the gateway has no signer: sign its Digest offline and attach the signature with IGateway.NewSigned...EventsRequest.");
        }

        return ReadAsync(callOptions ?? _resume?.Options.CallOptions, cancellationToken);
    }

    private async IAsyncEnumerable<TEvent> ReadAsync(GatewayCallOptions? callOptions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = _resume?.Options;
        var reconnect = options is { Reconnect: true } && _resume!.ReSign is not null;
        var timeout = _gateway.Options.BlockEventsTimeout;
        var request = await SignFirstAsync(cancellationToken).ConfigureAwait(false);
        ulong? next = null;
        var connection = new EventStreamReconnect(_gateway.Pool, GatewayOperation.BlockEvents, reconnect, options);
        while (true)
        {
            var (callOptionsNow, allowed) = GatewayImpl.CallOptionsFor(timeout, callOptions, cancellationToken);
            timeout = allowed;

            // One span per stream connection: it ends when this connection ends, however the loop is left.
            using var stage = new StreamStage(GatewayInstruments.Start(GatewayOperation.BlockEvents, _channel, null, null));
            var (call, index, address) = _gateway.Pool.OpenDuplexStream(_kind.Method, connection.Offset, callOptionsNow);
            BlockEventsLog.Opened(_gateway.Logger, _kind.Name, _channel, address, next);
            connection.Opened();
            var completed = false;
            RpcException? failure;
            using (call)
            {
                (_, failure) = await stage.Watch(SendAsync(call.RequestStream, request, cancellationToken)).ConfigureAwait(false);
                while (failure is null)
                {
                    (var more, failure) = await stage.Watch(EventStreams.TryMoveNextAsync(call.ResponseStream, cancellationToken)).ConfigureAwait(false);
                    if (!more)
                    {
                        break;
                    }

                    var response = call.ResponseStream.Current;
                    if (response.TypeCase == DeliverResponse.TypeOneofCase.Status)
                    {
                        // The stop position (the last block there can be) was reached; any other status is the peer's refusal.
                        completed = response.Status == Status.Success;
                        failure = completed ? null : StatusFailure(response.Status);
                        break;
                    }

                    if (_kind.Extract(response) is not { } item)
                    {
                        continue;
                    }

                    connection.Delivered(index);

                    // Moved before yielding: once the consumer has the block, a reconnect must not deliver it again.
                    next = _kind.Number(item) + 1;
                    yield return item;
                }
            }

            stage.End(failure);
            if (completed)
            {
                yield break;
            }

            var after = connection.Ended(failure, timeout);
            if (after == EventStreamNext.Stop)
            {
                yield break;
            }

            if (after == EventStreamNext.NextEndpoint)
            {
                continue;
            }

            BlockEventsLog.Reconnecting(_gateway.Logger, _kind.Name, failure?.StatusCode ?? StatusCode.OK, failure?.Status.Detail ?? "stream ended", connection.Delay, connection.Failures);
            await connection.WaitAsync(cancellationToken).ConfigureAwait(false);

            // A new request each time: the peer refuses one whose timestamp is more than 15 minutes old.
            request = await SignAsync(_resume!.ReSign!(next ?? _resume.Start), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A deliver status other than SUCCESS as the gRPC failure it stands for.</summary>
    private static RpcException StatusFailure(Status status)
    {
        var code = status switch
        {
            Status.Forbidden => StatusCode.PermissionDenied,
            Status.BadRequest => StatusCode.InvalidArgument,
            Status.NotFound => StatusCode.NotFound,
            Status.ServiceUnavailable => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
        return new RpcException(new global::Grpc.Core.Status(code, $"unexpected status response: {status}"));
    }

    private static async Task<(bool More, RpcException? Failure)> SendAsync(IClientStreamWriter<Envelope> writer, Envelope request, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception e) when (e is RpcException or IOException or HttpRequestException or InvalidOperationException)
        {
            // A write to a call the server or the connection already ended: the response stream carries the
            // call's real status (UNAVAILABLE for a peer that went away), so the read that follows reports it.
        }

        return (true, null);
    }

    private async Task<Envelope> SignFirstAsync(CancellationToken cancellationToken) =>
        new() { Payload = _signed.Message, Signature = await _signed.GetAsync(cancellationToken).ConfigureAwait(false) };

    private async Task<Envelope> SignAsync(ByteString payload, CancellationToken cancellationToken) =>
        new() { Payload = payload, Signature = await _gateway.Signing.SignAsync(payload.Memory, "BlockEventsRequest", cancellationToken).ConfigureAwait(false) };
}

/// <summary>What a reconnecting block-event stream needs to sign a new request at a new block: the start it was opened with, and the payload builder.</summary>
internal sealed record BlockEventsResume(BlockEventsOptions Options, ulong? Start, Func<ulong?, ByteString>? ReSign);
