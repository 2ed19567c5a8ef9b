using System.Security.Cryptography.X509Certificates;

namespace TestSupport;

/// <summary>TLS checks the test clients and servers share.</summary>
public static class TestTls
{
    /// <summary>Whether <paramref name="certificate"/> chains to one of <paramref name="roots"/> alone (not the machine store; no revocation check).</summary>
    public static bool ChainsTo(X509Certificate? certificate, params X509Certificate2[] roots)
    {
        if (certificate is null)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
