namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>The chaincode could not run a transaction (unreachable, stream closed, ERROR reply, timeout).</summary>
internal sealed class ChaincodeExecutionException : Exception
{
    public ChaincodeExecutionException()
    {
    }

    public ChaincodeExecutionException(string message)
        : base(message)
    {
    }

    public ChaincodeExecutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
