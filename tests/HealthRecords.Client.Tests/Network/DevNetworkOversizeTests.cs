using System.Text;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Shim;
using HealthRecords.Chaincode;
using HealthRecords.Client.Profiles;
using HealthRecords.Domain.Contracts;
using TestSupport;
using Xunit.Abstractions;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// Limits that protect other users (issue 15, items 10 and 11), on the dev network run as its own process so that
/// its memory can be measured: one identity sends a 20 MB or a 90 MB argument through the gateway (evaluate and
/// submit) while another identity's concurrent AddRecords run. The oversize calls are refused; every AddRecord of
/// the other identity commits; and the network's peak resident set stays under the bound docs/dev-network.md
/// documents for that size ("Limits that protect other users").
/// </summary>
public sealed class DevNetworkOversizeTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int MinimumPerWorker = 3;

    /// <summary>One load worker per patient: appends to one patient's history are serialised by MVCC, so each worker has its own.</summary>
    private static readonly (string Patient, string Identity)[] Patients = [("pt-alice", "alice"), ("pt-bob", "bob")];

    private readonly TemporaryDirectory _data = new();
    private ChaincodeServer? _chaincode;
    private DevNetworkProcess? _network;

    public async Task InitializeAsync()
    {
        _chaincode = new ChaincodeServer(
            HealthRecordsChaincode.CreateRouter(),
            new ChaincodeServerOptions { ChaincodeId = "healthrecords_1.0:dev", Address = "127.0.0.1:0" });
        await _chaincode.StartAsync().WithTimeout();
        _network = DevNetworkProcess.Start(
            "up", "--data", _data.Path, "--port", "0", "--chaincode", $"healthrecords=127.0.0.1:{_chaincode.Port}",
            "--batch-timeout-ms", "200", "--log-level", "Warning");
        await _network.WaitUntilReadyAsync();
    }

    [Theory]
    [InlineData(20, 320)]
    [InlineData(90, 640)]
    public async Task OversizeArgument_OtherIdentitysAddRecordsAllCommit_PeakRssUnderTheDocumentedBound(int megabytes, int boundMebibytes)
    {
        var bound = boundMebibytes * 1024L * 1024;
        var profilePath = Path.Combine(_data.Path, "connection-profile.json");
        var profile = ConnectionProfile.Load(profilePath);
        using var doctor = HealthRecordsClient.Connect(profile, Patiently(profile, "hospital-doctor"));
        using var hospital = Gateway.Connect(Patiently(profile, "hospital-doctor"));
        using var clinic = Gateway.Connect(Patiently(profile, "clinic-doctor"));
        foreach (var (patient, identity) in Patients)
        {
            using var own = HealthRecordsClient.Connect(profile, Patiently(profile, identity));
            var registered = await own.RegisterPatientAsync(new RegisterPatientRequest(patient)).WithTimeout();

            // Each peer commits at its own pace: the doctor's AddRecord is endorsed by both, so both must know the patient.
            foreach (var peer in new[] { hospital, clinic })
            {
                var status = await peer.GetNetwork(profile.Channel ?? "healthchannel").GetTransactionStatusAsync(registered.Patient.TxId).WithTimeout();
                Assert.True(status.Successful, $"registration of {patient} committed as {status.Code}");
            }

            await doctor.AddRecordAsync(Record(patient, -1)).WithTimeout();
        }

        var baseline = _network!.PeakResidentBytes();
        using var stop = new CancellationTokenSource();
        var load = Patients.Select(p => Task.Run(async () =>
        {
            var committed = 0;
            for (var i = 0; i < MinimumPerWorker || !stop.IsCancellationRequested; i++)
            {
                await doctor.AddRecordAsync(Record(p.Patient, i)).WithTimeout();
                committed++;
            }

            return committed;
        })).ToList();

        // The other identity: a clinic doctor's raw contract.
        var contract = clinic.GetNetwork(profile.Channel ?? "healthchannel").GetContract("healthrecords");
        var argument = new string('x', megabytes * 1024 * 1024);
        var evaluate = await Assert.ThrowsAnyAsync<GatewayException>(
            () => contract.EvaluateTransactionAsync("AddRecord", argument).WithTimeout(TimeSpan.FromMinutes(3)));
        var submit = await Assert.ThrowsAnyAsync<GatewayException>(
            () => contract.SubmitTransactionAsync("AddRecord", argument).WithTimeout(TimeSpan.FromMinutes(3)));
        await stop.CancelAsync();
        var counts = await Task.WhenAll(load).WithTimeout(TimeSpan.FromMinutes(3));
        var peak = _network.PeakResidentBytes();

        output.WriteLine($"{megabytes} MB argument: dev network peak RSS {peak / (1024 * 1024)} MiB (before {baseline / (1024 * 1024)} MiB, bound {boundMebibytes} MiB); "
            + $"{counts.Sum()} AddRecords of the other identity committed; evaluate: {evaluate.GrpcStatus.StatusCode}, submit: {submit.GrpcStatus.StatusCode}");
        Assert.All(counts, c => Assert.True(c >= MinimumPerWorker));
        Assert.True(peak < bound, $"peak RSS {peak} bytes, bound {bound}");
    }

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }

        if (_chaincode is not null)
        {
            await _chaincode.DisposeAsync().AsTask().WithTimeout();
        }
    }

    public void Dispose() => _data.Dispose();

    /// <summary>An identity's gateway options with time for large messages and a first transaction on a loaded machine.</summary>
    private static GatewayOptions Patiently(ConnectionProfile profile, string identity) => profile.CreateGatewayOptions(identity) with
    {
        EvaluateTimeout = TestTimeouts.Long,
        EndorseTimeout = TestTimeouts.Long,
        SubmitTimeout = TestTimeouts.Long,
    };

    private static AddRecordRequest Record(string patient, int n) => new(
        patient, "Observation", "laboratory", $"https://fhir.org1.example.com/Observation/{patient}-{n}",
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{patient}-{n}"))), 100, "application/fhir+json");
}
