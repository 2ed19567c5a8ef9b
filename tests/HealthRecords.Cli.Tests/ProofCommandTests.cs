using HealthRecords.Cli.Tests.Infrastructure;

namespace HealthRecords.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class ProofCommandTests(CliNetworkFixture network)
{
    [Fact]
    public async Task Verify_HistoryEntry_ExitsZeroWithLeafType()
    {
        await EnsureHistoryAsync();

        var result = await network.RunAsync("--json", "proof", "verify", "-i", "alice", "--index", "0");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.True(json.GetProperty("verified").GetBoolean());
        Assert.Equal(0, json.GetProperty("leafIndex").GetInt64());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("leafType").GetString()));
    }

    [Fact]
    public async Task Verify_SavedProof_VerifiesOffline()
    {
        await EnsureHistoryAsync();
        var saved = await network.RunAsync("--json", "proof", "verify", "-i", "alice", "--index", "0");
        var file = network.WriteFile("proof.json", saved.Json().GetProperty("proof").GetRawText());

        var result = await Hrec.RunAsync("--json", "proof", "verify", "--file", file);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public async Task Verify_TamperedSavedProof_ExitsVerificationFailed()
    {
        await EnsureHistoryAsync();
        var saved = await network.RunAsync("--json", "proof", "verify", "-i", "alice", "--index", "0");
        var proof = saved.Json().GetProperty("proof");
        var root = proof.GetProperty("rootHash").GetString()!;
        var forged = proof.GetRawText().Replace(root, string.Concat(root[..^1], root[^1] == '0' ? "1" : "0"), StringComparison.Ordinal);
        var file = network.WriteFile("forged-proof.json", forged);

        var result = await Hrec.RunAsync("--json", "proof", "verify", "--file", file);

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.Equal("VERIFICATION_FAILED", result.ErrorJson().GetProperty("code").GetString());
    }

    [Fact]
    public async Task Consistency_FromEarlierRoot_ExitsZero()
    {
        await EnsureHistoryAsync();
        var earlier = (await network.RunAsync("--json", "proof", "root", "-i", "auditor", "--patient", "pt-alice")).Json();
        await EnsureHistoryAsync();

        var result = await network.RunAsync(
            "--json", "proof", "consistency", "-i", "auditor", "--patient", "pt-alice",
            "--from-size", earlier.GetProperty("treeSize").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--from-root", earlier.GetProperty("rootHash").GetString()!);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.True(json.GetProperty("consistent").GetBoolean());
        Assert.True(json.GetProperty("toSize").GetInt64() > json.GetProperty("fromSize").GetInt64());
    }

    [Fact]
    public async Task Consistency_WrongEarlierRoot_ExitsVerificationFailed()
    {
        await EnsureHistoryAsync();
        await EnsureHistoryAsync();

        var result = await network.RunAsync("--json", "proof", "consistency", "-i", "alice", "--from-size", "1", "--from-root", new string('a', 64));

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
    }

    [Fact]
    public async Task Verify_IndexBeyondHistory_ExitsNotFound()
    {
        var result = await network.RunAsync("--json", "proof", "verify", "-i", "alice", "--index", "100000");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Equal("NOT_FOUND", result.ErrorJson().GetProperty("code").GetString());
    }

    /// <summary>Appends one entry to alice's history (a consent grant) so it is never empty.</summary>
    private async Task EnsureHistoryAsync()
    {
        var result = await network.RunAsync("--json", "consent", "grant", "-i", "alice", "--to-org", "Org2MSP", "-c", "immunization", "--purpose", "payment", "--days", "1");
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        _ = result.Json().GetProperty("history").GetProperty("treeSize").GetInt64();
    }
}
