using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Fabric.CryptoGen;
using HealthRecords.Chaincode.Tests.Infrastructure;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace HealthRecords.Chaincode.Tests;

/// <summary>The chaincode process: configuration from the environment, logging, clean shutdown.</summary>
public sealed partial class ProgramTests
{
    [Fact]
    public async Task Main_MissingChaincodeId_ExitsWith2NamingTheVariable()
    {
        await using var process = ChaincodeProcess.Start(new Dictionary<string, string> { ["CHAINCODE_SERVER_ADDRESS"] = "127.0.0.1:0" });

        var exitCode = await process.WaitForExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains("CHAINCODE_ID", process.StandardError, StringComparison.Ordinal);
        Assert.Contains("usage:", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_MissingServerAddress_ExitsWith2NamingTheVariable()
    {
        await using var process = ChaincodeProcess.Start(new Dictionary<string, string> { ["CHAINCODE_ID"] = "healthrecords_1.0:abc" });

        var exitCode = await process.WaitForExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains("CHAINCODE_SERVER_ADDRESS", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_TlsCertificateWithoutKey_ExitsWith2()
    {
        await using var process = ChaincodeProcess.Start(new Dictionary<string, string>
        {
            ["CHAINCODE_ID"] = "healthrecords_1.0:abc",
            ["CHAINCODE_SERVER_ADDRESS"] = "127.0.0.1:0",
            ["CHAINCODE_TLS_CERT_FILE"] = "/nonexistent/cert.pem",
        });

        var exitCode = await process.WaitForExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains("CHAINCODE_TLS_KEY_FILE", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_UnknownLogLevel_ExitsWith2()
    {
        await using var process = ChaincodeProcess.Start(new Dictionary<string, string>
        {
            ["CHAINCODE_ID"] = "healthrecords_1.0:abc",
            ["CHAINCODE_SERVER_ADDRESS"] = "127.0.0.1:0",
            ["CORE_CHAINCODE_LOGGING_LEVEL"] = "chatty",
        });

        var exitCode = await process.WaitForExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains("CORE_CHAINCODE_LOGGING_LEVEL", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_ValidEnvironment_ListensOnLoopbackThenExitsCleanlyOnSigterm()
    {
        await using var process = ChaincodeProcess.Start(new Dictionary<string, string>
        {
            ["CHAINCODE_ID"] = "healthrecords_1.0:abc",
            ["CHAINCODE_SERVER_ADDRESS"] = "127.0.0.1:0",
        });

        var line = await process.WaitForLineAsync(l => ListeningPort().IsMatch(l), TestTimeouts.Long);
        var port = int.Parse(ListeningPort().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TestTimeouts.Short);
            Assert.True(client.Connected);
        }

        await process.TerminateAsync();
        var exitCode = await process.WaitForExitAsync();

        Assert.Contains("healthrecords_1.0:abc", line, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        Assert.Contains("stopped", process.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_ValidEnvironment_RegistersWithPackageIdAndServesTransactions()
    {
        await using var process = ChaincodeProcess.Start(new Dictionary<string, string>
        {
            ["CHAINCODE_ID"] = "healthrecords_1.0:feed",
            ["CHAINCODE_SERVER_ADDRESS"] = "127.0.0.1:0",
        });
        var line = await process.WaitForLineAsync(l => ListeningPort().IsMatch(l), TestTimeouts.Long);
        var port = ListeningPort().Match(line).Groups[1].Value;

        await using (var peer = await FakePeer.ConnectAsync($"http://127.0.0.1:{port}").WithTimeout(TestTimeouts.Short))
        {
            string[] args = ["RegisterPatient", Requests.Patient()];
            var (proposal, txId, _) = ChaincodeServerSocketTests.Create(TestIdentities.Patient(), DateTimeOffset.UnixEpoch, [9], args);
            var completed = await peer.RunAsync(txId, args, new ScriptedLedger(), proposal).WithTimeout();

            Assert.Equal("healthrecords_1.0:feed", ChaincodeID.Parser.ParseFrom(peer.Received[0].Payload).Name);
            Assert.Equal(200, Response.Parser.ParseFrom(completed.Payload).Status);
            Assert.NotEmpty(peer.Requests(txId, ChaincodeMessage.Types.Type.PutState));
        }

        await process.TerminateAsync();
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Fact]
    public async Task Main_TlsAndClientCaFiles_ListensWithMutualTls()
    {
        using var folder = new TemporaryDirectory();
        var authority = TestIdentities.Authority(TestIdentities.Org1);
        using (var tls = authority.Issue(new LeafCertificateOptions("healthrecords.org1.example.com")
        {
            SubjectAlternativeNames = ["127.0.0.1", "localhost"],
            KeyUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment,
            ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
        }))
        {
            await File.WriteAllTextAsync(Path.Combine(folder.Path, "server.crt"), tls.CertificatePem);
            await File.WriteAllTextAsync(Path.Combine(folder.Path, "server.key"), tls.PrivateKeyPem);
        }

        await File.WriteAllTextAsync(Path.Combine(folder.Path, "ca.crt"), authority.CertificatePem);
        await using var process = ChaincodeProcess.Start(new Dictionary<string, string>
        {
            ["CHAINCODE_ID"] = "healthrecords_1.0:abc",
            ["CHAINCODE_SERVER_ADDRESS"] = "127.0.0.1:0",
            ["CHAINCODE_TLS_CERT_FILE"] = Path.Combine(folder.Path, "server.crt"),
            ["CHAINCODE_TLS_KEY_FILE"] = Path.Combine(folder.Path, "server.key"),
            ["CHAINCODE_TLS_CLIENT_CA_CERT_FILE"] = Path.Combine(folder.Path, "ca.crt"),
        });

        var line = await process.WaitForLineAsync(l => ListeningPort().IsMatch(l), TestTimeouts.Long);
        await process.TerminateAsync();

        Assert.Contains("listening on https://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains("(TLS: True, mutual TLS: True)", line, StringComparison.Ordinal);
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [GeneratedRegex(@"healthrecords chaincode \S+ listening on https?://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningPort();
}
