namespace Hyperledger.Fabric.Gateway;

/// <summary>Where a block-event stream starts (the official clients' block events options), and whether it reconnects by itself (<see cref="EventStreamOptions"/>).</summary>
/// <remarks>
/// Start position, first match wins: a <see cref="Checkpointer"/> holding a block number (the stream
/// resumes at that block; a transaction id in it is ignored for block events, as in the official
/// clients); then <see cref="StartBlock"/>; otherwise the next block to commit.
/// </remarks>
public sealed record BlockEventsOptions : EventStreamOptions
{
    /// <summary>The first block to deliver; null for the next block to commit. Default null.</summary>
    public ulong? StartBlock { get; init; }

    /// <summary>
    /// A checkpointer whose block number, when it has one, sets the start. The stream does not write to it:
    /// the caller checkpoints each block once processed (<see cref="ICheckpointer.CheckpointBlockAsync"/>). Default null.
    /// </summary>
    public ICheckpointer? Checkpointer { get; init; }

    /// <summary>Deadline and headers of each stream connection; null for the defaults (<see cref="GatewayOptions.BlockEventsTimeout"/>). Default null.</summary>
    public GatewayCallOptions? CallOptions { get; init; }
}
