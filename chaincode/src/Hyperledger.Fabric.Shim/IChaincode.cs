namespace Hyperledger.Fabric.Shim;

/// <summary>
/// A chaincode at the level of Fabric's low-level shims (Go <c>shim.Chaincode</c>, Node
/// <c>ChaincodeInterface</c>): one entry point for INIT messages and one for TRANSACTION messages.
/// <see cref="Contracts.ContractRouter"/> implements it for contract classes.
/// </summary>
public interface IChaincode
{
    /// <summary>
    /// Runs a transaction the peer marked as initialisation (an INIT message, or a first invoke
    /// with <c>--init-required</c>).
    /// </summary>
    /// <param name="stub">The transaction's stub; valid until the returned task completes.</param>
    /// <param name="cancellationToken">Cancelled when the peer disconnects or the server stops.</param>
    Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken = default);

    /// <summary>Runs a transaction (a TRANSACTION message).</summary>
    /// <param name="stub">The transaction's stub; valid until the returned task completes.</param>
    /// <param name="cancellationToken">Cancelled when the peer disconnects or the server stops.</param>
    Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken = default);
}
