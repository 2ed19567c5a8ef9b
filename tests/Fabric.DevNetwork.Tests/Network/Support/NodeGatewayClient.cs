using System.Text.Json;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network.Support;

/// <summary>Runs tests/interop/devnet/client.js (the official Node Fabric Gateway client) as one identity against one peer.</summary>
public sealed class NodeGatewayClient : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public NodeGatewayClient(DevNetwork network, string user = "User1", string mspId = "Org1MSP", string chaincode = "devnetcc")
        : this(
            network.Peers.First(p => p.MspId == mspId),
            mspId,
            network.Crypto.GetOrganization(mspId).GetUser(user).SigningCertificatePath,
            network.Crypto.GetOrganization(mspId).GetUser(user).PrivateKeyPath,
            network.ChannelId,
            chaincode)
    {
    }

    public NodeGatewayClient(PeerInfo peer, string mspId, string certPath, string keyPath, string channel, string chaincode)
    {
        ConfigPath = Path.Combine(_directory.Path, "client.json");
        var config = new Dictionary<string, string?>
        {
            ["url"] = peer.Url,
            ["tlsCaPath"] = peer.UsesTls ? peer.TlsCaCertificatePath : null,
            ["hostOverride"] = peer.UsesTls ? peer.Name : null,
            ["mspId"] = mspId,
            ["certPath"] = certPath,
            ["keyPath"] = keyPath,
            ["channel"] = channel,
            ["chaincode"] = chaincode,
        };
        File.WriteAllText(ConfigPath, JsonSerializer.Serialize(config));
    }

    public string ConfigPath { get; }

    /// <summary>Runs a command and parses its one JSON output line.</summary>
    public async Task<JsonElement> RunAsync(params string[] arguments)
    {
        var output = await NodeInterop.RunAsync("devnet/client.js", [ConfigPath, .. arguments], TestTimeouts.Long);
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
    }

    /// <summary>Runs a command expected to fail and returns the error JSON the script prints on stderr.</summary>
    public async Task<JsonElement> RunFailingAsync(params string[] arguments)
    {
        await using var process = NodeProcess.Start("devnet/client.js", [ConfigPath, .. arguments]);
        process.Input.Close();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => process.WaitForSuccessAsync(TestTimeouts.Long));
        var line = process.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
        Assert.Contains("exited with 1", failure.Message, StringComparison.Ordinal);
        return JsonDocument.Parse(line).RootElement;
    }

    /// <summary>Starts a long-running command (events, load) whose lines the test reads as they come.</summary>
    public NodeProcess Start(params string[] arguments) => NodeProcess.Start("devnet/client.js", [ConfigPath, .. arguments]);

    public void Dispose() => _directory.Dispose();
}
