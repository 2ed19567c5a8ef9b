using Fabric.DevNetwork;
using Fabric.DevNetwork.Ordering;
using HealthRecords.Client.Profiles;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Shim;
using HealthRecords.Chaincode;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// One dev network per test collection: two organisations with TLS on ephemeral loopback ports, the real
/// health-records chaincode served as a service on another ephemeral port (the peers dial it), both
/// organisations required to endorse, and the connection profile the clients load. The patient
/// <c>pt-alice</c> is seeded once: two laboratory records by the hospital and a read consent for Org2.
/// </summary>
public sealed class HealthRecordsNetworkFixture : IAsyncLifetime, IDisposable
{
    public const string Alice = "pt-alice";
    public const string Bob = "pt-bob";

    /// <summary>Org1's plain client (no <c>hrec.role</c>), which <see cref="BindDelegateAsync"/> makes pt-alice's delegate (a guardian).</summary>
    public const string Delegate = "User1@org1.example.com";

    /// <summary>Org1's admin: its certificate carries <c>hrec.role=admin</c> (network/crypto-config.yaml, <c>AdminAttributes</c>).</summary>
    public const string Admin = "Admin@org1.example.com";

    private readonly SemaphoreSlim _seedLock = new(1, 1);
    private TemporaryDirectory? _data;
    private ChaincodeServer? _chaincode;
    private DevNetwork? _network;
    private Seed? _seed;
    private bool _delegateBound;

    public DevNetwork Network => _network ?? throw new InvalidOperationException("not started");

    public string ProfilePath { get; private set; } = string.Empty;

    public ConnectionProfile Profile { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _data = new TemporaryDirectory();
        _chaincode = new ChaincodeServer(
            HealthRecordsChaincode.CreateRouter(),
            new ChaincodeServerOptions { ChaincodeId = "healthrecords_1.0:test", Address = "127.0.0.1:0" });
        await _chaincode.StartAsync().WithTimeout();
        _network = await DevNetwork.StartAsync(new DevNetworkOptions
        {
            DataDirectory = _data.Path,
            Batch = new BatchOptions { MaxMessageCount = 10, BatchTimeout = TimeSpan.FromMilliseconds(200) },
            Chaincodes =
            [
                new ChaincodeDefinition
                {
                    Name = "healthrecords",
                    PackageId = "healthrecords_1.0:test",
                    Address = $"127.0.0.1:{_chaincode.Port}",
                    EndorsementPolicy = "AND('Org1MSP.peer','Org2MSP.peer')",
                },
            ],
        }).WithTimeout();
        ProfilePath = Path.Combine(_data.Path, "connection-profile.json");
        _network.WriteConnectionProfile(ProfilePath, "healthrecords");
        Profile = ConnectionProfile.Load(ProfilePath);
    }

    /// <summary>A client acting as a named identity of the profile (alice, bob, hospital-doctor, clinic-doctor, er-physician, auditor, researcher, alice-watch, and the organisations' <c>User1@</c> / <c>Admin@</c> identities).</summary>
    public HealthRecordsClient Client(string identity, HealthRecordsClientOptions? options = null) =>
        HealthRecordsClient.Connect(ProfilePath, identity, options);

    /// <summary>
    /// Waits until every peer has committed every block the orderer has cut. Peers commit at their own
    /// pace, so a read or an endorsement through another organisation's peer straight after a commit
    /// could see the state before it.
    /// </summary>
    public async Task SettleAsync()
    {
        var height = Network.OrdererHeight;
        foreach (var peer in Network.Peers)
        {
            await Network.GetPeerLedger(peer.Name).WaitForHeightAsync(height).WithTimeout();
        }
    }

    /// <summary>Registers pt-alice, adds two lab records and grants Org2 read access, once per collection.</summary>
    public async Task<Seed> SeedAsync()
    {
        await _seedLock.WaitAsync().WithTimeout();
        try
        {
            if (_seed is not null)
            {
                return _seed;
            }

            using (var alice = Client("alice"))
            {
                await alice.RegisterPatientAsync(new RegisterPatientRequest(Alice)).WithTimeout();
            }

            var records = new List<RecordPointer>();
            using (var doctor = Client("hospital-doctor"))
            {
                for (var i = 0; i < 2; i++)
                {
                    var added = await doctor.AddRecordAsync(new AddRecordRequest(
                        Alice, "Observation", "laboratory", $"https://fhir.org1.example.com/Observation/{i}", new string((char)('a' + i), 64), 100 + i, "application/fhir+json")).WithTimeout();
                    records.Add(added.Record);
                }
            }

            using (var alice = Client("alice"))
            {
                var consent = await alice.GrantConsentAsync(new GrantConsentRequest(
                    Alice, new Grantee("organization", "Org2MSP"), ["read"], new ConsentScope(["laboratory"]), "treatment")).WithTimeout();
                await SettleAsync();
                _seed = new Seed(records, consent.Consent);
            }

            return _seed;
        }
        finally
        {
            _seedLock.Release();
        }
    }

    /// <summary>
    /// Makes <see cref="Delegate"/> a delegate of pt-alice as the product does it: the patient binds the guardian's
    /// identity with <c>AddPatientIdentity</c>, relation <c>delegate</c>. Once per collection; pt-alice must be registered.
    /// </summary>
    public async Task BindDelegateAsync()
    {
        await _seedLock.WaitAsync().WithTimeout();
        try
        {
            if (_delegateBound)
            {
                return;
            }

            var guardian = Profile.LoadIdentity(Delegate);
            using var alice = Client("alice");
            await alice.AddPatientIdentityAsync(new AddPatientIdentityRequest(Alice, guardian.MspId, guardian.Id, "delegate")).WithTimeout();
            await SettleAsync();
            _delegateBound = true;
        }
        finally
        {
            _seedLock.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync().AsTask().WithTimeout();
        }

        if (_chaincode is not null)
        {
            await _chaincode.DisposeAsync().AsTask().WithTimeout();
        }

        Dispose();
    }

    public void Dispose()
    {
        _seedLock.Dispose();
        _data?.Dispose();
    }

    public sealed record Seed(IReadOnlyList<RecordPointer> Records, Consent Consent);
}
