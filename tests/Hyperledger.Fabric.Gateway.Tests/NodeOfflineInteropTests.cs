using System.Text;
using System.Text.Json;
using Hyperledger.Fabric.Gateway.Tests.Support;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// Offline-signing bytes exchanged with the official Node Fabric Gateway client (tests/interop/gateway/offline.js):
/// each side restores, signs and finishes the other's proposals on the dev network.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class NodeOfflineInteropTests(NetworkFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task NewSignedProposal_ProposalBuiltByOfficialNodeClient_HasSameDigestAndCommits()
    {
        var key = NetworkFixture.NewKey("node-built");
        var node = await RunNodeAsync("propose", "put", key, "from node");

        using var gateway = Gateway.Connect(fixture.Options() with { Signer = null });
        var unsigned = gateway.NewProposal(Convert.FromBase64String(node.GetProperty("bytes").GetString()!));
        Assert.Equal(node.GetProperty("txId").GetString(), unsigned.TransactionId);
        Assert.Equal(node.GetProperty("digest").GetString(), Convert.ToBase64String(unsigned.Digest.Span));

        var signed = gateway.NewSignedProposal(unsigned.Bytes, await fixture.Signer().SignAsync(unsigned.Digest));
        var transaction = await signed.EndorseAsync().WithTimeout();
        var restored = gateway.NewSignedTransaction(transaction.Bytes, await fixture.Signer().SignAsync(transaction.Digest));
        var submitted = await restored.SubmitAsync().WithTimeout();
        var status = await gateway.NewSignedCommit(submitted.Bytes, await fixture.Signer().SignAsync(submitted.Digest)).GetStatusAsync().WithTimeout();

        Assert.True(status.Successful);
        Assert.Equal("from node", Encoding.UTF8.GetString(transaction.Result.Span));
    }

    [Fact]
    public async Task ProposalBytes_SignedOfflineInDotNet_AreEndorsedAndSubmittedByOfficialNodeClient()
    {
        var key = NetworkFixture.NewKey("dotnet-built");
        using var gateway = Gateway.Connect(fixture.Options() with { Signer = null });
        var proposal = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).NewProposal("put", new ProposalOptions().WithArguments(key, "from dotnet"));
        var signature = await fixture.Signer().SignAsync(proposal.Digest);

        var node = await RunNodeAsync("submit-signed", Convert.ToBase64String(proposal.Bytes.Span), Convert.ToBase64String(signature));

        Assert.Equal(proposal.TransactionId, node.GetProperty("txId").GetString());
        Assert.Equal("from dotnet", node.GetProperty("result").GetString());
        Assert.Equal(0, node.GetProperty("code").GetInt32());
        using var reader = fixture.Connect();
        var status = await reader.GetNetwork(fixture.Channel).GetTransactionStatusAsync(proposal.TransactionId).WithTimeout();
        Assert.True(status.Successful);
        Assert.Equal((ulong)node.GetProperty("blockNumber").GetInt64(), status.BlockNumber);
    }

    private async Task<JsonElement> RunNodeAsync(params string[] arguments)
    {
        var peer = fixture.Org1Peer;
        var user = fixture.Network.Crypto.GetOrganization("Org1MSP").GetUser(NetworkFixture.DefaultUser);
        var config = Path.Combine(_directory.Path, "node.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["url"] = peer.Url,
            ["tlsCaPath"] = peer.TlsCaCertificatePath,
            ["hostOverride"] = peer.Name,
            ["mspId"] = "Org1MSP",
            ["certPath"] = user.SigningCertificatePath,
            ["keyPath"] = user.PrivateKeyPath,
            ["channel"] = fixture.Channel,
            ["chaincode"] = NetworkFixture.ChaincodeName,
        }));
        var output = await NodeInterop.RunAsync("gateway/offline.js", [config, .. arguments], TestTimeouts.Long);
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
