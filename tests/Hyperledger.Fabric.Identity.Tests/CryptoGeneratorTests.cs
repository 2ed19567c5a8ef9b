using System.Security.Cryptography.X509Certificates;
using Fabric.CryptoGen;
using TestSupport;

namespace Hyperledger.Fabric.Identity.Tests;

[Collection(GeneratedNetworkCollection.Name)]
public sealed class CryptoGeneratorTests(GeneratedNetworkFixture network) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Generate_SmallConfig_WritesExactlyCryptogensTree()
    {
        CryptoGenerator.Generate(CryptoConfig.Parse(ExpectedLayouts.SmallConfig), _directory.Path);

        Assert.Equal(ExpectedLayouts.SmallConfigTree, ListTree(_directory.Path));
    }

    [Fact]
    public void Generate_Twice_ReplacesOrganisationFolders()
    {
        var config = CryptoConfig.Parse(ExpectedLayouts.SmallConfig);
        CryptoGenerator.Generate(config, _directory.Path);
        var stray = Path.Combine(_directory.Path, "peerOrganizations", "org1.example.com", "users", "stale@org1.example.com");
        Directory.CreateDirectory(stray);

        CryptoGenerator.Generate(config, _directory.Path);

        Assert.Equal(ExpectedLayouts.SmallConfigTree, ListTree(_directory.Path));
    }

    [Fact]
    public void Generate_ConfigYaml_IsCryptogensNodeOUsConfig()
    {
        var org1 = network.Material.GetOrganization("Org1MSP");

        const string expected = """
            NodeOUs:
              Enable: true
              ClientOUIdentifier:
                Certificate: cacerts/ca.org1.example.com-cert.pem
                OrganizationalUnitIdentifier: client
              PeerOUIdentifier:
                Certificate: cacerts/ca.org1.example.com-cert.pem
                OrganizationalUnitIdentifier: peer
              AdminOUIdentifier:
                Certificate: cacerts/ca.org1.example.com-cert.pem
                OrganizationalUnitIdentifier: admin
              OrdererOUIdentifier:
                Certificate: cacerts/ca.org1.example.com-cert.pem
                OrganizationalUnitIdentifier: orderer

            """;
        Assert.Equal(expected, File.ReadAllText(Path.Combine(org1.MspDirectory, "config.yaml")));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(org1.Nodes[0].MspDirectory, "config.yaml")));
    }

    [Fact]
    public void Generate_CaCertificate_HasCryptogenSubjectAndCaExtensions()
    {
        var ca = Load(network.Material.GetOrganization("Org1MSP").CaCertificatePath);

        Assert.Equal("CN=ca.org1.example.com, O=org1.example.com, L=San Francisco, S=California, C=US", ca.Subject);
        Assert.Equal(ca.Subject, ca.Issuer);
        var basic = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(basic.CertificateAuthority);
        Assert.True(basic.Critical);
        var usage = ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
        Assert.True(usage.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.True(usage.HasFlag(X509KeyUsageFlags.CrlSign));
        Assert.Equal(32, ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.Length);
    }

    [Fact]
    public void Generate_UserCertificate_HasNodeOUAuthorityKeyIdAndSigningUsage()
    {
        var org1 = network.Material.GetOrganization("Org1MSP");
        var ca = Load(org1.CaCertificatePath);
        var user = Load(network.User("alice").SigningCertificatePath);

        Assert.Equal("CN=alice@org1.example.com, OU=client, L=San Francisco, S=California, C=US", user.Subject);
        Assert.Equal(ca.Subject, user.Issuer);
        var aki = user.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single();
        Assert.Equal(ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(), aki.KeyIdentifier!.Value.ToArray());
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, user.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.False(user.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public void Generate_PeerTlsCertificate_HasServerSansAndAuthUsages()
    {
        var peer = network.Material.GetOrganization("Org1MSP").Nodes[0];
        var tls = Load(peer.TlsCertificatePath);
        var tlsCa = Load(network.Material.GetOrganization("Org1MSP").TlsCaCertificatePath);

        var sans = tls.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["peer0.org1.example.com", "peer0", "localhost"], sans.EnumerateDnsNames().ToArray());
        Assert.Equal(["127.0.0.1", "::1"], sans.EnumerateIPAddresses().Select(ip => ip.ToString()).ToArray());
        var ekus = tls.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value!).ToArray();
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], ekus);
        Assert.Equal(tlsCa.Subject, tls.Issuer);
        Assert.Equal("CN=tlsca.org1.example.com, O=org1.example.com, L=San Francisco, S=California, C=US", tlsCa.Subject);
        Assert.Equal(File.ReadAllText(network.Material.GetOrganization("Org1MSP").TlsCaCertificatePath), File.ReadAllText(peer.TlsCaCertificatePath));
    }

    [Fact]
    public void Generate_PrivateKeys_ArePkcs8PemOwnerReadable()
    {
        var alice = network.User("alice");

        foreach (var key in new[] { alice.PrivateKeyPath, alice.TlsKeyPath, network.Material.GetOrganization("Org1MSP").CaKeyPath })
        {
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", File.ReadAllText(key), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            }
        }
    }

    [Fact]
    public void Generate_DefaultConfig_EveryLocalMspLoadsAndValidates()
    {
        foreach (var org in network.Material.Organizations)
        {
            var verifier = MspDirectory.Load(org.MspDirectory, org.MspId).CreateVerifier();
            var role = org.IsOrdererOrg ? NodeOU.Orderer : NodeOU.Peer;
            foreach (var (msp, ou) in org.Nodes.Select(n => (n.MspDirectory, role)).Concat(org.Users.Select(u => (u.MspDirectory, u.IsAdmin ? NodeOU.Admin : NodeOU.Client))))
            {
                var local = MspDirectory.Load(msp, org.MspId);
                var result = verifier.Validate(local.Identity, DateTimeOffset.UtcNow, ou);
                Assert.True(result.IsValid, $"{msp}: {result.Reason}");
                Assert.True(local.HasPrivateKey, msp);
            }
        }
    }

    [Fact]
    public void Generate_DefaultConfig_HasTheAgreedUsers()
    {
        Assert.Equal(
            ["Admin", "User1", "alice", "alice-watch", "hospital-doctor", "er-physician", "auditor"],
            network.Material.GetOrganization("Org1MSP").Users.Select(u => u.Name).ToArray());
        Assert.Equal(
            ["Admin", "User1", "clinic-doctor", "researcher", "bob"],
            network.Material.GetOrganization("Org2MSP").Users.Select(u => u.Name).ToArray());
        Assert.Equal(["orderer.example.com", "orderer2.example.com", "orderer3.example.com", "orderer4.example.com"], network.Material.GetOrganization("OrdererMSP").Nodes.Select(n => n.CommonName).ToArray());
    }

    [Fact]
    public void Generate_AllCertificates_AreSignedWithLowS()
    {
        var files = Directory.EnumerateFiles(network.Material.RootDirectory, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".pem", StringComparison.Ordinal) || f.EndsWith(".crt", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(107, files.Count);
        foreach (var file in files)
        {
            var sequence = new System.Formats.Asn1.AsnReader(Load(file).RawData, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
            sequence.ReadEncodedValue();
            sequence.ReadEncodedValue();
            var signature = sequence.ReadBitString(out _);
            Assert.True(EcdsaSignatures.IsLowS(signature, System.Security.Cryptography.ECCurve.NamedCurves.nistP256), file);
        }
    }

    private static X509Certificate2 Load(string path) => X509Identity.FromPemFile("any", path).Certificate;

    internal static string[] ListTree(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/') + (Directory.Exists(p) ? "/" : ""))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
