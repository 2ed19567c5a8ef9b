using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fabric.DevNetwork.Hosting;
using HealthRecords.Cli.Internal;
using HealthRecords.Cli.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace HealthRecords.Cli.Tests;

/// <summary><c>hrec network status</c> checks each peer with a real Gateway call over TLS.</summary>
[Collection(CliCollection.Name)]
public sealed class NetworkStatusTests(CliNetworkFixture network)
{
    [Fact]
    public async Task Status_HealthyPeers_ReportsUpWithLedgerHeight()
    {
        var result = await network.RunAsync("--json", "network", "status");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var peers = Peers(result);
        Assert.Equal(2, peers.Count);
        Assert.All(peers, p => Assert.Equal("up", p.GetProperty("state").GetString()));
        // The config block, the chaincode definition and the fixture's two registrations at least.
        Assert.All(peers, p => Assert.True(p.GetProperty("height").GetUInt64() >= 2, p.ToString()));
    }

    [Fact]
    public async Task Status_AfterCommit_EveryPeersHeightGrows()
    {
        var before = Heights(await network.RunAsync("--json", "network", "status"));

        var grant = await network.RunAsync("--json", "consent", "grant", "-i", "bob", "--to-org", "Org2MSP", "-c", "procedure", "--days", "1");
        Assert.True(grant.ExitCode == ExitCodes.Success, grant.ToString());
        // Leave the network as it was found: the revoke is a second commit.
        var revoke = await network.RunAsync("consent", "revoke", grant.Json().GetProperty("consent").GetProperty("consentId").GetString()!, "-i", "bob");
        Assert.True(revoke.ExitCode == ExitCodes.Success, revoke.ToString());

        // The commit was confirmed by one peer; the other commits the same block a moment later.
        using var timeout = new CancellationTokenSource(TestTimeouts.Long);
        Dictionary<string, ulong> after;
        do
        {
            after = Heights(await network.RunAsync("--json", "network", "status"));
            if (before.All(b => after[b.Key] > b.Value))
            {
                break;
            }

            await Task.Delay(50, timeout.Token);
        }
        while (true);

        Assert.All(before, b => Assert.True(after[b.Key] > b.Value, $"{b.Key}: {b.Value} -> {after[b.Key]}"));
    }

    [Fact]
    public async Task Status_WrongTlsCa_ReportsTlsErrorPerPeer()
    {
        var profile = WriteProfileTrustingAnotherCa();

        var result = await Hrec.RunAsync("--json", "--profile", profile, "network", "status");

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.False(result.Json().GetProperty("up").GetBoolean());
        var peers = Peers(result);
        Assert.Equal(2, peers.Count);
        Assert.All(peers, p => Assert.Equal("tls-error", p.GetProperty("state").GetString()));
        Assert.All(peers, p => Assert.Contains("wrong TLS CA", p.GetProperty("error").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_NothingListening_ReportsUnreachable()
    {
        var result = await Hrec.RunAsync("--json", "--profile", network.WriteUnreachableProfile(), "network", "status");

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.All(Peers(result), p => Assert.Equal("unreachable", p.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Status_HealthyCheck_PeerLogsNoHandshakeFailure()
    {
        using var data = new TemporaryDirectory();
        var log = Path.Combine(data.Path, "kestrel.log");
        InProcessDevNetwork host;
        // Kestrel reports a failed TLS handshake at Debug level.
        using (var fileLog = new FileLoggerProvider(log, LogLevel.Debug))
        using (var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(fileLog)))
        {
            host = await InProcessDevNetwork.StartAsync(new InProcessDevNetworkOptions { DataDirectory = Path.Combine(data.Path, "network"), LoggerFactory = loggerFactory }).WaitAsync(TestTimeouts.Long);
            await using (host)
            {
                var status = await Hrec.RunAsync("--json", "--profile", host.ProfilePath, "network", "status");
                Assert.Equal(ExitCodes.Success, status.ExitCode);
                var afterStatus = HandshakeFailures(log);

                // The control: a bare TCP connection, what the old check did, makes the peer log one failed handshake.
                var peer = new Uri(host.Network.Peers[0].Url.Replace("grpcs://", "https://", StringComparison.Ordinal));
                using (var tcp = new TcpClient())
                {
                    await tcp.ConnectAsync(peer.Host, peer.Port).WaitAsync(TestTimeouts.Long);
                }

                using var timeout = new CancellationTokenSource(TestTimeouts.Long);
                while (HandshakeFailures(log) == afterStatus)
                {
                    await Task.Delay(50, timeout.Token);
                }

                Assert.Equal(0, afterStatus);
                Assert.Equal(1, HandshakeFailures(log));
            }
        }
    }

    private static int HandshakeFailures(string log)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Count(l => l.Contains("authenticate HTTPS connection", StringComparison.OrdinalIgnoreCase));
    }

    private static List<JsonElement> Peers(CliResult result) => result.Json().GetProperty("peers").EnumerateArray().ToList();

    private static Dictionary<string, ulong> Heights(CliResult result)
    {
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        return Peers(result).ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("height").GetUInt64());
    }

    /// <summary>A copy of the profile whose peers' tlsCACerts name a CA that did not issue their certificates.</summary>
    private string WriteProfileTrustingAnotherCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=tlsca.elsewhere.example.com", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var otherCa = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var profile = JsonNode.Parse(File.ReadAllText(network.ProfilePath))!;
        foreach (var peer in profile["peers"]!.AsObject())
        {
            peer.Value!["tlsCACerts"] = new JsonObject { ["pem"] = otherCa.ExportCertificatePem() };
        }

        var path = Path.Combine(Path.GetDirectoryName(network.ProfilePath)!, "wrong-tlsca-profile.json");
        File.WriteAllText(path, profile.ToJsonString());
        return path;
    }
}
