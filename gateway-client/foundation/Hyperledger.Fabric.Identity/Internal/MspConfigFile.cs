using System.Security.Cryptography.X509Certificates;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Hyperledger.Fabric.Identity.Internal;

/// <summary>Reads the NodeOUs section of an MSP's config.yaml (Fabric's msp.Configuration).</summary>
internal static class MspConfigFile
{
    public static NodeOUSettings Read(string mspDirectory, string path)
    {
        Document? document;
        try
        {
            var deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();
            document = deserializer.Deserialize<Document?>(File.ReadAllText(path));
        }
        catch (YamlException e)
        {
            throw new CryptoMaterialException(path, "config.yaml is not valid YAML: " + e.Message, e);
        }

        var nodeOUs = document?.NodeOUs;
        if (nodeOUs is null || !nodeOUs.Enable)
        {
            return NodeOUSettings.Disabled;
        }

        return new NodeOUSettings(
            true,
            ToIdentifier(mspDirectory, path, nodeOUs.ClientOUIdentifier),
            ToIdentifier(mspDirectory, path, nodeOUs.PeerOUIdentifier),
            ToIdentifier(mspDirectory, path, nodeOUs.AdminOUIdentifier),
            ToIdentifier(mspDirectory, path, nodeOUs.OrdererOUIdentifier));
    }

    private static NodeOUIdentifier? ToIdentifier(string mspDirectory, string configPath, OUIdentifier? value)
    {
        if (value is null || string.IsNullOrEmpty(value.OrganizationalUnitIdentifier))
        {
            return null;
        }

        X509Certificate2? certificate = null;
        if (!string.IsNullOrEmpty(value.Certificate))
        {
            var certificatePath = Path.Combine(mspDirectory, value.Certificate);
            if (!File.Exists(certificatePath))
            {
                throw new CryptoMaterialException(configPath, $"NodeOU '{value.OrganizationalUnitIdentifier}' names certificate '{value.Certificate}', which does not exist", null);
            }

            certificate = PemCertificates.First(PemCertificates.ReadFile(certificatePath));
        }

        return new NodeOUIdentifier(value.OrganizationalUnitIdentifier, certificate);
    }

    internal sealed class Document
    {
        [YamlMember(Alias = "NodeOUs")]
        public NodeOUsSection? NodeOUs { get; set; }
    }

    internal sealed class NodeOUsSection
    {
        [YamlMember(Alias = "Enable")]
        public bool Enable { get; set; }

        [YamlMember(Alias = "ClientOUIdentifier")]
        public OUIdentifier? ClientOUIdentifier { get; set; }

        [YamlMember(Alias = "PeerOUIdentifier")]
        public OUIdentifier? PeerOUIdentifier { get; set; }

        [YamlMember(Alias = "AdminOUIdentifier")]
        public OUIdentifier? AdminOUIdentifier { get; set; }

        [YamlMember(Alias = "OrdererOUIdentifier")]
        public OUIdentifier? OrdererOUIdentifier { get; set; }
    }

    internal sealed class OUIdentifier
    {
        [YamlMember(Alias = "Certificate")]
        public string? Certificate { get; set; }

        [YamlMember(Alias = "OrganizationalUnitIdentifier")]
        public string? OrganizationalUnitIdentifier { get; set; }
    }
}
