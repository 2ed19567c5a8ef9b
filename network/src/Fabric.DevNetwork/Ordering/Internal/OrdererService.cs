using System.Collections.Concurrent;
using Fabric.DevNetwork.Deliver.Internal;
using Fabric.DevNetwork.Peers.Internal;
using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Orderer;
using Microsoft.Extensions.Logging;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Fabric.DevNetwork.Ordering.Internal;

/// <summary>
/// The orderer's <c>orderer.AtomicBroadcast</c> service. Broadcast runs Fabric's filters for a normal
/// message (orderer/common/broadcast and msgprocessor): empty message, channel, type, AbsoluteMaxBytes,
/// then the Writers policy, and answers each envelope with one BroadcastResponse; the first answer that is
/// not SUCCESS ends the stream, as Fabric's handler returns then. Deliver is the common deliver handler
/// over the orderer's own copy of the chain, checked against the Readers policy (which admits peers).
/// </summary>
internal sealed partial class OrdererService : AtomicBroadcast.AtomicBroadcastBase
{
    /// <summary>Fabric's sigfilter text when the Writers policy is not met.</summary>
    internal const string WritersRefusal =
        "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied: permission denied";

    private static readonly Grpc.Core.Status Stopping = new(StatusCode.Unavailable, "the orderer is stopping");
    private static readonly Grpc.Core.Status Broken = new(StatusCode.Unavailable, "the orderer broke the stream");

    private readonly string _channelId;
    private readonly IOrderingService _orderer;
    private readonly int _absoluteMaxBytes;
    private readonly ChannelMembers _members;
    private readonly DeliverHandler _deliver;
    private readonly IDeliverBlockSource _blocks;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _deliverCalls = new();
    private long _deliverCallsOpened;
    private long _broadcastEnvelopes;
    private bool _stallBroadcast;

    public OrdererService(
        string channelId, IOrderingService orderer, int absoluteMaxBytes, ChannelMembers members, DeliverHandler deliver, IDeliverBlockSource blocks,
        ILogger logger, CancellationToken stopping)
    {
        _channelId = channelId;
        _orderer = orderer;
        _absoluteMaxBytes = absoluteMaxBytes;
        _members = members;
        _deliver = deliver;
        _blocks = blocks;
        _logger = logger;
        _stopping = stopping;
    }

    /// <summary>Deliver streams opened since start (each reconnection of a peer opens one).</summary>
    public long DeliverCallsOpened => Interlocked.Read(ref _deliverCallsOpened);

    /// <summary>Envelopes received over Broadcast since start, whatever the answer.</summary>
    public long BroadcastEnvelopesReceived => Interlocked.Read(ref _broadcastEnvelopes);

    /// <summary>
    /// A fault hook: while true, Broadcast takes each envelope but neither orders nor answers it, and holds the
    /// stream until the caller gives up (an orderer that accepts the stream and never replies).
    /// </summary>
    public bool StallBroadcast
    {
        get => Volatile.Read(ref _stallBroadcast);
        set => Volatile.Write(ref _stallBroadcast, value);
    }

    public override async Task Broadcast(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<BroadcastResponse> responseStream, ServerCallContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping);
        try
        {
            while (await requestStream.MoveNext(linked.Token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _broadcastEnvelopes);
                if (StallBroadcast)
                {
                    // returns only when the caller cancels (its deadline) or the orderer stops
                    await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    linked.Token.ThrowIfCancellationRequested();
                }

                var response = await ProcessAsync(requestStream.Current, linked.Token).ConfigureAwait(false);
                await responseStream.WriteAsync(response, linked.Token).ConfigureAwait(false);
                if (response.Status != Status.Success)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (_stopping.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            throw new RpcException(Stopping);
        }
    }

    public override async Task Deliver(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context)
    {
        var id = Interlocked.Increment(ref _deliverCallsOpened);
        using var broken = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping, broken.Token);
        _deliverCalls[id] = broken;
        try
        {
            await _deliver.HandleAsync(
                requestStream,
                ChannelAccess.ChannelReaders.Path(),
                _blocks,
                (block, _, token) => responseStream.WriteAsync(new DeliverResponse { Block = block }, token),
                (status, token) => responseStream.WriteAsync(new DeliverResponse { Status = status }, token),
                linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled }
            && (_stopping.IsCancellationRequested || broken.IsCancellationRequested))
        {
            throw new RpcException(_stopping.IsCancellationRequested ? Stopping : Broken);
        }
        finally
        {
            _deliverCalls.TryRemove(id, out _);
        }
    }

