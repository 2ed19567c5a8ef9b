using Fabric.CryptoGen;
using Hyperledger.Fabric.Identity;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Ledger.Support;

/// <summary>
/// Crypto material for the ledger tests, generated once per test run from the repository's
/// network/crypto-config.yaml with Fabric.CryptoGen (two peer orgs and an orderer org).
/// </summary>
public sealed class NetworkMaterial : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public NetworkMaterial()
    {
        var config = CryptoConfig.Load(Path.Combine(RepositoryPaths.Root, "network", "crypto-config.yaml"));
        Material = CryptoGenerator.Generate(config, _directory.Path);
        Org1 = Material.Organizations.Single(o => o.MspId == "Org1MSP");
        Org2 = Material.Organizations.Single(o => o.MspId == "Org2MSP");
        var orderer = Material.Organizations.Single(o => o.IsOrdererOrg);
        Org1Client = Load(Org1.GetUser("User1").MspDirectory, Org1.MspId);
        Org2Client = Load(Org2.GetUser("User1").MspDirectory, Org2.MspId);
        Org1Peer = Load(Org1.Nodes[0].MspDirectory, Org1.MspId);
        Org2Peer = Load(Org2.Nodes[0].MspDirectory, Org2.MspId);
        Orderer = Load(orderer.Nodes[0].MspDirectory, orderer.MspId);
        Verifiers = [MspDirectory.Load(Org1.MspDirectory, Org1.MspId).CreateVerifier(), MspDirectory.Load(Org2.MspDirectory, Org2.MspId).CreateVerifier()];
    }

    public CryptoMaterial Material { get; }

    public OrganizationMaterial Org1 { get; }

    public OrganizationMaterial Org2 { get; }

    public SigningIdentity Org1Client { get; }

    public SigningIdentity Org2Client { get; }

    public SigningIdentity Org1Peer { get; }

    public SigningIdentity Org2Peer { get; }

    public SigningIdentity Orderer { get; }

    public IReadOnlyList<MspVerifier> Verifiers { get; }

    public void Dispose() => _directory.Dispose();

    private static SigningIdentity Load(string mspDirectory, string mspId)
    {
        var msp = MspDirectory.Load(mspDirectory, mspId);
        return new SigningIdentity(msp.Identity, msp.CreateSigner());
    }
}
