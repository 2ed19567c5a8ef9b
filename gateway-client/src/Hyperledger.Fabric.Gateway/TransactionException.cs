using Grpc.Core;
using GrpcStatus = Grpc.Core.Status;

namespace Hyperledger.Fabric.Gateway;

/// <summary>A step of a transaction (endorse, submit, commit status) failed; carries the transaction id.</summary>
public class TransactionException : GatewayException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The step that failed.</param>
    /// <param name="transactionId">The transaction's id.</param>
    /// <param name="status">The gRPC status.</param>
    /// <param name="details">Per-endpoint details.</param>
    /// <param name="message">The message; null for one built from the step and status.</param>
    /// <param name="innerException">The transport's exception.</param>
    public TransactionException(GatewayOperation operation, string transactionId, GrpcStatus status, IReadOnlyList<ErrorDetail>? details = null, string? message = null, Exception? innerException = null)
        : base(operation, status, details, message, innerException)
    {
        TransactionId = transactionId;
    }

    /// <summary>The id of the transaction whose step failed.</summary>
    public string TransactionId { get; }
}
