namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>
/// Wraps a contract so that its first <c>conflicts</c> submits lose a read conflict deterministically: after
/// endorsing the caller's proposal, it endorses and commits a competing write of the same keys before
/// submitting the caller's transaction. Everything else is the real client against the real network.
/// </summary>
public sealed class ConflictingContract(IContract inner, int conflicts) : IContract
{
    private int _remaining = conflicts;

    /// <summary>The transaction id of each submit attempt, in order.</summary>
    public List<string> TransactionIds { get; } = [];

    public string ChaincodeName => inner.ChaincodeName;

    public string? ContractName => inner.ContractName;

    public async Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, ProposalOptions options, CancellationToken cancellationToken = default)
    {
        var proposal = inner.NewProposal(name, options);
        lock (TransactionIds)
        {
            TransactionIds.Add(proposal.TransactionId);
        }

        var transaction = await proposal.EndorseAsync(cancellationToken);
        if (Interlocked.Decrement(ref _remaining) >= 0)
        {
            var competitor = await inner.NewProposal(name, options).EndorseAsync(cancellationToken);
            await (await competitor.SubmitAsync(cancellationToken)).GetStatusAsync(cancellationToken);
        }

        var submitted = await transaction.SubmitAsync(cancellationToken);
        var status = await submitted.GetStatusAsync(cancellationToken);
        return status.Successful ? submitted.Result : throw new CommitException(status);
    }

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, params string[] arguments) => inner.EvaluateTransactionAsync(name, arguments);

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, string[] arguments, CancellationToken cancellationToken) => inner.EvaluateTransactionAsync(name, arguments, cancellationToken);

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, byte[][] arguments, CancellationToken cancellationToken = default) => inner.EvaluateTransactionAsync(name, arguments, cancellationToken);

    public Task<ReadOnlyMemory<byte>> EvaluateAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default) => inner.EvaluateAsync(name, options, cancellationToken);

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, params string[] arguments) => SubmitTransactionAsync(name, new ProposalOptions().WithArguments(arguments));

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, string[] arguments, CancellationToken cancellationToken) => SubmitTransactionAsync(name, new ProposalOptions().WithArguments(arguments), cancellationToken);

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, byte[][] arguments, CancellationToken cancellationToken = default) =>
        SubmitTransactionAsync(name, new ProposalOptions { Arguments = arguments.Select(a => (ReadOnlyMemory<byte>)a).ToList() }, cancellationToken);

    public Task<ISubmittedTransaction> SubmitAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The conflicts are staged around the whole submit-and-commit flow.");

    public IProposal NewProposal(string name, ProposalOptions? options = null) => inner.NewProposal(name, options);

    public Task<VerifiedReadResult> EvaluateVerifiedAsync(string name, string[] arguments, VerifiedReadOptions options, CancellationToken cancellationToken = default) =>
        inner.EvaluateVerifiedAsync(name, arguments, options, cancellationToken);

    public Task<VerifiedReadResult> EvaluateVerifiedAsync(string name, byte[][] arguments, VerifiedReadOptions options, CancellationToken cancellationToken = default) =>
        inner.EvaluateVerifiedAsync(name, arguments, options, cancellationToken);
}
