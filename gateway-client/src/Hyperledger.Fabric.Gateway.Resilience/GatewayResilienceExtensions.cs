using Polly;
using Polly.Retry;

namespace Hyperledger.Fabric.Gateway.Resilience;

/// <summary>
/// Adds the gateway's opt-in retry strategies to a Polly pipeline. Nothing in the client retries on its
/// own; build a pipeline with these and pass it to the <see cref="ResilientContractExtensions"/> methods.
/// </summary>
public static class GatewayResilienceExtensions
{
    /// <summary>Retries an evaluate on <c>UNAVAILABLE</c> or <c>DEADLINE_EXCEEDED</c> (<see cref="GatewayRetryPredicates.IsTransientEvaluateFailure"/>).</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">Limits, backoff and jitter; null for the defaults.</param>
    /// <returns>The builder.</returns>
    public static ResiliencePipelineBuilder AddEvaluateRetry(this ResiliencePipelineBuilder builder, GatewayRetryOptions? options = null) =>
        AddRetry(builder, options, GatewayRetryPredicates.IsTransientEvaluateFailure);

    /// <summary>Asks again for a commit status that timed out or was unreachable (<see cref="GatewayRetryPredicates.IsTransientCommitStatusFailure"/>).</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">Limits, backoff and jitter; null for the defaults.</param>
    /// <returns>The builder.</returns>
    public static ResiliencePipelineBuilder AddCommitStatusRetry(this ResiliencePipelineBuilder builder, GatewayRetryOptions? options = null) =>
        AddRetry(builder, options, GatewayRetryPredicates.IsTransientCommitStatusFailure);

    /// <summary>
    /// Runs the operation again, as a new transaction with a new transaction id, after it committed with a
    /// read conflict (<see cref="GatewayRetryPredicates.IsReadConflict"/>). Use only for idempotent operations,
    /// through <see cref="ResilientContractExtensions.SubmitIdempotentTransactionAsync(IContract, ResiliencePipeline, string, string[], CancellationToken)"/>.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">Limits, backoff and jitter; null for the defaults.</param>
    /// <returns>The builder.</returns>
    public static ResiliencePipelineBuilder AddResubmitOnReadConflict(this ResiliencePipelineBuilder builder, GatewayRetryOptions? options = null) =>
        AddRetry(builder, options, GatewayRetryPredicates.IsReadConflict);

    /// <summary>
    /// Runs the operation again, as a new proposal with a new transaction id, after its endorsement failed
    /// because the peers returned different results (<see cref="GatewayRetryPredicates.IsEndorsementMismatch"/>).
    /// Nothing was ordered, so this is safe for any operation; chaincode refusals are not retried.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">Limits, backoff and jitter; null for the defaults.</param>
    /// <returns>The builder.</returns>
    public static ResiliencePipelineBuilder AddResubmitOnEndorsementMismatch(this ResiliencePipelineBuilder builder, GatewayRetryOptions? options = null) =>
        AddRetry(builder, options, GatewayRetryPredicates.IsEndorsementMismatch);

    /// <summary>
    /// Runs the operation again, as a new transaction, after any failure that wrote nothing
    /// (<see cref="GatewayRetryPredicates.IsUnappliedSubmitFailure"/>: an endorsement mismatch or a read
    /// conflict at commit). Run it through
    /// <see cref="ResilientContractExtensions.SubmitIdempotentAsync(IContract, ResiliencePipeline, string, ProposalOptions, CancellationToken)"/>.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">Limits, backoff and jitter; null for the defaults.</param>
    /// <returns>The builder.</returns>
    public static ResiliencePipelineBuilder AddResubmitOnUnappliedFailure(this ResiliencePipelineBuilder builder, GatewayRetryOptions? options = null) =>
        AddRetry(builder, options, GatewayRetryPredicates.IsUnappliedSubmitFailure);

    private static ResiliencePipelineBuilder AddRetry(ResiliencePipelineBuilder builder, GatewayRetryOptions? options, Func<Exception, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new GatewayRetryOptions();
        if (options.MaxRetryAttempts < 0)
        {
            throw new ArgumentException("MaxRetryAttempts must not be negative.", nameof(options));
        }

        if (options.MaxRetryAttempts == 0)
        {
            return builder;
        }

        var onRetry = options.OnRetry;
        return builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(predicate),
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.Delay,
            MaxDelay = options.MaxDelay,
            BackoffType = options.BackoffType,
            UseJitter = options.UseJitter,
            OnRetry = args =>
            {
                if (onRetry is not null && args.Outcome.Exception is { } exception)
                {
                    onRetry(args.AttemptNumber, exception);
                }

                return default;
            },
        });
    }
}