    /// <summary>Ends every open Deliver stream with UNAVAILABLE (a fault hook: peers must reconnect and resume).</summary>
    public int BreakDeliverStreams()
    {
        var calls = _deliverCalls.Values.ToList();
        foreach (var call in calls)
        {
            try
            {
                call.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the call ended meanwhile
            }
        }

        return calls.Count;
    }

    private async Task<BroadcastResponse> ProcessAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Payload.IsEmpty)
        {
            return Refuse(Status.BadRequest, "Message was empty");
        }

        Payload payload;
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try
        {
            payload = Payload.Parser.ParseFrom(envelope.Payload);
            channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header?.ChannelHeader ?? ByteString.Empty);
            signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header?.SignatureHeader ?? ByteString.Empty);
        }
        catch (InvalidProtocolBufferException e)
        {
            return Refuse(Status.BadRequest, "could not determine channel ID: " + e.Message);
        }

        if (payload.Header is null)
        {
            return Refuse(Status.BadRequest, "could not determine channel ID: no header was set");
        }

        if (!string.Equals(channelHeader.ChannelId, _channelId, StringComparison.Ordinal))
        {
            // Fabric 2.5 without a system channel treats an unknown channel as a channel creation request
            return Refuse(Status.BadRequest, "channel creation request not allowed because the orderer system channel is not defined");
        }

        switch ((HeaderType)channelHeader.Type)
        {
            case HeaderType.Config:
                return Refuse(Status.BadRequest, "message is of type that cannot be processed directly");
            case HeaderType.ConfigUpdate:
                return Refuse(Status.BadRequest, "the dev network takes no channel config updates");
        }

        var size = (long)envelope.Payload.Length + envelope.Signature.Length;
        if (size > _absoluteMaxBytes)
        {
            return Refuse(Status.BadRequest, $"message payload is {size} bytes and exceeds maximum allowed {_absoluteMaxBytes} bytes");
        }

        var problem = _members.CheckSignedData(signatureHeader.Creator, envelope.Payload.Span, envelope.Signature, ChannelAccess.ChannelWriters, out _);
        if (problem is not null)
        {
            LogForbidden(_logger, problem);
            return Refuse(Status.Forbidden, WritersRefusal);
        }

        try
        {
            await _orderer.SubmitAsync(envelope, cancellationToken).ConfigureAwait(false);
        }
        catch (OrdererRejectedException e)
        {
            return Refuse(e.Status, e.Message);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            return Refuse(Status.ServiceUnavailable, "the ordering service is stopping: " + e.Message);
        }

        return new BroadcastResponse { Status = Status.Success };
    }

    private BroadcastResponse Refuse(Status status, string info)
    {
        LogRefused(_logger, status, info);
        return new BroadcastResponse { Status = status, Info = info };
    }

    [LoggerMessage(EventId = 6120, Level = LogLevel.Warning, Message = "Broadcast refused with {Status}: {Info}")]
    private static partial void LogRefused(ILogger logger, Status status, string info);

    [LoggerMessage(EventId = 6121, Level = LogLevel.Debug, Message = "Broadcast creator refused by the Writers policy: {Reason}")]
    private static partial void LogForbidden(ILogger logger, string reason);
}
