using TestSupport;

namespace HealthRecords.Cli.Tests.Infrastructure;

/// <summary>
/// One dev network with the chaincode server for the whole CLI test run, on ephemeral loopback ports,
/// with patients alice and bob registered. Commands run against its profile with <see cref="RunAsync"/>.
/// </summary>
public sealed class CliNetworkFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hrec-cli-tests-").FullName;
    private InProcessDevNetwork? _host;

    /// <summary>The profile the network wrote.</summary>
    public string ProfilePath => _host?.ProfilePath ?? throw new InvalidOperationException("the network is not started");

    /// <summary>The content-addressed store the CLI uses by default (cas/ beside the profile).</summary>
    public string StorePath => Path.Combine(Path.GetDirectoryName(ProfilePath)!, "cas");

    /// <summary>A scratch folder for test files.</summary>
    public string WorkDirectory => _directory;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _host = await InProcessDevNetwork.StartAsync(new InProcessDevNetworkOptions { DataDirectory = Path.Combine(_directory, "network") }).WaitAsync(TestTimeouts.Long);
        foreach (var patient in new[] { "alice", "bob" })
        {
            var result = await RunAsync("patient", "register", "-i", patient);
            if (result.ExitCode != ExitCodes.Success)
            {
                throw new InvalidOperationException($"registering {patient} failed: {result}");
            }
        }
    }

    /// <summary>Runs <c>hrec --profile &lt;this network&gt; args...</c>.</summary>
    public Task<CliResult> RunAsync(params string[] args) => Hrec.RunAsync(["--profile", ProfilePath, .. args]);

    /// <summary>The signing CA of an organisation of the network (to enrol keys the network did not generate); dispose it.</summary>
    public Fabric.CryptoGen.CertificateAuthority LoadCa(string mspId)
    {
        var org = (_host ?? throw new InvalidOperationException("the network is not started")).Network.Crypto.GetOrganization(mspId);
        return Fabric.CryptoGen.CertificateAuthority.Load(org.CaCertificatePath, org.CaKeyPath);
    }

    /// <summary>Writes a file with <paramref name="content"/> in the scratch folder and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>
    /// A copy of the profile (beside it, so its relative paths still resolve) whose peers point at a port
    /// nothing listens on: the network as seen when it is down.
    /// </summary>
    public string WriteUnreachableProfile()
    {
        var text = File.ReadAllText(ProfilePath);
        foreach (var url in System.Text.RegularExpressions.Regex.Matches(text, @"grpcs?://127\.0\.0\.1:\d+").Select(m => m.Value).Distinct())
        {
            text = text.Replace(url, url[..url.LastIndexOf(':')] + ":1", StringComparison.Ordinal);
        }

        var path = Path.Combine(Path.GetDirectoryName(ProfilePath)!, "unreachable-profile.json");
        File.WriteAllText(path, text);
        return path;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a file may still be open; the OS cleans temporary folders
        }
    }
}
