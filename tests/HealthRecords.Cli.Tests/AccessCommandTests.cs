using HealthRecords.Cli.Tests.Infrastructure;

namespace HealthRecords.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class AccessCommandTests(CliNetworkFixture network)
{
    [Fact]
    public async Task Log_AfterConsentedRead_ShowsReaderAndConsent()
    {
        var recordId = await AddAsync("bob", "Org2MSP", "bob-lab.txt", "laboratory");
        var grant = await network.RunAsync("--json", "consent", "grant", "-i", "bob", "--to-org", "Org1MSP", "-c", "laboratory", "--days", "1");
        var consentId = grant.Json().GetProperty("consent").GetProperty("consentId").GetString();
        Assert.Equal(ExitCodes.Success, (await network.RunAsync("record", "get", recordId, "-i", "hospital-doctor")).ExitCode);

        var result = await network.RunAsync("--json", "access", "log", "-i", "bob");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var entry = result.Json().GetProperty("entries").EnumerateArray()
            .Single(e => e.GetProperty("recordIds").EnumerateArray().Any(r => r.GetString() == recordId));
        Assert.Equal("Org1MSP", entry.GetProperty("accessor").GetProperty("mspId").GetString());
        Assert.Equal("consent", entry.GetProperty("basis").GetString());
        Assert.Equal(consentId, entry.GetProperty("consentId").GetString());
        Assert.False(entry.GetProperty("emergency").GetBoolean());
    }

    [Fact]
    public async Task Log_Human_ShowsWhoWhichRecordAndPurposePerEntry()
    {
        var recordId = await AddAsync("bob", "Org1MSP", "bob-lab-human.txt", "laboratory");
        Assert.Equal(ExitCodes.Success, (await network.RunAsync("consent", "grant", "-i", "bob", "--to-org", "Org2MSP", "-c", "laboratory", "--days", "1")).ExitCode);
        Assert.Equal(ExitCodes.Success, (await network.RunAsync("record", "get", recordId, "-i", "clinic-doctor", "--purpose", "treatment")).ExitCode);

        var result = await network.RunAsync("access", "log", "-i", "bob");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var row = Assert.Single(result.Output.Split('\n'), line => line.Contains(recordId, StringComparison.Ordinal));
        Assert.Contains("clinic-doctor", row, StringComparison.Ordinal);
        Assert.Contains("Org2MSP", row, StringComparison.Ordinal);
        Assert.Contains("treatment", row, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z", row);
        Assert.DoesNotContain("BREAK-GLASS", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emergency_ErPhysician_IsFlaggedInPatientsLog()
    {
        await AddAsync("bob", "Org2MSP", "bob-allergy.txt", "allergy");

        var emergency = await network.RunAsync("--json", "access", "emergency", "-i", "er-physician", "--patient", "pt-bob", "-c", "allergy", "--reason", "anaphylaxis in the ER");
        var log = await network.RunAsync("access", "log", "-i", "bob");

        Assert.Equal(ExitCodes.Success, emergency.ExitCode);
        Assert.True(emergency.Json().GetProperty("access").GetProperty("emergency").GetBoolean());
        Assert.NotEmpty(emergency.Json().GetProperty("records").EnumerateArray());
        Assert.Equal(ExitCodes.Success, log.ExitCode);
        var row = Assert.Single(log.Output.Split('\n'), line => line.Contains("anaphylaxis in the ER", StringComparison.Ordinal));
        Assert.Contains("BREAK-GLASS", row, StringComparison.Ordinal);
        Assert.Contains("er-physician", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emergency_Provider_ExitsDenied()
    {
        var result = await network.RunAsync("--json", "access", "emergency", "-i", "clinic-doctor", "--patient", "pt-bob", "--reason", "curious");

        Assert.Equal(ExitCodes.Denied, result.ExitCode);
    }

    [Fact]
    public async Task Log_Auditor_IsAllowed()
    {
        var result = await network.RunAsync("--json", "access", "log", "-i", "auditor", "--patient", "pt-bob");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("pt-bob", result.Json().GetProperty("patientId").GetString());
    }

    [Fact]
    public async Task Log_Provider_ExitsDenied()
    {
        var result = await network.RunAsync("--json", "access", "log", "-i", "clinic-doctor", "--patient", "pt-bob");

        Assert.Equal(ExitCodes.Denied, result.ExitCode);
    }

    private async Task<string> AddAsync(string patient, string custodian, string name, string category)
    {
        var provider = custodian == "Org1MSP" ? "hospital-doctor" : "clinic-doctor";
        var file = network.WriteFile(name, $"{category} result of {patient}");
        var result = await network.RunAsync("--json", "record", "add", file, "-i", provider, "--patient", "pt-" + patient, "-c", category, "-t", "Observation");
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        return result.Json().GetProperty("record").GetProperty("recordId").GetString()!;
    }
}
