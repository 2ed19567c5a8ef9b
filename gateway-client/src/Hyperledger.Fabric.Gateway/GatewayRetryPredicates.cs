using Grpc.Core;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// Which gateway failures are safe to retry, and how: pure functions over the gateway's exceptions, for any
/// retry loop (the Polly pipelines of Hyperledger.Fabric.Gateway.Resilience use them, so does a hand-written loop).
/// </summary>
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

    /// <summary>
    /// An endorsement that failed only because the endorsing peers returned different results
    /// (<see cref="StatusCode.Aborted"/> with <c>ProposalResponsePayloads do not match</c>), typically because
    /// one peer had not yet committed the latest block. Nothing was sent for ordering, so endorsing a new
    /// proposal is safe. A chaincode refusal, which a real Gateway also reports as <see cref="StatusCode.Aborted"/>
    /// at endorse (a detail starting <c>chaincode response</c>), is never a mismatch.
    /// </summary>
    /// <param name="exception">The failure.</param>
    public static bool IsEndorsementMismatch(Exception exception)
    {
        if (exception is not EndorseException { StatusCode: StatusCode.Aborted } endorse)
        {
            return false;
        }

        var mismatch = endorse.GrpcStatus.Detail?.Contains(PayloadMismatch, StringComparison.Ordinal) == true;
        foreach (var detail in endorse.Details)
        {
            if (detail.Message.Contains(ChaincodeResponse, StringComparison.Ordinal))
            {
                // At least one peer ran the chaincode and it refused: that refusal would repeat.
                return false;
            }

            mismatch |= detail.Message.Contains(PayloadMismatch, StringComparison.Ordinal);
        }

        return mismatch;
    }

    /// <summary>
    /// A submit that failed in a way that wrote nothing to the ledger and that a new proposal may not repeat:
    /// <see cref="IsEndorsementMismatch"/> (never ordered) or <see cref="IsReadConflict"/> (ordered, invalidated,
    /// writes not applied). Running the operation again as a new transaction applies it at most once.
    /// </summary>
    /// <param name="exception">The failure.</param>
    public static bool IsUnappliedSubmitFailure(Exception exception) =>
        IsEndorsementMismatch(exception) || IsReadConflict(exception);

    // What Fabric's Gateway puts in the per-peer detail when endorsers disagree, and the prefix a peer gives
    // a chaincode's error response.
    private const string PayloadMismatch = "ProposalResponsePayloads do not match";
    private const string ChaincodeResponse = "chaincode response";
}
