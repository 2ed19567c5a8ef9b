using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>The one place where transport failures become the client's typed exceptions.</summary>
internal static class GatewayErrors
{
    private const int NoError = 0x0;
    private const int RefusedStream = 0x7;
    private const int Cancel = 0x8;
    private const string StatusDetailsTrailer = "grpc-status-details-bin";

    public static GatewayException Map(RpcException error, GatewayOperation operation, string? transactionId, TimeSpan timeout)
    {
        var details = ReadDetails(StatusDetails(error));
        string? message = null;
        TimeSpan? expired = null;
        if (error.StatusCode == StatusCode.DeadlineExceeded)
        {
            expired = timeout;
            message = TimeoutMessage(operation, transactionId, timeout, details);
        }

        return operation switch
        {
            GatewayOperation.Endorse => new EndorseException(transactionId!, error.Status, details, message, error) { Timeout = expired },
            GatewayOperation.Submit => new SubmitException(transactionId!, error.Status, details, message, error)
            {
                Timeout = expired,
                MayHaveCommitted = SubmitMayHaveCommitted(error),
            },
            GatewayOperation.CommitStatus => new CommitStatusException(transactionId!, error.Status, details, message, error) { Timeout = expired },
            _ => new GatewayException(operation, error.Status, details, message, error) { Timeout = expired },
        };
    }

    /// <summary>
    /// A peer that went away or could not be reached (GOAWAY, a stream reset with NO_ERROR or CANCEL, the
    /// connection closed, refused or its TLS handshake failed) is UNAVAILABLE, as gRPC's transports report it: Grpc.Net.Client reports some of these as
    /// INTERNAL or CANCELLED, with the transport's exception in <see cref="global::Grpc.Core.Status.DebugException"/>.
    /// </summary>
    public static RpcException Normalise(RpcException error)
    {
        if (error.StatusCode is StatusCode.Unavailable or StatusCode.OK || !PeerWentAway(error))
        {
            return error;
        }

        var status = new global::Grpc.Core.Status(StatusCode.Unavailable, "the peer closed the connection: " + error.Status.Detail, error.Status.DebugException);
        return new RpcException(status, error.Trailers, error.Message);
    }

    /// <summary>True when the call failed before any byte of the request reached a server (safe to send elsewhere).</summary>
    public static bool NotSent(RpcException error)
    {
        foreach (var e in Chain(error))
        {
            switch (e)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError }:
                case HttpProtocolException { ErrorCode: RefusedStream }:
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable }:
                case System.Security.Authentication.AuthenticationException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The decoded <c>grpc-status-details-bin</c> trailer, or null when absent or malformed.</summary>
    public static Google.Rpc.Status? StatusDetails(RpcException error)
    {
        var bytes = error.Trailers.GetValueBytes(StatusDetailsTrailer);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static bool PeerWentAway(RpcException error)
    {
        foreach (var e in Chain(error))
        {
            switch (e)
            {
                case HttpProtocolException protocol:
                    return protocol.ErrorCode is NoError or RefusedStream or Cancel;
                case HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError }:
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded or HttpRequestError.SecureConnectionError or HttpRequestError.NameResolutionError }:
                case SocketException:
                case System.Security.Authentication.AuthenticationException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The transport's exception (<see cref="Status.DebugException"/>) and the RpcException's own inner exceptions, outermost first.</summary>
    private static IEnumerable<Exception> Chain(RpcException error)
    {
        for (var e = error.Status.DebugException; e is not null; e = e.InnerException)
        {
            yield return e;
        }

        for (var e = error.InnerException; e is not null; e = e.InnerException)
        {
            yield return e;
        }
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
        return error.StatusCode is not (StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.Unauthenticated
            or StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.Unimplemented or StatusCode.Aborted);
    }
}
