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
/// Org1 only, written from the client's transient data; Org2's peer holds only hashes. The partial
/// files add DeliverWithPrivateData, block-to-live and reconciliation.
/// </summary>
public sealed partial class PrivateDataTests
{
    private const string PackageId = "pdc:1";
    private const string CalleePackageId = "callee:1";
    private const string Collection = "org1Details";

    /// <summary>Both organisations are members; memberOnlyRead.</summary>
    private const string SharedCollection = "sharedNotes";

    /// <summary>Org1 only, expires after <see cref="ShortLivedBlocks"/> blocks; memberOnlyRead.</summary>
    private const string ShortLivedCollection = "shortLived";

    private const ulong ShortLivedBlocks = 2;

    /// <summary>Org1 only, without memberOnlyRead.</summary>
    private const string OpenCollection = "org1Open";

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

    [Fact]
    public async Task PrivateData_OneOfTwoKeysOfATransactionPurged_NetworkRestarted_TheOtherKeyComesBack()
    {
        await using var setup = await Setup.StartAsync();
        await setup.Org1.SubmitTransactionAsync("storeEach", new ProposalOptions
        {
            Arguments = [Encoding.UTF8.GetBytes(Collection), Encoding.UTF8.GetBytes("pair-kept"), Encoding.UTF8.GetBytes("pair-purged")],
            TransientData = new Dictionary<string, ReadOnlyMemory<byte>> { ["value"] = Encoding.UTF8.GetBytes("pair") },
        }).WithTimeout();
        await setup.Org1.SubmitTransactionAsync("purge", Collection, "pair-purged").WithTimeout();
        await setup.SettleAsync();

        // the stored write set no longer matches the block's pvt_rwset_hash as a whole; its remaining write still matches its hashes
        await setup.RestartNetworkAsync();

        Assert.Equal("pair-pair-kept", Encoding.UTF8.GetString((await setup.Org1.EvaluateTransactionAsync("read", Collection, "pair-kept").WithTimeout()).Span));
        Assert.Empty((await setup.Org1.EvaluateTransactionAsync("read", Collection, "pair-purged").WithTimeout()).ToArray());
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
        /// <param name="reconcileInterval">How often member peers fetch private data they missed (the network's default when null).</param>
        /// <param name="moreCollections">Collections of <c>pdc</c> besides the four above.</param>
        public static async Task<Setup> StartAsync(bool node = false, bool withCallee = false, TimeSpan? reconcileInterval = null, IReadOnlyList<CollectionDefinition>? moreCollections = null)
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
                        Collections =
                        [
                            new CollectionDefinition { Name = Collection, MemberOrgsPolicy = "OR('Org1MSP.member')", MemberOnlyRead = true, MemberOnlyWrite = true },
                            new CollectionDefinition { Name = SharedCollection, MemberOrgsPolicy = "OR('Org1MSP.member','Org2MSP.member')", MemberOnlyRead = true },
                            new CollectionDefinition { Name = OpenCollection, MemberOrgsPolicy = "OR('Org1MSP.member')" },
                            new CollectionDefinition { Name = ShortLivedCollection, MemberOrgsPolicy = "OR('Org1MSP.member')", MemberOnlyRead = true, BlockToLive = ShortLivedBlocks },
                            .. moreCollections ?? [],
                        ],
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
            if (reconcileInterval is { } interval)
            {
                options = options with { PrivateDataReconcileInterval = interval };
            }

            var network = await global::Fabric.DevNetwork.DevNetwork.StartAsync(options).WithTimeout();
            return new Setup(chaincodes.Select(c => c.Process).ToArray(), data, options, network);
        }

        /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> through Org1; returns the committed status (block number, tx id).</summary>
        public async Task<CommitStatus> StoreAsync(string key, string value, string collection = Collection)
        {
            var submitted = await Org1.SubmitAsync("store", new ProposalOptions
            {
                Arguments = [Encoding.UTF8.GetBytes(collection), Encoding.UTF8.GetBytes(key)],
                TransientData = new Dictionary<string, ReadOnlyMemory<byte>> { ["value"] = Encoding.UTF8.GetBytes(value) },
            }).WithTimeout();
            var status = await submitted.GetStatusAsync().WithTimeout();
            Assert.True(status.Successful, $"store of {key} committed {status.Code}");
            return status;
        }

