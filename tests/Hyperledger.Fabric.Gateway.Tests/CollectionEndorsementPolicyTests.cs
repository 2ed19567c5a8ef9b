using System.Net;
using System.Text;
using Fabric.DevNetwork;
using Fabric.DevNetwork.Ordering;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Peer;
using Hyperledger.Fabric.Shim.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// Collection-level endorsement policies on the dev network over real sockets, as Fabric's v20
/// validation applies them: a transaction writing a collection that has an endorsement policy of its
/// own must satisfy the collection's policy instead of the chaincode's. Each transaction is endorsed by
/// Org1's peer alone. Chaincode <c>strictcc</c> needs both organisations, <c>loosecc</c> either.
/// </summary>
public sealed class CollectionEndorsementPolicyTests(CollectionEndorsementPolicyTests.Fixture fixture) : IClassFixture<CollectionEndorsementPolicyTests.Fixture>
{
    [Fact]
    public async Task PrivateWrite_CollectionSignaturePolicySatisfied_ValidThoughChaincodePolicyIsNot()
    {
        var status = await fixture.StoreEndorsedByOrg1Async("strictcc", "own", "k-own", "v-own");

        Assert.Equal(TxValidationCode.Valid, status.Code);
        var read = await fixture.Contract("strictcc").EvaluateTransactionAsync("read", "own", "k-own").WithTimeout();
        Assert.Equal("v-own", Encoding.UTF8.GetString(read.Span));
    }

    [Fact]
    public async Task PrivateWrite_CollectionWithoutPolicy_ChaincodePolicyApplies_EndorsementPolicyFailure()
    {
        var status = await fixture.StoreEndorsedByOrg1Async("strictcc", "plain", "k-plain", "v-plain");

        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, status.Code);
    }

    [Fact]
    public async Task PrivateWrite_CollectionChannelConfigPolicyReference_EvaluatedFromConfigBlock_Valid()
    {
        // the reference names Org1's Endorsement policy in the config block, OR('Org1MSP.peer')
        var status = await fixture.StoreEndorsedByOrg1Async("strictcc", "ref", "k-ref", "v-ref");

        Assert.Equal(TxValidationCode.Valid, status.Code);
    }

    [Fact]
    public async Task PrivateWrite_CollectionPolicyStricterThanChaincodes_EndorsementPolicyFailure()
    {
        var privateWrite = await fixture.StoreEndorsedByOrg1Async("loosecc", "strict", "k-strict", "v-strict");
        var publicWrite = await fixture.SubmitEndorsedByOrg1Async("loosecc", "put", ProposalArguments("k-public", "v-public"));

        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, privateWrite.Code);
        Assert.Equal(TxValidationCode.Valid, publicWrite.Code);
    }

    private static ProposalOptions ProposalArguments(params string[] arguments) => new ProposalOptions().WithArguments(arguments);

    /// <summary>The network, the two chaincodes (our C# shim) and Org1's gateway.</summary>
    public sealed class Fixture : IAsyncLifetime, IDisposable
    {
        private readonly List<WebApplication> _apps = [];
        private TemporaryDirectory? _data;
        private global::Fabric.DevNetwork.DevNetwork? _network;
        private IGateway? _gateway;

        public IContract Contract(string chaincode) =>
            (_gateway ?? throw new InvalidOperationException("not started")).GetNetwork(_network!.ChannelId).GetContract(chaincode);

        public Task<CommitStatus> StoreEndorsedByOrg1Async(string chaincode, string collection, string key, string value) =>
            SubmitEndorsedByOrg1Async(chaincode, "store", new ProposalOptions
            {
                Arguments = [Encoding.UTF8.GetBytes(collection), Encoding.UTF8.GetBytes(key)],
                TransientData = new Dictionary<string, ReadOnlyMemory<byte>> { ["value"] = Encoding.UTF8.GetBytes(value) },
            });

        public async Task<CommitStatus> SubmitEndorsedByOrg1Async(string chaincode, string function, ProposalOptions options)
        {
            var submitted = await Contract(chaincode).SubmitAsync(function, options with { EndorsingOrganizations = ["Org1MSP"] }).WithTimeout();
            return await submitted.GetStatusAsync().WithTimeout();
        }

        public async Task InitializeAsync()
        {
            var strict = await StartAppAsync("strictcc:1");
            var loose = await StartAppAsync("loosecc:1");
            _data = new TemporaryDirectory();
            const string Members = "OR('Org1MSP.member','Org2MSP.member')";
            _network = await global::Fabric.DevNetwork.DevNetwork.StartAsync(new DevNetworkOptions
            {
                DataDirectory = _data.Path,
                Batch = new BatchOptions { MaxMessageCount = 10, BatchTimeout = TimeSpan.FromMilliseconds(100) },
                Chaincodes =
                [
                    new ChaincodeDefinition
                    {
                        Name = "strictcc",
                        PackageId = "strictcc:1",
                        Address = strict,
                        EndorsementPolicy = "AND('Org1MSP.peer','Org2MSP.peer')",
                        Collections =
                        [
                            new CollectionDefinition { Name = "own", MemberOrgsPolicy = Members, EndorsementPolicy = "OR('Org1MSP.peer')" },
                            new CollectionDefinition { Name = "plain", MemberOrgsPolicy = Members },
                            new CollectionDefinition { Name = "ref", MemberOrgsPolicy = Members, EndorsementPolicyReference = "Application/Org1MSP/Endorsement" },
                        ],
                    },
                    new ChaincodeDefinition
                    {
                        Name = "loosecc",
                        PackageId = "loosecc:1",
                        Address = loose,
                        EndorsementPolicy = "OR('Org1MSP.peer','Org2MSP.peer')",
                        Collections = [new CollectionDefinition { Name = "strict", MemberOrgsPolicy = Members, EndorsementPolicy = "AND('Org1MSP.peer','Org2MSP.peer')" }],
                    },
                ],
            }).WithTimeout();
            var peer = _network.Peers.First(p => p.MspId == "Org1MSP");
            var user = _network.Crypto.GetOrganization("Org1MSP").GetUser("User1");
            _gateway = Gateway.Connect(new GatewayOptions
            {
                Identity = X509Identity.FromPemFile("Org1MSP", user.SigningCertificatePath),
                Signer = Signers.FromPemFile(user.PrivateKeyPath),
                Endpoints = [NetworkFixture.Endpoint(peer)],
            });
        }

        public async Task DisposeAsync()
        {
            _gateway?.Dispose();
            if (_network is not null)
            {
                await _network.DisposeAsync();
            }

            foreach (var app in _apps)
            {
                await app.DisposeAsync();
            }

            Dispose();
        }

        public void Dispose() => _data?.Dispose();

        private async Task<string> StartAppAsync(string packageId)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
            builder.Services.AddChaincode<PrivateDataTests.PrivateDataChaincode>(packageId);
            var app = builder.Build();
            app.MapChaincode();
            _apps.Add(app);
            await app.StartAsync().WithTimeout();
            var port = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(a => new Uri(a).Port).First();
            return $"127.0.0.1:{port}";
        }
    }
}
