using Fabric.DevNetwork.Tests.Network.Support;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Rules;

/// <summary>
/// Rule 6: the chaincode must REGISTER with the package id of its definition. Fabric's peer does not
/// recognise any other id and the launch times out; the dev network refuses it at once, with an error
/// log line and an error that names both ids.
/// </summary>
public sealed class ChaincodeRegistrationRuleTests : IAsyncLifetime, IDisposable
{
    private const string Org1Peer = "peer0.org1.example.com";
    private readonly TemporaryDirectory _data = new();
    private readonly CapturingLogs _logs = new();
    private NodeChaincode? _chaincode;

    public async Task InitializeAsync() => _chaincode = await NodeChaincode.StartAsync("devnetcc:1");

    [Fact]
    public async Task Rule6_ChaincodeRegistersWithAnotherPackageId_RefusedWithLogLineAndError()
    {
        using var loggerFactory = _logs.CreateFactory();
        await using var network = await DevNetwork.StartAsync(
            DevNetworkFixture.Options(_data.Path, _chaincode!.Address) with { LoggerFactory = loggerFactory }).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var (proposal, txId) = client.CreateProposal("devnetcc", "get", "k");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(proposal, txId)).WithTimeout();

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        var details = RawGatewayClient.StatusDetails(error)!.Details.Select(d => d.Unpack<ErrorDetail>()).ToList();
        Assert.NotEmpty(details);
        Assert.All(details, d => Assert.Equal(
            "error in simulation: could not launch chaincode devnetcc_1.0:dev: the chaincode at " + _chaincode.Address + " registered as 'devnetcc:1': " +
            "peer will not accept external chaincode connection devnetcc:1 (except in dev mode); start it with CHAINCODE_ID=devnetcc_1.0:dev",
            d.Message));
        var logged = _logs.Entries.Where(e => e.EventId == 3004).ToList();
        Assert.NotEmpty(logged);
        Assert.All(logged, e =>
        {
            Assert.Equal(LogLevel.Error, e.Level);
            Assert.Contains("registered as 'devnetcc:1', but its definition's package id is 'devnetcc_1.0:dev'", e.Message, StringComparison.Ordinal);
            Assert.Contains("CHAINCODE_ID=devnetcc_1.0:dev", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Rule6_DefinitionNamesThePackageIdTheChaincodeUses_Accepted()
    {
        var options = DevNetworkFixture.Options(_data.Path, _chaincode!.Address);
        options = options with { Chaincodes = [options.Chaincodes[0] with { PackageId = "devnetcc:1" }] };
        await using var network = await DevNetwork.StartAsync(options).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var (proposal, txId) = client.CreateProposal("devnetcc", "get", "k");

        var response = await client.EvaluateAsync(proposal, txId).WithTimeout();

        Assert.Equal(200, response.Result.Status);
    }

    [Fact]
    public void Rule6_DefaultPackageId_IsNameUnderscoreVersionColonDev()
    {
        var definition = new ChaincodeDefinition { Name = "healthrecords", Version = "2.1", Address = "127.0.0.1:1" };

        Assert.Equal("healthrecords_2.1:dev", definition.PackageId);
        Assert.Equal("x:1", (definition with { PackageId = "x:1" }).PackageId);
    }

    public async Task DisposeAsync()
    {
        if (_chaincode is not null)
        {
            await _chaincode.DisposeAsync();
        }
    }

    public void Dispose() => _data.Dispose();
}