        /// <summary>Submits public writes, one block each, until block <paramref name="blockNumber"/> has committed on every peer.</summary>
        public async Task CommitBlocksUntilAsync(ulong blockNumber)
        {
            var ledger = Network.GetPeerLedger(Peer("Org1MSP").Name);
            for (var i = 0; ledger.Height <= blockNumber; i++)
            {
                await Org1.SubmitTransactionAsync("put", "tick", i.ToString(System.Globalization.CultureInfo.InvariantCulture)).WithTimeout();
            }

            await SettleAsync();
        }

        /// <summary>
        /// With Org2's peer paused, stores <paramref name="shared"/> in <see cref="SharedCollection"/> and
        /// <paramref name="org1Only"/> in <see cref="Collection"/>, then restarts the network: the transient
        /// hand-over is gone when Org2's peer commits those blocks. Returns the shared store's status.
        /// </summary>
        public async Task<CommitStatus> MissSharedDataOnOrg2Async(string key, string shared, string org1Only)
        {
            Network.GetCommitFaults(Peer("Org2MSP").Name).Pause();
            var stored = await StoreAsync(key, shared, SharedCollection);
            await StoreAsync(key, org1Only, Collection);
            await RestartNetworkAsync();
            await SettleAsync();
            return stored;
        }

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

        /// <summary>The channel as <paramref name="userMspId"/>'s User1 sees it through <paramref name="peerMspId"/>'s peer.</summary>
        public INetwork NetworkAs(string userMspId, string peerMspId) => ConnectGateway(userMspId, peerMspId).GetNetwork(Network.ChannelId);

        public PeerInfo Peer(string mspId) => Network.Peers.First(p => p.MspId == mspId);

        /// <summary>A config for the official Node client (tests/interop/devnet/client.js) as <paramref name="mspId"/>'s NetworkFixture.DefaultUser on its own peer.</summary>
        public string WriteNodeClientConfig(string directory, string mspId)
        {
            var peer = Peer(mspId);
            var user = Network.Crypto.GetOrganization(mspId).GetUser(NetworkFixture.DefaultUser);
            var path = Path.Combine(directory, "client-" + mspId + ".json");
            var config = new Dictionary<string, string>
            {
                ["url"] = peer.Url,
                ["hostOverride"] = peer.Name,
                ["mspId"] = mspId,
                ["certPath"] = user.SigningCertificatePath,
                ["keyPath"] = user.PrivateKeyPath,
                ["channel"] = Network.ChannelId,
                ["chaincode"] = "pdc",
            };
            if (peer.UsesTls)
            {
                config["tlsCaPath"] = peer.TlsCaCertificatePath;
            }

            File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(config));
            return path;
        }

        private IContract Connect(string mspId) => ConnectGateway(mspId, mspId).GetNetwork(Network.ChannelId).GetContract("pdc");

        private IGateway ConnectGateway(string userMspId, string peerMspId)
        {
            var user = Network.Crypto.GetOrganization(userMspId).GetUser(NetworkFixture.DefaultUser);
            var gateway = Gateway.Connect(new GatewayOptions
            {
                Identity = X509Identity.FromPemFile(userMspId, user.SigningCertificatePath),
                Signer = Signers.FromPemFile(user.PrivateKeyPath),
                Endpoints = [NetworkFixture.Endpoint(Peer(peerMspId))],
            });
            _gateways.Add(gateway);
            return gateway;
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
    /// store(collection, key) from transient "value"; storeEach(collection, keys...) writes "value-key" to each key in one transaction;
    /// read, hash, purge(collection, key); prange(collection, start, end);
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
                case "storeEach":
                    // one write set with several keys, each given the transient value plus its own key
                    foreach (var key in p.Skip(1))
                    {
                        await stub.PutPrivateDataAsync(p[0], key, stub.Transient["value"].Concat(Encoding.UTF8.GetBytes("-" + key)).ToArray(), cancellationToken);
                    }

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
