namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// Remembers how far an event consumer got, so a new stream (after a restart) resumes right after the last
/// event it processed (the official clients' <c>Checkpointer</c>). Call a <c>Checkpoint*</c> method after
/// processing each event.
/// </summary>
public interface ICheckpointer
{
    /// <summary>The block to resume from; null when nothing has been checkpointed.</summary>
    ulong? BlockNumber { get; }

    /// <summary>Within <see cref="BlockNumber"/>, the last transaction processed; null when the whole previous block was.</summary>
    string? TransactionId { get; }

    /// <summary>Records that every event of <paramref name="blockNumber"/> was processed: resume at the next block.</summary>
    /// <param name="blockNumber">The processed block.</param>
    /// <param name="cancellationToken">Cancels a durable write.</param>
    Task CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default);

    /// <summary>Records that the event of <paramref name="transactionId"/> in <paramref name="blockNumber"/> was processed.</summary>
    /// <param name="blockNumber">The block holding the transaction.</param>
    /// <param name="transactionId">The processed transaction.</param>
    /// <param name="cancellationToken">Cancels a durable write.</param>
    Task CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="chaincodeEvent"/> was processed.</summary>
    /// <param name="chaincodeEvent">The processed event.</param>
    /// <param name="cancellationToken">Cancels a durable write.</param>
    Task CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default);
}
