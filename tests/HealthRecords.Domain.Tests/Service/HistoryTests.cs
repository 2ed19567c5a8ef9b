using System.Text;
using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

public sealed class HistoryTests
{
    private readonly Scenario _s = new();

    /// <summary>Builds a history of every leaf type: added, superseded, granted, revoked, accessed, emergency.</summary>
    private async Task<(RecordPointer Record, RecordPointer Correction, Consent Consent)> BuildHistoryAsync()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();
        var correction = (await _s.Run(Provider(), (s, tx) => s.SupersedeRecordAsync(
            tx, new SupersedeRecordRequest(record.RecordId, "urn:x:2", Scenario.Hash, 3, "text/plain")))).Record;
        var consent = await _s.GrantAsync(Scenario.Org());
        await _s.Run(Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(correction.RecordId, "treatment")));
        await _s.Run(Patient(), (s, tx) => s.RevokeConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)));
        await _s.Run(Emergency(), (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "Trauma")));
        return (record, correction, consent);
    }

    [Fact]
    public async Task History_EveryChange_AppendsOneLeafOfTheRightType()
    {
        await BuildHistoryAsync();
        var types = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var proof = await _s.Run(Patient(), (s, tx) => s.GetHistoryEntryAsync(tx, new HistoryEntryRequest(P1, i)));
            Assert.True(HistoryVerifier.VerifyInclusion(proof));
            types.Add(TestJson.Read<HistoryLeaf<System.Text.Json.JsonElement>>(Convert.FromBase64String(proof.Leaf!)).Type);
        }

        Assert.Equal(
            ["record-added", "record-superseded", "consent-granted", "record-accessed", "consent-revoked", "emergency-access"], types);
        var root = await _s.Run(Provider(Org2), (s, tx) => s.GetHistoryRootAsync(tx, new HistoryRequest(P1)));
        Assert.Equal(6, root.TreeSize);
    }

    [Fact]
    public async Task GetRecord_ProofVerifiesAndLeafCommitsToTheImmutablePointer()
    {
        var (record, _, _) = await BuildHistoryAsync();

        var response = await _s.Run(Patient(), (s, tx) => s.GetRecordAsync(tx, new GetRecordRequest(record.RecordId)));
        var leaf = TestJson.Read<HistoryLeaf<RecordCommitment>>(Convert.FromBase64String(response.Proof.Leaf!));

        Assert.True(HistoryVerifier.VerifyInclusion(response.Proof));
        Assert.Equal(6, response.Proof.TreeSize);
        Assert.Equal(2, leaf.Version);
        Assert.True(leaf.Subject.Matches(record, Convert.FromHexString(response.Salt!)));
        Assert.True(leaf.Subject.Matches(response.Record, Convert.FromHexString(response.Salt!)));
        Assert.NotNull(response.Record.SupersededBy); // the stored pointer moved on; the leaf did not
    }

    [Fact]
    public async Task GetConsent_Revoked_ProvesTheRevocationLeaf()
    {
        var (_, _, consent) = await BuildHistoryAsync();

        var response = await _s.Run(Patient(), (s, tx) => s.GetConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)));
        var leaf = TestJson.Read<HistoryLeaf<Consent>>(Convert.FromBase64String(response.Proof.Leaf!));

        Assert.True(HistoryVerifier.VerifyInclusion(response.Proof));
        Assert.Equal((4L, "consent-revoked", "revoked"), (response.Proof.LeafIndex, leaf.Type, leaf.Subject.Status));
    }

    [Fact]
    public async Task GetHistoryEntry_TamperedLeafOrRoot_DoesNotVerify()
    {
        await BuildHistoryAsync();
        var proof = await _s.Run(Auditor(), (s, tx) => s.GetHistoryEntryAsync(tx, new HistoryEntryRequest(P1, 2)));
        var leaf = Encoding.UTF8.GetString(Convert.FromBase64String(proof.Leaf!)).Replace("\"read\"", "\"append\"", StringComparison.Ordinal);

        Assert.False(HistoryVerifier.VerifyInclusion(proof with { Leaf = Convert.ToBase64String(Encoding.UTF8.GetBytes(leaf)) }));
        Assert.False(HistoryVerifier.VerifyInclusion(proof with { RootHash = new string('0', 64) }));
        Assert.False(HistoryVerifier.VerifyInclusion(proof with { LeafIndex = 3 }));
    }

    [Fact]
    public async Task GetHistoryEntry_AtEarlierSize_VerifiesAgainstThatRoot()
    {
        await BuildHistoryAsync();
        var old = await _s.Run(Patient(), (s, tx) => s.GetHistoryEntryAsync(tx, new HistoryEntryRequest(P1, 1, 3)));
        var consistency = await _s.Run(Patient(), (s, tx) => s.GetHistoryConsistencyAsync(tx, new HistoryConsistencyRequest(P1, 3)));

        Assert.True(HistoryVerifier.VerifyInclusion(old));
        Assert.Equal((3L, 6L, old.RootHash), (consistency.FromSize, consistency.ToSize, consistency.FromRoot));
    }

    [Fact]
    public async Task GetHistoryConsistency_EveryPairOfSizes_Verifies()
    {
        await BuildHistoryAsync();
        for (var from = 0; from <= 6; from++)
        {
            for (var to = from; to <= 6; to++)
            {
                var proof = await _s.Run(Provider(Org2), (s, tx) => s.GetHistoryConsistencyAsync(tx, new HistoryConsistencyRequest(P1, from, to)));
                Assert.True(HistoryVerifier.VerifyConsistency(proof), $"{from}->{to}");
            }
        }
    }

    [Fact]
    public async Task GetHistoryConsistency_SizeBeyondLog_InvalidArgument()
    {
        await BuildHistoryAsync();
        await _s.Fails(DomainErrorCodes.InvalidArgument, Patient(), (s, tx) => s.GetHistoryConsistencyAsync(tx, new HistoryConsistencyRequest(P1, 2, 7)));
        await _s.Fails(DomainErrorCodes.InvalidArgument, Patient(), (s, tx) => s.GetHistoryConsistencyAsync(tx, new HistoryConsistencyRequest(P1, 4, 3)));
    }

    [Fact]
    public async Task GetHistoryEntry_IndexBeyondLog_NotFound()
    {
        await BuildHistoryAsync();
        await _s.Fails(DomainErrorCodes.NotFound, Patient(), (s, tx) => s.GetHistoryEntryAsync(tx, new HistoryEntryRequest(P1, 6)));
    }

    [Fact]
    public async Task GetHistoryEntry_Provider_Forbidden()
    {
        await BuildHistoryAsync();
        await _s.Fails(DomainErrorCodes.Forbidden, Provider(), (s, tx) => s.GetHistoryEntryAsync(tx, new HistoryEntryRequest(P1, 0)));
    }

    [Fact]
    public async Task GetHistoryRoot_NoRole_Forbidden()
    {
        await BuildHistoryAsync();
        await _s.Fails(DomainErrorCodes.Forbidden, NoRole(), (s, tx) => s.GetHistoryRootAsync(tx, new HistoryRequest(P1)));
    }

    [Fact]
    public async Task GetHistoryRootAndConsistency_DelegateWithNoRole_Allowed()
    {
        await BuildHistoryAsync();
        var guardian = NoRole();
        await _s.Run(Patient(), (s, tx) => s.AddPatientIdentityAsync(tx, new AddPatientIdentityRequest(P1, guardian.MspId, guardian.Id, "delegate")));

        var root = await _s.Run(guardian, (s, tx) => s.GetHistoryRootAsync(tx, new HistoryRequest(P1)));
        var consistency = await _s.Run(guardian, (s, tx) => s.GetHistoryConsistencyAsync(tx, new HistoryConsistencyRequest(P1, 1, root.TreeSize)));

        Assert.Equal(root.RootHash, consistency.ToRoot);
        await _s.Fails(DomainErrorCodes.Forbidden, NoRole(Org2), (s, tx) => s.GetHistoryRootAsync(tx, new HistoryRequest(P1)));
    }

    [Fact]
    public async Task GetHistoryRoot_EmptyLog_IsSha256OfNothing()
    {
        await _s.RegisterAsync();
        var root = await _s.Run(Patient(), (s, tx) => s.GetHistoryRootAsync(tx, new HistoryRequest(P1)));
        Assert.Equal((0L, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), (root.TreeSize, root.RootHash));
    }

    [Fact]
    public async Task Histories_ArePerPatient()
    {
        await _s.RegisterAsync();
        await _s.RegisterAsync(P2);
        await _s.AddRecordAsync(patientId: P2);

        var p1 = await _s.Run(Patient(), (s, tx) => s.GetHistoryRootAsync(tx, new HistoryRequest(P1)));
        var p2 = await _s.Run(Patient(P2), (s, tx) => s.GetHistoryRootAsync(tx, new HistoryRequest(P2)));

        Assert.Equal((0L, 1L), (p1.TreeSize, p2.TreeSize));
    }

    [Fact]
    public async Task AddRecord_ReturnedRoot_MatchesHistoryRoot()
    {
        await _s.RegisterAsync();
        await _s.AddRecordAsync();
        var added = await _s.Run(Provider(), (s, tx) => s.AddRecordAsync(tx, Scenario.NewRecord()));
        var root = await _s.Run(Patient(), (s, tx) => s.GetHistoryRootAsync(tx, new HistoryRequest(P1)));

        Assert.Equal((root.TreeSize, root.RootHash), (added.History.TreeSize, added.History.RootHash));
    }
}
