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
    public async Task ReadRecord_UnknownRecord_NotFound404()
    {
        var (scenario, _) = await Scenario.WithRecordAsync();
        var missing = "rec-" + new string('0', 40);

        var outcome = await scenario.Chaincode.SubmitAsync(Provider(Org2), "ReadRecord", Requests.ReadRecord(missing));

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

    [Fact]
    public async Task RegisterPatient_NoArgument_ErrorAndNoWrites()
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.RunAsync(ChaincodeHarness.Args("RegisterPatient"), ChaincodeHarness.Options(Patient()), commit: true);

        // The shim's router rejects a wrong argument count before the contract runs: 500, message naming the count.
        Assert.Equal(500, outcome.Status);
        Assert.Contains("expects 1 argument", outcome.Message, StringComparison.Ordinal);
        outcome.AssertNothingWritten();
    }

    [Fact]
    public async Task RegisterPatient_RequestNotUtf8_ErrorAndNoWrites()
    {
        var chaincode = new ChaincodeHarness();
        byte[][] args = [.. ChaincodeHarness.Args("RegisterPatient"), [0x7b, 0xff, 0xfe, 0x7d]];

        var outcome = await chaincode.RunAsync(args, ChaincodeHarness.Options(Patient()), commit: true);

        Assert.True(outcome.Status >= 400);
        Assert.Contains("UTF-8", outcome.Message, StringComparison.Ordinal);
        outcome.AssertNothingWritten();
    }
}
