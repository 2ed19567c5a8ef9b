using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Hyperledger.Fabric.Identity;
using TestSupport;

namespace Hyperledger.Fabric.Shim.Tests.Infrastructure;

/// <summary>A client identity made on the fly: P-256 key, certificate issued by a throwaway CA, Fabric CA attributes.</summary>
internal sealed class TestIdentity : IDisposable
{
    private TestIdentity(X509Identity identity, ECDsa key)
    {
        Identity = identity;
        Key = key;
    }

    public X509Identity Identity { get; }

    public ECDsa Key { get; }

    public static TestIdentity Create(string mspId, string commonName, IReadOnlyDictionary<string, string>? attributes = null)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=ca.{mspId.ToLowerInvariant()},O={mspId},C=US", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName},OU=client,O={mspId},C=US", key, HashAlgorithmName.SHA256);
        if (attributes is not null)
        {
            var json = JsonSerializer.Serialize(new { attrs = attributes });
            request.CertificateExtensions.Add(new X509Extension(CertificateAttributes.ExtensionOid, Encoding.UTF8.GetBytes(json), false));
        }

        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), serial);
        var certificate = X509CertificateLoader.LoadCertificate(issued.RawData);
        return new TestIdentity(new X509Identity(mspId, certificate), key);
    }

    /// <summary>A proposal signed by this identity, built by the shared <see cref="ProposalBuilder"/>.</summary>
    public BuiltProposal Propose(string chaincodeName, IEnumerable<string> args, ProposalBuildOptions? options = null) =>
        ProposalBuilder.Create(Identity.ToSerializedIdentity(), FakePeer.Channel, chaincodeName, args, (options ?? new ProposalBuildOptions()) with { Signer = Signers.FromPrivateKey(Key) });

    public void Dispose() => Key.Dispose();
}
