namespace Hyperledger.Fabric.Gateway;

/// <summary>Where a chaincode-event stream starts, and whether it reconnects by itself.</summary>
/// <remarks>
/// Start position, first match wins: a <see cref="Checkpointer"/> holding a position; then
/// <see cref="StartBlock"/> (with <see cref="AfterTransactionId"/> to skip events up to and including that
/// transaction in that block); otherwise the next block to commit.
/// </remarks>
public sealed record ChaincodeEventsOptions
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
    /// Reconnect after the stream breaks (peer restart, lost connection), trying each endpoint in turn and
    /// resuming right after the last event delivered, so no event is lost or repeated. Needs a signer
    /// (each reconnection signs a new request). Default false: a broken stream throws.
    /// </summary>
    public bool Reconnect { get; init; }

    /// <summary>First delay before reconnecting; doubled after each failed attempt up to <see cref="MaxReconnectDelay"/>. Default 500 ms.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between reconnection attempts. Default 10 s.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive failed reconnection attempts before the stream gives up and throws; null for no limit. Default null.</summary>
    public int? MaxReconnectAttempts { get; init; }

    /// <summary>
    /// Deadline and headers of each stream connection (a reconnection sends the same headers and the same
    /// deadline); null for the defaults. Default null.
    /// </summary>
    public GatewayCallOptions? CallOptions { get; init; }
}
