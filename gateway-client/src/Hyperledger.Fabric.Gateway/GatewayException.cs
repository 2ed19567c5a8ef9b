using Grpc.Core;
using GrpcStatus = Grpc.Core.Status;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// A Gateway service call failed: carries the gRPC status, the operation that failed, and what every
/// endpoint behind the gateway answered (<see cref="Details"/>). Evaluate failures are this type;
/// failures of a transaction's steps are <see cref="TransactionException"/> subclasses.
/// </summary>
public class GatewayException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The call that failed.</param>
    /// <param name="status">The gRPC status.</param>
    /// <param name="details">Per-endpoint details; empty when the status carried none.</param>
    /// <param name="message">The message; null for one built from the operation and status.</param>
    /// <param name="innerException">The transport's exception.</param>
    public GatewayException(GatewayOperation operation, GrpcStatus status, IReadOnlyList<ErrorDetail>? details = null, string? message = null, Exception? innerException = null)
        : base(message ?? DefaultMessage(operation, status, details), innerException)
    {
        Operation = operation;
        GrpcStatus = status;
        Details = details ?? [];
    }

    /// <summary>The call that failed.</summary>
    public GatewayOperation Operation { get; }

    /// <summary>The gRPC status the gateway (or the transport) returned.</summary>
    public GrpcStatus GrpcStatus { get; }

    /// <summary>The gRPC status code; <see cref="StatusCode.DeadlineExceeded"/> for a timeout.</summary>
    public StatusCode StatusCode => GrpcStatus.StatusCode;

    /// <summary>What each endpoint behind the gateway answered; empty when the status carried no details.</summary>
    public IReadOnlyList<ErrorDetail> Details { get; }

    /// <summary>Whether the call ran out of time (<see cref="StatusCode.DeadlineExceeded"/>).</summary>
    public bool IsTimeout => GrpcStatus.StatusCode == StatusCode.DeadlineExceeded;

    /// <summary>The timeout that expired, when <see cref="IsTimeout"/> and the client set it; otherwise null.</summary>
    public TimeSpan? Timeout { get; init; }

    private static string DefaultMessage(GatewayOperation operation, GrpcStatus status, IReadOnlyList<ErrorDetail>? details)
    {
        var text = $"{operation} failed: {status.StatusCode}: {status.Detail}";
        return details is { Count: > 0 } ? text + " [" + string.Join("; ", details) + "]" : text;
    }
}
