using System.Security.Cryptography;
using System.Text;
using Fabric.DevNetwork;
using Fabric.DevNetwork.Ordering;
using Google.Protobuf;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;
using Hyperledger.Fabric.Shim;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// Private data collections and InvokeChaincode on the dev network over real sockets, each test once
/// through our C# shim and once through the official Node fabric-shim (devnetcc.js): a collection of
/// Org1 only, written from the client's transient data; Org2's peer holds only hashes.
/// </summary>
public sealed class PrivateDataTests
{
    private const string PackageId = "pdc:1";
    private const string CalleePackageId = "callee:1";
    private const string Collection = "org1Details";

    [Theory]
    [InlineData("csharp")]
    [InlineData("node")]
    public async Task PrivateData_MemberStoresFromTransientAndReads_NonMemberGetsOnlyTheHash_BlocksHoldNoValue(string shim)
    {
        await using var setup = await Setup.StartAsync(node: shim == "node");
        var secret = "alice-diagnosis-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

        await setup.StoreAsync("alice", secret);
        await setup.SettleAsync();

        var read = await setup.Org1.EvaluateTransactionAsync("read", Collection, "alice").WithTimeout();
        Assert.Equal(secret, Encoding.UTF8.GetString(read.Span));

        // memberOnlyRead: Org2's client is refused; the hash is open to anyone.
        var refused = await Assert.ThrowsAsync<GatewayException>(() => setup.Org2.EvaluateTransactionAsync("read", Collection, "alice").WithTimeout());
        Assert.Contains("tx creator does not have read access permission on privatedata in chaincodeName:pdc collectionName: org1Details", refused.ToString(), StringComparison.Ordinal);
        var hash = await setup.Org2.EvaluateTransactionAsync("hash", Collection, "alice").WithTimeout();
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), hash.ToArray());

        // Neither peer's blocks hold the value; they hold its hash. Only Org1's private store has it.
        foreach (var peer in setup.Network.Peers)
        {
            var blocks = await setup.BlockBytesAsync(peer.Name);
            Assert.DoesNotContain(blocks, b => Contains(b, Encoding.UTF8.GetBytes(secret)));
            Assert.Contains(blocks, b => Contains(b, SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        }

        Assert.True(Contains(setup.PrivateStoreBytes("Org1MSP"), Encoding.UTF8.GetBytes(secret)));
        Assert.False(Contains(setup.PrivateStoreBytes("Org2MSP"), Encoding.UTF8.GetBytes(secret)));
    }

    [Theory]
    [InlineData("csharp")]
    [InlineData("node")]
    public async Task PurgePrivateData_RemovesValueFromStateAndStoreHistory_BlockRecordsThePurge(string shim)
    {
        await using var setup = await Setup.StartAsync(node: shim == "node");
        var secret = "bob-history-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        await setup.StoreAsync("bob", secret);
        await setup.StoreAsync("bob", secret + "-v2");
        Assert.True(Contains(setup.PrivateStoreBytes("Org1MSP"), Encoding.UTF8.GetBytes(secret)));

        await setup.Org1.SubmitTransactionAsync("purge", Collection, "bob").WithTimeout();
        await setup.SettleAsync();

        Assert.Empty((await setup.Org1.EvaluateTransactionAsync("read", Collection, "bob").WithTimeout()).ToArray());
        Assert.Empty((await setup.Org2.EvaluateTransactionAsync("hash", Collection, "bob").WithTimeout()).ToArray());

        // Fabric 2.5: both versions are gone from the member's private data history; the block keeps the
        // evidence, a hashed write of the key marked as a purge.
        Assert.False(Contains(setup.PrivateStoreBytes("Org1MSP"), Encoding.UTF8.GetBytes(secret)));
        var writes = await setup.HashedWritesAsync(setup.Network.Peers[0].Name);
        var keyHash = SHA256.HashData(Encoding.UTF8.GetBytes("bob"));
        var last = writes.Last(w => w.KeyHash.Span.SequenceEqual(keyHash));
        Assert.True(last.IsPurge);
        Assert.True(last.IsDelete);
        Assert.Equal(2, writes.Count(w => w.KeyHash.Span.SequenceEqual(keyHash) && !w.IsDelete));
    }

    [Fact]
    public async Task PrivateData_NetworkRestarted_MemberRecoversValuesFromItsPrivateStore_PurgedStayGone()
    {
        await using var setup = await Setup.StartAsync();
        await setup.StoreAsync("kept", "kept value");
        await setup.StoreAsync("gone", "purged value");
        await setup.Org1.SubmitTransactionAsync("purge", Collection, "gone").WithTimeout();
        await setup.SettleAsync();

        await setup.RestartNetworkAsync();

        Assert.Equal("kept value", Encoding.UTF8.GetString((await setup.Org1.EvaluateTransactionAsync("read", Collection, "kept").WithTimeout()).Span));
        Assert.Empty((await setup.Org1.EvaluateTransactionAsync("read", Collection, "gone").WithTimeout()).ToArray());
        Assert.Equal(SHA256.HashData("kept value"u8), (await setup.Org2.EvaluateTransactionAsync("hash", Collection, "kept").WithTimeout()).ToArray());
    }

    [Theory]
    [InlineData("csharp")]
    [InlineData("node")]
    public async Task GetPrivateDataByRange_Member_ReturnsItsValuesInKeyOrder(string shim)
    {
        await using var setup = await Setup.StartAsync(node: shim == "node");
        await setup.StoreAsync("k2", "two");
        await setup.StoreAsync("k1", "one");
        await setup.StoreAsync("x9", "outside");

        var range = await setup.Org1.EvaluateTransactionAsync("prange", Collection, "k", "l").WithTimeout();

        Assert.Equal("k1=one;k2=two", Encoding.UTF8.GetString(range.Span));
    }

    [Theory]
    [InlineData("csharp")]
    [InlineData("node")]
    public async Task PutPrivateData_UndefinedCollection_RefusedAsFabricDoes(string shim)
    {
        await using var setup = await Setup.StartAsync(node: shim == "node");

        var refused = await Assert.ThrowsAnyAsync<GatewayException>(() => setup.Org1.SubmitAsync("store", new ProposalOptions
        {
            Arguments = [Encoding.UTF8.GetBytes("nosuch"), Encoding.UTF8.GetBytes("k")],
            TransientData = new Dictionary<string, ReadOnlyMemory<byte>> { ["value"] = Encoding.UTF8.GetBytes("v") },
        }).WithTimeout());

        Assert.Contains("collection healthchannel/pdc/nosuch could not be found", refused.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csharp")]
    [InlineData("node")]
    public async Task InvokeChaincode_SameChannel_CalleeWritesJoinTheTransactionUnderItsNamespace(string shim)
    {
        await using var setup = await Setup.StartAsync(node: shim == "node", withCallee: true);

        await setup.Org1.SubmitTransactionAsync("call", "callee", "put", "shared", "from caller").WithTimeout();
        var readThroughCaller = await setup.Org1.EvaluateTransactionAsync("call", "callee", "get", "shared").WithTimeout();
        var readDirectly = await setup.Org1Contract("callee").EvaluateTransactionAsync("get", "shared").WithTimeout();
        var ownNamespace = await setup.Org1.EvaluateTransactionAsync("get", "shared").WithTimeout();

        Assert.Equal("from caller", Encoding.UTF8.GetString(readThroughCaller.Span));
        Assert.Equal("from caller", Encoding.UTF8.GetString(readDirectly.Span));
        Assert.Empty(ownNamespace.ToArray());
        var sets = await setup.ReadWriteSetsAsync(setup.Network.Peers[0].Name);
        var call = Assert.Single(sets, rw => rw.NsRwset.Any(ns => ns.Namespace == "callee" && KVRWSet.Parser.ParseFrom(ns.Rwset).Writes.Count > 0));
        // the caller read and wrote nothing of its own; the peer read both definitions, as Fabric's does for each chaincode it runs
        Assert.Equal(["_lifecycle", "callee"], call.NsRwset.Select(ns => ns.Namespace));
        Assert.Equal(
            ["namespaces/fields/callee/Sequence", "namespaces/fields/pdc/Sequence"],
            KVRWSet.Parser.ParseFrom(call.NsRwset[0].Rwset).Reads.Select(r => r.Key));
    }

    [Theory]
    [InlineData("csharp")]
    [InlineData("node")]
    public async Task InvokeChaincode_AnotherChannel_Refused(string shim)
    {
        await using var setup = await Setup.StartAsync(node: shim == "node", withCallee: true);

        var refused = await Assert.ThrowsAnyAsync<GatewayException>(() => setup.Org1.EvaluateTransactionAsync("call", "callee/otherchannel", "get", "k").WithTimeout());

        Assert.Contains("failed to find ledger for channel: otherchannel", refused.ToString(), StringComparison.Ordinal);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private sealed class Setup : IAsyncDisposable
    {
        private readonly IAsyncDisposable[] _chaincodes;
        private readonly TemporaryDirectory _data;
        private readonly List<IGateway> _gateways = [];

        private readonly DevNetworkOptions _options;

        private Setup(IAsyncDisposable[] chaincodes, TemporaryDirectory data, DevNetworkOptions options, global::Fabric.DevNetwork.DevNetwork network)
        {
            _chaincodes = chaincodes;
            _data = data;
            _options = options;
            Network = network;
            Org1 = Connect("Org1MSP");
            Org2 = Connect("Org2MSP");
        }

        public global::Fabric.DevNetwork.DevNetwork Network { get; private set; }

        public IContract Org1 { get; private set; }

        public IContract Org2 { get; private set; }

        /// <summary>Stops the whole network and starts it again on the same data folder (every peer recovers its ledger).</summary>
        public async Task RestartNetworkAsync()
        {
            _gateways.ForEach(g => g.Dispose());
            _gateways.Clear();
            await Network.DisposeAsync();
            Network = await global::Fabric.DevNetwork.DevNetwork.StartAsync(_options).WithTimeout();
            Org1 = Connect("Org1MSP");
            Org2 = Connect("Org2MSP");
        }

        /// <param name="node">Run the official Node fabric-shim chaincode (devnetcc.js) instead of the C# one.</param>
        /// <param name="withCallee">Also define chaincode <c>callee</c> (the same functions, no collections) for InvokeChaincode.</param>
        public static async Task<Setup> StartAsync(bool node = false, bool withCallee = false)
        {
            var chaincodes = new List<(IAsyncDisposable Process, string Address)> { await StartChaincodeAsync(node, PackageId) };
            if (withCallee)
            {
                chaincodes.Add(await StartChaincodeAsync(node, CalleePackageId));
            }

            var data = new TemporaryDirectory();
            var options = new DevNetworkOptions
            {
                DataDirectory = data.Path,
                Batch = new BatchOptions { MaxMessageCount = 10, BatchTimeout = TimeSpan.FromMilliseconds(100) },
                Chaincodes =
                [
                    new ChaincodeDefinition
                    {
                        Name = "pdc",
                        PackageId = PackageId,
                        Address = chaincodes[0].Address,
                        EndorsementPolicy = "OR('Org1MSP.peer','Org2MSP.peer')",
                        Collections = [new CollectionDefinition { Name = Collection, MemberOrgsPolicy = "OR('Org1MSP.member')", MemberOnlyRead = true, MemberOnlyWrite = true }],
                    },
                    .. chaincodes.Skip(1).Select(callee => new ChaincodeDefinition
                    {
                        Name = "callee",
                        PackageId = CalleePackageId,
                        Address = callee.Address,
                        EndorsementPolicy = "OR('Org1MSP.peer','Org2MSP.peer')",
                    }),
                ],
            };
            var network = await global::Fabric.DevNetwork.DevNetwork.StartAsync(options).WithTimeout();
            return new Setup(chaincodes.Select(c => c.Process).ToArray(), data, options, network);
        }

        public async Task StoreAsync(string key, string value) =>
            await Org1.SubmitTransactionAsync("store", new ProposalOptions
            {
                Arguments = [Encoding.UTF8.GetBytes(Collection), Encoding.UTF8.GetBytes(key)],
                TransientData = new Dictionary<string, ReadOnlyMemory<byte>> { ["value"] = Encoding.UTF8.GetBytes(value) },
            }).WithTimeout();

        /// <summary>Waits until every peer has committed what the orderer has cut so far.</summary>
        public async Task SettleAsync()
        {
            var height = Network.Peers.Max(p => Network.GetPeerLedger(p.Name).Height);
            foreach (var peer in Network.Peers)
            {
                await Network.GetPeerLedger(peer.Name).WaitForHeightAsync(height).WithTimeout();
            }
        }

        public async Task<List<byte[]>> BlockBytesAsync(string peerName)
        {
            var ledger = Network.GetPeerLedger(peerName);
            var blocks = new List<byte[]>();
            for (ulong n = 0; n < ledger.Height; n++)
            {
                blocks.Add((await ledger.GetBlockAsync(n).WithTimeout()).Block.ToByteArray());
            }

            return blocks;
        }

        /// <summary>Every hashed write of the collection in the peer's blocks, in block order.</summary>
        public async Task<List<KVWriteHash>> HashedWritesAsync(string peerName) =>
            (await ReadWriteSetsAsync(peerName)).SelectMany(rw => rw.NsRwset)
                .SelectMany(ns => ns.CollectionHashedRwset.Where(c => c.CollectionName == Collection))
                .SelectMany(c => HashedRWSet.Parser.ParseFrom(c.HashedRwset).HashedWrites).ToList();

        /// <summary>Each transaction's read-write set, in block order.</summary>
        public async Task<List<TxReadWriteSet>> ReadWriteSetsAsync(string peerName)
        {
            var sets = new List<TxReadWriteSet>();
            foreach (var bytes in await BlockBytesAsync(peerName))
            {
                var block = Block.Parser.ParseFrom(bytes);
                if (block.Header.Number == 0)
                {
                    continue;
                }

                foreach (var entry in block.Data.Data)
                {
                    var payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(entry).Payload);
                    var action = ChaincodeActionPayload.Parser.ParseFrom(Transaction.Parser.ParseFrom(payload.Data).Actions[0].Payload).Action;
                    var chaincodeAction = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(action.ProposalResponsePayload).Extension);
                    sets.Add(TxReadWriteSet.Parser.ParseFrom(chaincodeAction.Results));
                }
            }

            return sets;
        }

        /// <summary>The peer's private data store file (empty when it keeps none).</summary>
        public byte[] PrivateStoreBytes(string mspId)
        {
            var peer = Network.Peers.First(p => p.MspId == mspId);
            var path = Path.Combine(_data.Path, "peers", peer.Name, "ledger", Network.ChannelId, "private.dat");
            return File.Exists(path) ? File.ReadAllBytes(path) : [];
        }

        public async ValueTask DisposeAsync()
        {
            _gateways.ForEach(g => g.Dispose());
            await Network.DisposeAsync();
            foreach (var chaincode in _chaincodes)
            {
                await chaincode.DisposeAsync();
            }

            _data.Dispose();
        }

        /// <summary>Chaincode <paramref name="name"/> through Org1's gateway.</summary>
        public IContract Org1Contract(string name) => _gateways[0].GetNetwork(Network.ChannelId).GetContract(name);

        private IContract Connect(string mspId)
        {
            var peer = Network.Peers.First(p => p.MspId == mspId);
            var user = Network.Crypto.GetOrganization(mspId).GetUser("User1");
            var gateway = Gateway.Connect(new GatewayOptions
            {
                Identity = X509Identity.FromPemFile(mspId, user.SigningCertificatePath),
                Signer = Signers.FromPemFile(user.PrivateKeyPath),
                Endpoints = [NetworkFixture.Endpoint(peer)],
            });
            _gateways.Add(gateway);
            return gateway.GetNetwork(Network.ChannelId).GetContract("pdc");
        }

        private static async Task<(IAsyncDisposable Process, string Address)> StartChaincodeAsync(bool node, string packageId)
        {
            if (node)
            {
                var chaincode = await NodeChaincode.StartAsync(packageId);
                return (chaincode, chaincode.Address);
            }

            var app = await HostedChaincodeApp.StartAsync<PrivateDataChaincode>(packageId);
            return (app, HostedChaincodeApp.Address(app));
        }
    }

    /// <summary>
    /// store(collection, key) from transient "value"; read, hash, purge(collection, key); prange(collection, start, end);
    /// put(key, value), get(key); call(chaincode[/channel], function, args...) through InvokeChaincode.
    /// </summary>
    internal sealed class PrivateDataChaincode : IChaincode
    {
        public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken = default) => Task.FromResult(ChaincodeResponse.Success());

        public async Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken = default)
        {
            var (function, p) = stub.GetFunctionAndParameters();
            switch (function)
            {
                case "store":
                    await stub.PutPrivateDataAsync(p[0], p[1], stub.Transient["value"], cancellationToken);
                    return ChaincodeResponse.Success();
                case "read":
                    return ChaincodeResponse.Success(await stub.GetPrivateDataAsync(p[0], p[1], cancellationToken) ?? []);
                case "hash":
                    return ChaincodeResponse.Success(await stub.GetPrivateDataHashAsync(p[0], p[1], cancellationToken) ?? []);
                case "purge":
                    await stub.PurgePrivateDataAsync(p[0], p[1], cancellationToken);
                    return ChaincodeResponse.Success();
                case "prange":
                    var entries = new List<string>();
                    await using (var results = await stub.GetPrivateDataByRangeAsync(p[0], p[1], p[2], cancellationToken))
                    {
                        await foreach (var kv in results.WithCancellation(cancellationToken))
                        {
                            entries.Add(kv.Key + "=" + Encoding.UTF8.GetString(kv.Value.Span));
                        }
                    }

                    return ChaincodeResponse.Success(Encoding.UTF8.GetBytes(string.Join(';', entries)));
                case "put":
                    await stub.PutStateAsync(p[0], Encoding.UTF8.GetBytes(p[1]), cancellationToken);
                    return ChaincodeResponse.Success();
                case "get":
                    return ChaincodeResponse.Success(await stub.GetStateAsync(p[0], cancellationToken) ?? []);
                case "call":
                    var slash = p[0].IndexOf('/', StringComparison.Ordinal);
                    var called = await stub.InvokeChaincodeAsync(
                        slash < 0 ? p[0] : p[0][..slash], p.Skip(1).Select(Encoding.UTF8.GetBytes).ToList(), slash < 0 ? null : p[0][(slash + 1)..], cancellationToken);
                    return called.IsSuccess ? ChaincodeResponse.Success(called.Payload.ToArray()) : ChaincodeResponse.Error("called chaincode failed: " + called.Message);
                default:
                    return ChaincodeResponse.Error("unknown function " + function);
            }
        }
    }
}
