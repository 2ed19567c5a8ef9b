using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Policies;
using Hyperledger.Fabric.Protos.Common;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Ledger.Support;

/// <summary>Opens a real channel (files in a temporary folder) and submits test transactions to it.</summary>
public sealed class ChannelHarness : IAsyncDisposable
{
    private readonly TemporaryDirectory? _ownedDirectory;

    private ChannelHarness(NetworkMaterial material, OrderedChannelOptions options, OrderedChannel channel, TemporaryDirectory? ownedDirectory)
    {
        Material = material;
        Options = options;
        Channel = channel;
        _ownedDirectory = ownedDirectory;
    }

    public NetworkMaterial Material { get; }

    public OrderedChannelOptions Options { get; }

    public OrderedChannel Channel { get; private set; }

    public IChannelLedger Ledger => Channel.Ledger;

    /// <summary>The peer's block store.</summary>
    public string BlockFile => Path.Combine(Options.DataDirectory, "blocks.dat");

    /// <summary>The orderer's copy of the chain, which a peer catches up from.</summary>
    public string OrdererBlockFile => Path.Combine(Options.DataDirectory, "orderer", "blocks.dat");

    public static OrderedChannelOptions DefaultOptions(NetworkMaterial material, string dataDirectory, int maxMessageCount = 10, TimeSpan? batchTimeout = null) => new()
    {
        DataDirectory = dataDirectory,
        Organizations = material.Verifiers,
        OrdererIdentity = material.Orderer.Identity,
        OrdererSigner = material.Orderer.Signer,
        EndorsementPolicies = new Dictionary<string, EndorsementPolicy>
        {
            [TestTransaction.Chaincode] = EndorsementPolicy.Parse("AND('Org1MSP.peer','Org2MSP.peer')"),
        },
        Batch = new BatchOptions { MaxMessageCount = maxMessageCount, BatchTimeout = batchTimeout ?? TimeSpan.FromMilliseconds(200) },

        // Defined at genesis, so a _lifecycle read of its sequence at {0, 0} is current. Nothing dials the address.
        Chaincodes = [new ChaincodeDefinition { Name = TestTransaction.Chaincode, Address = "127.0.0.1:9" }],
    };

    /// <summary>Opens a channel in its own temporary folder (deleted on dispose).</summary>
    public static async Task<ChannelHarness> StartAsync(NetworkMaterial material, int maxMessageCount = 10, TimeSpan? batchTimeout = null)
    {
        var directory = new TemporaryDirectory();
        var options = DefaultOptions(material, Path.Combine(directory.Path, "healthchannel"), maxMessageCount, batchTimeout);
        var channel = await OrderedChannel.OpenAsync(options).WithTimeout(TestTimeouts.Long);
        return new ChannelHarness(material, options, channel, directory);
    }

    /// <summary>Closes the channel and opens it again from its files (a process restart).</summary>
    public async Task RestartAsync(Action<string>? betweenRuns = null)
    {
        await Channel.DisposeAsync();
        betweenRuns?.Invoke(BlockFile);
        Channel = await OrderedChannel.OpenAsync(Options).WithTimeout(TestTimeouts.Long);
    }

    /// <summary>A transaction created by Org1's client and endorsed by both orgs' peers.</summary>
    public TestTransaction NewTransaction() => new(Material.Org1Client, Material.Org1Peer, Material.Org2Peer);

    public async Task<string> SubmitAsync(TestTransaction transaction)
    {
        var (envelope, txId) = await transaction.BuildAsync();
        await Channel.Orderer.SubmitAsync(envelope);
        return txId;
    }

    public async Task<TransactionCommit> SubmitAndWaitAsync(TestTransaction transaction)
    {
        var txId = await SubmitAsync(transaction);
        return await Ledger.WaitForCommitAsync(txId).WithTimeout(TestTimeouts.Long);
    }

    public async Task<Envelope> BuildAsync(TestTransaction transaction) => (await transaction.BuildAsync()).Envelope;

    public async ValueTask DisposeAsync()
    {
        await Channel.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
