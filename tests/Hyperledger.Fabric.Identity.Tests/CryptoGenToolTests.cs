using System.Diagnostics;
using System.Text.Json;
using TestSupport;

namespace Hyperledger.Fabric.Identity.Tests;

public sealed class CryptoGenToolTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task GenerateThenProfile_DefaultConfig_WritesMaterialAndProfile()
    {
        var config = Path.Combine(RepositoryPaths.Root, "network", "crypto-config.yaml");
        var crypto = Path.Combine(_directory.Path, "crypto");
        var profile = Path.Combine(_directory.Path, "profile.json");

        var (generateCode, _, generateError) = await RunAsync("generate", "--config", config, "--output", crypto);
        var (profileCode, _, profileError) = await RunAsync(
            "profile", "--crypto", crypto, "--config", config, "--output", profile,
            "--peer-url", "peer0.org1.example.com=grpcs://localhost:7051",
            "--peer-url", "peer0.org2.example.com=grpcs://localhost:9051");

        Assert.True(generateCode == 0, generateError);
        Assert.True(profileCode == 0, profileError);
        Assert.True(File.Exists(Path.Combine(crypto, "peerOrganizations", "org1.example.com", "users", "alice@org1.example.com", "msp", "keystore", "priv_sk")));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(profile));
        Assert.Equal("grpcs://localhost:7051", document.RootElement.GetProperty("peers").GetProperty("peer0.org1.example.com").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Generate_MissingConfigOption_FailsWithMessage()
    {
        var (code, _, error) = await RunAsync("generate", "--output", _directory.Path);

        Assert.Equal(1, code);
        Assert.Contains("--config is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_InvalidConfig_FailsNamingFile()
    {
        var config = Path.Combine(_directory.Path, "bad.yaml");
        await File.WriteAllTextAsync(config, "PeerOrgs:\n  - Name: Org1\n");

        var (code, _, error) = await RunAsync("generate", "--config", config, "--output", _directory.Path);

        Assert.Equal(1, code);
        Assert.Contains(config, error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fabric-cryptogen.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.Long);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output.WithTimeout(), await error.WithTimeout());
    }
}
