using HealthRecords.Chaincode.Tests.Infrastructure;
using static HealthRecords.Chaincode.Tests.Infrastructure.TestIdentities;

namespace HealthRecords.Chaincode.Tests;

/// <summary>
/// Roles come from the certificate attributes, consent decides the rest: each role's main path and
/// the main denials end to end through JSON, each denial a 403 that writes nothing.
/// </summary>
public sealed class RoleAndConsentTests
{
    [Fact]
    public async Task RegisterPatient_PatientIdOtherThanCertificateAttribute_Forbidden()
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.SubmitAsync(Patient(P1), "RegisterPatient", Requests.Patient(P2));

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("researcher")]
    [InlineData("admin")]
    [InlineData("none")]
    public async Task RegisterPatient_NonPatientRole_Forbidden(string role)
    {
        var chaincode = new ChaincodeHarness();
        var caller = role == "none" ? NoAttributes() : Get(Org1, $"{role}-x@org1.example.com", role, P1);

        var outcome = await chaincode.SubmitAsync(caller, "RegisterPatient", Requests.Patient());

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task AddRecord_AdminRole_Forbidden()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();

        var outcome = await scenario.Chaincode.SubmitAsync(Admin(), "AddRecord", Requests.Record());

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task RequestAccess_OtherOrgWithoutConsent_NotFoundAsForAMissingId()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(Org2), "RequestAccess", Requests.ReadRecord(recordId));

        outcome.AssertRefused(404, "NOT_FOUND");
    }

    [Fact]
    public async Task RequestAccess_RevokedConsent_Forbidden()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();
        var consentId = await scenario.GrantAsync(Requests.GrantToOrg(Org2));
        await scenario.Chaincode.SubmitOkAsync(Patient(), "RevokeConsent", Requests.Consent(consentId));

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(Org2), "RequestAccess", Requests.ReadRecord(recordId));

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task RequestAccess_ExpiredConsent_Forbidden()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();
        var grantedAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var grant = ChaincodeHarness.Options(Patient()) with { Timestamp = grantedAt };
        var granted = await scenario.Chaincode.RunAsync(
            ChaincodeHarness.Args("GrantConsent", Requests.GrantUntil(Org2, grantedAt.AddDays(1))), grant, commit: true);
        Assert.True(granted.Committed, granted.Message);
        var later = ChaincodeHarness.Options(Provider(Org2)) with { Timestamp = grantedAt.AddDays(2) };

        var outcome = await scenario.Chaincode.RunAsync(ChaincodeHarness.Args("RequestAccess", Requests.ReadRecord(recordId)), later, commit: true);

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task RequestAccess_WrongPurpose_Forbidden()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();
        await scenario.GrantAsync(Requests.GrantToOrg(Org2, purpose: "treatment"));

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(Org2), "RequestAccess", Requests.ReadRecord(recordId, purpose: "payment"));

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task RequestAccess_WrongCategory_Forbidden()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();
        await scenario.GrantAsync(Requests.GrantToOrg(Org2, category: "imaging"));

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(Org2), "RequestAccess", Requests.ReadRecord(recordId));

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task AddRecord_DeviceBoundWithAppendConsent_Succeeds()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();
        await scenario.GrantAsync(Requests.GrantToRole("device", ["append"], "device-reading", "treatment"));

        var outcome = await scenario.Chaincode.SubmitOkAsync(Device(), "AddRecord", Requests.Record(category: "device-reading"));

        Assert.Equal("device", outcome.Json.GetProperty("record").GetProperty("author").GetProperty("role").GetString());
    }

    [Fact]
    public async Task AddRecord_DeviceBoundToOtherPatient_Forbidden()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();
        await scenario.GrantAsync(Requests.GrantToRole("device", ["append"], "device-reading", "treatment"));

        var outcome = await scenario.Chaincode.SubmitAsync(Device(P2), "AddRecord", Requests.Record(category: "device-reading"));

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task AddRecord_DeviceWithoutAppendConsent_Forbidden()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();

        var outcome = await scenario.Chaincode.SubmitAsync(Device(), "AddRecord", Requests.Record(category: "device-reading"));

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task EmergencyAccess_ProviderRole_Forbidden()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(Org2), "EmergencyAccess", Requests.Json(new { patientId = P1, reason = "Trying my luck" }));

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task CountResearchRecords_ProviderRole_Forbidden()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.EvaluateAsync(Provider(), "CountResearchRecords", "{}");

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task ListAccessLog_AuditorOfOtherOrg_Allowed()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.EvaluateOkAsync(Auditor(Org2), "ListAccessLog", Requests.Patient());

        Assert.Empty(outcome.Json.GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task ListAccessLog_Provider_Forbidden()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.EvaluateAsync(Provider(), "ListAccessLog", Requests.Patient());

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task GetRecord_Auditor_NotFoundAsForAMissingId()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.EvaluateAsync(Auditor(), "GetRecord", Requests.GetRecord(recordId));

        outcome.AssertRefused(404, "NOT_FOUND");
    }

    [Fact]
    public async Task GrantConsent_ProviderForPatient_Forbidden()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(), "GrantConsent", Requests.GrantToOrg(Org1));

        outcome.AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task GrantConsent_DelegateOfPatient_Succeeds()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();
        await scenario.Chaincode.SubmitOkAsync(Patient(), "AddPatientIdentity", Requests.Json(new { patientId = P1, mspId = Org1, identityId = Delegate().Id, relation = "delegate" }));

        var outcome = await scenario.Chaincode.SubmitOkAsync(Delegate(), "GrantConsent", Requests.GrantToOrg(Org2));

        Assert.Equal(Delegate().Id, outcome.Json.GetProperty("consent").GetProperty("grantedBy").GetProperty("id").GetString());
    }

    [Fact]
    public async Task SupersedeRecord_ProviderOfOtherOrg_NotFoundLikeAMissingId()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(Org2), "SupersedeRecord", Requests.Supersede(recordId));

        outcome.AssertRefused(404, "NOT_FOUND");
    }
}
