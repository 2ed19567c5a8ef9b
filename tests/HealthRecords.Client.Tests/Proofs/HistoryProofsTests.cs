using HealthRecords.Client.Proofs;
using HealthRecords.Client.Tests.Support;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Proofs;

public sealed class HistoryProofsTests
{
    [Fact]
    public async Task VerifyInclusion_EveryLeafOfDomainLog_ReturnsLeafBytes()
    {
        using var s = new ClientScenario();
        await s.SeedAsync(records: 6);
        var root = await s.As(People.Alice).GetHistoryRootAsync(new HistoryRequest(People.Patient)).WithTimeout();

        for (long i = 0; i < root.TreeSize; i++)
        {
            var proof = await s.Client.GetHistoryEntryAsync(new HistoryEntryRequest(People.Patient, i)).WithTimeout();
            var leaf = HistoryProofs.VerifyInclusion(proof);
            Assert.Equal(Convert.FromBase64String(proof.Leaf!), leaf);
            Assert.Equal(root.RootHash, proof.RootHash);
        }
    }

    [Fact]
    public async Task VerifyConsistency_TrustedRootsOfSameLog_ReturnsTrue()
    {
        using var s = new ClientScenario();
        await s.SeedAsync(records: 2);
        var old = await s.As(People.Alice).GetHistoryRootAsync(new HistoryRequest(People.Patient)).WithTimeout();
        await s.As(People.DrHouse).AddRecordAsync(People.Record()).WithTimeout();
        var now = await s.As(People.Alice).GetHistoryRootAsync(new HistoryRequest(People.Patient)).WithTimeout();

        var proof = await s.Client.GetHistoryConsistencyAsync(new HistoryConsistencyRequest(People.Patient, old.TreeSize, now.TreeSize)).WithTimeout();

        Assert.True(HistoryProofs.VerifyConsistency(proof, old.TreeSize, old.RootHash, now.TreeSize, now.RootHash));
    }

    [Fact]
    public async Task VerifyConsistency_RootFromRewrittenHistory_ReturnsFalse()
    {
        using var honest = new ClientScenario();
        await honest.SeedAsync(records: 2);
        var trusted = await honest.As(People.Alice).GetHistoryRootAsync(new HistoryRequest(People.Patient)).WithTimeout();
        using var forged = new ClientScenario(seed: "forged");
        await forged.SeedAsync(records: 4);
        var forgedRoot = await forged.As(People.Alice).GetHistoryRootAsync(new HistoryRequest(People.Patient)).WithTimeout();
        var forgedProof = await forged.Client.GetHistoryConsistencyAsync(new HistoryConsistencyRequest(People.Patient, trusted.TreeSize, forgedRoot.TreeSize)).WithTimeout();

        // The forged log's proof is valid for its own roots, but not from the root the client trusts.
        Assert.True(HistoryProofs.VerifyConsistency(forgedProof, forgedProof.FromSize, forgedProof.FromRoot, forgedProof.ToSize, forgedProof.ToRoot));
        Assert.False(HistoryProofs.VerifyConsistency(forgedProof, trusted.TreeSize, trusted.RootHash, forgedRoot.TreeSize, forgedRoot.RootHash));
        Assert.False(HistoryProofs.VerifyConsistency(forgedProof with { FromRoot = trusted.RootHash }, trusted.TreeSize, trusted.RootHash, forgedRoot.TreeSize, forgedRoot.RootHash));
    }

    [Fact]
    public void VerifyInclusion_MalformedRoot_ThrowsProofVerification()
    {
        var proof = new HistoryProof("pat-1", 0, 1, "XYZ", [], Convert.ToBase64String("a"u8));

        var e = Assert.Throws<ProofVerificationException>(() => HistoryProofs.VerifyInclusion(proof));
        Assert.Equal("pat-1", e.PatientId);
    }

    [Fact]
    public void VerifyInclusion_RfcWorkedExample_ReturnsLeaf()
    {
        // docs/merkle.md section 5: leaves "a", "b", "c"; leaf 2 with audit path [h01].
        var proof = new HistoryProof(
            "pat-1", 2, 3, "36642e73c2540ab121e3a6bf9545b0a24982cd830eb13d3cd19de3ce6c021ec1",
            ["b137985ff484fb600db93107c77b0365c80d78f5b429ded0fd97361d077999eb"], "Yw==");

        Assert.Equal("c"u8.ToArray(), HistoryProofs.VerifyInclusion(proof));
        Assert.Throws<ProofVerificationException>(() => HistoryProofs.VerifyInclusion(proof with { LeafIndex = 1 }));
    }
}
