using System.Security.Cryptography.X509Certificates;

namespace Fabric.Grpc.Internal;

/// <summary>
/// Chain building against caller-supplied roots only (Fabric's organisation CAs, not the machine's
/// store), shared by the client (server certificates) and the server (client certificates) so both
/// sides trust the same way.
/// </summary>
internal static class CustomRootTrust
{
    /// <summary>Whether <paramref name="certificate"/> chains to one of <paramref name="roots"/>.</summary>
    /// <param name="certificate">The peer's certificate.</param>
    /// <param name="presented">The chain the TLS layer built, whose elements carry the intermediates the peer sent.</param>
    /// <param name="roots">The only trusted roots.</param>
    /// <param name="failure">Why the chain did not build; empty on success.</param>
    public static bool Verify(X509Certificate2 certificate, X509Chain? presented, X509Certificate2Collection roots, out string failure)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (chain.Build(certificate))
        {
            failure = string.Empty;
            return true;
        }

        failure = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
        return false;
    }
}
