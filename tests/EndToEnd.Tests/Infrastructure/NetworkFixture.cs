using Fabric.DevNetwork;
using Fabric.DevNetwork.Ordering;
using HealthRecords.Client.Profiles;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Shim;
using HealthRecords.Chaincode;
using HealthRecords.Client;
using HealthRecords.Client.OffChain;
using TestSupport;

namespace EndToEnd.Tests.Infrastructure;

/// <summary>
/// The network the end-to-end suite runs against, once per run. With <c>HREC_PROFILE</c> set (for example
/// by <c>make test-integration NETWORK=test-network</c>) it is that network; otherwise a dev network and the
/// health-records chaincode server are started in this process on ephemeral loopback ports, the peers
/// dialling the chaincode as Fabric peers dial a <c>ccaas</c> chaincode.
/// </summary>
public sealed class NetworkFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hrec-e2e-").FullName;
    private readonly Dictionary<string, HealthRecordsClient> _clients = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Stack<IAsyncDisposable> _started = new();

    /// <summary>The connection profile in use.</summary>
    public string ProfilePath { get; private set; } = string.Empty;

    /// <summary>The parsed profile.</summary>
    public ConnectionProfile Profile { get; private set; } = null!;

    /// <summary>Whether the suite started its own dev network (false: <c>HREC_PROFILE</c>).</summary>
    public bool IsDevNetwork { get; private set; }

    /// <summary>The off-chain content store the tests put record content in.</summary>
    public ContentAddressedStore Store { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Store = new ContentAddressedStore(Path.Combine(_directory, "cas"));
        var external = Environment.GetEnvironmentVariable("HREC_PROFILE");
        if (!string.IsNullOrWhiteSpace(external))
        {
            ProfilePath = Path.GetFullPath(external);
        }
        else
        {
            var chaincode = new ChaincodeServer(
                HealthRecordsChaincode.CreateRouter(),
                new ChaincodeServerOptions { ChaincodeId = "healthrecords_1.0:e2e", Address = "127.0.0.1:0" });
            _started.Push(chaincode);
            await chaincode.StartAsync().WaitAsync(TestTimeouts.Long);
            var network = await DevNetwork.StartAsync(new DevNetworkOptions
            {
                DataDirectory = Path.Combine(_directory, "network"),
                Chaincodes = [new ChaincodeDefinition { Name = "healthrecords", PackageId = "healthrecords_1.0:e2e", Address = $"127.0.0.1:{chaincode.Port}", EndorsementPolicy = "AND('Org1MSP.peer','Org2MSP.peer')" }],
                Batch = new BatchOptions { BatchTimeout = TimeSpan.FromMilliseconds(50) },
            }).WaitAsync(TestTimeouts.Long);
            _started.Push(network);
            IsDevNetwork = true;
            ProfilePath = Path.Combine(_directory, "network", "connection-profile.json");
            network.WriteConnectionProfile(ProfilePath, "healthrecords");
        }

        Profile = ConnectionProfile.Load(ProfilePath);
    }

    /// <summary>
    /// The typed client acting as a named profile identity; verifiable reads (roots and proofs endorsed by
    /// both organisations and checked against their CAs) are on.
    /// </summary>
    public HealthRecordsClient Client(string identity)
    {
        lock (_gate)
        {
            if (!_clients.TryGetValue(identity, out var client))
            {
                client = HealthRecordsClient.Connect(Profile, identity, new HealthRecordsClientOptions { VerifiedReads = Profile.CreateVerifiedReadOptions() });
                _clients[identity] = client;
            }

            return client;
        }
    }

    /// <summary>The identity's client id (<c>x509::subject::issuer</c>) and MSP id, as the chaincode sees it.</summary>
    public (string MspId, string Id) ClientId(string identity)
    {
        var x509 = Profile.LoadIdentity(identity);
        return (x509.MspId, x509.Id);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        // The network first (its peers hold streams to the chaincode), then the chaincode server.
        while (_started.TryPop(out var started))
        {
            await started.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans temporary folders
        }
    }
}
