using System.Text.Json.Nodes;
using Fabric.CryptoGen;
using Hyperledger.Fabric.Identity;
using HealthRecords.Cli.Tests.Infrastructure;
using TestSupport;

namespace HealthRecords.Cli.Tests;

/// <summary>hrec acting as a profile identity whose key is in a PKCS#11 token (SoftHSM2): the key never leaves it.</summary>
[Collection(CliCollection.Name)]
public sealed class HsmIdentityCommandTests(CliNetworkFixture network, SoftHsmTokenFixture hsm) : IClassFixture<SoftHsmTokenFixture>
{
    private const string PinVariable = "HREC_TEST_HSM_PIN";

    [Fact]
    public async Task PatientRegister_HsmIdentity_CommitsSignedInToken()
    {
        var profile = WriteProfile("hsm-patient", "pt-hsm", new JsonObject { ["pin"] = SoftHsmToken.Pin });

        var registered = await Hrec.RunAsync("--profile", profile, "--json", "patient", "register", "-i", "hsm-patient");
        Assert.True(registered.ExitCode == ExitCodes.Success, registered.ToString());
        var txId = registered.Json().GetProperty("patient").GetProperty("txId").GetString()!;
        var status = await Hrec.RunAsync("--profile", profile, "--json", "tx", "status", txId, "-i", "hsm-patient");
        var shown = await Hrec.RunAsync("--profile", profile, "--json", "patient", "show", "-i", "hsm-patient");

        Assert.True(status.ExitCode == ExitCodes.Success, status.ToString());
        Assert.True(status.Json().GetProperty("committed").GetBoolean());
        Assert.True(shown.ExitCode == ExitCodes.Success, shown.ToString());
        Assert.Equal("pt-hsm", shown.Json().GetProperty("patient").GetProperty("patientId").GetString());
        Assert.Equal((true, false), hsm.Token.KeyFlags);
    }

    [Fact]
    public async Task PatientShow_HsmIdentityWrongPinFromEnvironment_ExitsUsageWithTypedErrorInTime()
    {
        const string wrongPin = "00000000";
        var profile = WriteProfile("hsm-wrong-pin", "pt-hsm-pin", new JsonObject { ["pinEnv"] = PinVariable });
        Environment.SetEnvironmentVariable(PinVariable, wrongPin);
        try
        {
            var result = await Hrec.RunAsync(["--profile", profile, "--json", "patient", "show", "-i", "hsm-wrong-pin"], CancellationToken.None, TimeSpan.FromSeconds(20));

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Equal("HSM_PIN_INCORRECT", result.ErrorJson().GetProperty("code").GetString());
            Assert.Contains("the PIN is wrong", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(wrongPin, result.Error + result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PinVariable, null);
        }
    }

    [Fact]
    public async Task RecordGet_DecryptAsHsmIdentity_ExitsUsageBeforeReading()
    {
        var profile = WriteProfile("hsm-reader", "pt-hsm-reader", new JsonObject { ["pin"] = SoftHsmToken.Pin });

        var result = await Hrec.RunAsync("--profile", profile, "--json", "record", "get", "rec-none", "--decrypt", "-i", "hsm-reader");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("HSM_KEY_UNSUPPORTED", result.ErrorJson().GetProperty("code").GetString());
        Assert.Contains("cannot decrypt CMS content", result.Error, StringComparison.Ordinal);
    }

    /// <summary>A copy of the network's profile (beside it) with an identity signing with the token's key, enrolled by Org1's CA as a patient.</summary>
    private string WriteProfile(string name, string patientId, JsonObject pin)
    {
        using (var ca = network.LoadCa("Org1MSP"))
        using (var enrolled = ca.Issue(new LeafCertificateOptions($"{name}@org1.example.com")
        {
            OrganizationalUnits = [NodeOUSettings.DefaultIdentifier(NodeOU.Client)],
            Attributes = new Dictionary<string, string> { ["hrec.role"] = "patient", ["hrec.patient"] = patientId },
            PublicKey = hsm.Token.PublicKey,
        }))
        {
            network.WriteFile(name + "-cert.pem", enrolled.CertificatePem);
        }

        var hsmEntry = new JsonObject
        {
            ["library"] = SoftHsmToken.Library,
            ["tokenLabel"] = SoftHsmToken.TokenLabel,
            ["keyLabel"] = SoftHsmToken.KeyLabel,
            ["keyId"] = Convert.ToHexStringLower(SoftHsmToken.KeyId),
        };
        foreach (var (key, value) in pin)
        {
            hsmEntry[key] = value?.DeepClone();
        }

        var root = JsonNode.Parse(File.ReadAllText(network.ProfilePath))!.AsObject();
        root["x-hrec"]!["identities"]![name] = new JsonObject
        {
            ["mspid"] = "Org1MSP",
            ["certPath"] = Path.Combine(network.WorkDirectory, name + "-cert.pem"),
            ["hsm"] = hsmEntry,
        };
        var path = Path.Combine(Path.GetDirectoryName(network.ProfilePath)!, $"profile-{name}.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
