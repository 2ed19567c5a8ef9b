namespace Hyperledger.Fabric.Gateway;

/// <summary>A checkpointer that lives as long as the process: resumes a stream within one run. Thread-safe.</summary>
public sealed class InMemoryCheckpointer : ICheckpointer
{
    private readonly Lock _gate = new();
    private (ulong? Block, string? TransactionId) _position;

    /// <inheritdoc />
    public ulong? BlockNumber
    {
        get { lock (_gate) { return _position.Block; } }
    }

    /// <inheritdoc />
    public string? TransactionId
    {
        get { lock (_gate) { return _position.TransactionId; } }
    }

    /// <inheritdoc />
    public Task CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _position = (blockNumber + 1, null);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        lock (_gate)
        {
            _position = (blockNumber, transactionId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincodeEvent);
        return CheckpointTransactionAsync(chaincodeEvent.BlockNumber, chaincodeEvent.TransactionId, cancellationToken);
    }
}
