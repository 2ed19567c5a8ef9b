namespace Hyperledger.Fabric.Shim.Contracts;

/// <summary>
/// What a transaction function receives first: the stub and the caller's identity. Derive from it
/// (and override <see cref="Contract.CreateContext"/>) to carry per-transaction helpers.
/// </summary>
public class ContractContext
{
    /// <summary>Creates a context around <paramref name="stub"/>.</summary>
    public ContractContext(IChaincodeStub stub)
    {
        ArgumentNullException.ThrowIfNull(stub);
        Stub = stub;
    }

    /// <summary>The transaction's stub.</summary>
    public IChaincodeStub Stub { get; }

    /// <summary>The identity that signed the proposal.</summary>
    public ClientIdentity ClientIdentity => Stub.ClientIdentity;

    /// <summary>Cancelled when the peer disconnects or the server stops.</summary>
    public CancellationToken CancellationToken => Stub.CancellationToken;

    /// <summary>The function name being called (after routing; without the contract prefix).</summary>
    public string FunctionName { get; internal set; } = string.Empty;
}
