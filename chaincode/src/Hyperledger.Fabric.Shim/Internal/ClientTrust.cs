using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>Checks a peer's client certificate against the configured CA roots only (not the machine store).</summary>
internal static partial class ClientTrust
{
    public static bool Verify(X509Certificate2? client, X509Chain? presented, X509Certificate2Collection roots, ILogger logger)
    {
        if (client is null)
        {
            Rejected(logger, "no certificate");
            return false;
        }

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

        if (chain.Build(client))
        {
            return true;
        }

        Rejected(logger, string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim())));
        return false;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Peer client certificate rejected: {Reason}")]
    private static partial void Rejected(ILogger logger, string reason);
}
