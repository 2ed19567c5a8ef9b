namespace Fabric.Grpc;

/// <summary>A call ended with a non-OK status.</summary>
public class RpcException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The call status.</param>
    /// <param name="statusDetails">The rich status (grpc-status-details-bin), if any.</param>
    /// <param name="trailers">The response trailers; empty when null.</param>
    public RpcException(Status status, Google.Rpc.Status? statusDetails = null, Metadata? trailers = null)
        : base(FormatMessage(status))
    {
        Status = status;
        StatusDetails = statusDetails;
        Trailers = trailers ?? new Metadata();
    }

    /// <summary>Creates the exception with the transport failure that caused it.</summary>
    /// <param name="status">The call status.</param>
    /// <param name="innerException">The underlying failure.</param>
    internal RpcException(Status status, Exception? innerException)
        : base(FormatMessage(status), innerException)
    {
        Status = status;
        Trailers = new Metadata();
    }

    /// <summary>The call status.</summary>
    public Status Status { get; }

    /// <summary>The call status code.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>The decoded grpc-status-details-bin, when the server sent one.</summary>
    public Google.Rpc.Status? StatusDetails { get; }

    /// <summary>The response trailers (never null).</summary>
    public Metadata Trailers { get; }

    private static string FormatMessage(Status status) =>
        $"Status(StatusCode=\"{status.StatusCode}\", Detail=\"{status.Detail}\")";
}
