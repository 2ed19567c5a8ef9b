using System.Text.Json;
using System.Text.RegularExpressions;
using TestNetwork.Tests.Infrastructure;

namespace TestNetwork.Tests;

/// <summary>
/// chaincode/ccaas: the files Fabric's ccaas builder reads from the package. Its build step accepts
/// metadata.json of type ccaas and decodes connection.json into address, dial_timeout,
/// tls_required, client_auth_required, root_cert, client_key and client_cert.
/// </summary>
public sealed partial class ChaincodePackageTests
{
    private static readonly string[] s_connectionFields =
        ["address", "dial_timeout", "tls_required", "client_auth_required", "root_cert", "client_key", "client_cert"];

    [Fact]
    public void Metadata_TypeAndLabel_AreWhatTheCcaasBuilderAndLifecycleAccept()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(TestNetworkPaths.MetadataJson));

        Assert.Equal("ccaas", metadata.RootElement.GetProperty("type").GetString());
        var label = metadata.RootElement.GetProperty("label").GetString()!;
        // Fabric's lifecycle label rule; deploy-chaincode rewrites the version suffix per release.
        Assert.Matches(PackageLabel(), label);
        Assert.StartsWith("healthrecords_", label, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_Fields_AreOnlyOnesTheBuilderReads()
    {
        using var connection = JsonDocument.Parse(File.ReadAllText(TestNetworkPaths.ConnectionJson));

        var names = connection.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("address", names);
        Assert.All(names, n => Assert.Contains(n, s_connectionFields));
    }

    [Fact]
    public void Connection_Address_IsTheChaincodeContainerAndTheServerPort()
    {
        using var connection = JsonDocument.Parse(File.ReadAllText(TestNetworkPaths.ConnectionJson));
        var chaincode = Assert.Single(ComposeFile.Load(TestNetworkPaths.ComposeChaincode).Services.Values);

        var (host, port) = SplitAddress(connection.RootElement.GetProperty("address").GetString()!);
        var (_, listenPort) = SplitAddress(chaincode.Env("CHAINCODE_SERVER_ADDRESS"));
        Assert.Equal(chaincode.ContainerName, host);
        Assert.Equal(chaincode.Hostname, host);
        Assert.Equal(listenPort, port);
        Assert.Contains(port, chaincode.ExposedPorts);
    }

    [Fact]
    public void Connection_DialTimeout_IsAGoDuration()
    {
        using var connection = JsonDocument.Parse(File.ReadAllText(TestNetworkPaths.ConnectionJson));

        Assert.Matches(GoDuration(), connection.RootElement.GetProperty("dial_timeout").GetString());
    }

    [Fact]
    public void Connection_TlsRequired_IsABooleanAndCarriesCertificatesWhenTrue()
    {
        using var connection = JsonDocument.Parse(File.ReadAllText(TestNetworkPaths.ConnectionJson));
        var root = connection.RootElement;

        var tls = root.GetProperty("tls_required");
        Assert.True(tls.ValueKind is JsonValueKind.True or JsonValueKind.False, "tls_required must be a JSON boolean, not a string");
        if (tls.GetBoolean())
        {
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", root.GetProperty("root_cert").GetString(), StringComparison.Ordinal);
        }
        else
        {
            // Plaintext on the compose network; nothing TLS-related is half-configured.
            Assert.False(root.TryGetProperty("client_auth_required", out _));
            Assert.False(root.TryGetProperty("root_cert", out _));
        }
    }

    [Fact]
    public void DeployScript_Label_FollowsTheChaincodeNameAndVersion()
    {
        var script = File.ReadAllText(Path.Combine(TestNetworkPaths.ScriptsDirectory, "tools", "deploy-chaincode.sh"));
        var env = File.ReadAllText(TestNetworkPaths.ToolsEnvScript);

        Assert.Contains("label=${CHAINCODE_NAME}_${version}", script, StringComparison.Ordinal);
        Assert.Contains("CHAINCODE_NAME=${CHAINCODE_NAME:-healthrecords}", env, StringComparison.Ordinal);
        Assert.Contains("CHANNEL_NAME=${CHANNEL_NAME:-healthchannel}", env, StringComparison.Ordinal);
    }

    private static (string Host, string Port) SplitAddress(string address)
    {
        var colon = address.LastIndexOf(':');
        Assert.True(colon > 0, $"'{address}' is not host:port");
        Assert.True(int.TryParse(address[(colon + 1)..], out _), $"'{address}' has no numeric port");
        return (address[..colon], address[(colon + 1)..]);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")]
    private static partial Regex PackageLabel();

    // Go's time.ParseDuration: one or more decimal numbers, each with a unit.
    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex GoDuration();
}
