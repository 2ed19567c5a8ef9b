using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>TLS client settings for a Fabric peer: the organisation's CA roots only, the certificate name Fabric's profile names.</summary>
internal static partial class PeerTls
{
    public static SslClientAuthenticationOptions ClientOptions(
        string target, X509Certificate2Collection? roots, string? serverNameOverride, X509Certificate2? clientCertificate, ILogger logger)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            TargetHost = string.IsNullOrEmpty(serverNameOverride) ? null : serverNameOverride,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(certificate, chain, errors, roots, target, logger),
        };
        if (clientCertificate is not null)
        {
            ssl.ClientCertificates = [clientCertificate];

            // send our certificate even when the server names no acceptable issuers
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return ssl;
    }

    private static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection? roots, string target, ILogger logger)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            CertificateRejected(logger, target, "no certificate");
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            CertificateRejected(logger, target, "the certificate does not name the server (set ServerNameOverride?)");
            return false;
        }

        if (roots is null)
        {
            if (errors != SslPolicyErrors.None)
            {
                CertificateRejected(logger, target, errors.ToString());
            }

            return errors == SslPolicyErrors.None;
        }

        using var leaf = new X509Certificate2(certificate);
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

        if (chain.Build(leaf))
        {
            return true;
        }

        CertificateRejected(logger, target, "not issued by the configured roots: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim())));
        return false;
    }

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "TLS certificate of {Target} rejected: {Reason}")]
    private static partial void CertificateRejected(ILogger logger, string target, string reason);
}
