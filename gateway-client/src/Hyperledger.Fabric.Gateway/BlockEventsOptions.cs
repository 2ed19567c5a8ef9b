namespace Hyperledger.Fabric.Gateway;

/// <summary>Where a block-event stream starts, and whether it reconnects by itself (the official clients' block events options).</summary>
/// <remarks>
/// Start position, first match wins: a <see cref="Checkpointer"/> holding a block number (the stream
/// resumes at that block; a transaction id in it is ignored for block events, as in the official
/// clients); then <see cref="StartBlock"/>; otherwise the next block to commit.
/// </remarks>
public sealed record BlockEventsOptions
{
    /// <summary>The first block to deliver; null for the next block to commit. Default null.</summary>
    public ulong? StartBlock { get; init; }

    /// <summary>
    /// A checkpointer whose block number, when it has one, sets the start. The stream does not write to it:
    /// the caller checkpoints each block once processed (<see cref="ICheckpointer.CheckpointBlockAsync"/>). Default null.
    /// </summary>
    public ICheckpointer? Checkpointer { get; init; }

    /// <summary>
    /// Reconnect after the stream breaks (peer restart, lost connection), trying each endpoint in turn and
    /// resuming at the block after the last one delivered, so no block is lost or repeated. Needs a signer
    /// (each reconnection signs a new request). Default false: a broken stream throws.
    /// </summary>
    public bool Reconnect { get; init; }

    /// <summary>First delay before reconnecting; doubled after each failed attempt up to <see cref="MaxReconnectDelay"/>. Default 500 ms.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between reconnection attempts. Default 10 s.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive failed reconnection attempts before the stream gives up and throws; null for no limit. Default null.</summary>
    public int? MaxReconnectAttempts { get; init; }

    /// <summary>Deadline and headers of each stream connection; null for the defaults (<see cref="GatewayOptions.BlockEventsTimeout"/>). Default null.</summary>
    public GatewayCallOptions? CallOptions { get; init; }
}
