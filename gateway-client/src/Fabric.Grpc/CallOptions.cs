namespace Fabric.Grpc;

/// <summary>Per-call options.</summary>
public sealed record CallOptions
{
    /// <summary>
    /// When the call must finish (UTC; local times are converted). Sent as grpc-timeout; when it
    /// passes the call ends with <see cref="RpcException"/> (<see cref="StatusCode.DeadlineExceeded"/>).
    /// Null means no deadline.
    /// </summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Cancels the call; a caller cancellation surfaces as <see cref="OperationCanceledException"/>, not wrapped.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Request metadata sent as HTTP/2 headers.</summary>
    public Metadata? Headers { get; init; }
}
