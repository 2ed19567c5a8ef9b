namespace Hyperledger.Fabric.Shim.Tests.Infrastructure;

/// <summary>A low-level chaincode whose Invoke is a test's lambda (Init succeeds with "init").</summary>
internal sealed class DelegateChaincode(Func<IChaincodeStub, CancellationToken, Task<ChaincodeResponse>> invoke) : IChaincode
{
    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken = default) =>
        Task.FromResult(ChaincodeResponse.Success("init"u8.ToArray()));

    public Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken = default) => invoke(stub, cancellationToken);
}
