using Grpc.Core;
using GrpcStatus = Grpc.Core.Status;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// Handing the endorsed transaction to the ordering service failed. Read <see cref="MayHaveCommitted"/>
/// before resubmitting: when it is true the orderer may have accepted the transaction, so check its
/// status (<see cref="INetwork.GetTransactionStatusAsync"/>) rather than sending it again.
/// </summary>
public sealed class SubmitException : TransactionException
{
    /// <inheritdoc cref="TransactionException(GatewayOperation, string, GrpcStatus, IReadOnlyList{ErrorDetail}?, string?, Exception?)" />
    public SubmitException(string transactionId, GrpcStatus status, IReadOnlyList<ErrorDetail>? details = null, string? message = null, Exception? innerException = null)
        : base(GatewayOperation.Submit, transactionId, status, details, message, innerException)
    {
    }

    /// <summary>
    /// True when the request may have reached the gateway and the transaction may still commit (a
    /// timeout, a connection lost after sending, an unknown outcome); false when it certainly did not
    /// (the request never left this process, or the gateway rejected it).
    /// </summary>
    public bool MayHaveCommitted { get; init; }
}
