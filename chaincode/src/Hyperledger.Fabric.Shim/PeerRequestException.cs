namespace Hyperledger.Fabric.Shim;

/// <summary>
/// A stub call failed: the peer answered ERROR (its message is <see cref="Exception.Message"/>), the
/// peer answered something unexpected, or the stream to the peer closed before the answer.
/// </summary>
public class PeerRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PeerRequestException()
        : this("the peer request failed")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PeerRequestException(string message)
        : base(message)
    {
        RequestType = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PeerRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        RequestType = string.Empty;
    }

    /// <summary>Creates the exception for a request of the given type (for example <c>GET_STATE</c>).</summary>
    public PeerRequestException(string requestType, string message, bool disconnected)
        : this(requestType, message, disconnected, null)
    {
    }

    /// <summary>Creates the exception for a request of the given type, keeping what caused it.</summary>
    internal PeerRequestException(string requestType, string message, bool disconnected, Exception? innerException)
        : base(message, innerException)
    {
        RequestType = requestType;
        IsDisconnected = disconnected;
    }

    /// <summary>The chaincode message type of the failed request, for example <c>GET_STATE</c>.</summary>
    public string RequestType { get; }

    /// <summary>True when the stream to the peer closed before the answer arrived.</summary>
    public bool IsDisconnected { get; }
}
