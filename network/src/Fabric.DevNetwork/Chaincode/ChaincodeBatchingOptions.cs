namespace Fabric.DevNetwork;

/// <summary>
/// How the dev network's peers treat a chaincode the way Fabric 3.x peers do: what they offer in READY, as a
/// 3.x peer does in its <c>ChaincodeAdditionalParams</c> (write batching, WRITE_BATCH_STATE, and multi-key
/// reads, GET_STATE_MULTIPLE, each with a maximum size), and when they dial it (at start-up). Without it
/// (<see cref="ChaincodeDefinition.Batching"/> null) the peers behave like Fabric 2.5's: READY is empty, both
/// messages are refused, and each peer dials the chaincode on its first transaction.
/// </summary>
public sealed record ChaincodeBatchingOptions
{
    /// <summary>What Fabric 3.1 peers announce by default: both on, at most 1,000 each; connecting at start-up.</summary>
    public static ChaincodeBatchingOptions Fabric3 { get; } = new();

    /// <summary>Whether WRITE_BATCH_STATE is offered. Default true.</summary>
    public bool UseWriteBatch { get; init; } = true;

    /// <summary>The most writes one WRITE_BATCH_STATE may carry; a larger batch is refused. Default 1,000.</summary>
    public int MaxWriteBatchSize { get; init; } = 1000;

    /// <summary>Whether GET_STATE_MULTIPLE is offered. Default true.</summary>
    public bool UseGetMultipleKeys { get; init; } = true;

    /// <summary>The most keys one GET_STATE_MULTIPLE may ask for; more are refused. Default 1,000.</summary>
    public int MaxGetMultipleKeys { get; init; } = 1000;

    /// <summary>
    /// Whether each peer dials the chaincode when it starts (and when it is started again), as Fabric 3.x
    /// peers do (3.1.5 opened the streams 16 s before the first transaction), instead of on the first
    /// transaction as 2.5 does. A peer that cannot reach the chaincode then logs a warning (event 3005) and
    /// dials again on the next transaction, so the chaincode may still start after the network. Default true.
    /// </summary>
    public bool ConnectAtStartup { get; init; } = true;
}
