using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

public sealed class ConsentsTests
{
    private readonly Scenario _s = new();

    [Fact]
    public async Task GrantConsent_Patient_StoresNormalisedFhirShapedConsent()
    {
        await _s.RegisterAsync();
        var consent = await _s.GrantAsync(
            Scenario.Org(), ["vital-signs", "laboratory"], actions: ["read", "append"], validUntil: new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Matches("^con-[0-9a-f]{40}$", consent.ConsentId);
        Assert.Equal(["append", "read"], consent.Actions);
        Assert.Equal(["laboratory", "vital-signs"], consent.Scope.Categories!);
        Assert.Empty(consent.Scope.RecordIds!);
        Assert.Equal(("active", "TREAT"), (consent.Status, consent.PurposeCode));
        Assert.Equal(_s.Ledger.Last!.Timestamp, consent.ValidFrom);
        Assert.Null(consent.Revocation);
    }

    [Theory]
    [InlineData("treatment", "TREAT")]
    [InlineData("emergency", "ETREAT")]
    [InlineData("research", "HRESCH")]
    [InlineData("payment", "HPAYMT")]
    [InlineData("operations", "HOPERAT")]
    public async Task GrantConsent_EachPurpose_MapsToV3ActReasonCode(string purpose, string code)
    {
        await _s.RegisterAsync();
        var consent = await _s.GrantAsync(Scenario.Org(), purpose: purpose);
        Assert.Equal(code, consent.PurposeCode);
    }

    [Fact]
    public async Task GrantConsent_ByProvider_Forbidden()
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.Forbidden, Provider(), (s, tx) => s.GrantConsentAsync(tx, new GrantConsentRequest(
            P1, Scenario.Org(), ["read"], new ConsentScope(["laboratory"]), "treatment")));
    }

    [Fact]
    public async Task GrantConsent_RecordOfAnotherPatient_NotFound()
    {
        await _s.RegisterAsync();
        await _s.RegisterAsync(P2);
        var other = await _s.AddRecordAsync(patientId: P2);
        await _s.Fails(DomainErrorCodes.NotFound, Patient(), (s, tx) => s.GrantConsentAsync(tx, new GrantConsentRequest(
            P1, Scenario.Org(), ["read"], new ConsentScope(RecordIds: [other.RecordId]), "treatment")));
    }

    [Fact]
    public async Task GrantConsent_AppendWithOnlyRecordIds_InvalidArgument()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();
        await _s.Fails(DomainErrorCodes.InvalidArgument, Patient(), (s, tx) => s.GrantConsentAsync(tx, new GrantConsentRequest(
            P1, Scenario.Org(), ["append"], new ConsentScope(RecordIds: [record.RecordId]), "treatment")));
    }

    [Fact]
    public async Task GrantConsent_ValidUntilBeforeValidFrom_InvalidArgument()
    {
        await _s.RegisterAsync();
        var from = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await _s.Fails(DomainErrorCodes.InvalidArgument, Patient(), (s, tx) => s.GrantConsentAsync(tx, new GrantConsentRequest(
            P1, Scenario.Org(), ["read"], new ConsentScope(["laboratory"]), "treatment", from, from.AddDays(-1))));
    }

    [Theory]
    [InlineData("organization", "Org2MSP", "Org2MSP")]
    [InlineData("identity", "x509::id", null)]
    [InlineData("role", "patient", null)]
    [InlineData("role", "auditor", null)]
    [InlineData("group", "x", null)]
    public async Task GrantConsent_MalformedGrantee_InvalidArgument(string type, string value, string? mspId)
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.InvalidArgument, Patient(), (s, tx) => s.GrantConsentAsync(tx, new GrantConsentRequest(
            P1, new Grantee(type, value, mspId), ["read"], new ConsentScope(["laboratory"]), "treatment")));
    }

    [Fact]
    public async Task RevokeConsent_Patient_RecordsWhenAndWho()
    {
        await _s.RegisterAsync();
        var consent = await _s.GrantAsync(Scenario.Org());

        var revoked = (await _s.Run(Patient(), (s, tx) => s.RevokeConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)))).Consent;

        Assert.Equal("revoked", revoked.Status);
        Assert.Equal(_s.Ledger.Last!.Timestamp, revoked.Revocation!.RevokedAt);
        Assert.Equal(Patient().Id, revoked.Revocation.RevokedBy.Id);
        Assert.Equal(consent.HistoryIndex + 1, revoked.Revocation.HistoryIndex);
    }

    [Fact]
    public async Task RevokeConsent_Twice_Conflict()
    {
        await _s.RegisterAsync();
        var consent = await _s.GrantAsync(Scenario.Org());
        await _s.Run(Patient(), (s, tx) => s.RevokeConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)));
        await _s.Fails(DomainErrorCodes.Conflict, Patient(), (s, tx) => s.RevokeConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)));
    }

    [Fact]
    public async Task RevokeConsent_ByGrantee_Forbidden()
    {
        await _s.RegisterAsync();
        var consent = await _s.GrantAsync(Scenario.Org());
        await _s.Fails(DomainErrorCodes.Forbidden, Provider(Org2), (s, tx) => s.RevokeConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)));
    }

    [Fact]
    public async Task RevokeConsent_Unknown_NotFound()
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.NotFound, Patient(), (s, tx) => s.RevokeConsentAsync(tx, new ConsentRequest(P1, "con-" + new string('1', 40))));
    }

    [Fact]
    public async Task GetConsent_ByRole_GranteeAndAuditorAllowedOtherOrgForbidden()
    {
        await _s.RegisterAsync();
        var consent = await _s.GrantAsync(Scenario.Org());
        var request = new ConsentRequest(P1, consent.ConsentId);

        var expected = HealthRecordsJson.Serialize(consent);
        Assert.Equal(expected, HealthRecordsJson.Serialize((await _s.Run(Provider(Org2), (s, tx) => s.GetConsentAsync(tx, request))).Consent));
        Assert.Equal(expected, HealthRecordsJson.Serialize((await _s.Run(Auditor(Org1), (s, tx) => s.GetConsentAsync(tx, request))).Consent));
        await _s.Fails(DomainErrorCodes.Forbidden, Provider(Org1), (s, tx) => s.GetConsentAsync(tx, request));
    }

    [Fact]
    public async Task ListConsents_Patient_PagesInConsentIdOrder()
    {
        await _s.RegisterAsync();
        var granted = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            granted.Add((await _s.GrantAsync(Scenario.Org())).ConsentId);
        }

        var first = await _s.Run(Patient(), (s, tx) => s.ListConsentsAsync(tx, new ListConsentsRequest(P1, 2)));
        var second = await _s.Run(Patient(), (s, tx) => s.ListConsentsAsync(tx, new ListConsentsRequest(P1, 2, first.Bookmark)));

        Assert.Equal((2, 1), (first.FetchedCount, second.FetchedCount));
        Assert.Equal(string.Empty, second.Bookmark);
        Assert.Equal(granted.Order(StringComparer.Ordinal), first.Consents.Concat(second.Consents).Select(c => c.ConsentId));
    }

    [Fact]
    public async Task ListConsents_Provider_Forbidden()
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.Forbidden, Provider(), (s, tx) => s.ListConsentsAsync(tx, new ListConsentsRequest(P1)));
    }
}
