using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork.Peers.Internal;
using Google.Protobuf;
using Grpc.Core;
using Status = Hyperledger.Fabric.Protos.Common.Status;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Orderer;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Deliver.Internal;

/// <summary>
/// Fabric's deliver handler (common/deliver/deliver.go), shared by the peer's three Deliver calls and the
/// orderer's: each request is a signed DELIVER_SEEK_INFO envelope; the reply is the blocks from start to
/// stop, then one status. Status rules: a malformed envelope, header, seek info, a missing start or stop,
/// or a stop before the start is BAD_REQUEST; a timestamp more than 15 minutes off is BAD_REQUEST; an
/// unknown channel NOT_FOUND; a creator outside the call's policy (or a bad signature, or an expired
/// certificate) FORBIDDEN; FAIL_IF_NOT_READY past the height, or a specified start beyond it, NOT_FOUND; a
/// source that closes or fails SERVICE_UNAVAILABLE; reaching the stop SUCCESS, after which the stream
/// takes the next request. Any other status ends the stream.
/// </summary>
internal sealed partial class DeliverHandler
{
    /// <summary>Fabric's default <c>peer.authentication.timewindow</c>.</summary>
    public static readonly TimeSpan TimeWindow = TimeSpan.FromMinutes(15);

    private readonly ChannelMembers _members;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DeliverHandler(ChannelMembers members, TimeProvider time, ILogger logger)
    {
        _members = members;
        _time = time;
        _logger = logger;
    }

