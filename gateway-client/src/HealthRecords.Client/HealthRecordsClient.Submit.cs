using Hyperledger.Fabric.Gateway;
using HealthRecords.Client.Internal;
using HealthRecords.Domain;

namespace HealthRecords.Client;

/// <content>The submit flow and its bounded resubmit of attempts that wrote nothing.</content>
public sealed partial class HealthRecordsClient
{
    /// <summary>
    /// Endorses, submits and waits for the commit of <paramref name="function"/>. An attempt that failed
    /// without writing anything (<see cref="GatewayRetryPredicates.IsUnappliedSubmitFailure"/>) is abandoned
    /// and the function is run again as a NEW proposal (new transaction id, current state), up to
    /// <see cref="HealthRecordsClientOptions.SubmitRetry"/>'s limits (a count and a time budget); the last
    /// failure is thrown unchanged.
    /// </summary>
    private async Task<SubmitResult<TResponse>> SubmitWithResultAsync<TRequest, TResponse>(string function, TRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[][] arguments = [HealthRecordsJson.Serialize(request)];
        try
        {
            return await BoundedRetry.RunAsync(
                _options.SubmitRetry,
                async (retries, token) =>
                {
                    HealthRecordsClientLog.Calling(_logger, function, "submit");

                    // Every call endorses a new proposal (new transaction id) against the peers' current state.
                    var result = await Contract.SubmitTransactionAsync(function, arguments, token).ConfigureAwait(false);
                    if (retries > 0)
                    {
                        SubmitRetryLog.CommittedAfterRetries(_logger, function, retries);
                    }

                    return new SubmitResult<TResponse>(ResponseJson.Parse<TResponse>(result, function), retries);
                },
                GatewayRetryPredicates.IsUnappliedSubmitFailure,
                r => SubmitRetryLog.Resubmitting(_logger, function, FailedTransactionId(r.Failure), r.Failure is CommitException c ? c.Code.ToString() : "EndorsementMismatch", r.Retry + 1, (long)r.Delay.TotalMilliseconds),
                cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayException e) when (ChaincodeErrorParser.TryMap(e, function) is { } mapped)
        {
            HealthRecordsClientLog.ChaincodeError(_logger, function, mapped.Code, mapped.TransactionId);
            throw mapped;
        }
    }

    private static string FailedTransactionId(Exception error) => error switch
    {
        CommitException c => c.TransactionId,
        TransactionException t => t.TransactionId,
        _ => string.Empty,
    };
}
