namespace Hyperledger.Fabric.Gateway;

/// <summary>Where a chaincode-event stream starts, and whether it reconnects by itself (<see cref="EventStreamOptions"/>).</summary>
/// <remarks>
/// Start position, first match wins: a <see cref="Checkpointer"/> holding a position; then
/// <see cref="StartBlock"/> (with <see cref="AfterTransactionId"/> to skip events up to and including that
/// transaction in that block); otherwise the next block to commit.
/// </remarks>
public sealed record ChaincodeEventsOptions : EventStreamOptions
{
    /// <summary>The first block to read events from; null for the next block to commit. Default null.</summary>
    public ulong? StartBlock { get; init; }

    /// <summary>With <see cref="StartBlock"/>: deliver only events after this transaction's event. Default null.</summary>
    public string? AfterTransactionId { get; init; }

    /// <summary>
    /// A checkpointer whose position, when it has one, sets the start: the stream resumes right after the
    /// last event the caller checkpointed. The stream does not write to it: the caller checkpoints each
    /// event once it has processed it (<see cref="ICheckpointer.CheckpointChaincodeEventAsync"/>), which
    /// gives exactly-once processing across restarts. Default null.
    /// </summary>
    public ICheckpointer? Checkpointer { get; init; }

    /// <summary>
    /// Deadline and headers of each stream connection (a reconnection sends the same headers and the same
    /// deadline); null for the defaults. Default null.
    /// </summary>
    public GatewayCallOptions? CallOptions { get; init; }
}
