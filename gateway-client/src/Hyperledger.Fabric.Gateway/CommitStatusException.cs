using Grpc.Core;
using GrpcStatus = Grpc.Core.Status;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// The commit status of a transaction could not be obtained (timeout, unreachable gateway, rejected
/// request). The transaction's outcome is unknown: it may still commit, so ask again rather than resubmit.
/// </summary>
public sealed class CommitStatusException : TransactionException
{
    /// <inheritdoc cref="TransactionException(GatewayOperation, string, GrpcStatus, IReadOnlyList{ErrorDetail}?, string?, Exception?)" />
    public CommitStatusException(string transactionId, GrpcStatus status, IReadOnlyList<ErrorDetail>? details = null, string? message = null, Exception? innerException = null)
        : base(GatewayOperation.CommitStatus, transactionId, status, details, message, innerException)
    {
    }

    /// <summary>Always true: a submitted transaction whose status is unknown may have committed, or may still.</summary>
    public bool MayHaveCommitted => true;
}
