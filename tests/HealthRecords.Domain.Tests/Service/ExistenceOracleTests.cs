using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

/// <summary>
/// No existence oracle in refusals (issue 12): a caller without standing towards a patient gets the same code and
/// message for an id that exists (for that or another patient) as for one that does not, while the patient and
/// entitled callers still get NOT_FOUND for a missing id. Messages are compared with the asked id masked, since
/// each refusal names the id it was asked about.
/// </summary>
public sealed class ExistenceOracleTests
{
    private static readonly string MissingRecord = "rec-" + new string('0', 40);
    private static readonly string MissingConsent = "con-" + new string('0', 40);
    private static readonly string MissingAccess = "acc-" + new string('0', 40);

    private readonly Scenario _s = new();

    public static TheoryData<string> Outsiders => ["bob", "other-provider", "auditor", "emergency", "researcher", "admin"];

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task GetRecord_OutsiderAskingForExistingAndMissingIds_SameRefusal(string outsider)
    {
        var record = await AliceRecordAsync();

        var existing = await _s.Fails(DomainErrorCodes.NotFound, Outsider(outsider), (s, tx) => s.GetRecordAsync(tx, new GetRecordRequest(record.RecordId)));
        var missing = await _s.Fails(DomainErrorCodes.NotFound, Outsider(outsider), (s, tx) => s.GetRecordAsync(tx, new GetRecordRequest(MissingRecord)));

        AssertSameRefusal(existing, record.RecordId, missing, MissingRecord);
        AssertNamesNothingStored(existing, record);
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task RequestAccess_OutsiderAskingForExistingAndMissingIds_SameRefusal(string outsider)
    {
        var record = await AliceRecordAsync();
        var purpose = outsider == "researcher" ? "research" : "treatment";

        var existing = await _s.Fails(
            DomainErrorCodes.NotFound, Outsider(outsider), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, purpose)));
        var missing = await _s.Fails(
            DomainErrorCodes.NotFound, Outsider(outsider), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(MissingRecord, purpose)));

        AssertSameRefusal(existing, record.RecordId, missing, MissingRecord);
        AssertNamesNothingStored(existing, record);
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task SupersedeRecord_OutsiderAskingForExistingAndMissingIds_SameRefusalNamingNoCustodian(string outsider)
    {
        var record = await AliceRecordAsync();
        SupersedeRecordRequest Correct(string recordId) => new(recordId, "urn:x:corrected", Scenario.Hash, 1, "text/plain");

        var existing = await _s.Fails(DomainErrorCodes.NotFound, Outsider(outsider), (s, tx) => s.SupersedeRecordAsync(tx, Correct(record.RecordId)));
        var missing = await _s.Fails(DomainErrorCodes.NotFound, Outsider(outsider), (s, tx) => s.SupersedeRecordAsync(tx, Correct(MissingRecord)));

        AssertSameRefusal(existing, record.RecordId, missing, MissingRecord);
        AssertNamesNothingStored(existing, record);
    }

    [Fact]
    public async Task SupersedeRecord_PatientWhoMayReadTheRecord_ToldOnlyCustodianProvidersMayWithoutNamingTheCustodian()
    {
        var record = await AliceRecordAsync();

        var refusal = await _s.Fails(
            DomainErrorCodes.Forbidden, Patient(), (s, tx) => s.SupersedeRecordAsync(tx, new SupersedeRecordRequest(record.RecordId, "urn:x:corrected", Scenario.Hash, 1, "text/plain")));

        Assert.Contains("custodian organisation may supersede", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(record.Custodian, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAccess_GranteeOfThePatientRefused_StillToldWhy()
    {
        var record = await AliceRecordAsync();
        await _s.GrantAsync(Scenario.Org(), categories: ["imaging"]);

        var ex = await _s.Fails(
            DomainErrorCodes.Forbidden, Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));

        Assert.Equal(AccessReasons.ScopeMismatch, ex.Reason);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("same-org-colleague")]
    [InlineData("emergency")]
    public async Task ReadAccessedRecords_OtherIdentityAskingForExistingAndMissingEntries_SameRefusal(string caller)
    {
        var record = await AliceRecordAsync();
        await _s.GrantAsync(Scenario.Org());
        var granted = await _s.Run(Provider(Org2), (s, tx) => s.RequestAccessAsync(tx, new ReadRecordRequest(record.RecordId, "treatment")));
        var who = caller switch { "alice" => Patient(), "same-org-colleague" => Provider(Org2, "dr-colleague"), _ => Outsider(caller) };

        var existing = await _s.Fails(
            DomainErrorCodes.NotFound, who, (s, tx) => s.ReadAccessedRecordsAsync(tx, new AccessedRecordsRequest(P1, granted.Access.AccessId)));
        var missing = await _s.Fails(
            DomainErrorCodes.NotFound, who, (s, tx) => s.ReadAccessedRecordsAsync(tx, new AccessedRecordsRequest(P1, MissingAccess)));

        AssertSameRefusal(existing, granted.Access.AccessId, missing, MissingAccess);
        Assert.Equal((RefusalReasons.AccessNotCommitted, RefusalReasons.AccessNotCommitted), (existing.Reason, missing.Reason));
        Assert.DoesNotContain(record.Location, existing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("other-provider")]
    [InlineData("researcher")]
    public async Task GetConsent_OutsiderAskingForExistingAndMissingIds_SameRefusal(string outsider)
    {
        await AliceRecordAsync();
        var consent = await _s.GrantAsync(Scenario.Identity(Provider(Org2, "dr-grey")));

        var existing = await _s.Fails(
            DomainErrorCodes.Forbidden, Outsider(outsider), (s, tx) => s.GetConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)));
        var missing = await _s.Fails(
            DomainErrorCodes.Forbidden, Outsider(outsider), (s, tx) => s.GetConsentAsync(tx, new ConsentRequest(P1, MissingConsent)));

        AssertSameRefusal(existing, consent.ConsentId, missing, MissingConsent);
    }

    [Fact]
    public async Task GetConsent_EntitledCallersAskingForMissingId_NotFound_AndGranteeReadsItsOwn()
    {
        await AliceRecordAsync();
        var grantee = Provider(Org2, "dr-grey");
        var consent = await _s.GrantAsync(Scenario.Identity(grantee));

        await _s.Fails(DomainErrorCodes.NotFound, Patient(), (s, tx) => s.GetConsentAsync(tx, new ConsentRequest(P1, MissingConsent)));
        await _s.Fails(DomainErrorCodes.NotFound, Auditor(), (s, tx) => s.GetConsentAsync(tx, new ConsentRequest(P1, MissingConsent)));
        var own = await _s.Run(grantee, (s, tx) => s.GetConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)));

        Assert.Equal(consent.ConsentId, own.Consent.ConsentId);
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task CheckAccess_OutsiderAskingForExistingOtherPatientsAndMissingIds_SameDecision(string outsider)
    {
        var record = await AliceRecordAsync();
        var bobs = await _s.AddRecordAsync(patientId: P2);
        var purpose = outsider == "researcher" ? "research" : "treatment";
        Task<AccessDecision> Ask(string recordId) =>
            _s.Run(Outsider(outsider), (s, tx) => s.CheckAccessAsync(tx, new CheckAccessRequest(P1, "read", purpose, recordId)));

        var existing = await Ask(record.RecordId);
        var others = await Ask(bobs.RecordId);
        var missing = await Ask(MissingRecord);

        Assert.False(existing.Allowed);
        Assert.Equal(existing, others);
        Assert.Equal(existing, missing);
    }

    [Fact]
    public async Task GrantConsent_RecordOfAnotherPatientAndMissingId_SameRefusal()
    {
        await AliceRecordAsync();
        var bobs = await _s.AddRecordAsync(patientId: P2);
        Task<DomainException> Grant(string recordId) => _s.Fails(DomainErrorCodes.NotFound, Patient(), (s, tx) => s.GrantConsentAsync(
            tx, new GrantConsentRequest(P1, Scenario.Org(), ["read"], new ConsentScope(null, [recordId]), "treatment", null, null)));

        var others = await Grant(bobs.RecordId);
        var missing = await Grant(MissingRecord);

        AssertSameRefusal(others, bobs.RecordId, missing, MissingRecord);
    }

    [Fact]
    public async Task EmergencyAccess_RecordOfAnotherPatientAndMissingId_SameRefusal()
    {
        await AliceRecordAsync();
        var bobs = await _s.AddRecordAsync(patientId: P2);
        Task<DomainException> Break(string recordId) => _s.Fails(
            DomainErrorCodes.NotFound, Emergency(), (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "Unconscious", recordId)));

        var others = await Break(bobs.RecordId);
        var missing = await Break(MissingRecord);

        AssertSameRefusal(others, bobs.RecordId, missing, MissingRecord);
    }

    /// <summary>pt P1 with one record held by Org1, and a second registered patient P2 (bob).</summary>
    private async Task<RecordPointer> AliceRecordAsync()
    {
        await _s.RegisterAsync();
        await _s.RegisterAsync(P2);
        return await _s.AddRecordAsync();
    }

    private static Caller Outsider(string name) => name switch
    {
        "bob" => Patient(P2, "bob"),
        "other-provider" => Provider(Org2),
        "auditor" => Auditor(),
        "emergency" => Emergency(),
        "researcher" => Researcher(),
        "admin" => Admin(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such outsider"),
    };

    private static void AssertSameRefusal(DomainException a, string aId, DomainException b, string bId)
    {
        Assert.Equal(a.Code, b.Code);
        Assert.Equal(a.Reason, b.Reason);
        Assert.Contains(aId, a.Message, StringComparison.Ordinal);
        Assert.Equal(a.Message.Replace(aId, "<id>", StringComparison.Ordinal), b.Message.Replace(bId, "<id>", StringComparison.Ordinal));
    }

    private static void AssertNamesNothingStored(DomainException refusal, RecordPointer record)
    {
        Assert.DoesNotContain(record.PatientId, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(record.Custodian, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(record.Location, refusal.Message, StringComparison.Ordinal);
    }
}
