namespace Fabric.DevNetwork;

/// <summary>
/// What the dev network's peers offer a chaincode in READY, as a Fabric 3.x peer does in its
/// <c>ChaincodeAdditionalParams</c>: write batching (WRITE_BATCH_STATE) and multi-key reads
/// (GET_STATE_MULTIPLE), each with a maximum size. Without it (<see cref="ChaincodeDefinition.Batching"/>
/// null) READY is empty like Fabric 2.5's, and the peers refuse both messages as 2.5 does.
/// </summary>
public sealed record ChaincodeBatchingOptions
{
    /// <summary>What Fabric 3.1 peers announce by default: both on, at most 1,000 each.</summary>
    public static ChaincodeBatchingOptions Fabric3 { get; } = new();

    /// <summary>Whether WRITE_BATCH_STATE is offered. Default true.</summary>
    public bool UseWriteBatch { get; init; } = true;

    /// <summary>The most writes one WRITE_BATCH_STATE may carry; a larger batch is refused. Default 1,000.</summary>
    public int MaxWriteBatchSize { get; init; } = 1000;

    /// <summary>Whether GET_STATE_MULTIPLE is offered. Default true.</summary>
    public bool UseGetMultipleKeys { get; init; } = true;

    /// <summary>The most keys one GET_STATE_MULTIPLE may ask for; more are refused. Default 1,000.</summary>
    public int MaxGetMultipleKeys { get; init; } = 1000;
}
