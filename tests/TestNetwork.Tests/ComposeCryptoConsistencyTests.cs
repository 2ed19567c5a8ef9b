using System.Security.Cryptography.X509Certificates;
using TestNetwork.Tests.Infrastructure;
using TestSupport;

namespace TestNetwork.Tests;

/// <summary>
/// The compose file against the crypto material the generator really writes: every mounted folder
/// and referenced file exists, MSP IDs match, TLS certificates name the container host names.
/// </summary>
[Collection(GeneratedCryptoCollection.Name)]
public sealed class ComposeCryptoConsistencyTests(GeneratedCryptoFixture crypto)
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    private static readonly string[] s_nodes = ["orderer.example.com", "peer0.org1.example.com", "peer0.org2.example.com"];

    private static ComposeFile TestNet => ComposeFile.Load(TestNetworkPaths.ComposeTestNet);

    [Fact]
    public void Volumes_OrganizationMounts_ExistInGeneratedMaterial()
    {
        var mounts = TestNet.Services.Values
            .SelectMany(s => s.Volumes)
            .Where(v => v.IsBind && v.Source.StartsWith(TestNetworkPaths.Organizations, StringComparison.Ordinal))
            .ToList();

        Assert.Equal(2 * s_nodes.Length, mounts.Count);
        Assert.All(mounts, m => Assert.True(Directory.Exists(crypto.Map(m.Source)), $"{m.Source} is not in the generated material"));
    }

    [Fact]
    public void Nodes_FilesNamedInEnvironment_ExistInTheirMountedFolders()
    {
        foreach (var name in s_nodes)
        {
            var service = TestNet.Services[name];
            var files = service.Environment.Values
                .SelectMany(v => v.Trim('[', ']').Split(','))
                .Where(v => v.EndsWith(".crt", StringComparison.Ordinal) || v.EndsWith(".key", StringComparison.Ordinal) || v.EndsWith("/msp", StringComparison.Ordinal))
                .ToList();
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                var hostPath = ToHostPath(service, file);
                Assert.True(File.Exists(hostPath) || Directory.Exists(hostPath), $"{name}: {file} maps to {hostPath}, which the generator does not write");
            }
        }
    }

    [Theory]
    [InlineData("orderer.example.com", "ORDERER_GENERAL_LOCALMSPID", "ORDERER_GENERAL_LOCALMSPDIR")]
    [InlineData("peer0.org1.example.com", "CORE_PEER_LOCALMSPID", "CORE_PEER_MSPCONFIGPATH")]
    [InlineData("peer0.org2.example.com", "CORE_PEER_LOCALMSPID", "CORE_PEER_MSPCONFIGPATH")]
    public void Node_LocalMspId_IsTheMspIdOfTheOrganisationThatIssuedItsCertificate(string name, string mspIdVariable, string mspDirVariable)
    {
        var service = TestNet.Services[name];
        var mspDirectory = ToHostPath(service, service.Env(mspDirVariable));
        var signingCertificate = LoadCertificate(Assert.Single(Directory.GetFiles(Path.Combine(mspDirectory, "signcerts"))));

        var organization = Assert.Single(crypto.Material.Organizations, o => Path.GetFullPath(mspDirectory).StartsWith(o.Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        using var ca = LoadCertificate(organization.CaCertificatePath);
        Assert.Equal(organization.MspId, service.Env(mspIdVariable));
        Assert.Equal(ca.SubjectName.Name, signingCertificate.IssuerName.Name);
        Assert.Contains($"CN={name}", signingCertificate.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orderer.example.com", "ORDERER_GENERAL_TLS_CERTIFICATE")]
    [InlineData("peer0.org1.example.com", "CORE_PEER_TLS_CERT_FILE")]
    [InlineData("peer0.org2.example.com", "CORE_PEER_TLS_CERT_FILE")]
    public void Node_TlsCertificate_NamesTheContainerHostAndLocalhost(string name, string certificateVariable)
    {
        var service = TestNet.Services[name];
        using var certificate = LoadCertificate(ToHostPath(service, service.Env(certificateVariable)));

        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
        // Other containers dial the host name; clients on the host dial localhost (or override the name).
        Assert.Contains(service.Hostname!, names);
        Assert.Contains("localhost", names);
    }

    [Fact]
    public void OrdererTlsCertificate_AllowsServerAndClientUse()
    {
        var orderer = TestNet.Services["orderer.example.com"];
        using var certificate = LoadCertificate(ToHostPath(orderer, orderer.Env("ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE")));

        // Raft consenters use the one key pair both to serve and to dial each other.
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToList();
        Assert.Contains(ServerAuth, usages);
        Assert.Contains(ClientAuth, usages);
    }

    [Fact]
    public void OsnadminClientCertificate_ChainsToTheCaTheAdminEndpointTrusts()
    {
        var orderer = TestNet.Services["orderer.example.com"];
        var trusted = orderer.Env("ORDERER_ADMIN_TLS_CLIENTROOTCAS").Trim('[', ']');
        using var root = LoadCertificate(ToHostPath(orderer, trusted));
        var admin = crypto.Material.GetOrganization("Orderer").GetUser("Admin");
        using var client = LoadCertificate(admin.TlsCertificatePath);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuth));

        Assert.True(chain.Build(client), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.EndsWith(Path.Combine("users", "Admin@example.com", "tls", "client.crt"), admin.TlsCertificatePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("peer0.org1.example.com")]
    [InlineData("peer0.org2.example.com")]
    public void PeerOrganisation_NodeOUs_AreOnSoPeerPrincipalsMatch(string name)
    {
        // configtx.yaml and the endorsement policy name 'OrgNMSP.peer', which needs NodeOUs.
        var peer = TestNet.Services[name];
        var organization = crypto.Material.PeerOrganizations.Single(o => o.MspId == peer.Env("CORE_PEER_LOCALMSPID"));
        var config = Yaml.LoadMapping(Path.Combine(organization.MspDirectory, "config.yaml"));
        using var signingCertificate = LoadCertificate(Assert.Single(Directory.GetFiles(Path.Combine(ToHostPath(peer, peer.Env("CORE_PEER_MSPCONFIGPATH")), "signcerts"))));

        Assert.Equal("true", config.Mapping("NodeOUs").Scalar("Enable"));
        Assert.Equal("peer", config.Mapping("NodeOUs").Mapping("PeerOUIdentifier").Scalar("OrganizationalUnitIdentifier"));
        Assert.Contains("OU=peer", signingCertificate.Subject, StringComparison.Ordinal);
    }

    /// <summary>Maps a path inside the container to the generated file it is mounted from.</summary>
    private string ToHostPath(ComposeService service, string containerPath)
    {
        var mount = service.Volumes
            .Where(v => v.IsBind && (containerPath == v.Target || containerPath.StartsWith(v.Target.TrimEnd('/') + "/", StringComparison.Ordinal)))
            .OrderByDescending(v => v.Target.Length)
            .FirstOrDefault();
        Assert.True(mount is not null, $"{service.Name}: nothing is mounted at {containerPath}");
        var rest = containerPath[mount.Target.TrimEnd('/').Length..].TrimStart('/');
        return Path.Combine(crypto.Map(mount.Source), rest);
    }

    private static X509Certificate2 LoadCertificate(string path) => X509Certificate2.CreateFromPem(File.ReadAllText(path));
}
