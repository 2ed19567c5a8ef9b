using HealthRecords.Cli.Tests.Infrastructure;

namespace HealthRecords.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class ConsentCommandTests(CliNetworkFixture network)
{
    [Fact]
    public async Task Grant_OrganizationForDays_ReturnsActiveConsent()
    {
        var result = await network.RunAsync("--json", "consent", "grant", "-i", "alice", "--to-org", "Org2MSP", "-c", "immunization", "--days", "30");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var consent = result.Json().GetProperty("consent");
        Assert.StartsWith("con-", consent.GetProperty("consentId").GetString(), StringComparison.Ordinal);
        Assert.Equal("organization", consent.GetProperty("grantee").GetProperty("type").GetString());
        Assert.Equal("active", consent.GetProperty("status").GetString());
        Assert.Equal("TREAT", consent.GetProperty("purposeCode").GetString());
        var until = consent.GetProperty("validUntil").GetDateTimeOffset();
        Assert.InRange(until, DateTimeOffset.UtcNow.AddDays(29), DateTimeOffset.UtcNow.AddDays(31));
    }

    [Fact]
    public async Task Check_GranteeAfterGrant_ExitsZeroAllowedByConsent()
    {
        var consentId = await GrantAsync("--to-org", "Org2MSP", "-c", "allergy");

        var result = await network.RunAsync("--json", "consent", "check", "-i", "clinic-doctor", "--patient", "pt-alice", "-c", "allergy");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var decision = result.Json();
        Assert.True(decision.GetProperty("allowed").GetBoolean());
        Assert.Equal("consent", decision.GetProperty("basis").GetString());
        Assert.Equal(consentId, decision.GetProperty("consentId").GetString());
    }

    [Fact]
    public async Task Check_AfterRevoke_ExitsDeniedWithReason()
    {
        var consentId = await GrantAsync("--to-role", "provider", "-c", "medication");
        var revoke = await network.RunAsync("--json", "consent", "revoke", consentId, "-i", "alice");
        Assert.Equal(ExitCodes.Success, revoke.ExitCode);
        Assert.Equal("revoked", revoke.Json().GetProperty("consent").GetProperty("status").GetString());

        var result = await network.RunAsync("--json", "consent", "check", "-i", "clinic-doctor", "--patient", "pt-alice", "-c", "medication");

        Assert.Equal(ExitCodes.Denied, result.ExitCode);
        Assert.False(result.Json().GetProperty("allowed").GetBoolean());
        Assert.Equal("consent-revoked", result.Json().GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Grant_UntilTimestamp_StoresItInUtc()
    {
        var until = DateTimeOffset.UtcNow.AddDays(10);
        var text = until.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

        var result = await network.RunAsync("--json", "consent", "grant", "-i", "alice", "--to-role", "emergency", "-c", "allergy", "--purpose", "emergency", "--until", text);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var stored = result.Json().GetProperty("consent").GetProperty("validUntil").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, stored.Offset);
        Assert.InRange((stored - until).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Revoke_Twice_ExitsConflict()
    {
        var consentId = await GrantAsync("--to-org", "Org2MSP", "-c", "procedure", "--purpose", "operations");
        Assert.Equal(ExitCodes.Success, (await network.RunAsync("consent", "revoke", consentId, "-i", "alice")).ExitCode);

        var result = await network.RunAsync("--json", "consent", "revoke", consentId, "-i", "alice");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
    }

    [Fact]
    public async Task Grant_ByProvider_ExitsDenied()
    {
        var result = await network.RunAsync("--json", "consent", "grant", "-i", "hospital-doctor", "--patient", "pt-alice", "--to-org", "Org1MSP", "-c", "laboratory");

        Assert.Equal(ExitCodes.Denied, result.ExitCode);
        Assert.Equal("FORBIDDEN", result.ErrorJson().GetProperty("code").GetString());
    }

    [Fact]
    public async Task Grant_TwoGrantees_ExitsUsage()
    {
        var result = await network.RunAsync("consent", "grant", "-i", "alice", "--to-org", "Org2MSP", "--to-role", "provider", "-c", "laboratory");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("exactly one grantee", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grant_ToProfileIdentity_NamesItsClientId()
    {
        var result = await network.RunAsync("--json", "consent", "grant", "-i", "alice", "--to-identity", "clinic-doctor", "-c", "imaging", "--days", "1");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var grantee = result.Json().GetProperty("consent").GetProperty("grantee");
        Assert.Equal("identity", grantee.GetProperty("type").GetString());
        Assert.Equal("Org2MSP", grantee.GetProperty("mspId").GetString());
        Assert.Contains("CN=clinic-doctor@org2.example.com", grantee.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Patient_IncludesGrantedConsent()
    {
        var consentId = await GrantAsync("--to-org", "Org2MSP", "-c", "clinical-note", "--purpose", "payment");

        var result = await network.RunAsync("--json", "consent", "list", "-i", "alice");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var ids = result.Json().GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("consentId").GetString()).ToList();
        Assert.Contains(consentId, ids);
    }

    [Fact]
    public async Task List_AsClinic_ExitsDenied()
    {
        var result = await network.RunAsync("consent", "list", "-i", "clinic-doctor", "--patient", "pt-alice");

        Assert.Equal(ExitCodes.Denied, result.ExitCode);
    }

    private async Task<string> GrantAsync(params string[] args)
    {
        var result = await network.RunAsync(["--json", "consent", "grant", "-i", "alice", .. args]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        return result.Json().GetProperty("consent").GetProperty("consentId").GetString()!;
    }
}
