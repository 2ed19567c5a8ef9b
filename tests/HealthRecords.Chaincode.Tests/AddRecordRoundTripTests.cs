using Fabric.DevNetwork;
using Fabric.DevNetwork.Ordering;
using HealthRecords.Client.Profiles;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Shim;
using HealthRecords.Chaincode.Tests.Infrastructure;
using HealthRecords.Client;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Chaincode.Tests;

/// <summary>
/// How many requests AddRecord sends to a peer, counted by the shim's meter, with the chaincode
/// served over a socket to a dev network whose peers announce Fabric 2.5's or Fabric 3.x's READY.
/// </summary>
[Collection(RoundTripCollection.Name)]
public sealed class AddRecordRoundTripTests
{
    private const string PatientId = "pt-alice";

    [Fact]
    public async Task AddRecord_Fabric3Peer_TwoRoundTripsFlatFrom10To1000Leaves()
    {
        await using var setup = await Setup.StartAsync(ChaincodeBatchingOptions.Fabric3);
        await setup.GrowToAsync(10);
        var at10 = await setup.MeasureAddAsync();
        await setup.GrowToAsync(1000);
        var at1000 = await setup.MeasureAddAsync();

        // One GET_STATE_MULTIPLE (patient and history head), one WRITE_BATCH_STATE with every write.
        Assert.All(at10.RoundTrips, r => Assert.Equal(2, r));
        Assert.Equal(at10.RoundTrips.Distinct(), at1000.RoundTrips.Distinct());
        Assert.InRange(at1000.RoundTrips.Max(), 1, 6);
        Assert.Equal(0, at1000.GetState + at1000.PutState);
    }

    [Fact]
    public async Task AddRecord_Fabric25Peer_ReadsEachKeyOnceAndSendsNoBatchMessages()
    {
        await using var setup = await Setup.StartAsync(batching: null);
        await setup.GrowToAsync(10);
        var add = await setup.MeasureAddAsync();

        // The patient and the head are read once each (real Fabric saw the head read twice before);
        // writes go one PUT_STATE at a time, as a 2.5 peer knows no other way.
        Assert.Equal(2 * add.RoundTrips.Count, add.GetState);
        Assert.Equal(0, add.Batched);
        Assert.All(add.RoundTrips, r => Assert.Equal(r, (add.GetState + add.PutState) / add.RoundTrips.Count));
    }

    private sealed record AddMeasurement(IReadOnlyList<int> RoundTrips, long GetState, long PutState, long Batched);

    private sealed class Setup : IAsyncDisposable
    {
        private readonly TemporaryDirectory _directory;
        private readonly ChaincodeServer _chaincode;
        private readonly DevNetwork _network;
        private readonly HealthRecordsClient _doctor;
        private long _size;
        private int _added;

        private Setup(TemporaryDirectory directory, ChaincodeServer chaincode, DevNetwork network, HealthRecordsClient doctor, long size)
        {
            _directory = directory;
            _chaincode = chaincode;
            _network = network;
            _doctor = doctor;
            _size = size;
        }

        public static async Task<Setup> StartAsync(ChaincodeBatchingOptions? batching)
        {
            var directory = new TemporaryDirectory();
            var chaincode = new ChaincodeServer(
                HealthRecordsChaincode.CreateRouter(), new ChaincodeServerOptions { ChaincodeId = "healthrecords_1.0:roundtrips", Address = "127.0.0.1:0" });
            await chaincode.StartAsync().WaitAsync(TestTimeouts.Long);

            // One endorser per transaction (OR), so each add is one measurement and the next add never races a commit.
            var network = await DevNetwork.StartAsync(new DevNetworkOptions
            {
                DataDirectory = Path.Combine(directory.Path, "network"),
                Chaincodes =
                [
                    new ChaincodeDefinition
                    {
                        Name = "healthrecords", PackageId = "healthrecords_1.0:roundtrips", Address = $"127.0.0.1:{chaincode.Port}", EndorsementPolicy = "OR('Org1MSP.peer','Org2MSP.peer')", Batching = batching,
                    },
                ],
                Batch = new BatchOptions { BatchTimeout = TimeSpan.FromMilliseconds(2) },
            }).WaitAsync(TestTimeouts.Long);
            var profilePath = Path.Combine(directory.Path, "connection-profile.json");
            network.WriteConnectionProfile(profilePath, "healthrecords");
            var profile = ConnectionProfile.Load(profilePath);
            using (var alice = HealthRecordsClient.Connect(profile, "alice"))
            {
                await alice.RegisterPatientAsync(new RegisterPatientRequest(PatientId)).WithTimeout();
            }

            var doctor = HealthRecordsClient.Connect(profile, "hospital-doctor");
            var root = await doctor.GetHistoryRootAsync(new HistoryRequest(PatientId)).WithTimeout();
            return new Setup(directory, chaincode, network, doctor, root.TreeSize);
        }

        /// <summary>Appends records until the patient's history has <paramref name="leaves"/> leaves.</summary>
        public async Task GrowToAsync(long leaves)
        {
            while (_size < leaves)
            {
                _size = (await AddAsync()).History.TreeSize;
            }
        }

        public async Task<AddMeasurement> MeasureAddAsync()
        {
            using var recorder = new RoundTripRecorder();
            _size = (await AddAsync()).History.TreeSize;
            var roundTrips = recorder.RoundTrips("AddRecord");
            Assert.NotEmpty(roundTrips);
            return new AddMeasurement(
                roundTrips, recorder.Requests("GET_STATE"), recorder.Requests("PUT_STATE"),
                recorder.Requests("GET_STATE_MULTIPLE") + recorder.Requests("WRITE_BATCH_STATE"));
        }

        public async ValueTask DisposeAsync()
        {
            _doctor.Dispose();
            await _network.DisposeAsync();
            await _chaincode.DisposeAsync();
            _directory.Dispose();
        }

        private Task<RecordResponse> AddAsync()
        {
            var hash = Convert.ToHexStringLower(BitConverter.GetBytes(++_added).Concat(new byte[28]).ToArray());
            return _doctor.AddRecordAsync(new AddRecordRequest(
                PatientId, "Observation", "laboratory", $"https://fhir.org1.example.com/Observation/{_added}", hash, 2048, "application/fhir+json")).WithTimeout();
        }
    }
}

/// <summary>The shim's meter is process-wide: round-trip tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RoundTripCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "shim round trips";
}
