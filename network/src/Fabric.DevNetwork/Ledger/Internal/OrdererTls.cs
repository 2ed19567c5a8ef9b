using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// How the dev network's own clients of the orderer (a peer's Deliver, the gateway's Broadcast) trust its TLS
/// endpoint: the orderer's certificate must name the address dialled and chain to the orderer organisation's
/// TLS CA alone, not to the machine's trust store.
/// </summary>
internal static class OrdererTls
{
    /// <summary>Makes <paramref name="handler"/> accept only certificates <paramref name="root"/> issued; null leaves a plaintext or default-trust handler as it is.</summary>
    public static void TrustOnly(SocketsHttpHandler handler, X509Certificate2? root)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (root is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, root),
            };
        }
    }

    /// <summary>Whether <paramref name="certificate"/> names the address dialled and chains to <paramref name="root"/> alone.</summary>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 root)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
