namespace Hyperledger.Fabric.Shim.Tests.Infrastructure;

/// <summary>Starts a <see cref="ChaincodeServer"/> on an ephemeral loopback port for one test.</summary>
internal static class ShimServer
{
    public const string PackageId = "healthrecords_1.0:0123456789abcdef";

    public static async Task<ChaincodeServer> StartAsync(IChaincode chaincode, ChaincodeServerOptions? options = null)
    {
        var server = new ChaincodeServer(chaincode, options ?? new ChaincodeServerOptions { ChaincodeId = PackageId, Address = "127.0.0.1:0" });
        await server.StartAsync().WaitAsync(TestSupport.TestTimeouts.Short);
        return server;
    }
}
