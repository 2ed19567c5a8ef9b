using Polly;

namespace Hyperledger.Fabric.Gateway.Resilience;

/// <summary>Runs gateway operations through a Polly pipeline built with <see cref="GatewayResilienceExtensions"/>.</summary>
public static class ResilientContractExtensions
{
    /// <summary>Evaluates a transaction through <paramref name="pipeline"/>; each attempt is a new proposal.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="pipeline">Typically one with <see cref="GatewayResilienceExtensions.AddEvaluateRetry"/>.</param>
    /// <param name="name">The transaction name.</param>
    /// <param name="arguments">UTF-8 string arguments.</param>
    /// <param name="cancellationToken">Cancels the attempts and the delays between them.</param>
    /// <returns>The result of the first attempt that succeeded.</returns>
    /// <exception cref="GatewayException">The last attempt's failure, or a failure the pipeline does not retry.</exception>
    public static async Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(
        this IContract contract, ResiliencePipeline pipeline, string name, string[] arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(pipeline);
        return await pipeline.ExecuteAsync(
            static async (state, token) => await state.contract.EvaluateTransactionAsync(state.name, state.arguments, token).ConfigureAwait(false),
            (contract, name, arguments),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for a commit status through <paramref name="pipeline"/> (commit-status polling).</summary>
    /// <param name="commit">The submitted transaction or restored commit.</param>
    /// <param name="pipeline">Typically one with <see cref="GatewayResilienceExtensions.AddCommitStatusRetry"/>.</param>
    /// <param name="cancellationToken">Cancels the attempts and the delays between them.</param>
    /// <returns>The status.</returns>
    /// <exception cref="CommitStatusException">The last attempt's failure.</exception>
    public static async Task<CommitStatus> GetStatusAsync(this ICommit commit, ResiliencePipeline pipeline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(pipeline);
        return await pipeline.ExecuteAsync(
            static async (c, token) => await c.GetStatusAsync(token).ConfigureAwait(false), commit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Submits an operation the caller declares idempotent (safe to apply twice), through
    /// <paramref name="pipeline"/>: every attempt endorses a NEW proposal with a new transaction id, so a
    /// retry after a read conflict runs against the current state. Never resubmits the same transaction.
    /// </summary>
    /// <param name="contract">The contract.</param>
    /// <param name="pipeline">Typically one with <see cref="GatewayResilienceExtensions.AddResubmitOnReadConflict"/>.</param>
    /// <param name="name">The transaction name.</param>
    /// <param name="arguments">UTF-8 string arguments.</param>
    /// <param name="cancellationToken">Cancels the attempts and the delays between them.</param>
    /// <returns>The committed transaction's result.</returns>
    /// <exception cref="CommitException">The last attempt committed as invalid.</exception>
    public static Task<ReadOnlyMemory<byte>> SubmitIdempotentTransactionAsync(
        this IContract contract, ResiliencePipeline pipeline, string name, string[] arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return SubmitIdempotentAsync(contract, pipeline, name, new ProposalOptions().WithArguments(arguments), cancellationToken);
    }

    /// <inheritdoc cref="SubmitIdempotentTransactionAsync(IContract, ResiliencePipeline, string, string[], CancellationToken)" />
    /// <param name="contract">The contract.</param>
    /// <param name="pipeline">Typically one with <see cref="GatewayResilienceExtensions.AddResubmitOnReadConflict"/>.</param>
    /// <param name="name">The transaction name.</param>
    /// <param name="options">Arguments, transient data, endorsing organisations.</param>
    /// <param name="cancellationToken">Cancels the attempts and the delays between them.</param>
    public static async Task<ReadOnlyMemory<byte>> SubmitIdempotentAsync(
        this IContract contract, ResiliencePipeline pipeline, string name, ProposalOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        return await pipeline.ExecuteAsync(
            static async (state, token) => await state.contract.SubmitTransactionAsync(state.name, state.options, token).ConfigureAwait(false),
            (contract, name, options),
            cancellationToken).ConfigureAwait(false);
    }
}
