using HealthRecords.Cli.Tests.Infrastructure;

namespace HealthRecords.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class PatientCommandTests(CliNetworkFixture network)
{
    [Fact]
    public async Task Show_RegisteredPatient_ListsSelfBinding()
    {
        var result = await network.RunAsync("--json", "patient", "show", "-i", "alice");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.Equal("pt-alice", json.GetProperty("patient").GetProperty("patientId").GetString());
        var binding = Assert.Single(json.GetProperty("identities").EnumerateArray());
        Assert.Equal("self", binding.GetProperty("relation").GetString());
        Assert.Equal("active", binding.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Show_HumanOutput_PrintsPatientAndBindingTable()
    {
        var result = await network.RunAsync("patient", "show", "-i", "alice");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("pt-alice", result.Output, StringComparison.Ordinal);
        Assert.Contains("self", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_AlreadyRegistered_ExitsConflict()
    {
        var result = await network.RunAsync("--json", "patient", "register", "-i", "alice");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Equal("CONFLICT", result.ErrorJson().GetProperty("code").GetString());
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Show_UnknownPatient_ExitsNotFound()
    {
        var result = await network.RunAsync("--json", "patient", "show", "-i", "auditor", "--patient", "pt-nobody");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Equal("NOT_FOUND", result.ErrorJson().GetProperty("code").GetString());
    }

    [Fact]
    public async Task Show_OtherPatientsIdentity_ExitsDenied()
    {
        var result = await network.RunAsync("--json", "patient", "show", "-i", "bob", "--patient", "pt-alice");

        Assert.Equal(ExitCodes.Denied, result.ExitCode);
        Assert.Equal("FORBIDDEN", result.ErrorJson().GetProperty("code").GetString());
    }

    [Fact]
    public async Task Show_UnknownIdentity_ExitsUsageAndListsKnownIdentities()
    {
        var result = await network.RunAsync("patient", "show", "-i", "mallory");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("no identity named 'mallory'", result.Error, StringComparison.Ordinal);
        Assert.Contains("alice", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_NoIdentity_ExitsUsage()
    {
        var result = await network.RunAsync("--json", "patient", "show", "--patient", "pt-alice");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("USAGE", result.ErrorJson().GetProperty("code").GetString());
    }

    [Fact]
    public async Task Register_IdentityWithoutPatientAttribute_ExitsUsage()
    {
        var result = await network.RunAsync("patient", "register", "-i", "hospital-doctor");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("not bound to a patient", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_NetworkDown_ExitsUnavailable()
    {
        var profile = network.WriteUnreachableProfile();

        var result = await Hrec.RunAsync("--json", "--profile", profile, "patient", "show", "-i", "alice");

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.Equal("UNAVAILABLE", result.ErrorJson().GetProperty("code").GetString());
    }

    [Fact]
    public async Task Show_MissingProfile_ExitsUnavailableWithHint()
    {
        var result = await Hrec.RunAsync("--profile", Path.Combine(network.WorkDirectory, "nowhere", "profile.json"), "patient", "show", "-i", "alice");

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.Contains("hrec network up", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateKey_UnknownNewIdentity_ExitsUsage()
    {
        var result = await network.RunAsync("patient", "rotate-key", "-i", "alice", "--new-identity", "nobody");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("nobody", result.Error, StringComparison.Ordinal);
    }
}
