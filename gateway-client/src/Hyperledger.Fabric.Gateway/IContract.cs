namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// A chaincode (or one contract inside it) on a channel (the official clients' <c>Contract</c>).
/// <c>Evaluate*</c> runs a query on one peer and never changes the ledger; <c>SubmitTransactionAsync</c>
/// endorses, orders and waits for the commit (the official clients' <c>submitTransaction</c>/<c>submit</c>);
/// <see cref="SubmitAsync"/> returns once the orderer has the transaction (<c>submitAsync</c>).
/// </summary>
public interface IContract
{
    /// <summary>The chaincode's name.</summary>
    string ChaincodeName { get; }

    /// <summary>The contract's name inside the chaincode, or null.</summary>
    string? ContractName { get; }

    /// <summary>Evaluates a transaction (a query) with UTF-8 string arguments and returns its result.</summary>
    /// <param name="name">The transaction name.</param>
    /// <param name="arguments">The arguments.</param>
    /// <exception cref="GatewayException">The gateway or the chaincode failed, or the evaluate timeout passed.</exception>
    Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, params string[] arguments);

    /// <inheritdoc cref="EvaluateTransactionAsync(string, string[])" />
    /// <param name="name">The transaction name.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, string[] arguments, CancellationToken cancellationToken);

    /// <summary>Evaluates a transaction with binary arguments and returns its result.</summary>
    /// <param name="name">The transaction name.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="GatewayException">The gateway or the chaincode failed, or the evaluate timeout passed.</exception>
    Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, byte[][] arguments, CancellationToken cancellationToken = default);

    /// <summary>Evaluates a transaction with arguments, transient data and target organisations.</summary>
    /// <param name="name">The transaction name.</param>
    /// <param name="options">Arguments, transient data, target organisations; null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="GatewayException">The gateway or the chaincode failed, or the evaluate timeout passed.</exception>
    Task<ReadOnlyMemory<byte>> EvaluateAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits a transaction with UTF-8 string arguments: endorse, submit, wait for the commit. Returns the
    /// chaincode's result once the transaction committed successfully.
    /// </summary>
    /// <param name="name">The transaction name.</param>
    /// <param name="arguments">The arguments.</param>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">Ordering failed; see <see cref="SubmitException.MayHaveCommitted"/>.</exception>
    /// <exception cref="CommitStatusException">The commit status could not be obtained.</exception>
    /// <exception cref="CommitException">The transaction committed as invalid.</exception>
    Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, params string[] arguments);

    /// <inheritdoc cref="SubmitTransactionAsync(string, string[])" />
    /// <param name="name">The transaction name.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, string[] arguments, CancellationToken cancellationToken);

    /// <inheritdoc cref="SubmitTransactionAsync(string, string[])" />
    /// <param name="name">The transaction name.</param>
    /// <param name="arguments">The binary arguments.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, byte[][] arguments, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="SubmitTransactionAsync(string, string[])" />
    /// <param name="name">The transaction name.</param>
    /// <param name="options">Arguments, transient data, endorsing organisations, call options.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, ProposalOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Endorses the transaction and hands it to the ordering service, then returns without waiting for the
    /// commit (the official clients' <c>submitAsync</c>). The result is
    /// <see cref="ISubmittedTransaction.Result"/>; wait for the commit with <see cref="ICommit.GetStatusAsync(CancellationToken)"/>.
    /// </summary>
    /// <param name="name">The transaction name.</param>
    /// <param name="options">Arguments, transient data, endorsing organisations, call options; null for none.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">Ordering failed; see <see cref="SubmitException.MayHaveCommitted"/>.</exception>
    Task<ISubmittedTransaction> SubmitAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A proposal for the step-by-step flow (evaluate or endorse -> submit -> status) and for offline
    /// signing. No I/O: builds the proposal and its transaction id.
    /// </summary>
    /// <param name="name">The transaction name.</param>
    /// <param name="options">Arguments, transient data, endorsing organisations; null for none.</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    IProposal NewProposal(string name, ProposalOptions? options = null);

    /// <summary>
    /// A verifiable read: the query goes through Endorse (it is never submitted), so the peers of several
    /// organisations sign its result; the client checks every signature, that each endorser's certificate
    /// chains to its organisation's CA, that the result answers this proposal, and that enough distinct
    /// organisations endorsed, before returning it.
    /// </summary>
    /// <param name="name">The transaction name.</param>
    /// <param name="arguments">The UTF-8 string arguments.</param>
    /// <param name="options">Trusted CAs and how many organisations must endorse.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="VerificationException">The endorsements are not trustworthy.</exception>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="ArgumentException">The options name no CA certificates, or ask for fewer than one organisation.</exception>
    Task<VerifiedReadResult> EvaluateVerifiedAsync(string name, string[] arguments, VerifiedReadOptions options, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="EvaluateVerifiedAsync(string, string[], VerifiedReadOptions, CancellationToken)" />
    Task<VerifiedReadResult> EvaluateVerifiedAsync(string name, byte[][] arguments, VerifiedReadOptions options, CancellationToken cancellationToken = default);
}
