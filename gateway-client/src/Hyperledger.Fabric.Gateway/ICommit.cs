namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// A request for a submitted transaction's commit status (the official clients' <c>Commit</c>). Without a
/// signer, sign <see cref="Digest"/> elsewhere and restore it with <see cref="IGateway.NewSignedCommit"/>.
/// </summary>
public interface ICommit
{
    /// <summary>The transaction id.</summary>
    string TransactionId { get; }

    /// <summary>The serialised request (<c>gateway.SignedCommitStatusRequest</c>), with its signature if it has one.</summary>
    ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The digest to sign: the configured hash of the request.</summary>
    ReadOnlyMemory<byte> Digest { get; }

    /// <summary>
    /// Waits for the transaction to commit and returns its status; an invalid transaction is a status with
    /// <see cref="CommitStatus.Successful"/> false, not an exception.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="CommitStatusException">The status could not be obtained in time.</exception>
    /// <exception cref="InvalidOperationException">The request is unsigned and no signer is configured.</exception>
    Task<CommitStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc cref="GetStatusAsync(CancellationToken)" />
    /// <param name="callOptions">Deadline (replacing <see cref="GatewayOptions.CommitStatusTimeout"/>) and headers of this call; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task<CommitStatus> GetStatusAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default);
}
