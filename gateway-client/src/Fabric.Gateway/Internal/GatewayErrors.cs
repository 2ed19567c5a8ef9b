using System.Globalization;
using System.Net.Http;
using Fabric.Grpc;
using Google.Protobuf;

namespace Fabric.Gateway.Internal;

/// <summary>The one place where transport failures become the client's typed exceptions.</summary>
internal static class GatewayErrors
{
    private const int NoError = 0x0;
    private const int RefusedStream = 0x7;

    public static GatewayException Map(RpcException error, GatewayOperation operation, string? transactionId, TimeSpan timeout)
    {
        var details = ReadDetails(error.StatusDetails);
        var status = StatusOf(error);
        string? message = null;
        TimeSpan? expired = null;
        if (status.StatusCode == StatusCode.DeadlineExceeded)
        {
            expired = timeout;
            message = TimeoutMessage(operation, transactionId, timeout, details);
        }

        return operation switch
        {
            GatewayOperation.Endorse => new EndorseException(transactionId!, status, details, message, error) { Timeout = expired },
            GatewayOperation.Submit => new SubmitException(transactionId!, status, details, message, error)
            {
                Timeout = expired,
                MayHaveCommitted = SubmitMayHaveCommitted(error),
            },
            GatewayOperation.CommitStatus => new CommitStatusException(transactionId!, status, details, message, error) { Timeout = expired },
            _ => new GatewayException(operation, status, details, message, error) { Timeout = expired },
        };
    }

    /// <summary>
    /// The status the gateway acts on. A peer that closes its connection gracefully (GOAWAY with NO_ERROR,
    /// as Kestrel and Fabric's peers do when they stop) fails the calls it did not take with an HTTP/2
    /// NO_ERROR, which gRPC's HTTP mapping reports as INTERNAL; the peer is gone, not broken, so it counts
    /// as UNAVAILABLE and the call may fail over.
    /// </summary>
    public static Grpc.Status StatusOf(RpcException error) =>
        error.StatusCode == StatusCode.Internal && PeerClosedConnection(error)
            ? new Grpc.Status(StatusCode.Unavailable, "The peer closed the connection: " + error.Status.Detail)
            : error.Status;

    private static bool PeerClosedConnection(RpcException error)
    {
        for (Exception? e = error.InnerException; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException { ErrorCode: NoError })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the call failed before any byte of the request reached a server (safe to send elsewhere).</summary>
    public static bool NotSent(RpcException error)
    {
        for (Exception? e = error.InnerException; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError }:
                    return true;
                case HttpProtocolException { ErrorCode: RefusedStream }:
                    return true;

                // Failed before any response by a graceful GOAWAY: the peer refuses new streams and drains the
                // ones it took, so a request it took would have had its answer.
                case HttpRequestException { InnerException: HttpProtocolException { ErrorCode: NoError } }:
                    return true;
            }
        }

        return false;
    }

    public static IReadOnlyList<ErrorDetail> ReadDetails(Google.Rpc.Status? status)
    {
        if (status is null || status.Details.Count == 0)
        {
            return [];
        }

        var details = new List<ErrorDetail>();
        foreach (var any in status.Details)
        {
            if (any.Is(Hyperledger.Fabric.Protos.Gateway.ErrorDetail.Descriptor))
            {
                try
                {
                    var detail = any.Unpack<Hyperledger.Fabric.Protos.Gateway.ErrorDetail>();
                    details.Add(new ErrorDetail(detail.Address, detail.MspId, detail.Message));
                }
                catch (InvalidProtocolBufferException)
                {
                    // a malformed detail must not hide the status itself
                }
            }
        }

        return details;
    }

    public static string FormatDuration(TimeSpan timeout) =>
        timeout.TotalSeconds >= 1 && timeout.Milliseconds == 0
            ? timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
            : timeout.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    private static string TimeoutMessage(GatewayOperation operation, string? transactionId, TimeSpan timeout, IReadOnlyList<ErrorDetail> details)
    {
        var text = $"{operation} timed out after {FormatDuration(timeout)}";
        if (transactionId is not null)
        {
            text += $" (transaction {transactionId})";
        }

        text += operation switch
        {
            GatewayOperation.Submit => "; the transaction may still commit: check its status before resubmitting",
            GatewayOperation.CommitStatus => "; the transaction may still commit: ask for its status again",
            _ => string.Empty,
        };
        return details.Count > 0 ? text + " [" + string.Join("; ", details) + "]" : text;
    }

    private static bool SubmitMayHaveCommitted(RpcException error)
    {
        if (NotSent(error))
        {
            return false;
        }

        // Statuses with which the gateway itself refused the transaction: it was not passed to ordering.
        return StatusOf(error).StatusCode is not (StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.Unauthenticated
            or StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.Unimplemented or StatusCode.Aborted);
    }
}
