using Fabric.CryptoGen;
using TestSupport;

namespace Hyperledger.Fabric.Identity.Tests;

public sealed class CryptoConfigTests
{
    [Fact]
    public void Parse_CryptogenTemplateAndSpecs_ExpandsNamesAndSans()
    {
        var config = CryptoConfig.Parse("""
            PeerOrgs:
              - Name: Org3
                Domain: org3.example.com
                Specs:
                  - Hostname: foo
                    CommonName: foo27.org5.example.com
                    SANS: ["bar.{{.Domain}}", "{{.Hostname}}.alt.net", 172.16.10.31]
                Template:
                  Count: 2
                  Start: 5
            """);

        var org = CryptoMaterial.Describe(config, "/tmp/x").GetOrganization("Org3MSP");

        Assert.Equal(["foo27.org5.example.com", "peer5.org3.example.com", "peer6.org3.example.com"], org.Nodes.Select(n => n.CommonName).ToArray());
        Assert.Equal(["foo27.org5.example.com", "foo", "bar.org3.example.com", "foo.alt.net", "172.16.10.31"], org.Nodes[0].SubjectAlternativeNames.ToArray());
        Assert.Equal(["Admin"], org.Users.Select(u => u.Name).ToArray());
    }

    [Fact]
    public void Parse_UnknownKey_ThrowsWithLine()
    {
        var error = Assert.Throws<CryptoConfigException>(() => CryptoConfig.Parse("PeerOrgs:\n  - Name: Org1\n    Domian: org1.example.com\n"));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateUser_Throws()
    {
        var error = Assert.Throws<CryptoConfigException>(() => CryptoConfig.Parse("""
            PeerOrgs:
              - Name: Org1
                Domain: org1.example.com
                Users:
                  Count: 1
                  Named:
                    - Name: User1
            """));

        Assert.Contains("'User1' is defined twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingDomain_ErrorNamesFile()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "crypto-config.yaml");
        File.WriteAllText(path, "PeerOrgs:\n  - Name: Org1\n");

        var error = Assert.Throws<CryptoConfigException>(() => CryptoConfig.Load(path));

        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs a Domain", error.Message, StringComparison.Ordinal);
    }
}