    /// <summary>Serves requests until the client half-closes or a request ends with a status other than SUCCESS.</summary>
    /// <param name="requests">The request stream.</param>
    /// <param name="policyPath">The policy requests are checked against (the peer: what its ACL resolves to; the orderer: /Channel/Readers).</param>
    /// <param name="source">The blocks to serve.</param>
    /// <param name="send">Sends one block in the form of the call (whole, filtered, with private data); gets the request's creator.</param>
    /// <param name="sendStatus">Sends the final status of one request.</param>
    /// <param name="cancellationToken">The call's token (and the node's stopping).</param>
    public async Task HandleAsync(
        IAsyncStreamReader<Envelope> requests, string policyPath, IDeliverBlockSource source, Func<Block, ByteString, CancellationToken, Task> send,
        Func<Status, CancellationToken, Task> sendStatus, CancellationToken cancellationToken)
    {
        while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var status = await DeliverBlocksAsync(requests.Current, policyPath, source, send, cancellationToken).ConfigureAwait(false);
            await sendStatus(status, cancellationToken).ConfigureAwait(false);
            if (status != Status.Success)
            {
                return;
            }
        }
    }

    private async Task<Status> DeliverBlocksAsync(Envelope envelope, string policyPath, IDeliverBlockSource source, Func<Block, ByteString, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        if (!TryParse(envelope, out var payload, out var channelHeader, out var signatureHeader))
        {
            LogRefused(_logger, "the envelope, its payload or its headers do not parse", Status.BadRequest);
            return Status.BadRequest;
        }

        if (channelHeader.Timestamp is null || (_time.GetUtcNow() - channelHeader.Timestamp.ToDateTimeOffset()).Duration() > TimeWindow)
        {
            LogRefused(_logger, "the channel header's timestamp is missing or more than 15 minutes from the server's time", Status.BadRequest);
            return Status.BadRequest;
        }

        if (!string.Equals(channelHeader.ChannelId, source.ChannelId, StringComparison.Ordinal))
        {
            LogRefused(_logger, $"channel {channelHeader.ChannelId} not found", Status.NotFound);
            return Status.NotFound;
        }

        var problem = _members.CheckSignedData(signatureHeader.Creator, envelope.Payload.Span, envelope.Signature, policyPath, out _);
        if (problem is not null)
        {
            LogRefused(_logger, problem, Status.Forbidden);
            return Status.Forbidden;
        }

        var expiresAt = ExpiresAt(signatureHeader.Creator);
        SeekInfo seek;
        try
        {
            seek = SeekInfo.Parser.ParseFrom(payload.Data);
        }
        catch (InvalidProtocolBufferException)
        {
            LogRefused(_logger, "malformed seek info", Status.BadRequest);
            return Status.BadRequest;
        }

        if (seek.Start is null || seek.Stop is null)
        {
            LogRefused(_logger, "seek info without a start or a stop", Status.BadRequest);
            return Status.BadRequest;
        }

        var height = source.Height;
        ulong number;
        switch (seek.Start.TypeCase)
        {
            case SeekPosition.TypeOneofCase.Oldest:
                number = 0;
                break;
            case SeekPosition.TypeOneofCase.Newest:
                number = height - 1;
                break;
            case SeekPosition.TypeOneofCase.NextCommit:
                number = height;
                break;
            case SeekPosition.TypeOneofCase.Specified when seek.Start.Specified.Number <= height:
                number = seek.Start.Specified.Number;
                break;
            default:
                // Fabric's block iterator has no block to offer (a start beyond the height, or no start type).
                LogRefused(_logger, "no block at the start position", Status.NotFound);
                return Status.NotFound;
        }

        // As in Fabric, a stop that is neither oldest, newest nor specified leaves the stop at block 0.
        ulong stop = 0;
        switch (seek.Stop.TypeCase)
        {
            case SeekPosition.TypeOneofCase.Oldest:
                stop = number;
                break;
            case SeekPosition.TypeOneofCase.Newest:
                // Newest to newest is one block, even if another commits meanwhile.
                stop = seek.Start.Equals(seek.Stop) ? number : source.Height - 1;
                break;
            case SeekPosition.TypeOneofCase.Specified:
                stop = seek.Stop.Specified.Number;
                if (stop < number)
                {
                    LogRefused(_logger, $"start number {number} greater than stop number {stop}", Status.BadRequest);
                    return Status.BadRequest;
                }

                break;
        }

        return await StreamAsync(source, seek.Behavior, number, stop, expiresAt, signatureHeader.Creator, send, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Status> StreamAsync(
        IDeliverBlockSource source, SeekInfo.Types.SeekBehavior behavior, ulong number, ulong stop, DateTimeOffset? expiresAt, ByteString creator,
        Func<Block, ByteString, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var blocks = source.ReadBlocksAsync(number, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (blocks.ConfigureAwait(false))
        {
            while (true)
            {
                if (behavior == SeekInfo.Types.SeekBehavior.FailIfNotReady && number > source.Height - 1)
                {
                    return Status.NotFound;
                }

                try
                {
                    if (!await blocks.MoveNextAsync().ConfigureAwait(false))
                    {
                        return Status.ServiceUnavailable;
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
                {
                    LogRefused(_logger, "the block source failed: " + e.Message, Status.ServiceUnavailable);
                    return Status.ServiceUnavailable;
                }

                number++;
                if (expiresAt is { } expiry && _time.GetUtcNow() > expiry)
                {
                    LogRefused(_logger, $"deliver client identity expired at {expiry:O}", Status.Forbidden);
                    return Status.Forbidden;
                }

                var block = blocks.Current;
                await send(block, creator, cancellationToken).ConfigureAwait(false);
                if (block.Header.Number == stop)
                {
                    return Status.Success;
                }
            }
        }
    }

    private static bool TryParse(Envelope envelope, out Payload payload, out ChannelHeader channelHeader, out SignatureHeader signatureHeader)
    {
        payload = null!;
        channelHeader = null!;
        signatureHeader = null!;
        try
        {
            payload = Payload.Parser.ParseFrom(envelope.Payload);
            if (payload.Header is null)
            {
                return false;
            }

            channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
            signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    /// <summary>The creator certificate's NotAfter, checked again before every block as Fabric's session ACL does.</summary>
    private static DateTimeOffset? ExpiresAt(ByteString creator)
    {
        try
        {
            var identity = Hyperledger.Fabric.Protos.Msp.SerializedIdentity.Parser.ParseFrom(creator);
            using var certificate = X509Certificate2.CreateFromPem(identity.IdBytes.ToStringUtf8());
            return new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Deliver request refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason, Status status);
}
