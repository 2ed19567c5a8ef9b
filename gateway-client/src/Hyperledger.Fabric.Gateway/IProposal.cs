namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// A transaction proposal (the official clients' <c>Proposal</c>): evaluate it, or endorse it to get a
/// transaction to submit. Without a signer, sign <see cref="Digest"/> elsewhere and restore it with
/// <see cref="IGateway.NewSignedProposal"/>.
/// </summary>
public interface IProposal
{
    /// <summary>The transaction id: hex(SHA-256(nonce || creator)).</summary>
    string TransactionId { get; }

    /// <summary>The serialised proposal (<c>gateway.ProposedTransaction</c>), with its signature if it has one.</summary>
    ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The digest to sign: the configured hash of the proposal bytes.</summary>
    ReadOnlyMemory<byte> Digest { get; }

    /// <summary>Runs the proposal on one peer and returns its result; nothing is ordered.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="GatewayException">The gateway or the chaincode failed, or the evaluate timeout passed.</exception>
    /// <exception cref="InvalidOperationException">The proposal is unsigned and no signer is configured.</exception>
    Task<ReadOnlyMemory<byte>> EvaluateAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc cref="EvaluateAsync(CancellationToken)" />
    /// <param name="callOptions">Deadline (replacing <see cref="GatewayOptions.EvaluateTimeout"/>) and headers of this call; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ReadOnlyMemory<byte>> EvaluateAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default);

    /// <summary>Has the proposal endorsed by the peers the endorsement policy needs.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EndorseException">Endorsement failed or timed out.</exception>
    /// <exception cref="InvalidOperationException">The proposal is unsigned and no signer is configured.</exception>
    Task<ITransaction> EndorseAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc cref="EndorseAsync(CancellationToken)" />
    /// <param name="callOptions">Deadline (replacing <see cref="GatewayOptions.EndorseTimeout"/>) and headers of this call; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ITransaction> EndorseAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default);
}
