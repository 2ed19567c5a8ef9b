using Grpc.Core;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.Gateway.Resilience;

/// <summary>Which failures each gateway pipeline retries; public so custom pipelines can reuse them.</summary>
public static class GatewayRetryPredicates
{
    /// <summary>
    /// An evaluate that failed because no peer answered in time or none was reachable
    /// (<see cref="StatusCode.Unavailable"/>, <see cref="StatusCode.DeadlineExceeded"/>). Evaluates never
    /// change the ledger, so repeating one is always safe.
    /// </summary>
    /// <param name="exception">The failure.</param>
    public static bool IsTransientEvaluateFailure(Exception exception) =>
        exception is GatewayException { Operation: GatewayOperation.Evaluate, StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded };

    /// <summary>
    /// A commit-status wait that timed out or found the gateway unreachable: the transaction may still
    /// commit, and asking again is always safe.
    /// </summary>
    /// <param name="exception">The failure.</param>
    public static bool IsTransientCommitStatusFailure(Exception exception) =>
        exception is CommitStatusException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded };

    /// <summary>
    /// A transaction that committed as invalid because what it read changed before it committed
    /// (<see cref="TxValidationCode.MvccReadConflict"/>, <see cref="TxValidationCode.PhantomReadConflict"/>):
    /// its writes were not applied, so running the operation again as a new transaction is safe when the
    /// operation is idempotent.
    /// </summary>
    /// <param name="exception">The failure.</param>
    public static bool IsReadConflict(Exception exception) =>
        exception is CommitException { Code: TxValidationCode.MvccReadConflict or TxValidationCode.PhantomReadConflict };
}
