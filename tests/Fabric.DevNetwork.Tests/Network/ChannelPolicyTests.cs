using Fabric.DevNetwork.Tests.Network.Support;
using Google.Protobuf;
using Grpc.Core;
using Status = Hyperledger.Fabric.Protos.Common.Status;
using StatusCode = Grpc.Core.StatusCode;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Msp;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using static Fabric.DevNetwork.Tests.Network.Support.RawDeliverClient;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>
/// The dev network's ACLs and default endorsement policy follow its config block: a network whose
/// block narrows Org1's Writers and Org2's StatusReaders to admins and makes the Application Endorsement
/// policy ANY, over real sockets. (The default block's MAJORITY refusing one endorsement is
/// GatewayTests.Submit_EndorsedByOneOrgUnderMajorityPolicy_EndorsementPolicyFailure.)
/// </summary>
public sealed class ChannelPolicyTests(ChannelPolicyTests.NarrowedPoliciesFixture fixture) : IClassFixture<ChannelPolicyTests.NarrowedPoliciesFixture>
{
    private const string Org1Peer = "peer0.org1.example.com";
    private const string Org2Peer = "peer0.org2.example.com";

    [Fact]
    public async Task ConfigBlock_HoldsTheNarrowedPolicies()
    {
        var block = (await fixture.Network.GetPeerLedger(Org1Peer).GetBlockAsync(0).WithTimeout()).Block;
        var config = ConfigEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[0]).Payload).Data).Config;
        var application = config.ChannelGroup.Groups["Application"];

        var writers = SignaturePolicyEnvelope.Parser.ParseFrom(application.Groups["Org1MSP"].Policies["Writers"].Policy.Value);
        var principal = MSPRole.Parser.ParseFrom(Assert.Single(writers.Identities).Principal);
        Assert.Equal(("Org1MSP", MSPRole.Types.MSPRoleType.Admin), (principal.MspIdentifier, principal.Role));
        var endorsement = ImplicitMetaPolicy.Parser.ParseFrom(application.Policies["Endorsement"].Policy.Value);
        Assert.Equal((ImplicitMetaPolicy.Types.Rule.Any, "Endorsement"), (endorsement.Rule, endorsement.SubPolicy));
    }

    [Fact]
    public async Task Evaluate_ClientUnderAdminOnlyWriters_FailedPreconditionWithFabricsText()
    {
        using var client = new RawGatewayClient(fixture.Network, Org1Peer, "User1", "Org1MSP");
        var (proposal, txId) = client.CreateProposal("devnetcc", "get", "k");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(proposal, txId)).WithTimeout();

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(
            "evaluate call to endorser returned error: Failed evaluating policy on signed data during check policy on channel [healthchannel] with policy [/Channel/Application/Writers]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied]",
            error.Status.Detail);
    }

    [Fact]
    public async Task Evaluate_AdminUnderAdminOnlyWriters_Answered()
    {
        using var admin = new RawGatewayClient(fixture.Network, Org1Peer, "Admin", "Org1MSP");
        var (proposal, txId) = admin.CreateProposal("devnetcc", "get", "nothing-here");

        var response = await admin.EvaluateAsync(proposal, txId).WithTimeout();

        Assert.Equal(200, response.Result.Status);
    }

    [Fact]
    public async Task DeliverFiltered_ClientUnderAdminOnlyStatusReaders_Forbidden()
    {
        using var client = new RawDeliverClient(fixture.Network, Org2Peer, "User1", "Org2MSP");

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(Oldest, Oldest)), Call.Filtered).WithTimeout();

        Assert.Equal(Status.Forbidden, status);
        Assert.Empty(blocks);
    }

    [Fact]
    public async Task DeliverFiltered_AdminUnderAdminOnlyStatusReaders_ReceivesBlockZero()
    {
        using var admin = new RawDeliverClient(fixture.Network, Org2Peer, "Admin", "Org2MSP");

        var (blocks, status) = await admin.DeliverAsync(admin.Request(Seek(Oldest, Oldest)), Call.Filtered).WithTimeout();

        Assert.Equal(Status.Success, status);
        Assert.Equal(0UL, Assert.Single(blocks).FilteredBlock.Number);
    }

    [Fact]
    public async Task CommitStatus_ClientUnderAdminOnlyStatusReaders_PermissionDenied()
    {
        using var client = new RawGatewayClient(fixture.Network, Org2Peer, "User1", "Org2MSP");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.CommitStatusAsync("no-such-tx")).WithTimeout();

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("[/Channel/Application/StatusReaders]", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_OneEndorsementUnderAnyEndorsement_Valid()
    {
        using var admin = new RawGatewayClient(fixture.Network, Org1Peer, "Admin", "Org1MSP");
        var (proposal, txId) = admin.CreateProposal("devnetcc", "put", "one-org-any", "x");
        var endorsed = await admin.EndorseAsync(proposal, txId, "Org2MSP").WithTimeout();
        var transaction = Transaction.Parser.ParseFrom(Payload.Parser.ParseFrom(endorsed.PreparedTransaction.Payload).Data);
        Assert.Single(ChaincodeActionPayload.Parser.ParseFrom(transaction.Actions[0].Payload).Action.Endorsements);

        await admin.SubmitAsync(admin.SignEnvelope(endorsed.PreparedTransaction), txId).WithTimeout();
        var status = await admin.CommitStatusAsync(txId).WithTimeout();

        Assert.Equal(TxValidationCode.Valid, status.Result);
    }

    [Fact]
    public async Task StartAsync_DataFolderWhoseBlockHasOtherPolicies_Refused()
    {
        using var data = new TemporaryDirectory();
        var options = new DevNetworkOptions { DataDirectory = data.Path, Batch = DevNetworkFixture.Batch };
        await (await DevNetwork.StartAsync(options).WithTimeout()).DisposeAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DevNetwork.StartAsync(options with
        {
            OrganizationPolicies = new Dictionary<string, OrganizationPolicyOptions> { ["Org1MSP"] = new() { Writers = "OR('Org1MSP.admin')" } },
        })).WithTimeout();

        Assert.Contains("/Channel/Application/Org1MSP/Writers", error.Message, StringComparison.Ordinal);
        await (await DevNetwork.StartAsync(options).WithTimeout()).DisposeAsync();
    }

    /// <summary>A dev network with Org1 Writers = OR('Org1MSP.admin'), Org2 StatusReaders = OR('Org2MSP.admin'), Endorsement = ANY Endorsement.</summary>
    public sealed class NarrowedPoliciesFixture : IAsyncLifetime, IDisposable
    {
        private TemporaryDirectory? _data;
        private NodeChaincode? _chaincode;
        private DevNetwork? _network;

        public DevNetwork Network => _network ?? throw new InvalidOperationException("not started");

        public async Task InitializeAsync()
        {
            _data = new TemporaryDirectory();
            _chaincode = await NodeChaincode.StartAsync();
            _network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode.Address) with
            {
                OrganizationPolicies = new Dictionary<string, OrganizationPolicyOptions>
                {
                    ["Org1MSP"] = new() { Writers = "OR('Org1MSP.admin')" },
                    ["Org2MSP"] = new() { StatusReaders = "OR('Org2MSP.admin')" },
                },
                ApplicationPolicies = new ApplicationPolicyOptions { Endorsement = "ANY Endorsement" },
            }).WithTimeout();
        }

        public async Task DisposeAsync()
        {
            if (_network is not null)
            {
                await _network.DisposeAsync();
            }

            if (_chaincode is not null)
            {
                await _chaincode.DisposeAsync();
            }

            Dispose();
        }

        public void Dispose() => _data?.Dispose();
    }
}
