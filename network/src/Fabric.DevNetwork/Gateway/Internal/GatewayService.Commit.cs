using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Peers.Internal;
using Grpc.Core;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Gateway.Internal;

internal sealed partial class GatewayService
{
    private const string OrdererMspId = "OrdererMSP";

    /// <summary>How Go's protobuf words a malformed message, whatever is wrong with it.</summary>
    private const string GoProtoParseError = "proto: cannot parse invalid wire-format data";

    private async Task<SubmitResponse> SubmitAsync(SubmitRequest request, DateTime deadline, CancellationToken cancellationToken)
    {
        var envelope = request.PreparedTransaction ?? throw GatewayErrors.Create(StatusCode.InvalidArgument, "a prepared transaction is required");
        if (envelope.Signature.IsEmpty)
        {
            throw GatewayErrors.Create(StatusCode.InvalidArgument, "prepared transaction must be signed");
        }

        if (!string.Equals(request.ChannelId, _local.Ledger.ChannelId, StringComparison.Ordinal))
        {
            throw GatewayErrors.Create(StatusCode.FailedPrecondition, $"channel '{request.ChannelId}' not found");
        }

        // The orderer's Broadcast filter: the envelope's signer must satisfy /Channel/Writers. Over Broadcast
        // the orderer applies it (as Fabric's gateway leaves it to the orderer) and its FORBIDDEN comes back
        // below; only the in-process path checks here, so the signature is verified once either way.
        string? policyFailure = null;
        var forbidden = _context.Broadcast is null ? CheckEnvelopeSignature(envelope, out policyFailure) : null;
        if (forbidden is not null)
        {
            LogSubmitRefused(_logger, request.TransactionId, forbidden);
            throw GatewayErrors.Create(
                StatusCode.Aborted,
                "received unsuccessful response from orderer: status=FORBIDDEN, info="
                + (policyFailure ?? "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied"));
        }

        try
        {
            // over the orderer's Broadcast when it has an endpoint, as Fabric's gateway does; else in process
            var submit = _context.Broadcast is { } broadcast
                ? broadcast.SubmitAsync(envelope, deadline, cancellationToken)
                : _context.Orderer.SubmitAsync(envelope, cancellationToken);
            await submit.ConfigureAwait(false);
        }
        catch (TimeoutException ex) when (_stopping.IsCancellationRequested)
        {
            throw new OperationCanceledException(ex.Message, ex, _stopping);
        }
        catch (TimeoutException ex)
        {
            LogSubmitTimedOut(_logger, request.TransactionId);
            throw GatewayErrors.Create(StatusCode.DeadlineExceeded, ex.Message);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            throw GatewayErrors.Create(
                StatusCode.Unavailable,
                "no orderers could successfully process transaction",
                [GatewayErrors.Detail(_context.OrdererAddress, OrdererMspId, ex.Message)]);
        }
        catch (OrdererRejectedException ex)
        {
            var name = StatusName(ex.Status);
            if ((int)ex.Status is >= 400 and < 500)
            {
                throw GatewayErrors.Create(StatusCode.Aborted, $"received unsuccessful response from orderer: status={name}, info={ex.Message}");
            }

            throw GatewayErrors.Create(
                StatusCode.Unavailable,
                "no orderers could successfully process transaction",
                [GatewayErrors.Detail(_context.OrdererAddress, OrdererMspId, $"received unsuccessful response from orderer: status={name}, info={ex.Message}")]);
        }

        return new SubmitResponse();
    }

    private async Task<CommitStatusResponse> CommitStatusAsync(SignedCommitStatusRequest signed, CancellationToken cancellationToken)
    {
        var request = ParseSignedRequest(signed.Request, CommitStatusRequest.Parser, "a commit status request is required", "invalid status request: ");
        CheckAcl(ChannelAcls.GatewayCommitStatus, request.ChannelId, request.Identity, signed.Request, signed.Signature);
        try
        {
            var commit = await _local.Ledger.WaitForCommitAsync(request.TransactionId, cancellationToken).ConfigureAwait(false);
            return new CommitStatusResponse { Result = commit.Code, BlockNumber = commit.BlockNumber };
        }
        catch (ObjectDisposedException)
        {
            throw GatewayErrors.Create(StatusCode.Unavailable, "the ledger is closing: the peer is shutting down");
        }
        catch (InvalidOperationException ex)
        {
            // The committer stopped (an I/O error on the block store); Fabric reports ledger errors as ABORTED.
            throw GatewayErrors.Create(StatusCode.Aborted, ex.Message);
        }
    }

    // Commit-status and chaincode-events requests arrive as signed bytes; each has Fabric's own wording for a missing or bad one.
    private static T ParseSignedRequest<T>(ByteString bytes, MessageParser<T> parser, string missingMessage, string invalidPrefix)
        where T : IMessage<T>
    {
        if (bytes.IsEmpty)
        {
            throw GatewayErrors.Create(StatusCode.InvalidArgument, missingMessage);
        }

        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            // Go's protobuf words every malformed-input failure this way (errors.json, commit-status-undecodable-request).
            throw GatewayErrors.Create(StatusCode.InvalidArgument, invalidPrefix + GoProtoParseError);
        }
    }

    /// <summary>Fabric's ACL check for <paramref name="resource"/>: a valid member identity, admitted by the resource's policy, that signed the request.</summary>
    private void CheckAcl(string resource, string channelId, ByteString identity, ByteString data, ByteString signature)
    {
        if (!string.Equals(channelId, _local.Ledger.ChannelId, StringComparison.Ordinal))
        {
            throw GatewayErrors.Create(StatusCode.PermissionDenied, $"Failed to get policy manager for channel [{channelId}]");
        }

        var problem = _context.Members.CheckAcl(resource, identity, data.Span, signature, out var policy, out var policyUnsatisfied);
        if (problem is not null)
        {
            LogAccessDenied(_logger, problem);
            throw GatewayErrors.Create(StatusCode.PermissionDenied, policy.Refusal(channelId, policyUnsatisfied ? problem : policy.NoSubPolicySatisfied()));
        }
    }

    /// <summary>Null when the envelope's signer satisfies /Channel/Writers; else why not, with <paramref name="policyFailure"/> the policy's text when that is the reason.</summary>
    private string? CheckEnvelopeSignature(Envelope envelope, out string? policyFailure)
    {
        policyFailure = null;
        try
        {
            var payload = Payload.Parser.ParseFrom(envelope.Payload);
            var header = SignatureHeader.Parser.ParseFrom(payload.Header?.SignatureHeader ?? ByteString.Empty);
            var problem = _context.Members.CheckSignedData(header.Creator, envelope.Payload.Span, envelope.Signature, ChannelAccess.ChannelWriters, out var policyUnsatisfied);
            policyFailure = policyUnsatisfied ? problem : null;
            return problem;
        }
        catch (InvalidProtocolBufferException ex)
        {
            return "envelope does not parse: " + ex.Message;
        }
    }

    private static string StatusName(Hyperledger.Fabric.Protos.Common.Status status) =>
        CommonReflection.Descriptor.EnumTypes.First(e => e.Name == "Status").FindValueByNumber((int)status)?.Name ?? status.ToString();

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Submit of {TxId} refused: {Reason}")]
    private static partial void LogSubmitRefused(ILogger logger, string txId, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Submit of {TxId} timed out while broadcasting to the ordering service")]
    private static partial void LogSubmitTimedOut(ILogger logger, string txId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Signed request refused: {Reason}")]
    private static partial void LogAccessDenied(ILogger logger, string reason);
}
