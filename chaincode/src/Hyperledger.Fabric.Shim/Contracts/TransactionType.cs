namespace Hyperledger.Fabric.Shim.Contracts;

/// <summary>How clients are meant to call a transaction function; shown in the contract metadata.</summary>
public enum TransactionType
{
    /// <summary>Endorsed and submitted to the ordering service: it may write.</summary>
    Submit,

    /// <summary>A query: evaluated on one peer, never submitted.</summary>
    Evaluate,
}
