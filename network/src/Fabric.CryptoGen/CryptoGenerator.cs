using Fabric.CryptoGen.Internal;
using Hyperledger.Fabric.Identity;

namespace Fabric.CryptoGen;

/// <summary>
/// Generates crypto material in Fabric's cryptogen layout: per organisation a CA and a TLS CA, a
/// verifying MSP, and a local MSP plus TLS material for every node and user. Output is accepted
/// by Fabric peers and orderers, by Fabric's own tools, and by this repository's MSP loader.
/// </summary>
public static class CryptoGenerator
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>
    /// Generates material for every organisation in <paramref name="config"/> under
    /// <paramref name="outputDirectory"/>. Each organisation's folder is deleted and recreated, so
    /// the result holds exactly what the config describes; other folders are left alone.
    /// </summary>
    /// <param name="config">The crypto config.</param>
    /// <param name="outputDirectory">The root folder (created when missing).</param>
    /// <returns>The paths of everything written.</returns>
    public static CryptoMaterial Generate(CryptoConfig config, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        config.Validate();
        var root = Path.GetFullPath(outputDirectory);
        var plans = CryptoLayout.Plan(config, root);
        foreach (var plan in plans)
        {
            GenerateOrganization(plan);
        }

        return new CryptoMaterial(root, plans.Select(p => p.Material).ToList());
    }

    private static void GenerateOrganization(OrgPlan plan)
    {
        var org = plan.Material;
        if (Directory.Exists(org.Directory))
        {
            Directory.Delete(org.Directory, recursive: true);
        }

        var keyAlgorithm = plan.Spec.EffectiveKeyAlgorithm;
        using var signCa = CertificateAuthority.Create(new CertificateAuthorityOptions(plan.CaCommonName, org.Domain) { Subject = plan.Subject, KeyAlgorithm = keyAlgorithm });
        using var tlsCa = CertificateAuthority.Create(new CertificateAuthorityOptions("tls" + plan.CaCommonName, org.Domain) { Subject = plan.Subject });
        MaterialWriter.WriteText(org.CaCertificatePath, signCa.CertificatePem);
        MaterialWriter.WriteText(org.CaKeyPath, signCa.PrivateKeyPem, secret: true);
        MaterialWriter.WriteText(org.TlsCaCertificatePath, tlsCa.CertificatePem);
        MaterialWriter.WriteText(org.TlsCaKeyPath, tlsCa.PrivateKeyPem, secret: true);

        var caFile = plan.CaCommonName + "-cert.pem";
        var tlsCaFile = "tls" + plan.CaCommonName + "-cert.pem";

        // The organisation's verifying MSP.
        Directory.CreateDirectory(Path.Combine(org.MspDirectory, "admincerts"));
        MaterialWriter.WriteText(Path.Combine(org.MspDirectory, "cacerts", caFile), signCa.CertificatePem);
        MaterialWriter.WriteText(Path.Combine(org.MspDirectory, "tlscacerts", tlsCaFile), tlsCa.CertificatePem);
        if (org.NodeOUsEnabled)
        {
            MaterialWriter.WriteText(Path.Combine(org.MspDirectory, "config.yaml"), MaterialWriter.NodeOUsConfig("cacerts/" + caFile));
        }

        var nodeRole = org.IsOrdererOrg ? NodeOU.Orderer : NodeOU.Peer;
        foreach (var node in org.Nodes)
        {
            var local = new LocalMsp(node.CommonName, node.MspDirectory, node.SigningCertificatePath, node.PrivateKeyPath, node.TlsCaCertificatePath, node.TlsCertificatePath, node.TlsKeyPath);
            WriteLocalMsp(signCa, tlsCa, caFile, tlsCaFile, org.NodeOUsEnabled, local, nodeRole, node.SubjectAlternativeNames, new Dictionary<string, string>(), keyAlgorithm);
        }

        foreach (var user in org.Users)
        {
            var local = new LocalMsp(user.CommonName, user.MspDirectory, user.SigningCertificatePath, user.PrivateKeyPath, user.TlsCaCertificatePath, user.TlsCertificatePath, user.TlsKeyPath);
            WriteLocalMsp(signCa, tlsCa, caFile, tlsCaFile, org.NodeOUsEnabled, local, user.IsAdmin ? NodeOU.Admin : NodeOU.Client, [], user.Attributes, keyAlgorithm);
        }

        // Without NodeOUs, admins are listed explicitly: cryptogen copies Admin's certificate into
        // the organisation's and every node's admincerts.
        if (!org.NodeOUsEnabled)
        {
            var admin = org.Users.First(u => u.IsAdmin);
            var adminPem = File.ReadAllText(admin.SigningCertificatePath);
            foreach (var msp in org.Nodes.Select(n => n.MspDirectory).Prepend(org.MspDirectory))
            {
                var adminCerts = Path.Combine(msp, "admincerts");
                Directory.Delete(adminCerts, recursive: true);
                MaterialWriter.WriteText(Path.Combine(adminCerts, admin.CommonName + "-cert.pem"), adminPem);
            }
        }
    }

    private static void WriteLocalMsp(
        CertificateAuthority signCa,
        CertificateAuthority tlsCa,
        string caFile,
        string tlsCaFile,
        bool nodeOUs,
        LocalMsp msp,
        NodeOU role,
        IReadOnlyList<string> sans,
        IReadOnlyDictionary<string, string> attributes,
        KeyAlgorithm keyAlgorithm)
    {
        foreach (var folder in new[] { "admincerts", "cacerts", "tlscacerts", "keystore", "signcerts" })
        {
            Directory.CreateDirectory(Path.Combine(msp.MspDirectory, folder));
        }

        using (var signing = signCa.Issue(new LeafCertificateOptions(msp.CommonName)
        {
            OrganizationalUnits = nodeOUs ? [NodeOUSettings.DefaultIdentifier(role)] : [],
            Attributes = attributes,
            KeyAlgorithm = keyAlgorithm,
        }))
        {
            MaterialWriter.WriteText(msp.PrivateKeyPath, signing.PrivateKeyPem!, secret: true);
            MaterialWriter.WriteText(msp.SigningCertificatePath, signing.CertificatePem);
            if (!nodeOUs)
            {
                MaterialWriter.WriteText(Path.Combine(msp.MspDirectory, "admincerts", msp.CommonName + "-cert.pem"), signing.CertificatePem);
            }
        }

        MaterialWriter.WriteText(Path.Combine(msp.MspDirectory, "cacerts", caFile), signCa.CertificatePem);
        MaterialWriter.WriteText(Path.Combine(msp.MspDirectory, "tlscacerts", tlsCaFile), tlsCa.CertificatePem);
        if (nodeOUs)
        {
            MaterialWriter.WriteText(Path.Combine(msp.MspDirectory, "config.yaml"), MaterialWriter.NodeOUsConfig("cacerts/" + caFile));
        }

        using var tls = tlsCa.Issue(new LeafCertificateOptions(msp.CommonName)
        {
            SubjectAlternativeNames = sans,
            KeyUsage = System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.DigitalSignature
                | System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.KeyEncipherment,
            ExtendedKeyUsages = [ServerAuth, ClientAuth],
        });
        MaterialWriter.WriteText(msp.TlsCaCertificatePath, tlsCa.CertificatePem);
        MaterialWriter.WriteText(msp.TlsCertificatePath, tls.CertificatePem);
        MaterialWriter.WriteText(msp.TlsKeyPath, tls.PrivateKeyPem!, secret: true);
    }

    private sealed record LocalMsp(
        string CommonName,
        string MspDirectory,
        string SigningCertificatePath,
        string PrivateKeyPath,
        string TlsCaCertificatePath,
        string TlsCertificatePath,
        string TlsKeyPath);
}
