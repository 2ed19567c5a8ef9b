using System.Text.Json;
using HealthRecords.Chaincode.Tests.Infrastructure;
using HealthRecords.Domain;
using static HealthRecords.Chaincode.Tests.Infrastructure.TestIdentities;

namespace HealthRecords.Chaincode.Tests;

/// <summary>Each writing transaction carries one chaincode event with the expected name; queries carry none.</summary>
public sealed class EventTests
{
    public static TheoryData<string, string> EventCases => new()
    {
        { "AddRecord", "RecordAdded" },
        { "SupersedeRecord", "RecordAdded" },
        { "GrantConsent", "ConsentGranted" },
        { "RevokeConsent", "ConsentRevoked" },
        { "RequestAccess", "RecordAccessed" },
        { "EmergencyAccess", "EmergencyAccess" },
    };

    [Theory]
    [MemberData(nameof(EventCases))]
    public async Task Submit_WritingFunction_CommitsOneEventWithExpectedNameAndPayload(string function, string eventName)
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();
        var consentId = await scenario.GrantAsync(Requests.GrantToOrg(Org2));
        var eventsBefore = scenario.Chaincode.Ledger.Events.Count;
        var (caller, request) = function switch
        {
            "AddRecord" => (Provider(), Requests.Record(category: "imaging")),
            "SupersedeRecord" => (Provider(), Requests.Supersede(recordId)),
            "GrantConsent" => (Patient(), Requests.GrantToOrg(Org2, category: "imaging")),
            "RevokeConsent" => (Patient(), Requests.Consent(consentId)),
            "RequestAccess" => (Provider(Org2), Requests.ReadRecord(recordId)),
            _ => (Emergency(), Requests.Json(new { patientId = P1, reason = "Found unresponsive" })),
        };

        var outcome = await scenario.Chaincode.SubmitOkAsync(caller, function, request);

        var committed = scenario.Chaincode.Ledger.Events.Skip(eventsBefore).ToArray();
        var single = Assert.Single(committed);
        Assert.Equal(outcome.TxId, single.TxId);
        Assert.Equal(eventName, single.EventName);
        using var payload = JsonDocument.Parse(single.Payload);
        Assert.Equal(eventName, payload.RootElement.GetProperty("type").GetString());
        Assert.Equal(outcome.TxId, payload.RootElement.GetProperty("txId").GetString());
        Assert.Equal(P1, payload.RootElement.GetProperty("patientId").GetString());
        Assert.Equal(eventName == "EmergencyAccess", payload.RootElement.GetProperty("emergency").GetBoolean());
    }

    [Fact]
    public async Task Evaluate_EveryQueryFunction_SetsNoEventAndWritesNothing()
    {
        var (scenario, recordId) = await Scenario.WithRecordAsync();
        var consentId = await scenario.GrantAsync(Requests.GrantToOrg(Org2));
        var granted = await scenario.Chaincode.SubmitOkAsync(Provider(Org2), "RequestAccess", Requests.ReadRecord(recordId));
        var accessId = granted.Json.GetProperty("access").GetProperty("accessId").GetString();
        var queries = new (string Function, Hyperledger.Fabric.Identity.X509Identity Caller, string Request)[]
        {
            ("GetPatient", Patient(), Requests.Patient()),
            ("GetRecord", Patient(), Requests.GetRecord(recordId)),
            ("ListRecords", Patient(), Requests.Patient()),
            ("GetConsent", Patient(), Requests.Consent(consentId)),
            ("ListConsents", Patient(), Requests.Patient()),
            ("CheckAccess", Provider(Org2), Requests.Json(new { patientId = P1, action = "read", purpose = "treatment", category = "laboratory" })),
            ("ListAccessLog", Auditor(), Requests.Patient()),
            ("ReadAccessedRecords", Provider(Org2), Requests.Json(new { patientId = P1, accessId })),
            ("CountResearchRecords", Researcher(), "{}"),
            ("GetHistoryRoot", Auditor(), Requests.Patient()),
            ("GetHistoryEntry", Patient(), Requests.Json(new { patientId = P1, leafIndex = 0 })),
            ("GetHistoryConsistency", Auditor(), Requests.Json(new { patientId = P1, fromSize = 1 })),
        };
        Assert.Equal(
            new HealthRecordsDispatcher().Functions.Where(f => !f.IsSubmit).Select(f => f.Name).Order(StringComparer.Ordinal),
            queries.Select(q => q.Function).Order(StringComparer.Ordinal));

        foreach (var (function, caller, request) in queries)
        {
            var outcome = await scenario.Chaincode.EvaluateOkAsync(caller, function, request);
            Assert.Empty(outcome.Writes);
            Assert.Null(outcome.Event);
        }
    }
}
