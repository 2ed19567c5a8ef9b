using Fabric.DevNetwork.Tests.Network.Support;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using static Fabric.DevNetwork.Tests.Network.Support.RawDeliverClient;
using Status = Hyperledger.Fabric.Protos.Common.Status;
using StatusCode = Grpc.Core.StatusCode;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>
/// The peer resolves each resource to a policy through the <c>ACLs</c> value of its config block, with
/// Fabric's default ACL provider for a resource the value leaves out. The network here is created with an
/// ACL table unlike our configtx.yaml's: whole blocks widened to StatusReaders (clients may read them),
/// commit status narrowed to the relative <c>Readers</c> (clients may not), and neither
/// <c>event/FilteredBlock</c> nor <c>qscc/GetChainInfo</c> listed, so both fall back to Fabric's
/// default, the Application Readers (admins and peers; configtx.yaml gives them to StatusReaders).
/// </summary>
public sealed class ChannelAclTests(ChannelAclTests.OtherAclsFixture fixture) : IClassFixture<ChannelAclTests.OtherAclsFixture>
{
    private const string Org1Peer = "peer0.org1.example.com";

    private static readonly Dictionary<string, string> Acls = new(StringComparer.Ordinal)
    {
        ["event/Block"] = "/Channel/Application/StatusReaders",
        ["gateway/CommitStatus"] = "Readers",
        ["gateway/ChaincodeEvents"] = "/Channel/Application/Readers",
    };

    [Fact]
    public async Task ConfigBlock_HoldsTheGivenAclTable()
    {
        var block = (await fixture.Network.GetPeerLedger(Org1Peer).GetBlockAsync(0).WithTimeout()).Block;
        var config = ConfigEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[0]).Payload).Data).Config;

        var acls = ACLs.Parser.ParseFrom(config.ChannelGroup.Groups["Application"].Values["ACLs"].Value);

        Assert.Equal(Acls.OrderBy(a => a.Key, StringComparer.Ordinal), acls.Acls.Select(a => KeyValuePair.Create(a.Key, a.Value.PolicyRef)).OrderBy(a => a.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deliver_EventBlockAclWidenedToStatusReaders_ClientReceivesWholeBlocks()
    {
        using var client = new RawDeliverClient(fixture.Network, Org1Peer, "User1", "Org1MSP");

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(Oldest, Oldest))).WithTimeout();

        Assert.Equal(Status.Success, status);
        Assert.Equal(0UL, Assert.Single(blocks).Block.Header.Number);
    }

    [Fact]
    public async Task CommitStatus_AclNamingRelativeReaders_ClientPermissionDeniedWithTheResolvedPolicy()
    {
        using var client = new RawGatewayClient(fixture.Network, Org1Peer, "User1", "Org1MSP");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.CommitStatusAsync("no-such-tx")).WithTimeout();

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(
            "failed evaluating policy on signed data during check policy [/Channel/Application/Readers]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Readers' sub-policies to be satisfied]",
            error.Status.Detail);
    }

    [Fact]
    public async Task DeliverFiltered_ResourceMissingFromAcls_FabricDefaultReadersRefusesClient()
    {
        using var client = new RawDeliverClient(fixture.Network, Org1Peer, "User1", "Org1MSP");

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(Oldest, Oldest)), Call.Filtered).WithTimeout();

        Assert.Equal(Status.Forbidden, status);
        Assert.Empty(blocks);
    }

    [Fact]
    public async Task DeliverFiltered_ResourceMissingFromAcls_FabricDefaultReadersAdmitsAdmin()
    {
        using var admin = new RawDeliverClient(fixture.Network, Org1Peer, "Admin", "Org1MSP");

        var (blocks, status) = await admin.DeliverAsync(admin.Request(Seek(Oldest, Oldest)), Call.Filtered).WithTimeout();

        Assert.Equal(Status.Success, status);
        Assert.Equal(0UL, Assert.Single(blocks).FilteredBlock.Number);
    }

    [Fact]
    public async Task GetChainInfo_ResourceMissingFromAcls_ClientRefusedWithTheDefaultProvidersText()
    {
        using var client = new RawGatewayClient(fixture.Network, Org1Peer, "User1", "Org1MSP");
        var (proposal, txId) = client.CreateProposal("qscc", "GetChainInfo", "healthchannel");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(proposal, txId)).WithTimeout();

        Assert.Contains(
            "access denied for [GetChainInfo][healthchannel]: [Failed evaluating policy on signed data during check policy on channel [healthchannel] with policy [/Channel/Application/Readers]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Readers' sub-policies to be satisfied]]",
            error.Status.Detail,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChainInfo_ResourceMissingFromAcls_AdminAnswered()
    {
        using var admin = new RawGatewayClient(fixture.Network, Org1Peer, "Admin", "Org1MSP");
        var (proposal, txId) = admin.CreateProposal("qscc", "GetChainInfo", "healthchannel");

        var response = await admin.EvaluateAsync(proposal, txId).WithTimeout();

        Assert.Equal(200, response.Result.Status);
        Assert.True(BlockchainInfo.Parser.ParseFrom(response.Result.Payload).Height >= 1);
    }

    [Fact]
    public async Task Qscc_UnknownFunction_RefusedAsAnUnmappedResourceLikeFabric()
    {
        using var admin = new RawGatewayClient(fixture.Network, Org1Peer, "Admin", "Org1MSP");
        var (proposal, txId) = admin.CreateProposal("qscc", "GetEverything", "healthchannel");

        var error = await Assert.ThrowsAsync<RpcException>(() => admin.EvaluateAsync(proposal, txId)).WithTimeout();

        Assert.Contains("access denied for [GetEverything][healthchannel]: [Unmapped policy for qscc/GetEverything]", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qscc_BlockQueryByClient_AclCheckedBeforeTheFunctionIsLookedUp()
    {
        using var client = new RawGatewayClient(fixture.Network, Org1Peer, "User1", "Org1MSP");
        var (proposal, txId) = client.CreateProposal("qscc", "GetBlockByNumber", "healthchannel", "0");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(proposal, txId)).WithTimeout();

        Assert.Contains("access denied for [GetBlockByNumber][healthchannel]: [", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_DataFolderWhoseBlockHasOtherAcls_Refused()
    {
        using var data = new TemporaryDirectory();
        var options = new DevNetworkOptions { DataDirectory = data.Path, Batch = DevNetworkFixture.Batch };
        await (await DevNetwork.StartAsync(options).WithTimeout()).DisposeAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DevNetwork.StartAsync(options with
        {
            ApplicationPolicies = new ApplicationPolicyOptions { Acls = Acls },
        })).WithTimeout();

        Assert.Contains("/Channel/Application ACLs", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A dev network (no chaincode) whose config block holds <see cref="Acls"/> as its ACL table.</summary>
    public sealed class OtherAclsFixture : IAsyncLifetime, IDisposable
    {
        private TemporaryDirectory? _data;
        private DevNetwork? _network;

        public DevNetwork Network => _network ?? throw new InvalidOperationException("not started");

        public async Task InitializeAsync()
        {
            _data = new TemporaryDirectory();
            _network = await DevNetwork.StartAsync(new DevNetworkOptions
            {
                DataDirectory = _data.Path,
                Batch = DevNetworkFixture.Batch,
                ApplicationPolicies = new ApplicationPolicyOptions { Acls = Acls },
            }).WithTimeout();
        }

        public async Task DisposeAsync()
        {
            if (_network is not null)
            {
                await _network.DisposeAsync();
            }

            Dispose();
        }

        public void Dispose() => _data?.Dispose();
    }
}
