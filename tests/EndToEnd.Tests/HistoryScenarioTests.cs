using EndToEnd.Tests.Infrastructure;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain.Contracts;
using TestSupport;
using static EndToEnd.Tests.Infrastructure.Scenario;

namespace EndToEnd.Tests;

/// <summary>alice's history is an append-only Merkle log: entries prove into the root, later roots extend earlier ones.</summary>
[Collection(NetworkCollection.Name)]
public sealed class HistoryScenarioTests(NetworkFixture network) : IAsyncLifetime
{
    public Task InitializeAsync() => network.EnsureAliceRegisteredAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetHistoryConsistency_AfterMoreActivity_ProvesEarlierRootWasOnlyExtended()
    {
        await network.AddRecordAsync(HospitalDoctor, $"before ({Guid.NewGuid():N})");
        var earlier = await network.Client(Alice).GetHistoryRootAsync(new HistoryRequest(AlicePatientId)).WithTimeout();
        await network.AddRecordAsync(HospitalDoctor, $"after 1 ({Guid.NewGuid():N})");
        var consent = await network.GrantAsync(new Grantee("organization", "Org2MSP"), "read", "immunization");
        await network.RevokeAsync(consent.ConsentId);
        var later = await network.Client(Alice).GetHistoryRootAsync(new HistoryRequest(AlicePatientId)).WithTimeout();

        var proof = await network.Client(Alice).GetHistoryConsistencyAsync(new HistoryConsistencyRequest(AlicePatientId, earlier.TreeSize, later.TreeSize)).WithTimeout();

        Assert.Equal(earlier.TreeSize + 3, later.TreeSize);
        Assert.True(HistoryProofs.VerifyConsistency(proof, earlier.TreeSize, earlier.RootHash, later.TreeSize, later.RootHash));
        var forged = string.Concat(earlier.RootHash[..^1], earlier.RootHash[^1] == '0' ? "1" : "0");
        Assert.False(HistoryProofs.VerifyConsistency(proof, earlier.TreeSize, forged, later.TreeSize, later.RootHash));
    }

    [Fact]
    public async Task GetHistoryEntry_RecentLeaves_InclusionProofsVerifyAgainstOneRoot()
    {
        await network.AddRecordAsync(HospitalDoctor, $"entry ({Guid.NewGuid():N})");
        var root = await network.Client(Auditor).GetHistoryRootAsync(new HistoryRequest(AlicePatientId)).WithTimeout();

        for (var index = Math.Max(0, root.TreeSize - 5); index < root.TreeSize; index++)
        {
            var proof = await network.Client(Auditor).GetHistoryEntryAsync(new HistoryEntryRequest(AlicePatientId, index, root.TreeSize)).WithTimeout();

            Assert.Equal(root.RootHash, proof.RootHash);
            Assert.NotEmpty(HistoryProofs.VerifyInclusion(proof));
        }
    }

    [Fact]
    public async Task GetRecord_Patient_ProofMatchesTheRecordAddedLeaf()
    {
        var added = await network.AddRecordAsync(HospitalDoctor, $"x-ray report ({Guid.NewGuid():N})", "imaging", "DiagnosticReport");

        var got = await network.Client(Alice).GetRecordAsync(new GetRecordRequest(added.Record.RecordId)).WithTimeout();

        var leaf = HistoryProofs.VerifyRecord(got);
        Assert.Equal(added.Record.RecordId, leaf.Subject.GetProperty("recordId").GetString());
        Assert.Equal(added.History.LeafIndex, got.Proof.LeafIndex);
    }
}
