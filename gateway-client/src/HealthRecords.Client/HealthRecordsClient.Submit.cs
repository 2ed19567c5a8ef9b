using System.Diagnostics;
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
        var retry = _options.SubmitRetry;
        var started = Stopwatch.GetTimestamp();
        var delay = TimeSpan.Zero;
        for (var retries = 0; ; retries++)
        {
            HealthRecordsClientLog.Calling(_logger, function, "submit");
            try
            {
                // Every call endorses a new proposal (new transaction id) against the peers' current state.
                var result = await Contract.SubmitTransactionAsync(function, arguments, cancellationToken).ConfigureAwait(false);
                if (retries > 0)
                {
                    SubmitRetryLog.CommittedAfterRetries(_logger, function, retries);
                }

                return new SubmitResult<TResponse>(ResponseJson.Parse<TResponse>(result, function), retries);
            }
            catch (Exception e) when (retry is not null
                && GatewayRetryPredicates.IsUnappliedSubmitFailure(e)
                && retry.TryNextDelay(retries, Stopwatch.GetElapsedTime(started), out delay))
            {
                SubmitRetryLog.Resubmitting(_logger, function, FailedTransactionId(e), e is CommitException c ? c.Code.ToString() : "EndorsementMismatch", retries + 1, (long)delay.TotalMilliseconds);
                retry.OnRetry?.Invoke(retries, e);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (GatewayException e) when (ChaincodeErrorParser.TryMap(e, function) is { } mapped)
            {
                HealthRecordsClientLog.ChaincodeError(_logger, function, mapped.Code, mapped.TransactionId);
                throw mapped;
            }
        }
    }

    private static string FailedTransactionId(Exception error) => error switch
    {
        CommitException c => c.TransactionId,
        TransactionException t => t.TransactionId,
        _ => string.Empty,
    };
}
