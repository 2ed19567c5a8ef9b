using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

public sealed class AccessTests
{
    private readonly Scenario _s = new();

    [Fact]
    public async Task RequestAccess_UnderConsent_LogsWhoWhatWhyWhichConsentWithoutPointer()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();
        var consent = await _s.GrantAsync(Scenario.Org());

        var response = await _s.Run(Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));
        var tx = _s.Ledger.Last!;

        var a = response.Access;
        TestJson.AssertNoClinicalContent(HealthRecordsJson.Serialize(response), record);
        Assert.Equal([record.RecordId], a.RecordIds);
        Assert.Equal((Provider(Org2).Id, "treatment", "consent", consent.ConsentId), (a.Accessor.Id, a.Purpose, a.Basis, a.ConsentId));
        Assert.Equal((false, (string?)null, tx.Timestamp, tx.TxId), (a.Emergency, a.Reason, a.AccessedAt, a.TxId));
        Assert.Equal((2L, 3L), (a.HistoryIndex, response.History.TreeSize));
    }

    [Fact]
    public async Task RequestAccess_Denied_WritesNothingAndNamesReason()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();
        await _s.GrantAsync(Scenario.Org(), purpose: "payment");

        var ex = await _s.Fails(DomainErrorCodes.Forbidden, Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));

        Assert.Contains(AccessReasons.PurposeMismatch, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAccessedRecords_AfterCommit_ProofIsAgainstCurrentRoot()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();
        var granted = await _s.Run(Patient(), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));

        var response = await _s.Run(Patient(), (s, tx) => s.ReadAccessedRecordsAsync(tx, new AccessedRecordsRequest(P1, granted.Access.AccessId)));

        var proven = Assert.Single(response.Records);
        Assert.Equal(record, proven.Record);
        Assert.Equal((0L, 2L), (proven.Proof.LeafIndex, proven.Proof.TreeSize));
        Assert.True(HistoryVerifier.VerifyInclusion(proven.Proof));
        Assert.Equal("patient", response.Access.Basis);
    }

    [Fact]
    public async Task RequestAccess_Event_IsRecordAccessedWithIdsOnly()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();
        await _s.GrantAsync(Scenario.Org());

        var response = await _s.Run(Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));
        var (name, payload) = _s.Ledger.Last!.Event!.Value;
        var e = TestJson.Read<HealthRecordsEvent>(payload);

        Assert.Equal(EventNames.RecordAccessed, name);
        Assert.Equal((name, response.Access.AccessId, response.Access.ConsentId, false), (e.Type, e.AccessId, e.ConsentId, e.Emergency));
        Assert.Equal([record.RecordId], e.RecordIds!);
        TestJson.AssertNoClinicalContent(payload, record);
    }

    [Fact]
    public async Task EmergencyAccess_EmergencyRole_NamesCurrentRecordsFlaggedAndLogged()
    {
        await _s.RegisterAsync();
        var old = await _s.AddRecordAsync();
        var corrected = await _s.Run(Provider(), (s, tx) => s.SupersedeRecordAsync(tx, new SupersedeRecordRequest(old.RecordId, "urn:x:1", Scenario.Hash, 1, "text/plain")));
        var imaging = await _s.AddRecordAsync(category: "imaging");

        var response = await _s.Run(Emergency(), (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "Unconscious on arrival")));
        var (name, payload) = _s.Ledger.Last!.Event!.Value;

        Assert.Equal(new[] { imaging.RecordId, corrected.Record.RecordId }.Order(StringComparer.Ordinal), response.Access.RecordIds);
        Assert.Equal((true, "break-glass", "emergency", "Unconscious on arrival"), (response.Access.Emergency, response.Access.Basis, response.Access.Purpose, response.Access.Reason));
        Assert.Equal(EventNames.EmergencyAccess, name);
        Assert.True(TestJson.Read<HealthRecordsEvent>(payload).Emergency);
        var log = await _s.Run(Patient(), (s, tx) => s.ListAccessLogAsync(tx, new ListAccessLogRequest(P1)));
        Assert.True(Assert.Single(log.Entries).Emergency);
    }

    [Fact]
    public async Task EmergencyAccess_OneRecord_ReleasesJustIt()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();
        await _s.AddRecordAsync();

        var response = await _s.Run(Emergency(), (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "Anaphylaxis", record.RecordId)));

        Assert.Equal([record.RecordId], response.Access.RecordIds);
    }

    [Fact]
    public async Task EmergencyAccess_Category_CappedByOptions()
    {
        var s2 = new Scenario(new HealthRecordsOptions { MaxEmergencyRecords = 2 });
        await s2.RegisterAsync();
        for (var i = 0; i < 3; i++)
        {
            await s2.AddRecordAsync(category: "medication");
        }

        var response = await s2.Run(Emergency(), (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "Overdose", Category: "medication")));

        Assert.Equal(2, response.Access.RecordIds.Count);
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("patient")]
    [InlineData("researcher")]
    public async Task EmergencyAccess_OtherRoles_Forbidden(string role)
    {
        await _s.RegisterAsync();
        var caller = role switch { "provider" => Provider(), "patient" => Patient(), _ => Researcher() };
        await _s.Fails(DomainErrorCodes.Forbidden, caller, (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "Because")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public async Task EmergencyAccess_MissingOrBadReason_InvalidArgument(string reason)
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.InvalidArgument, Emergency(), (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, reason)));
    }

    [Fact]
    public async Task EmergencyAccess_OversizeReason_InvalidArgument()
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.InvalidArgument, Emergency(), (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, new string('x', 501))));
    }

    [Fact]
    public async Task ListAccessLog_ByRole_PatientDelegateAuditorAllowedProviderForbidden()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();
        for (var i = 0; i < 3; i++)
        {
            await _s.Run(Patient(), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));
        }

        var first = await _s.Run(Auditor(), (s, tx) => s.ListAccessLogAsync(tx, new ListAccessLogRequest(P1, 2)));
        var rest = await _s.Run(Patient(), (s, tx) => s.ListAccessLogAsync(tx, new ListAccessLogRequest(P1, 2, first.Bookmark)));

        var all = first.Entries.Concat(rest.Entries).ToList();
        Assert.Equal(3, all.Count);
        Assert.Equal(all.OrderBy(e => e.AccessedAt).Select(e => e.AccessId), all.Select(e => e.AccessId));
        await _s.Fails(DomainErrorCodes.Forbidden, Provider(), (s, tx) => s.ListAccessLogAsync(tx, new ListAccessLogRequest(P1)));
    }
}
