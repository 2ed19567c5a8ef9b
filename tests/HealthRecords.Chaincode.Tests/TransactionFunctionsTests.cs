using System.Text.Json;
using HealthRecords.Chaincode.Tests.Infrastructure;
using static HealthRecords.Chaincode.Tests.Infrastructure.TestIdentities;

namespace HealthRecords.Chaincode.Tests;

/// <summary>Every transaction function once through the router, with JSON in and JSON out.</summary>
public sealed class TransactionFunctionsTests
{
    [Fact]
    public async Task RegisterPatient_PatientWithMatchingAttribute_BindsCallerIdentity()
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.SubmitOkAsync(Patient(), "RegisterPatient", Requests.Patient());

        var json = outcome.Json;
        Assert.Equal(P1, json.GetProperty("patient").GetProperty("patientId").GetString());
        var binding = Assert.Single(json.GetProperty("identities").EnumerateArray());
        Assert.Equal(Org1, binding.GetProperty("mspId").GetString());
        Assert.Equal(Patient().Id, binding.GetProperty("identityId").GetString());
        Assert.NotEmpty(outcome.Writes);
    }

    [Fact]
    public async Task GetPatient_Patient_ReturnsPatientWithoutWriting()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();

        var outcome = await scenario.Chaincode.EvaluateOkAsync(Patient(), "GetPatient", Requests.Patient());

        Assert.Equal(P1, outcome.Json.GetProperty("patient").GetProperty("patientId").GetString());
        Assert.Empty(outcome.Writes);
    }

    [Fact]
    public async Task AddPatientIdentity_Delegate_IsListedByGetPatient()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();
        var request = Requests.Json(new { patientId = P1, mspId = Org1, identityId = Delegate().Id, relation = "delegate" });

        var added = await scenario.Chaincode.SubmitOkAsync(Patient(), "AddPatientIdentity", request);
        var patient = await scenario.Chaincode.EvaluateOkAsync(Delegate(), "GetPatient", Requests.Patient());

        Assert.Equal("delegate", added.Json.GetProperty("binding").GetProperty("relation").GetString());
        Assert.Contains(patient.Json.GetProperty("identities").EnumerateArray(), b => b.GetProperty("identityId").GetString() == Delegate().Id);
    }

    [Fact]
    public async Task RotatePatientIdentity_OwnIdentity_NewIdentityActsForPatient()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();
        var rotated = Get(Org1, "patient-001-new@org1.example.com", "patient", P1);

        await scenario.Chaincode.SubmitOkAsync(Patient(), "RotatePatientIdentity", Requests.Json(new { patientId = P1, newMspId = Org1, newIdentityId = rotated.Id }));

        await scenario.Chaincode.EvaluateOkAsync(rotated, "GetPatient", Requests.Patient());
        (await scenario.Chaincode.EvaluateAsync(Patient(), "GetPatient", Requests.Patient())).AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task DeactivatePatientIdentity_Delegate_LosesAccess()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();
        await scenario.Chaincode.SubmitOkAsync(Patient(), "AddPatientIdentity", Requests.Json(new { patientId = P1, mspId = Org1, identityId = Delegate().Id, relation = "delegate" }));

        await scenario.Chaincode.SubmitOkAsync(Patient(), "DeactivatePatientIdentity", Requests.Json(new { patientId = P1, mspId = Org1, identityId = Delegate().Id }));

        (await scenario.Chaincode.EvaluateAsync(Delegate(), "GetPatient", Requests.Patient())).AssertRefused(403, "FORBIDDEN");
    }

    [Fact]
    public async Task AddRecord_Provider_StoresPointerWithCustodianAndTxTimestamp()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();
        var timestamp = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);
        var options = ChaincodeHarness.Options(Provider()) with { Timestamp = timestamp };

        var outcome = await scenario.Chaincode.RunAsync(ChaincodeHarness.Args("AddRecord", Requests.Record()), options, commit: true);

        var record = outcome.Json.GetProperty("record");
        Assert.Equal(Org1, record.GetProperty("custodian").GetString());
        Assert.Equal(Requests.Hash, record.GetProperty("contentHash").GetString());
        Assert.Equal(outcome.TxId, record.GetProperty("txId").GetString());
        Assert.Equal("2026-03-04T05:06:07.891Z", record.GetProperty("recordedAt").GetString());
        Assert.Equal(Provider().Id, record.GetProperty("author").GetProperty("id").GetString());
    }

    [Fact]
    public async Task SupersedeRecord_CustodianProvider_LinksVersions()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.SubmitOkAsync(Provider(), "SupersedeRecord", Requests.Supersede(recordId));

        var record = outcome.Json.GetProperty("record");
        Assert.Equal(recordId, record.GetProperty("supersedes").GetString());
        Assert.Equal(2, record.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task GetRecord_Patient_ReturnsPointerAndProof()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.EvaluateOkAsync(Patient(), "GetRecord", Requests.GetRecord(recordId));

        Assert.Equal(recordId, outcome.Json.GetProperty("record").GetProperty("recordId").GetString());
        Assert.Equal(JsonValueKind.Object, outcome.Json.GetProperty("proof").ValueKind);
    }

    [Fact]
    public async Task ListRecords_PatientWithPageSizeOne_PagesWithBookmark()
    {
        var (scenario, first) = await Scenario.WithRecordAsync();
        var second = await scenario.AddRecordAsync(category: "imaging");

        var page1 = await scenario.Chaincode.EvaluateOkAsync(Patient(), "ListRecords", Requests.Json(new { patientId = P1, pageSize = 1 }));
        var bookmark = page1.Json.GetProperty("bookmark").GetString();
        var page2 = await scenario.Chaincode.EvaluateOkAsync(Patient(), "ListRecords", Requests.Json(new { patientId = P1, pageSize = 1, bookmark }));

        var ids = page1.Json.GetProperty("records").EnumerateArray().Concat(page2.Json.GetProperty("records").EnumerateArray())
            .Select(r => r.GetProperty("recordId").GetString()).ToArray();
        Assert.False(string.IsNullOrEmpty(bookmark));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GrantConsent_Patient_ReturnsActiveConsent()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.SubmitOkAsync(Patient(), "GrantConsent", Requests.GrantToOrg(Org2));

        var consent = outcome.Json.GetProperty("consent");
        Assert.Equal("active", consent.GetProperty("status").GetString());
        Assert.Equal(Org2, consent.GetProperty("grantee").GetProperty("value").GetString());
    }

    [Fact]
    public async Task GetConsentAndListConsents_Patient_SeeGrantedConsent()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();
        var consentId = await scenario.GrantAsync(Requests.GrantToOrg(Org2));

        var one = await scenario.Chaincode.EvaluateOkAsync(Patient(), "GetConsent", Requests.Consent(consentId));
        var list = await scenario.Chaincode.EvaluateOkAsync(Auditor(), "ListConsents", Requests.Patient());

        Assert.Equal(consentId, one.Json.GetProperty("consent").GetProperty("consentId").GetString());
        Assert.Contains(list.Json.GetProperty("consents").EnumerateArray(), c => c.GetProperty("consentId").GetString() == consentId);
    }

    [Fact]
    public async Task RevokeConsent_Patient_MarksConsentRevoked()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();
        var consentId = await scenario.GrantAsync(Requests.GrantToOrg(Org2));

        var outcome = await scenario.Chaincode.SubmitOkAsync(Patient(), "RevokeConsent", Requests.Consent(consentId));

        Assert.Equal("revoked", outcome.Json.GetProperty("consent").GetProperty("status").GetString());
    }

    [Fact]
    public async Task CheckAccess_ConsentedOrg_AllowedUnderThatConsent()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();
        var consentId = await scenario.GrantAsync(Requests.GrantToOrg(Org2));

        var outcome = await scenario.Chaincode.EvaluateOkAsync(
            Provider(Org2), "CheckAccess", Requests.Json(new { patientId = P1, action = "read", purpose = "treatment", recordId }));

        Assert.True(outcome.Json.GetProperty("allowed").GetBoolean());
        Assert.Equal(consentId, outcome.Json.GetProperty("consentId").GetString());
        Assert.Empty(outcome.Writes);
    }

    [Fact]
    public async Task RequestAccessThenReadAccessedRecords_ConsentedOrg_LogsAccessThenReturnsPointer()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();
        var consentId = await scenario.GrantAsync(Requests.GrantToOrg(Org2));

        var granted = await scenario.Chaincode.SubmitOkAsync(Provider(Org2), "RequestAccess", Requests.ReadRecord(recordId));
        var accessId = granted.Json.GetProperty("access").GetProperty("accessId").GetString();
        var read = await scenario.Chaincode.EvaluateOkAsync(Provider(Org2), "ReadAccessedRecords", Requests.Json(new { patientId = P1, accessId }));
        var log = await scenario.Chaincode.EvaluateOkAsync(Patient(), "ListAccessLog", Requests.Patient());

        Assert.False(granted.Json.TryGetProperty("record", out _));
        Assert.DoesNotContain("location", granted.PayloadText, StringComparison.Ordinal);
        var record = Assert.Single(read.Json.GetProperty("records").EnumerateArray()).GetProperty("record");
        Assert.Equal(recordId, record.GetProperty("recordId").GetString());
        var entry = Assert.Single(log.Json.GetProperty("entries").EnumerateArray());
        Assert.Equal((consentId, accessId), (entry.GetProperty("consentId").GetString(), entry.GetProperty("accessId").GetString()));
        Assert.Equal(Org2, entry.GetProperty("accessor").GetProperty("mspId").GetString());
    }

    [Fact]
    public async Task RequestAccess_EvaluatedNotCommitted_NoPointerAndReadFindsNoEntry()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();
        await scenario.GrantAsync(Requests.GrantToOrg(Org2));

        var evaluated = await scenario.Chaincode.EvaluateOkAsync(Provider(Org2), "RequestAccess", Requests.ReadRecord(recordId));
        var accessId = evaluated.Json.GetProperty("access").GetProperty("accessId").GetString();
        var read = await scenario.Chaincode.EvaluateAsync(Provider(Org2), "ReadAccessedRecords", Requests.Json(new { patientId = P1, accessId }));

        Assert.DoesNotContain("location", evaluated.PayloadText, StringComparison.Ordinal);
        read.AssertRefused(404, "NOT_FOUND");
    }

    [Fact]
    public async Task EmergencyAccessThenReadAccessedRecords_EmergencyRole_FlaggedEntryThenRecords()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();

        var granted = await scenario.Chaincode.SubmitOkAsync(
            Emergency(Org2), "EmergencyAccess", Requests.Json(new { patientId = P1, reason = "Unconscious patient in the ED" }));
        var accessId = granted.Json.GetProperty("access").GetProperty("accessId").GetString();
        var read = await scenario.Chaincode.EvaluateOkAsync(Emergency(Org2), "ReadAccessedRecords", Requests.Json(new { patientId = P1, accessId }));

        Assert.False(granted.Json.TryGetProperty("records", out _));
        Assert.True(granted.Json.GetProperty("access").GetProperty("emergency").GetBoolean());
        Assert.Contains(read.Json.GetProperty("records").EnumerateArray(), r => r.GetProperty("record").GetProperty("recordId").GetString() == recordId);
    }

    [Fact]
    public async Task CountResearchRecords_Researcher_ReturnsCountsWithThreshold()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();
        await scenario.GrantAsync(Requests.GrantToRole("researcher", ["read"], "laboratory", "research"));

        var outcome = await scenario.Chaincode.EvaluateOkAsync(Researcher(), "CountResearchRecords", Requests.Json(new { categories = new[] { "laboratory" } }));

        Assert.Equal(5, outcome.Json.GetProperty("threshold").GetInt32());
        Assert.Equal("laboratory", Assert.Single(outcome.Json.GetProperty("counts").EnumerateArray()).GetProperty("category").GetString());
    }

    [Fact]
    public async Task HistoryFunctions_AfterTwoAppends_ProveEntryAndConsistency()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();
        var before = await scenario.Chaincode.EvaluateOkAsync(Auditor(), "GetHistoryRoot", Requests.Patient());
        await scenario.AddRecordAsync(category: "imaging");

        var root = await scenario.Chaincode.EvaluateOkAsync(Researcher(), "GetHistoryRoot", Requests.Patient());
        var entry = await scenario.Chaincode.EvaluateOkAsync(Patient(), "GetHistoryEntry", Requests.Json(new { patientId = P1, leafIndex = 0 }));
        var fromSize = before.Json.GetProperty("treeSize").GetInt64();
        var consistency = await scenario.Chaincode.EvaluateOkAsync(Auditor(), "GetHistoryConsistency", Requests.Json(new { patientId = P1, fromSize }));

        Assert.Equal(fromSize + 1, root.Json.GetProperty("treeSize").GetInt64());
        Assert.Equal(0, entry.Json.GetProperty("leafIndex").GetInt64());
        Assert.Equal(root.Json.GetProperty("rootHash").GetString(), entry.Json.GetProperty("rootHash").GetString());
        Assert.Equal(before.Json.GetProperty("rootHash").GetString(), consistency.Json.GetProperty("fromRoot").GetString());
        Assert.Equal(root.Json.GetProperty("rootHash").GetString(), consistency.Json.GetProperty("toRoot").GetString());
    }
}
