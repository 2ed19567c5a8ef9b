using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Ordering;

/// <summary>The ordering service refused an envelope; <see cref="Status"/> is what Broadcast would answer.</summary>
public sealed class OrdererRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrdererRejectedException(Status status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>Creates the exception with status BAD_REQUEST.</summary>
    public OrdererRejectedException()
        : this(Status.BadRequest, "The envelope was rejected by the ordering service.")
    {
    }

    /// <summary>Creates the exception with status BAD_REQUEST.</summary>
    public OrdererRejectedException(string message)
        : this(Status.BadRequest, message)
    {
    }

    /// <summary>Creates the exception with status BAD_REQUEST.</summary>
    public OrdererRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = Status.BadRequest;
    }

    /// <summary>The Broadcast status: BAD_REQUEST, REQUEST_ENTITY_TOO_LARGE or SERVICE_UNAVAILABLE.</summary>
    public Status Status { get; }
}
