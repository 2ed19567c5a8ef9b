using System.Text;
using Fabric.DevNetwork;
using Fabric.DevNetwork.Ordering;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Shim;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// A chaincode hosted inside an existing ASP.NET Core app (<c>AddChaincode&lt;T&gt;()</c> + <c>MapChaincode()</c>,
/// beside the app's own endpoints) serves the dev network's peers: with a two-organisation policy each peer
/// dials the app and opens its own Connect stream.
/// </summary>
public sealed class ChaincodeHostingTests
{
    private const string PackageId = "hosted:1";

    [Fact]
    public async Task SubmitTransactionAsync_ChaincodeHostedInAspNetCoreApp_EndorsedByBothPeersAndReadBack()
    {
        await using var app = await HostedChaincodeApp.StartAsync<KeyValueChaincode>(PackageId, app => app.MapGet("/health", () => "ok"));
        using var data = new TemporaryDirectory();
        await using var network = await global::Fabric.DevNetwork.DevNetwork.StartAsync(new DevNetworkOptions
        {
            DataDirectory = data.Path,
            Batch = new BatchOptions { MaxMessageCount = 10, BatchTimeout = TimeSpan.FromMilliseconds(200) },
            Chaincodes = [new ChaincodeDefinition { Name = "hosted", PackageId = PackageId, Address = HostedChaincodeApp.Address(app), EndorsementPolicy = "AND('Org1MSP.peer','Org2MSP.peer')" }],
        }).WithTimeout();
        var peer = network.Peers.First(p => p.MspId == "Org1MSP");
        var user = network.Crypto.GetOrganization("Org1MSP").GetUser("User1");
        using var gateway = Gateway.Connect(new GatewayOptions
        {
            Identity = X509Identity.FromPemFile("Org1MSP", user.SigningCertificatePath),
            Signer = Signers.FromPemFile(user.PrivateKeyPath),
            Endpoints = [NetworkFixture.Endpoint(peer)],
        });
        var contract = gateway.GetNetwork(network.ChannelId).GetContract("hosted");

        var written = await contract.SubmitTransactionAsync("put", "k1", "hosted value").WithTimeout();
        var read = await contract.EvaluateTransactionAsync("get", "k1").WithTimeout();

        Assert.Equal("hosted value", Encoding.UTF8.GetString(written.Span));
        Assert.Equal("hosted value", Encoding.UTF8.GetString(read.Span));
        Assert.Equal(2, app.Services.GetRequiredService<KeyValueChaincode>().Puts);
    }

    /// <summary>put(key, value) writes and returns the value; get(key) reads it.</summary>
    private sealed class KeyValueChaincode : IChaincode
    {
        private int _puts;

        public int Puts => Volatile.Read(ref _puts);

        public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken = default) => Task.FromResult(ChaincodeResponse.Success());

        public async Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken = default)
        {
            var (function, parameters) = stub.GetFunctionAndParameters();
            switch (function)
            {
                case "put":
                    var value = Encoding.UTF8.GetBytes(parameters[1]);
                    await stub.PutStateAsync(parameters[0], value, cancellationToken);
                    Interlocked.Increment(ref _puts);
                    return ChaincodeResponse.Success(value);
                case "get":
                    return ChaincodeResponse.Success(await stub.GetStateAsync(parameters[0], cancellationToken) ?? []);
                default:
                    return ChaincodeResponse.Error("unknown function " + function);
            }
        }
    }
}
