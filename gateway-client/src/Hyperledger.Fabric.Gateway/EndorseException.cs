using Grpc.Core;
using GrpcStatus = Grpc.Core.Status;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// Endorsement failed: the chaincode returned an error, the endorsement policy could not be met, or the
/// peers could not be reached. Nothing was sent for ordering, so the transaction cannot commit.
/// </summary>
public sealed class EndorseException : TransactionException
{
    /// <inheritdoc cref="TransactionException(GatewayOperation, string, GrpcStatus, IReadOnlyList{ErrorDetail}?, string?, Exception?)" />
    public EndorseException(string transactionId, GrpcStatus status, IReadOnlyList<ErrorDetail>? details = null, string? message = null, Exception? innerException = null)
        : base(GatewayOperation.Endorse, transactionId, status, details, message, innerException)
    {
    }
}
