namespace Hyperledger.Fabric.Shim;

/// <summary>
/// Thrown by chaincode to fail a transaction with a message (and optionally a payload) for the
/// client. The contract router turns it, like any exception, into one error response (status 500
/// unless <see cref="Status"/> says otherwise); the peer then discards the transaction's writes.
/// </summary>
public class ChaincodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChaincodeException()
        : this("chaincode error")
    {
    }

    /// <summary>Creates the exception with a message for the client.</summary>
    public ChaincodeException(string message)
        : this(message, default, ChaincodeResponse.ErrorStatus)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ChaincodeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = ChaincodeResponse.ErrorStatus;
    }

    /// <summary>Creates the exception with a message, a payload and a status (400 or more).</summary>
    public ChaincodeException(string message, ReadOnlyMemory<byte> payload, int status = ChaincodeResponse.ErrorStatus)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, ChaincodeResponse.ErrorThreshold);
        Payload = payload;
        Status = status;
    }

    /// <summary>Bytes returned to the client with the error (empty by default).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The response status (500 by default, at least 400).</summary>
    public int Status { get; }
}
