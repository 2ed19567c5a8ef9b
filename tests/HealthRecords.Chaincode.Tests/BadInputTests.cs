using HealthRecords.Chaincode.Tests.Infrastructure;
using static HealthRecords.Chaincode.Tests.Infrastructure.TestIdentities;

namespace HealthRecords.Chaincode.Tests;

/// <summary>Bad input gets a clear error response and writes nothing (the write set stays empty).</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("{\"patientId\":")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[\"patient-001\"]")]
    [InlineData("{\"patientId\":\"patient-001\",}")]
    public async Task RegisterPatient_MalformedJson_InvalidArgumentAndNoWrites(string json)
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.SubmitAsync(Patient(), "RegisterPatient", json);

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task AddRecord_MissingField_InvalidArgumentNamingTheField()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();
        var json = Requests.Json(new { patientId = P1, resourceType = "Observation", category = "laboratory", location = "https://fhir.org1.example.com/x", size = 1, mediaType = "application/fhir+json" });

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(), "AddRecord", json);

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
        Assert.Contains("contentHash", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRecord_UnknownField_InvalidArgument()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();
        var json = Requests.Record().TrimEnd('}') + ",\"diagnosis\":\"flu\"}";

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(), "AddRecord", json);

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
    }

    [Theory]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0800")]
    [InlineData("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")]
    public async Task AddRecord_WrongHash_InvalidArgumentNamingContentHash(string hash)
    {
        var (scenario, _) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(), "AddRecord", Requests.Record(hash: hash));

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
        Assert.Contains("contentHash", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmergencyAccess_OversizeReason_InvalidArgument()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();

        var outcome = await scenario.Chaincode.SubmitAsync(Emergency(), "EmergencyAccess", Requests.Json(new { patientId = P1, reason = new string('x', 501) }));

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
        Assert.Contains("reason", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRecord_OversizeLocation_InvalidArgument()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();
        var json = Requests.Record().Replace("https://fhir.org1.example.com/Observation/123", "https://fhir.org1.example.com/" + new string('a', 3000), StringComparison.Ordinal);

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(), "AddRecord", json);

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
        Assert.Contains("location", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterPatient_RequestOver64KiB_InvalidArgument()
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.SubmitAsync(Patient(), "RegisterPatient", Requests.Json(new { patientId = new string('p', 70_000) }));

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task AddRecord_UnknownPatient_NotFound404()
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.SubmitAsync(Provider(), "AddRecord", Requests.Record(patientId: "patient-999"));

        outcome.AssertRefused(404, "NOT_FOUND");
        Assert.Contains("patient-999", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAccess_UnknownRecord_NotFound404()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();
        var missing = "rec-" + new string('0', 40);

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(Org2), "RequestAccess", Requests.ReadRecord(missing));

        outcome.AssertRefused(404, "NOT_FOUND");
        Assert.Contains(missing, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterPatient_AlreadyRegistered_Conflict409()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync();

        var outcome = await scenario.Chaincode.SubmitAsync(Patient(), "RegisterPatient", Requests.Patient());

        outcome.AssertRefused(409, "CONFLICT");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task RegisterPatient_WrongArgumentCount_InvalidArgument400AndNoWrites(int count)
    {
        var chaincode = new ChaincodeHarness();
        var args = ChaincodeHarness.Args("RegisterPatient", [.. Enumerable.Repeat(Requests.Patient(), count)]);

        var outcome = await chaincode.RunAsync(args, ChaincodeHarness.Options(Patient()), commit: true);

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
        Assert.Contains($"expects 1 argument(s) but received {count}", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterPatient_RequestNotUtf8_InvalidArgument400AndNoWrites()
    {
        var chaincode = new ChaincodeHarness();
        byte[][] args = [.. ChaincodeHarness.Args("RegisterPatient"), [0x7b, 0xff, 0xfe, 0x7d]];

        var outcome = await chaincode.RunAsync(args, ChaincodeHarness.Options(Patient()), commit: true);

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
        Assert.Contains("UTF-8", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionName_NotUtf8_InvalidArgument400AndNoWrites()
    {
        var chaincode = new ChaincodeHarness();
        byte[][] args = [[0x52, 0xff, 0xfe], .. ChaincodeHarness.Args(Requests.Patient()).Take(1)];

        var outcome = await chaincode.RunAsync(args, ChaincodeHarness.Options(Patient()), commit: true);

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task UnknownContract_NotFound404ListingTheContracts()
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.SubmitAsync(Patient(), "billing:RegisterPatient", Requests.Patient());

        outcome.AssertRefused(404, "NOT_FOUND");
        Assert.Contains("'billing'", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("known contracts: healthrecords", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRecord_DuplicatePatientId_InvalidArgumentAndNothingAdded()
    {
        var scenario = new Scenario();
        await scenario.RegisterAsync(P1);
        await scenario.RegisterAsync(P2);
        var json = $"{{\"patientId\":\"{P1}\"," + Requests.Record(patientId: P2)[1..];
        Assert.Equal(2, json.Split("\"patientId\"").Length - 1);

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(), "AddRecord", json);

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
        Assert.Contains("patientId", outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"categories\":[\"laboratory\"]", "\"categories\":[\"laboratory\"],\"categories\":[\"imaging\"]")]
    [InlineData("\"value\":\"Org2MSP\"", "\"value\":\"Org2MSP\",\"value\":\"Org1MSP\"")]
    public async Task GrantConsent_DuplicateNestedProperty_InvalidArgument(string original, string duplicated)
    {
        var (scenario, _) = await Scenario.WithRecordAsync();
        var json = Requests.GrantToOrg(Org2);
        Assert.Contains(original, json, StringComparison.Ordinal);

        var outcome = await scenario.Chaincode.SubmitAsync(Patient(), "GrantConsent", json.Replace(original, duplicated, StringComparison.Ordinal));

        outcome.AssertRefused(400, "INVALID_ARGUMENT");
    }
}
