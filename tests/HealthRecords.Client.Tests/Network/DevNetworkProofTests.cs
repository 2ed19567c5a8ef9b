using Hyperledger.Fabric.Gateway;
using HealthRecords.Client.Proofs;
using HealthRecords.Client.Tests.Support;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Network;

/// <summary>Verifiable reads, root tracking and the consent guard against the dev network.</summary>
[Collection(HealthRecordsNetworkCollection.Name)]
public sealed class DevNetworkProofTests(HealthRecordsNetworkFixture fixture)
{
    private const string Alice = HealthRecordsNetworkFixture.Alice;

    [Fact]
    public async Task GetRecordAsync_VerifiedReadsAndRootStore_TrustsRootEndorsedByBothOrgs()
    {
        var seed = await fixture.SeedAsync();
        using var folder = new TemporaryDirectory();
        using var store = new FileVerifiedRootStore(Path.Combine(folder.Path, "roots.json"));
        using var alice = fixture.Client("alice", new HealthRecordsClientOptions { VerifiedReads = fixture.Profile.CreateVerifiedReadOptions(), RootStore = store });

        var first = await alice.SyncHistoryRootAsync(Alice).WithTimeout();
        using (var doctor = fixture.Client("hospital-doctor"))
        {
            await doctor.AddRecordAsync(new AddRecordRequest(Alice, "Observation", "vital-signs", "https://fhir.org1.example.com/Observation/v", new string('d', 64), 5, "application/fhir+json")).WithTimeout();
        }

        var record = await alice.GetRecordAsync(new GetRecordRequest(seed.Records[1].RecordId)).WithTimeout();
        var stored = await store.GetAsync(Alice);

        Assert.Equal(seed.Records[1], record.Record);
        Assert.Equal(first.TreeSize + 1, record.Proof.TreeSize);
        Assert.Equal(new VerifiedRoot(Alice, record.Proof.TreeSize, record.Proof.RootHash), stored);
    }

    [Fact]
    public async Task GetRecordAsync_VerifiedReadWithUnknownCa_ThrowsVerification()
    {
        var seed = await fixture.SeedAsync();
        using var pki = new TestCertificates("ca.rogue.example.com");
        var rogue = new VerifiedReadOptions
        {
            MspCaCertificates = new Dictionary<string, IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2>>
            {
                ["Org1MSP"] = [pki.Ca],
                ["Org2MSP"] = [pki.Ca],
            },
        };
        using var alice = fixture.Client("alice", new HealthRecordsClientOptions { VerifiedReads = rogue });

        await Assert.ThrowsAsync<VerificationException>(() => alice.GetRecordAsync(new GetRecordRequest(seed.Records[0].RecordId)).WithTimeout());
    }

    [Fact]
    public async Task SyncHistoryRootAsync_StoredRootOfAnotherHistory_ThrowsHistoryRewritten()
    {
        await fixture.SeedAsync();
        using var auditor = fixture.Client("auditor");
        var current = await auditor.GetHistoryRootAsync(new HistoryRequest(Alice)).WithTimeout();

        // What this client verified earlier: a log of the same patient whose leaf 0 differs (the ledger rewrote it since).
        using var forged = new ClientScenario(seed: "forged");
        await forged.SeedAsync(records: 1);
        var forgedRoot = await forged.As(People.Audrey).GetHistoryRootAsync(new HistoryRequest(People.Patient)).WithTimeout();
        var store = new InMemoryVerifiedRootStore();
        await store.SetAsync(new VerifiedRoot(Alice, forgedRoot.TreeSize, forgedRoot.RootHash));
        using var tracked = fixture.Client("auditor", new HealthRecordsClientOptions { RootStore = store });

        var e = await Assert.ThrowsAsync<HistoryRewrittenException>(() => tracked.SyncHistoryRootAsync(Alice).WithTimeout());

        Assert.True(current.TreeSize > forgedRoot.TreeSize);
        Assert.Equal(forgedRoot.RootHash, e.Trusted.RootHash);
        Assert.Equal(forgedRoot.RootHash, (await store.GetAsync(Alice))!.RootHash);
    }
}
