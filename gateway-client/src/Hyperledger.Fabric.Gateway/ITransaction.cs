namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// An endorsed transaction, ready to submit (the official clients' <c>Transaction</c>). Without a signer,
/// sign <see cref="Digest"/> elsewhere and restore it with <see cref="IGateway.NewSignedTransaction"/>.
/// </summary>
public interface ITransaction
{
    /// <summary>The transaction id.</summary>
    string TransactionId { get; }

    /// <summary>The chaincode's result, as the endorsers agreed on it.</summary>
    ReadOnlyMemory<byte> Result { get; }

    /// <summary>The serialised transaction (<c>gateway.PreparedTransaction</c>), with its signature if it has one.</summary>
    ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The digest to sign: the configured hash of the envelope payload.</summary>
    ReadOnlyMemory<byte> Digest { get; }

    /// <summary>Sends the transaction to the ordering service; does not wait for the commit.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SubmitException">Ordering failed or timed out; see <see cref="SubmitException.MayHaveCommitted"/>.</exception>
    /// <exception cref="InvalidOperationException">The transaction is unsigned and no signer is configured.</exception>
    Task<ISubmittedTransaction> SubmitAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc cref="SubmitAsync(CancellationToken)" />
    /// <param name="callOptions">Deadline (replacing <see cref="GatewayOptions.SubmitTimeout"/>) and headers of this call; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ISubmittedTransaction> SubmitAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default);
}
