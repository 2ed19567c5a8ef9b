using System.Reflection;
using System.Text;
using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

public sealed class DispatcherTests
{
    [Fact]
    public void Functions_CoverEveryPublicServiceMethod()
    {
        var methods = typeof(HealthRecordsService).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name.Replace("Async", string.Empty, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        var functions = new HealthRecordsDispatcher().Functions.Select(f => f.Name).Order(StringComparer.Ordinal);

        Assert.Equal(methods, functions);
    }

    [Fact]
    public void Functions_QueriesAreNotSubmits()
    {
        var submits = new HealthRecordsDispatcher().Functions.Where(f => f.IsSubmit).Select(f => f.Name).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["AddPatientIdentity", "AddRecord", "DeactivatePatientIdentity", "EmergencyAccess", "GrantConsent",
             "RegisterPatient", "RequestAccess", "RevokeConsent", "RotatePatientIdentity", "SupersedeRecord"],
            submits);
    }

    [Fact]
    public async Task InvokeAsync_CamelCaseRequest_ReturnsCanonicalCamelCaseResponse()
    {
        var s = new Scenario();
        var dispatcher = new HealthRecordsDispatcher(s.Service);

        var bytes = await s.Ledger.RunAsync(Patient(), tx => dispatcher.InvokeAsync(tx, "RegisterPatient", """{ "patientId" : "pat-0001" }"""u8.ToArray()));
        var json = Encoding.UTF8.GetString(bytes);

        Assert.StartsWith("""{"patient":{"patientId":"pat-0001","registeredAt":"2026-01-01T08:00:00.000Z","registeredBy":{"mspId":"Org1MSP","id":""", json, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", json.Replace("CN=", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(json, Encoding.UTF8.GetString(HealthRecordsJson.Serialize(TestJson.Read<PatientResponse>(bytes))));
    }

    [Fact]
    public async Task InvokeAsync_OptionalFieldsOmitted_UsesDefaults()
    {
        var s = new Scenario();
        await s.RegisterAsync();
        var dispatcher = new HealthRecordsDispatcher(s.Service);

        var bytes = await s.Ledger.RunAsync(Patient(), tx => dispatcher.InvokeAsync(
            tx, "GrantConsent", """{"patientId":"pat-0001","grantee":{"type":"role","value":"provider"},"actions":["read"],"scope":{"categories":["imaging"]},"purpose":"treatment"}"""u8.ToArray()));
        var consent = TestJson.Read<ConsentResponse>(bytes).Consent;

        Assert.Null(consent.ValidUntil);
        Assert.Null(consent.Grantee.MspId);
        Assert.Empty(consent.Scope.RecordIds!);
    }
}
